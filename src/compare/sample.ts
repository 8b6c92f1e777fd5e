// Which reports of a very big event the coverage matrix reads. Finding facts compares every sentence with the
// sentences of every other report that share its rarer words: fine for the hundreds of reports a real event gathers,
// but a flood of near-identical reports (100,000 wire briefs, a spam run) makes it quadratic in time and in the pairs
// it holds. Past MAX_FACT_ARTICLES the facts are read from a sample chosen to keep what the matrix is for — how each
// outlet told the event: every outlet is in it (up to the limit), each with an equal share of the places, and each
// outlet's share spread over its reports from first to last.
import type { Article } from '../model.js';
import { outletOf } from './outlets.js';

/** The most reports the coverage matrix reads in full. */
export const MAX_FACT_ARTICLES = 1000;

/**
 * Indexes into `articles` (in the event's reading order) of the reports to read facts from: all of them up to
 * `max`, else a sample of `max`, in reading order.
 */
export function factSample(articles: ReadonlyArray<Pick<Article, 'id' | 'outlet'>>, max = MAX_FACT_ARTICLES): number[] {
  if (articles.length <= max) return articles.map((_, i) => i);
  // Outlets in order of their first report, each with its reports in reading order.
  const byOutlet = new Map<string, number[]>();
  articles.forEach((a, i) => {
    const name = outletOf(a);
    const list = byOutlet.get(name);
    if (list) list.push(i);
    else byOutlet.set(name, [i]);
  });
  // Equal shares, an outlet with fewer reports than its share giving the rest back: smallest outlets first, each taking
  // at most an equal part of what is left (water-filling in one pass). With more outlets than places, the earliest
  // outlets get one each.
  const lists = [...byOutlet.values()];
  const quota = new Map<number[], number>();
  if (lists.length >= max) lists.slice(0, max).forEach((list) => quota.set(list, 1));
  else {
    let left = max;
    const smallestFirst = [...lists].sort((a, b) => a.length - b.length);
    smallestFirst.forEach((list, k) => {
      const take = Math.min(list.length, Math.floor(left / (smallestFirst.length - k)));
      quota.set(list, take);
      left -= take;
    });
  }
  const chosen: number[] = [];
  for (const list of lists) {
    const k = quota.get(list) ?? 0;
    // k reports evenly spread over the outlet's reports: the first, the last, and steps between.
    for (let j = 0; j < k; j++) chosen.push(list[k === 1 ? 0 : Math.round((j * (list.length - 1)) / (k - 1))]);
  }
  return chosen.sort((a, b) => a - b);
}
