// Reader for JSON Lines (.jsonl/.ndjson files and stdin): one article per line.
//
// Why these rules:
//  - Exports from scrapers and archives are often gigabytes, so the input is streamed and split on '\n' by hand
//    (not readline): a line longer than the article limit is measured but never held in memory, and the lines after
//    it are still read.
//  - One bad line must not cost the others: invalid JSON, a value that is not an object, a record without text or
//    html, or an oversized line is reported as `path:LINE` and the next line is read. Blank lines are ignored.
//  - Lines are UTF-8 (the JSON Lines convention). A line that is not valid UTF-8 is still read, with U+FFFD in place
//    of the bad bytes, and a warning says so: guessing a legacy encoding per line would be unreliable, and the rest
//    of the record is usually fine. A UTF-8 BOM on the first line is dropped; a UTF-16 file is refused.
//  - An input whose first 64 KB are binary data (a gzip or ZIP archive named .jsonl, random bytes) is refused whole,
//    with one diagnostic naming what it is: its "lines" would each be invalid JSON, hundreds of messages saying less.
//  - Known fields are checked and coerced where the intent is clear (a numeric id or date becomes a string, a single
//    author becomes a list, `{name}` objects give their name); a field of the wrong type is dropped with one warning
//    for the line. Unknown fields are kept, as given, in `extra`.
import type { RawArticle } from '../model.js';
import { binaryStreamReason, STREAM_SAMPLE_BYTES } from './decode.js';
import { CallbackError, ioReason, tooLargeReason, type Emit } from './util.js';

type Chunk = Buffer | Uint8Array | string;

function asBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** The input is binary data, not lines of text (see binaryStreamReason). */
class BinaryInput extends Error {}

/** The chunks, unchanged, once their first bytes are known not to be binary data; otherwise throws BinaryInput. */
async function* textChunks(chunks: AsyncIterable<Chunk>): AsyncGenerator<Buffer> {
  let head: Buffer[] | null = [];
  let headBytes = 0;
  const release = (): Buffer => {
    const sample = Buffer.concat(head!, headBytes);
    head = null;
    const binary = binaryStreamReason(sample);
    if (binary) throw new BinaryInput(binary);
    return sample;
  };
  for await (const chunk of chunks) {
    const buf = asBuffer(chunk);
    if (head === null) {
      yield buf;
      continue;
    }
    head.push(buf);
    headBytes += buf.length;
    if (headBytes >= STREAM_SAMPLE_BYTES) yield release();
  }
  if (head !== null && headBytes > 0) yield release();
}

/** A line; `unterminated` when it is the input's last and no newline ends it (a file may simply end so, or be cut short). */
type Line = { no: number; bytes: Buffer; unterminated?: true } | { no: number; tooLarge: number };

/** Splits a byte stream into lines; a line over `maxBytes` is reported by size only and its bytes are dropped. */
export async function* splitLines(chunks: AsyncIterable<Chunk>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let len = 0;
  let over = false;
  let no = 0;
  for await (const chunk of chunks) {
    const buf = asBuffer(chunk);
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      const end = nl === -1 ? buf.length : nl;
      len += end - start;
      if (!over) {
        if (len > maxBytes) {
          over = true;
          parts = [];
        } else if (end > start) {
          parts.push(buf.subarray(start, end));
        }
      }
      if (nl === -1) break;
      no++;
      yield over ? { no, tooLarge: len } : { no, bytes: Buffer.concat(parts, len) };
      parts = [];
      len = 0;
      over = false;
      start = nl + 1;
    }
  }
  if (len > 0) {
    no++;
    yield over ? { no, tooLarge: len } : { no, bytes: Buffer.concat(parts, len), unterminated: true };
  }
}

const KNOWN_FIELDS = new Set(['id', 'url', 'title', 'text', 'html', 'published', 'outlet', 'author', 'authors']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/** A string field: strings as given, finite numbers as their decimal form; anything else is a problem. */
function stringField(rec: Record<string, unknown>, key: string, problems: string[]): string | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  problems.push(`${key} ignored (expected a string, got ${describe(v)})`);
  return undefined;
}

function authorNames(rec: Record<string, unknown>, key: string, problems: string[]): string[] {
  const v = rec[key];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  const names: string[] = [];
  let bad = 0;
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.trim()) names.push(item.trim());
    } else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
      const name = ((item as { name: string }).name).trim();
      if (name) names.push(name);
    } else if (item !== null) {
      bad++;
    }
  }
  if (bad) {
    const what = Array.isArray(v) ? `${bad} value${bad > 1 ? 's' : ''} of ${key}` : key;
    problems.push(`${what} ignored (expected names as strings)`);
  }
  return names;
}

type Built = { article: RawArticle; warnings: string[] } | { skip: string };

/** Maps one parsed record to an article, or says why it cannot be one. */
export function recordToArticle(value: unknown, source: string, defaultId: string): Built {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { skip: `not a JSON object (got ${describe(value)})` };
  }
  const rec = value as Record<string, unknown>;
  const problems: string[] = [];

  // Body: text and/or html; at least one must be a non-empty string.
  const body: { text?: string; html?: string } = {};
  const wrongType: string[] = [];
  const empty: string[] = [];
  for (const key of ['text', 'html'] as const) {
    const v = rec[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') wrongType.push(`${key} is not a string (got ${describe(v)})`);
    else if (v.trim() === '') empty.push(key);
    else body[key] = v;
  }
  if (body.text === undefined && body.html === undefined) {
    if (wrongType.length) return { skip: wrongType.join('; ') };
    if (empty.length) return { skip: `${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty` };
    return { skip: 'no text or html field' };
  }
  // The other body field was unusable, but this one is fine: keep the article, say what was dropped.
  problems.push(...wrongType.map((p) => p.replace(/^(\w+) is not a string \(got (.*)\)$/, '$1 ignored (expected a string, got $2)')));

  let id = defaultId;
  const rawId = rec.id;
  if (typeof rawId === 'string' && rawId.trim() !== '') id = rawId.trim();
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  // A string of only spaces is the right type with nothing in it: say so, not that a string was expected.
  else if (typeof rawId === 'string' && rawId !== '') problems.push(`id ignored (it is blank); using ${defaultId}`);
  else if (rawId !== undefined && rawId !== null && rawId !== '') {
    problems.push(`id ignored (expected a string or number, got ${describe(rawId)}); using ${defaultId}`);
  }

  const article: RawArticle = { id, source, format: 'jsonl' };
  const url = stringField(rec, 'url', problems);
  const title = stringField(rec, 'title', problems);
  if (url !== undefined) article.url = url.trim();
  if (title !== undefined) article.title = title;
  if (body.text !== undefined) article.text = body.text;
  if (body.html !== undefined) article.html = body.html;
  const published = stringField(rec, 'published', problems);
  const outlet = stringField(rec, 'outlet', problems);
  if (published !== undefined) article.published = published;
  if (outlet !== undefined) article.outlet = outlet;
  const authors = [...new Set([...authorNames(rec, 'author', problems), ...authorNames(rec, 'authors', problems)])];
  if (authors.length) article.authors = authors;

  // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
  const extra = Object.fromEntries(Object.entries(rec).filter(([k]) => !KNOWN_FIELDS.has(k)));
  if (Object.keys(extra).length) article.extra = extra;
  return { article, warnings: problems };
}

function jsonError(err: unknown): string {
  let msg = err instanceof Error ? err.message : String(err);
  if (msg.length > 200) msg = `${msg.slice(0, 200)}…`;
  return `invalid JSON (${msg})`;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

export interface JsonlNames {
  /** Prefix of each line's source: the file path, or `stdin`. */
  source: string;
  /** Prefix of generated ids: the file's base name, or `stdin`. */
  idPrefix: string;
}

/** Reads JSONL from a stream of chunks. Never throws: a read error ends the input with one diagnostic. */
export async function* readJsonl(
  chunks: AsyncIterable<Chunk>,
  names: JsonlNames,
  maxLineBytes: number,
  emit: Emit,
): AsyncGenerator<RawArticle> {
  let lastLine = 0;
  try {
    for await (const line of splitLines(textChunks(chunks), maxLineBytes)) {
      lastLine = line.no;
      const source = `${names.source}:${line.no}`;
      if ('tooLarge' in line) {
        emit({ source, reason: tooLargeReason('line', line.tooLarge, maxLineBytes), severity: 'skipped' });
        continue;
      }
      let bytes = line.bytes;
      if (line.no === 1) {
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
          emit({
            source: names.source,
            reason: 'JSONL must be UTF-8 (the input starts with a UTF-16 byte-order mark)',
            severity: 'skipped',
          });
          return;
        }
      }
      if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
      let text: string;
      const warnings: string[] = [];
      try {
        text = utf8Strict.decode(bytes);
      } catch {
        text = utf8Lenient.decode(bytes);
        warnings.push('not valid UTF-8; undecodable bytes were replaced with U+FFFD');
      }
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        // A last line that breaks off is a file cut short (or truncated while it was read), not a writer's typo.
        const reason = line.unterminated ? `${jsonError(err)}; the input ends in the middle of this line (cut short, or changed while it was read)` : jsonError(err);
        emit({ source, reason, severity: 'skipped' });
        continue;
      }
      const built = recordToArticle(value, source, `${names.idPrefix}-${line.no}`);
      if ('skip' in built) {
        emit({ source, reason: built.skip, severity: 'skipped' });
        continue;
      }
      warnings.push(...built.warnings);
      if (warnings.length) emit({ source, reason: warnings.join('; '), severity: 'warning' });
      yield built.article;
    }
  } catch (err) {
    if (err instanceof CallbackError) throw err;
    if (err instanceof BinaryInput) {
      emit({ source: names.source, reason: err.message, severity: 'skipped' });
      return;
    }
    const reason = ioReason(err);
    emit({
      source: names.source,
      reason: lastLine > 0 ? `${reason} (stopped after line ${lastLine})` : reason,
      severity: 'skipped',
    });
  }
}
