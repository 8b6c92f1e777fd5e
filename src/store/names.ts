// Finding a name by a spelling the store has never seen ("Dehgan" for Dehghan): trigram similarity as PostgreSQL's
// pg_trgm computes it — lowercased words (runs of letters and digits), each padded with two spaces before and one
// after, cut into the set of their three-character pieces; similarity = shared pieces / all pieces. The PostgreSQL
// store asks pg_trgm (a GIN trigram index); the SQLite store finds candidates through an FTS5 trigram index and
// scores them here, so that both find the same names.

/** Below this, two spellings are not taken for one name: 0.5 keeps "Dehgan"/"Dehghan" (0.50) and "Mubarak"/"Moubarak"
 * (0.55) and leaves "Jackson"/"Johnson" (0.23) and "Iran"/"Iraq" (0.43) apart. Transliterations that differ in more
 * letters ("Dehqan"/"Dehghan", 0.36) are found only when the events have stored them, as the resolver merges them. */
export const FUZZY_SIMILARITY = 0.5;

export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Words (runs of letters and digits) in a text. */
function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Whether a stored spelling may stand for a searched one: similar enough, and as many words — so that a query of two
 * names ("Palmyra Shamkhani") is not taken for the one it shares a word with ("Shamkhani"). */
export function similarName(stored: string, searched: string): boolean {
  return wordCount(stored) === wordCount(searched) && trigramSimilarity(stored, searched) >= FUZZY_SIMILARITY;
}

/** Whether a query looks like a name worth a fuzzy lookup: capitalised, at least four letters, not all capitals (an
 * acronym is matched exactly or not at all). */
export function nameLike(text: string): boolean {
  const t = text.trim();
  return /^\p{Lu}/u.test(t) && (t.match(/\p{L}/gu)?.length ?? 0) >= 4 && t !== t.toUpperCase();
}
