// Finding a name by a spelling the store has never seen ("Dehgan" for Dehghan): trigram similarity as PostgreSQL's
// pg_trgm computes it — lowercased words (runs of letters and digits), each padded with two spaces before and one
// after, cut into the set of their three-character pieces; similarity = shared pieces / all pieces. The PostgreSQL
// store asks pg_trgm (a GIN trigram index); the SQLite store finds candidates through an FTS5 trigram index and
// scores them here, so that both find the same names. And which spellings a name searched for expands to
// (expandSpellings), in either store.
import { sameNamePart } from '../text/translit.js';

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

/** Letters compared as both stores compare names and spellings: ASCII letters in any case (SQLite's NOCASE, and
 * PostgreSQL's lower() under the "C" collation). */
export function nameKey(text: string): string {
  return text.replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/** A spelling → name pair as the stores keep them (entity_names). */
export interface SpellingOfName {
  spelling: string;
  name: string;
}

/** What expandSpellings reads of a store's names; both match in any case (nameKey). */
export interface NameLookup {
  /** Every spelling of these names. */
  spellingsOfNames(names: string[]): Promise<SpellingOfName[]>;
  /** Every name these spellings stand for. */
  namesOfSpellings(spellings: string[]): Promise<SpellingOfName[]>;
}

/**
 * The spellings a text is searched as, given the names it is a spelling of (or, a spelling never stored, is like).
 * A person is found by the spellings of that person:
 *   - Names that are spellings of one another are one person, as the events resolved them apart ("Murray" and "Conrad
 *     Murray"; "Michael Jackson" and "Michael Joseph Jackson"). Of one person: every spelling, but those that stand
 *     for someone else as well ("Bashar al-Assad" → Bashar Assad, not Assad, which is his wife's and his father's).
 *   - Of several people — a family name: "Asad" → Bashar al-Assad, Asma al-Assad, Hafez al-Assad, Riyad al-Asaad —
 *     only the spellings that are the text in another transliteration, word for word (Assad, al-Assad, Asaad: the
 *     family name's variants), since each bearer's full name would find every one of them: a family name is not a
 *     person (and "Michael" is not "Katherine" because one person was named both).
 * The text first, then each spelling once. Both stores expand so.
 */
export async function expandSpellings(text: string, names: string[], lookup: NameLookup): Promise<string[]> {
  const t = text.trim();
  const once = (spellings: string[]) => {
    const seen = new Set<string>();
    return [t, ...spellings].filter((s) => !seen.has(nameKey(s)) && Boolean(seen.add(nameKey(s))));
  };
  if (!names.length) return [t];
  const rows = await lookup.spellingsOfNames([...new Map(names.map((n) => [nameKey(n), n])).values()]);
  // People: names joined when one is a spelling of the other (union-find over the names' keys).
  const spellingsOf = new Map<string, Set<string>>();
  for (const name of names) spellingsOf.set(nameKey(name), new Set());
  for (const r of rows) spellingsOf.get(nameKey(r.name))?.add(nameKey(r.spelling));
  const parent = new Map([...spellingsOf.keys()].map((k) => [k, k]));
  const root = (k: string): string => (parent.get(k) === k ? k : root(parent.get(k)!));
  for (const [name, spellings] of spellingsOf) for (const other of spellingsOf.keys()) if (other !== name && spellings.has(other)) parent.set(root(other), root(name));
  const people = new Set([...parent.keys()].map(root)).size;
  if (people > 1) {
    const words = t.split(/\s+/u);
    const variant = (s: string) => {
      const w = s.trim().split(/\s+/u);
      return w.length === words.length && w.every((part, i) => sameNamePart(part, words[i]));
    };
    return once(rows.map((r) => r.spelling).filter(variant));
  }
  // One person: its names and spellings; a spelling is theirs alone unless it stands for a name that is neither.
  const theirs = new Set([...spellingsOf.keys(), ...[...spellingsOf.values()].flatMap((s) => [...s])]);
  const candidates = [...new Map(rows.map((r) => [nameKey(r.spelling), r.spelling])).values()];
  const foreign = new Set((await lookup.namesOfSpellings(candidates)).filter((r) => !theirs.has(nameKey(r.name))).map((r) => nameKey(r.spelling)));
  return once(candidates.filter((s) => !foreign.has(nameKey(s))));
}
