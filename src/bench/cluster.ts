// Clustering benchmark: cost per article as the store grows (quality is in docs/quality.md: src/bench/quality.ts).
import path from 'node:path';
import type { Article } from '../model.js';
import { OnlineClusterer, articleFeatures, dayNumber, type ArticleFeatures } from '../cluster/index.js';
import { readAndClean } from '../pipeline/index.js';
import { referenceDate, understandArticle } from '../understand/index.js';

export interface ScalePoint {
  stored: number;
  articlesPerSecond: number;
  microsecondsPerArticle: number;
  rssMb: number;
  liveEvents: number;
}

/** Features of every T17 article: the material the synthetic streams are built from. */
export async function baseFeatures(t17: string, topics: string[]): Promise<ArticleFeatures[]> {
  const out: ArticleFeatures[] = [];
  for (const topic of topics) {
    const { articles } = await readAndClean([path.join(t17, topic, 'articles.jsonl')]);
    for (const a of articles as Article[]) {
      const u = understandArticle(a);
      out.push(articleFeatures(u.article, u.cues, dayNumber(a.published ?? referenceDate(u.article)), u.sentences));
    }
  }
  return out.sort((x, y) => (x.day ?? 0) - (y.day ?? 0));
}

/** Days one copy of the base corpus occupies in the synthetic stream: about 40 articles a day, as a busy desk sees. */
const COPY_DAYS = 30;
/** Share of an article's terms a copy drops, so copies are variants rather than duplicates. */
const DROP = 10; // one term in ten

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A name or number of copy `copy`: each copy's people, places, organisations and numbers are its own. */
const ofCopy = (key: string, copy: number) => (copy && (key.startsWith('=') || key.startsWith('#')) ? `${key}~${copy}` : key);

function renamed(m: Map<string, number> | undefined, copy: number, keep: (t: string) => boolean = () => true): Map<string, number> | undefined {
  if (!m) return undefined;
  const out = new Map<string, number>();
  for (const [t, c] of m) if (keep(t)) out.set(ofCopy(t, copy), c);
  return out;
}

/**
 * The n-th article of the synthetic stream: copy ⌊n / base⌋ of a base article, re-dated into its own block and
 * varied: the same kind of news (the same words, one in ten dropped) about other people, places and numbers — as a
 * desk sees the next shooting, the next earthquake — so each copy makes events of its own.
 */
function synthetic(base: ArticleFeatures[], n: number): ArticleFeatures {
  const copy = Math.floor(n / base.length);
  const i = n % base.length;
  const b = base[i];
  return {
    id: `${b.id}#${copy}`,
    day: copy * COPY_DAYS + Math.floor((i * COPY_DAYS) / base.length),
    terms: renamed(b.terms, copy, (t) => hash(`${t}#${copy}`) % DROP !== 0)!,
    actors: renamed(b.actors, copy)!,
    title: b.title,
    places: renamed(b.places, copy),
    organizations: renamed(b.organizations, copy),
    numbers: renamed(b.numbers, copy),
  };
}

/**
 * Streams `total` synthetic articles through one clusterer; measures the cost per article over the `window` articles
 * just before each mark (made before the clock starts: the cost measured is the clusterer's, not the stream's).
 */
export function clusteringAtScale(base: ArticleFeatures[], marks: number[], onProgress?: (n: number) => void): ScalePoint[] {
  const clusterer = new OnlineClusterer();
  const points: ScalePoint[] = [];
  const total = Math.max(...marks);
  const window = 5000;
  let peakRss = 0;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  for (let n = 0; n < total; ) {
    const mark = marks.find((m) => n === m - window);
    if (mark === undefined) {
      clusterer.add(synthetic(base, n));
      if (n % 10_000 === 0) {
        sampleRss();
        onProgress?.(n);
      }
      n++;
      continue;
    }
    const batch = Array.from({ length: window }, (_, i) => synthetic(base, n + i));
    const started = performance.now();
    for (const f of batch) clusterer.add(f);
    const seconds = (performance.now() - started) / 1000;
    n = mark;
    sampleRss();
    points.push({
      stored: n,
      articlesPerSecond: window / seconds,
      microsecondsPerArticle: (seconds * 1e6) / window,
      rssMb: peakRss / 1024 / 1024,
      liveEvents: clusterer.snapshot().events.size,
    });
  }
  return points;
}
