// Reading and cleaning a set of inputs: readers → cleaner, with every problem reported once through `onDiagnostic`.
import { createHash } from 'node:crypto';
import type { Article, Diagnostic, RawArticle } from '../model.js';
import { readInputs } from '../ingest/index.js';
import { cleanArticles, OutletRegistry } from '../clean/index.js';

export interface ReadAndCleanOptions {
  stdin?: NodeJS.ReadableStream;
  registry?: OutletRegistry;
  onDiagnostic?: (d: Diagnostic) => void;
  /** Called as inputs are read: how many documents so far. */
  onProgress?: (read: number) => void;
}

/**
 * Reads every input and cleans the batch. Two different documents that claim one id (a/index.html and b/index.html)
 * both survive: the later one gets a suffix from its source and a warning says so. The same document twice is one article.
 */
export async function readAndClean(paths: string[], options: ReadAndCleanOptions = {}): Promise<{ articles: Article[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => {
    diagnostics.push(d);
    options.onDiagnostic?.(d);
  };
  const raws: RawArticle[] = [];
  const seen = new Map<string, string>(); // id → content fingerprint
  for await (const raw of readInputs(paths, { stdin: options.stdin, onDiagnostic: report })) {
    const fingerprint = createHash('sha1').update(raw.text ?? raw.html ?? '').digest('hex');
    const earlier = seen.get(raw.id);
    if (earlier === fingerprint) continue;
    if (earlier !== undefined) {
      const id = `${raw.id}~${createHash('sha1').update(raw.source).digest('hex').slice(0, 6)}`;
      report({ source: raw.source, reason: `id "${raw.id}" is already used by another input; stored as "${id}"`, severity: 'warning' });
      raw.id = id;
    }
    seen.set(raw.id, fingerprint);
    raws.push(raw);
    options.onProgress?.(raws.length);
  }
  const cleaned = cleanArticles(raws, { registry: options.registry });
  for (const d of cleaned.diagnostics) report(d);
  return { articles: cleaned.articles, diagnostics };
}
