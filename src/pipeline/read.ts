// Reading and cleaning a set of inputs: readers → cleaner, with every problem reported once through `onDiagnostic`.
import { createHash } from 'node:crypto';
import type { Article, Diagnostic, RawArticle } from '../model.js';
import { readInputs } from '../ingest/index.js';
import { cleanArticles, OutletRegistry, type RecurringLines } from '../clean/index.js';
import { originOf, suffixedId } from '../store/identity.js';

export interface ReadAndCleanOptions {
  stdin?: NodeJS.ReadableStream;
  registry?: OutletRegistry;
  onDiagnostic?: (d: Diagnostic) => void;
  /** Called as inputs are read: how many documents so far. */
  onProgress?: (read: number) => void;
  /** A file the caller already has whole (src/service/ingest.ts, InputLedger) is not read when this says so. */
  skipFile?: (file: string) => Promise<boolean>;
}

export interface BatchLimits {
  /** A batch is cleaned once it holds this many documents… */
  articles?: number;
  /** …or this many bytes of text and markup (UTF-16 code units), whichever comes first. */
  chars?: number;
}

/**
 * What a stream is cut into when it is read batch by batch (`newsdesk ingest`): big enough for the corpus statistics
 * of the cleaner (an outlet's template lines recur across a few dozen of its pages), small enough that a million
 * articles, or a folder of 10 MB pages, never sit in memory together.
 */
export const STREAM_BATCH: Required<BatchLimits> = { articles: 5000, chars: 64 * 1024 * 1024 };

export interface CleanedBatch {
  articles: Article[];
  /** The problems found while this batch was read and cleaned (each was also given to `onDiagnostic`). */
  diagnostics: Diagnostic[];
  /** Files whose every article is in this batch or an earlier one: once this batch is queued, they are whole. */
  filesRead: string[];
}

/**
 * A fingerprint of a document's content, as a number: two documents that claim one id are told apart by it. 48 bits of
 * SHA-1 (a chance of about 1 in 10^14 that two different documents with one id are taken for the same one) kept as a
 * number, not a 40-character string, so that remembering a million ids costs tens of MB, not hundreds.
 */
function fingerprintOf(raw: RawArticle): number {
  return createHash('sha1').update(raw.text ?? raw.html ?? '').digest().readUIntBE(0, 6);
}

/**
 * Reads every input and cleans it batch by batch (see STREAM_BATCH), yielding each batch's articles as soon as it is
 * clean. Two different documents that claim one id (a/index.html and b/index.html) both survive: the later one gets a
 * suffix from its origin (its URL, else its input's real path and id: src/store/identity.ts) and a warning says so;
 * whether it is an article the store holds already is the store's to tell (resolveIdentities). The same document twice is one article. The outlets' template lines
 * learned from a batch are kept for the batches after it.
 */
export async function* readAndCleanBatches(paths: string[], options: ReadAndCleanOptions = {}, limits: BatchLimits = STREAM_BATCH): AsyncGenerator<CleanedBatch> {
  const maxArticles = limits.articles ?? Infinity;
  const maxChars = limits.chars ?? Infinity;
  let diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => {
    diagnostics.push(d);
    options.onDiagnostic?.(d);
  };
  let raws: RawArticle[] = [];
  let chars = 0;
  let read = 0;
  let learned: RecurringLines | undefined;
  const seen = new Map<string, number>(); // id → content fingerprint
  const origins = new Map<string, string>(); // id (as given to the cleaner) → origin, for this batch
  const clean = (): CleanedBatch => {
    const cleaned = cleanArticles(raws, { registry: options.registry, learnedBefore: learned });
    for (const a of cleaned.articles) a.origin = origins.get(a.id);
    origins.clear();
    learned = cleaned.recurring;
    for (const d of cleaned.diagnostics) report(d);
    const batch = { articles: cleaned.articles, diagnostics, filesRead };
    raws = [];
    chars = 0;
    diagnostics = [];
    filesRead = [];
    return batch;
  };
  let filesRead: string[] = [];
  const reading = { stdin: options.stdin, onDiagnostic: report, skipFile: options.skipFile, onFileRead: (f: string) => filesRead.push(f) };
  for await (const raw of readInputs(paths, reading)) {
    const fingerprint = fingerprintOf(raw);
    const origin = originOf(raw);
    const earlier = seen.get(raw.id);
    if (earlier === fingerprint) continue;
    if (earlier !== undefined) {
      // Named by its origin, so that it is named the same in any run and any order (src/store/identity.ts); a third
      // version from one origin (one id thrice in one file) by where it was read.
      let id = suffixedId(raw.id, origin);
      if (seen.has(id)) id = suffixedId(raw.id, raw.source);
      report({ source: raw.source, reason: `id "${raw.id}" is already used by another input; stored as "${id}"`, severity: 'warning' });
      raw.id = id;
    }
    seen.set(raw.id, fingerprint);
    origins.set(raw.id, origin);
    raws.push(raw);
    chars += (raw.text?.length ?? 0) + (raw.html?.length ?? 0);
    options.onProgress?.(++read);
    if (raws.length >= maxArticles || chars >= maxChars) yield clean();
  }
  if (raws.length || diagnostics.length || filesRead.length) yield clean();
}

/** Reads every input and cleans them as one batch (the corpus statistics see all of them): for work done in memory. */
export async function readAndClean(paths: string[], options: ReadAndCleanOptions = {}): Promise<{ articles: Article[]; diagnostics: Diagnostic[] }> {
  const articles: Article[] = [];
  const diagnostics: Diagnostic[] = [];
  for await (const batch of readAndCleanBatches(paths, options, {})) {
    for (const a of batch.articles) articles.push(a); // not push(...): a spread of a million arguments overflows the stack
    for (const d of batch.diagnostics) diagnostics.push(d);
  }
  return { articles, diagnostics };
}
