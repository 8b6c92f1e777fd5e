// The id an article is stored under. Every stored article must be reachable at /articles/<id> and /api/articles/<id>,
// so its id must fit in a URL, and a URL in the request line an HTTP server accepts (Node's default limit is 16 KiB
// for the request line and the headers together). An id percent-encodes to at most 9 characters per UTF-16 unit
// ("€" → %E2%82%AC), so 1,000 units stay under 9 KiB however they are spelt, with room for the headers and for the
// suffix the store adds to an id another article holds. Inputs may give any id (a feed's guid is often a long URL): a
// longer one is cut and ends with a hash of the whole id, so that it stays distinct from other ids cut the same way
// and is the same on every run.
import { createHash } from 'node:crypto';

export const MAX_ID_LENGTH = 1000;

/** A UTF-16 unit that is half of a surrogate pair without its other half (JSON can spell one: "\ud800"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The id as given when it can be put in a URL; else with each lone surrogate replaced by U+FFFD (which is what a store
 * writing UTF-8 keeps of it, and what can be percent-encoded), and, when longer than MAX_ID_LENGTH, cut to its
 * beginning and a hash of the whole.
 */
export function reachableId(id: string): string {
  const wellFormed = id.replace(LONE_SURROGATE, '\uFFFD');
  if (wellFormed.length <= MAX_ID_LENGTH) return wellFormed;
  const hash = createHash('sha256').update(wellFormed).digest('hex').slice(0, 16);
  let head = wellFormed.slice(0, MAX_ID_LENGTH - hash.length - 1);
  // The cut must not split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}~${hash}`;
}
