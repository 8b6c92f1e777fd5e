// The first event grouping: articles that tell the same story, by average-link agglomerative clustering over TF-IDF
// vectors of words and names (title counted twice: it states the story; names by their transliteration skeleton, so
// Dehghan and Dehqan count as one), with similarity decaying for reports far apart in time.
// Candidate pairs come from an inverted index over each article's strongest terms, so unrelated pairs are never scored.
import type { Article } from '../model.js';
import { Idf, contentTokens, cosine, nameKeys, tfidf, type Vector } from '../text/index.js';

export interface ClusterOptions {
  /** Two groups merge while their average pairwise similarity is at least this. */
  threshold?: number;
  /** Reports this many days apart or less are compared on content alone; beyond, similarity decays. */
  sameStoryDays?: number;
}

/**
 * Tuned on the sample corpus and the seeds (see test/cluster), with names weighted ×2: 0.06 groups both correctly and
 * 0.08 already splits the seeds' spun copy from its story. Lower merges neighbouring stories; higher splits rewrites.
 */
const DEFAULT_THRESHOLD = 0.06;
const DEFAULT_SAME_STORY_DAYS = 3;
/** Names say which story it is more than words do: who met whom, not that someone met someone. */
const NAME_WEIGHT = 2;
/** How many of an article's heaviest terms index it for candidate pairs. */
const INDEX_TERMS = 25;
/** Pair similarities below this are dropped; they barely move an average. */
const FLOOR = 0.05;

export function articleTokens(a: Article): string[] {
  const title = a.title ? [...contentTokens(a.title), ...nameKeys(a.title)] : [];
  const names = nameKeys(a.text);
  const out = [...title, ...title, ...contentTokens(a.text)];
  for (let i = 0; i < NAME_WEIGHT; i++) out.push(...names);
  return out;
}

function dayNumber(date: string | null): number | null {
  return date ? Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) : null;
}

/** Groups articles into stories; returns lists of indices into `articles`, each list in input order. */
export function groupArticles(articles: Article[], options: ClusterOptions = {}): number[][] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const sameDays = options.sameStoryDays ?? DEFAULT_SAME_STORY_DAYS;
  const tokens = articles.map(articleTokens);
  const idf = Idf.of(tokens);
  const vectors: Vector[] = tokens.map((t) => tfidf(t, idf));
  const days = articles.map((a) => dayNumber(a.published));

  // Candidate pairs: articles sharing one of their heaviest terms.
  const postings = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    const top = [...v].sort((x, y) => y[1] - x[1]).slice(0, INDEX_TERMS);
    for (const [term] of top) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const n = articles.length;
  const pairSum = new Map<number, number>(); // key a*n+b (a<b) over cluster ids → sum of article similarities
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const k = key(list[x], list[y]);
        if (pairSum.has(k)) continue;
        let s = cosine(vectors[list[x]], vectors[list[y]]);
        const dx = days[list[x]];
        const dy = days[list[y]];
        if (dx !== null && dy !== null) {
          const gap = Math.abs(dx - dy) - sameDays;
          if (gap > 0) s *= Math.exp(-gap / 7); // a week past the window costs a factor e
        }
        pairSum.set(k, s >= FLOOR ? s : 0);
      }
    }
  }

  // Average-link agglomeration: merge the best pair while its average similarity clears the threshold.
  const members: number[][] = articles.map((_, i) => [i]);
  const neighbours: Array<Map<number, number>> = articles.map(() => new Map());
  for (const [k, s] of pairSum) {
    if (s <= 0) continue;
    const a = Math.floor(k / n);
    const b = k % n;
    neighbours[a].set(b, s);
    neighbours[b].set(a, s);
  }
  for (;;) {
    let best = -1;
    let bestA = -1;
    let bestB = -1;
    for (let a = 0; a < n; a++) {
      if (!members[a].length) continue;
      for (const [b, sum] of neighbours[a]) {
        if (b <= a) continue;
        const avg = sum / (members[a].length * members[b].length);
        if (avg > best) [best, bestA, bestB] = [avg, a, b];
      }
    }
    if (best < threshold) break;
    // Merge bestB into bestA: sums add (Lance–Williams for average link).
    for (const [c, sum] of neighbours[bestB]) {
      neighbours[c].delete(bestB);
      if (c === bestA) continue;
      const merged = (neighbours[bestA].get(c) ?? 0) + sum;
      neighbours[bestA].set(c, merged);
      neighbours[c].set(bestA, merged);
    }
    neighbours[bestA].delete(bestB);
    neighbours[bestB].clear();
    members[bestA].push(...members[bestB]);
    members[bestB] = [];
  }
  return members.filter((m) => m.length).map((m) => m.sort((x, y) => x - y));
}
