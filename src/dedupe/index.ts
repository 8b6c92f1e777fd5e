// Copies and shared passages.
//   - Near-copies (a wire report syndicated with a new headline, a word changed, a paragraph cut) are found by MinHash
//     over word 5-shingles with locality-sensitive hashing, so candidates come from hash buckets, never from all pairs.
//     A copy points at the earliest version (`duplicateOf`), and copies do not count as independent sources.
//   - Shared passages: runs of words one article shares (nearly) verbatim with another — the wire quotes and
//     sentences several outlets reprint — found through an index of word 4-grams.
import type { Article, SharedPassage } from '../model.js';

/** Words as compared for copying: lower case, letters and digits, apostrophes and hyphens folded away. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`-]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** 32-bit FNV-1a. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SHINGLE = 5;
/** 16 bands of 4 rows: a pair with shingle Jaccard 0.6 lands in a shared bucket with probability 0.94, at 0.3 with 0.12. */
const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;
/** Estimated Jaccard of 5-shingles at which an article counts as a copy of another. */
export const COPY_SIMILARITY = 0.5;
/** An article this short (in words) is too short to call a copy. */
const MIN_WORDS = 40;

// The hash family h_k(x) = (a_k·x + b_k) mod 2^32 with odd a_k (multiply-add on 32 bits, one instruction each),
// with fixed seeds so that signatures are the same in every run and can be stored.
const A = Uint32Array.from({ length: HASHES }, (_, i) => fnv(`a${i}`) | 1);
const B = Uint32Array.from({ length: HASHES }, (_, i) => fnv(`b${i}`));

/** The MinHash signature of a text's word 5-shingles, or null when the text is too short to judge. */
export function signature(text: string): Uint32Array | null {
  const w = words(text);
  if (w.length < MIN_WORDS) return null;
  // A shingle's hash combines its words' hashes (no string is built per shingle).
  const wh = w.map(fnv);
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE <= wh.length; i++) {
    let h = wh[i];
    for (let k = 1; k < SHINGLE; k++) h = (Math.imul(h, 0x9e3779b1) ^ wh[i + k]) >>> 0;
    shingles.add(h);
  }
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of shingles) {
    for (let k = 0; k < HASHES; k++) {
      const h = (Math.imul(A[k], x) + B[k]) >>> 0;
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/** Where an article stands among the others for "earliest version": publication date, undated last, then id. */
function earlier(a: Article, b: Article): boolean {
  const pa = a.published ?? '9999';
  const pb = b.published ?? '9999';
  return pa < pb || (pa === pb && a.id < b.id);
}

/**
 * An incremental copy detector: each article is compared with the earlier ones that share an LSH bucket with it.
 * `add` returns the id of the earliest version it copies, or null.
 */
export class CopyDetector {
  private readonly buckets = new Map<string, string[]>();
  private readonly signatures = new Map<string, Uint32Array>();
  private readonly roots = new Map<string, string>();
  private readonly articles = new Map<string, Article>();

  add(article: Article): string | null {
    const sig = signature(article.text);
    if (!sig) return null;
    const candidates = new Set<string>();
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      keys.push(key);
      for (const id of this.buckets.get(key) ?? []) candidates.add(id);
    }
    let best: string | null = null;
    let bestSim = COPY_SIMILARITY;
    for (const id of candidates) {
      const sim = estimatedJaccard(sig, this.signatures.get(id)!);
      if (sim >= bestSim) [best, bestSim] = [id, sim];
    }
    for (const key of keys) {
      const list = this.buckets.get(key);
      if (list) list.push(article.id);
      else this.buckets.set(key, [article.id]);
    }
    this.signatures.set(article.id, sig);
    this.articles.set(article.id, article);
    if (!best) return null;
    // Point at the earliest version of the copy group; when this one is earlier, it becomes the root.
    const root = this.roots.get(best) ?? best;
    const rootArticle = this.articles.get(root)!;
    if (earlier(article, rootArticle)) {
      for (const [id, r] of this.roots) if (r === root) this.roots.set(id, article.id);
      this.roots.set(root, article.id);
      return null;
    }
    this.roots.set(article.id, root);
    return root;
  }

  /** The earliest version an article copies, as known now (roots can change as earlier versions arrive). */
  rootOf(id: string): string | null {
    return this.roots.get(id) ?? null;
  }
}

/** `duplicateOf` for a batch: article id → the earliest version it copies. */
export function findDuplicates(articles: Article[]): Map<string, string> {
  const detector = new CopyDetector();
  for (const a of articles) detector.add(a);
  const out = new Map<string, string>();
  for (const a of articles) {
    const root = detector.rootOf(a.id);
    if (root && root !== a.id) out.set(a.id, root);
  }
  return out;
}

export type { SharedPassage } from '../model.js';

/** A shared run of at least this many words is a passage (shorter ones are set phrases: "the United Nations Security Council"). */
const PASSAGE_WORDS = 8;

/** Words of a sentence with their offsets in it, for cutting the shared run out of the original text. */
function wordSpans(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’‘`-][\p{L}\p{N}]+)*/gu)) {
    out.push({ word: m[0].toLowerCase().replace(/['’‘`-]/g, ''), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** The longest run of words two sentences share: [start in a, start in b, length]. */
function longestSharedRun(a: string[], b: string[]): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  // Two rows of the dynamic-programming table, swapped and reused: this runs for every pair of candidate sentences.
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur.fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] !== b[j - 1]) continue;
      cur[j] = prev[j - 1] + 1;
      if (cur[j] > best[2]) best = [i - cur[j], j - cur[j], cur[j]];
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/**
 * A word 4-gram in more sentences than this is a set phrase ("the United Nations Security Council said"), not a lead
 * to a shared passage: a passage of eight words or more has five 4-grams, and its rarer ones find it. Without the cap,
 * copies of one wire report make every lookup scan thousands of sentences.
 */
const COMMON_GRAM = 200;

/**
 * Passages that appear (nearly) verbatim in more than one of the event's articles: the longest run of words two
 * sentences of different articles share, when it is at least eight words (a quote reprinted inside a longer sentence
 * counts; spelling differences such as cease-fire/ceasefire or doesn’t/doesn't are folded). `sentences` holds, per
 * article, its sentences' texts. Candidates come from an index of word 4-grams, so only sentences that share one are
 * compared. A passage found in several articles is reported once, with all of them.
 */
export function sharedPassages(articleIds: string[], sentences: string[][]): SharedPassage[] {
  interface Entry {
    article: number;
    text: string;
    spans: Array<{ word: string; start: number; end: number }>;
    words: string[];
    /** Hashes of its word 4-grams, distinct, worked out once. */
    grams: number[];
  }
  const gramsOf = (words: string[]) => {
    const out = new Set<number>();
    for (let g = 0; g + 4 <= words.length; g++) out.add(fnv(`${words[g]} ${words[g + 1]} ${words[g + 2]} ${words[g + 3]}`));
    return out;
  };
  const entries: Entry[] = [];
  const index = new Map<number, number[]>();
  articleIds.forEach((_, a) => {
    for (const text of sentences[a]) {
      const spans = wordSpans(text);
      if (spans.length < PASSAGE_WORDS) continue;
      const e = entries.length;
      const words = spans.map((x) => x.word);
      const grams = [...gramsOf(words)];
      entries.push({ article: a, text, spans, words, grams });
      for (const h of grams) {
        const list = index.get(h);
        if (list) list.push(e);
        else index.set(h, [e]);
      }
    }
  });
  // Passages keyed by their folded words; each collects the articles that carry it. A run contained in a passage
  // already found (or containing one) is the same passage: the two share a word 4-gram, so the passages to test are
  // found through an index of their 4-grams rather than by scanning them all (copies of one wire report make
  // thousands).
  const passages = new Map<string, { text: string; first: number; articles: Set<number> }>();
  const passageGrams = new Map<number, string[]>();
  entries.forEach((e, i) => {
    const compared = new Set<number>();
    for (const h of e.grams) {
      const candidates = index.get(h) ?? [];
      if (candidates.length > COMMON_GRAM) continue;
      for (const j of candidates) {
        if (j <= i || compared.has(j) || entries[j].article === e.article) continue;
        compared.add(j);
        const other = entries[j];
        const [sa, , n] = longestSharedRun(e.words, other.words);
        if (n < PASSAGE_WORDS) continue;
        const run = e.words.slice(sa, sa + n);
        const key = run.join(' ');
        let found = passages.get(key);
        if (!found) {
          const grams = gramsOf(run);
          for (const g of grams) {
            for (const k2 of passageGrams.get(g) ?? []) if (k2.includes(key) || key.includes(k2)) found = passages.get(k2);
          }
          if (!found) {
            found = { text: e.text.slice(e.spans[sa].start, e.spans[sa + n - 1].end), first: e.article, articles: new Set() };
            passages.set(key, found);
            for (const g of grams) {
              const list = passageGrams.get(g);
              if (list) list.push(key);
              else passageGrams.set(g, [key]);
            }
          }
        }
        found.articles.add(e.article).add(other.article);
      }
    }
  });
  return [...passages.values()]
    .sort((x, y) => x.first - y.first)
    .map((p) => ({ articles: [...p.articles].sort((x, y) => x - y).map((a) => articleIds[a]), text: p.text }));
}
