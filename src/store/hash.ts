import { createHash } from 'node:crypto';
import type { Article } from '../model.js';

/** What identifies an article's content: what cleaning made of it — not where it was read from (source, origin), nor
 * what the analysis added (sentences, mentions, dates and duplicates change with the event an article falls in). */
export function contentHash(a: Article): string {
  const { source: _source, origin: _origin, sentences: _s, mentions: _m, dates: _d, duplicateOf: _dup, ...content } = a;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** A batch's key: the hash of its articles' ids and content, so that the same batch queued twice is one job. */
export function batchKey(articles: Article[]): string {
  const h = createHash('sha256');
  for (const a of articles) h.update(a.id).update('\0').update(contentHash(a)).update('\n');
  return h.digest('hex');
}
