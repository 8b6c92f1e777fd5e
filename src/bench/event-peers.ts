// Two peers for event grouping, the plain baselines a news-stream clustering paper compares with, run beside
// newsdesk's clusterer on every development set (src/bench/quality.ts):
//
//   single-pass   TF-IDF vectors of title and text (document frequencies over the whole set), articles taken in
//                 arrival order; each joins the cluster whose centroid it is most similar to (cosine), among clusters
//                 with a report within `window` days, when that similarity is at least `threshold`; else it starts one.
//   average-link  agglomerative clustering of the same vectors: the two clusters with the highest mean pairwise cosine
//                 merge, until no two reach `threshold`; pairs more than `window` days apart count as 0.
//
// Each peer's threshold and window are chosen on another set (the honest way: tuned on a dev split, scored on unseen
// news), and, for reference, on the set itself (the best the peer could do there).
import { contentTokens } from '../text/index.js';
import { scoreClusters } from '../eval/clusters.js';
import type { LabelledSet } from '../eval/event-sets.js';
import { headlineOfTitle } from '../cluster/index.js';

export interface PeerParameters {
  threshold: number;
  /** Days; Infinity for no window. */
  window: number;
}

export const THRESHOLDS = Array.from({ length: 24 }, (_, i) => 0.05 + i * 0.025);
export const WINDOWS = [1, 3, 7, 14, 30, 90, Infinity];

/** Pairwise cosines of a set's TF-IDF vectors (a dense triangle: sets are a few thousand articles), and their days. */
export interface SimilarityMatrix {
  ids: string[];
  days: Array<number | null>;
  sims: Float32Array;
  n: number;
}

export function similarityMatrix(set: LabelledSet): SimilarityMatrix {
  const byId = new Map(set.articles.map((a) => [a.id, a]));
  const ids = set.features.map((f) => f.id);
  const days = set.features.map((f) => f.day);
  const bags = ids.map((id) => {
    const a = byId.get(id)!;
    const bag = new Map<string, number>();
    for (const t of contentTokens(`${a.title ? headlineOfTitle(a.title) : ''}\n${a.text}`)) bag.set(t, (bag.get(t) ?? 0) + 1);
    return bag;
  });
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = ids.length;
  // Unit vectors as term → weight, then an inverted index to accumulate every pair's dot product.
  const postings = new Map<string, Array<[number, number]>>();
  bags.forEach((bag, i) => {
    const v = [...bag].map(([t, c]) => [t, (1 + Math.log(c)) * Math.log((1 + n) / df.get(t)!)] as [string, number]);
    const norm = Math.sqrt(v.reduce((s, [, w]) => s + w * w, 0)) || 1;
    for (const [t, w] of v) {
      const list = postings.get(t) ?? [];
      list.push([i, w / norm]);
      postings.set(t, list);
    }
  });
  const sims = new Float32Array(n * n);
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      const [i, wi] = list[x];
      for (let y = x + 1; y < list.length; y++) {
        const [j, wj] = list[y];
        sims[i * n + j] += wi * wj;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) sims[j * n + i] = sims[i * n + j];
  }
  return { ids, days, sims, n };
}

const within = (a: number | null, b: number | null, window: number) => a === null || b === null || Math.abs(a - b) <= window;

/** Single-pass clustering in arrival order (the set's feature order). Returns article id → cluster. */
export function singlePass(m: SimilarityMatrix, p: PeerParameters): Map<string, string> {
  const { n, sims, days } = m;
  const cluster = new Int32Array(n).fill(-1);
  const members: number[][] = [];
  const normSq: number[] = [];
  const last: Array<number | null> = [];
  const first: Array<number | null> = [];
  const sum = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    sum.fill(0, 0, members.length);
    for (let j = 0; j < a; j++) sum[cluster[j]] += sims[a * n + j];
    let best = -1;
    let bestScore = p.threshold;
    for (let c = 0; c < members.length; c++) {
      if (!sum[c]) continue;
      const d = days[a];
      if (d !== null && first[c] !== null && !(within(d, last[c], p.window) || within(d, first[c], p.window))) continue;
      const cos = sum[c] / Math.sqrt(normSq[c]);
      if (cos >= bestScore) [best, bestScore] = [c, cos];
    }
    if (best < 0) {
      best = members.length;
      members.push([]);
      normSq.push(0);
      first.push(null);
      last.push(null);
    }
    normSq[best] += 2 * sum[best] + 1;
    members[best].push(a);
    cluster[a] = best;
    const d = days[a];
    if (d !== null) {
      first[best] = first[best] === null ? d : Math.min(first[best]!, d);
      last[best] = last[best] === null ? d : Math.max(last[best]!, d);
    }
  }
  return new Map(m.ids.map((id, i) => [id, `c${cluster[i]}`]));
}

/** The average-link dendrogram (nearest-neighbour chain; pairs beyond the window count 0): merges with their heights. */
export function averageLinkMerges(m: SimilarityMatrix, window: number): Array<[number, number, number]> {
  const { n, days } = m;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = i === j || within(days[i], days[j], window) ? m.sims[i * n + j] : 0;
  const size = new Array<number>(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Array<[number, number, number]> = [];
  const chain: number[] = [];
  let left = n;
  while (left > 1) {
    if (!chain.length) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1];
    const prev = chain.length > 1 ? chain[chain.length - 2] : -1;
    let b = prev;
    let bestSim = prev >= 0 ? s[a * n + prev] : -Infinity;
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === a) continue;
      if (s[a * n + c] > bestSim) [b, bestSim] = [c, s[a * n + c]];
    }
    if (b === prev && prev >= 0) {
      chain.pop();
      chain.pop();
      merges.push([a, b, bestSim]);
      // Lance–Williams for average linkage: the merged cluster takes index a.
      for (let c = 0; c < n; c++) {
        if (!active[c] || c === a || c === b) continue;
        const v = (size[a] * s[a * n + c] + size[b] * s[b * n + c]) / (size[a] + size[b]);
        s[a * n + c] = s[c * n + a] = v;
      }
      size[a] += size[b];
      active[b] = 0;
      left--;
    } else chain.push(b);
  }
  return merges;
}

/** Clusters: the merges of the dendrogram at or above `threshold` (average-link heights never rise up the tree). */
export function cutMerges(m: SimilarityMatrix, merges: Array<[number, number, number]>, threshold: number): Map<string, string> {
  const parent = Array.from({ length: m.n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const [a, b, h] of merges) if (h >= threshold) parent[find(b)] = find(a);
  return new Map(m.ids.map((id, i) => [id, `c${find(i)}`]));
}

export type PeerName = 'single-pass' | 'average-link';
export type PeerGrid = Array<PeerParameters & { f1: number; clusters: Map<string, string> }>;

/** Every (threshold, window) of a peer on one set, with its B-cubed F1. */
export function peerGrid(name: PeerName, m: SimilarityMatrix, labels: Map<string, string>): PeerGrid {
  const out: PeerGrid = [];
  const dated = m.days.some((d) => d !== null);
  for (const window of dated ? WINDOWS : [Infinity]) {
    const merges = name === 'average-link' ? averageLinkMerges(m, window) : [];
    for (const threshold of THRESHOLDS) {
      const clusters = name === 'average-link' ? cutMerges(m, merges, threshold) : singlePass(m, { threshold, window });
      out.push({ threshold, window, f1: scoreClusters(clusters, labels).bcubed.f1, clusters });
    }
  }
  return out;
}

/**
 * The run of `own` (a peer's grid on the set scored) whose parameters have the best mean F1 over the `tuning` grids
 * (the same peer on other sets). An undated set has no window to choose: tuned there, the peer runs without one.
 */
export function tunedRun(own: PeerGrid, tuning: PeerGrid[]): PeerGrid[number] {
  const f1At = (g: PeerGrid, o: PeerParameters) => g.find((x) => x.threshold === o.threshold && x.window === o.window)?.f1 ?? -1;
  const mean = (o: PeerParameters) => tuning.reduce((sum, g) => sum + f1At(g, o), 0) / tuning.length;
  return own.reduce((a, b) => (mean(b) > mean(a) ? b : a));
}
