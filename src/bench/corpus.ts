// What the benchmarks share: reading a T17 topic, the event later stages are timed on, and a median of timed runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, RawArticle, Sentence } from '../model.js';
import { cleanArticles, type OutletRegistry } from '../clean/index.js';
import { readInputs } from '../ingest/index.js';
import { analyzeArticles } from '../pipeline/index.js';
import { understandArticle, understandEvent, type EventUnderstanding } from '../understand/index.js';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median milliseconds of `rounds` runs of `run`, after one run that warms up. */
export function medianMs(rounds: number, run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function topicRaws(t17: string, topic: string): Promise<RawArticle[]> {
  const raws: RawArticle[] = [];
  for await (const r of readInputs([path.join(t17, topic, 'articles.jsonl')])) raws.push(r);
  return raws;
}

export async function cleanTopic(t17: string, topic: string, registry: OutletRegistry): Promise<Article[]> {
  return cleanArticles(await topicRaws(t17, topic), { registry }).articles;
}

/** The biggest event of these articles cut to its first 100, understood: what summaries and comparisons are timed on. */
export function hundredArticleEvent(articles: Article[]): EventUnderstanding & { sentences: Sentence[][] } {
  const { events } = analyzeArticles(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const members = events[0].articles.slice(0, 100).map((id) => understandArticle(byId.get(id)!));
  return { ...understandEvent(members), sentences: members.map((m) => m.sentences) };
}

/** Days between the copies of the T17 corpus in a replicated corpus: far beyond the clusterer's window, so that each
 * copy forms its own events, as the real stories would a few years apart. */
const COPY_SHIFT_DAYS = 1500;

/** How far copy k is moved: 0, +1, −1, +2, −2 … × COPY_SHIFT_DAYS — later and earlier in turn, so that the 80 copies
 * of 100,000 articles stay within 1846–2175, inside the years a publication date is read in (1800–2200; a copy
 * moved past them would come out undated). */
export function copyShiftDays(k: number): number {
  return (k % 2 ? 1 : -1) * Math.ceil(k / 2) * COPY_SHIFT_DAYS || 0;
}

/**
 * A corpus of `n` articles from the five T17 topics (about 1,240 articles), copied as often as needed: copy k has ids
 * suffixed `~k` and publication dates moved by copyShiftDays(k). Real text and real event structure at any size, for
 * the concurrency, crash and throughput tests. JSONL lines (id, published, text), in topic order.
 */
export function replicatedT17Lines(t17: string, n: number): string[] {
  const originals: Array<{ id: string; published: string; text: string }> = [];
  for (const topic of ['egypt', 'finan', 'h1n1', 'haiti', 'mj']) {
    for (const line of readFileSync(path.join(t17, topic, 'articles.jsonl'), 'utf8').split('\n')) {
      if (line.trim()) originals.push({ ...(JSON.parse(line) as { id: string; published: string; text: string }), id: `${topic}-${(JSON.parse(line) as { id: string }).id}` });
    }
  }
  const out: string[] = [];
  for (let k = 0; out.length < n; k++) {
    for (const o of originals) {
      if (out.length >= n) break;
      const day = new Date(`${o.published.slice(0, 10)}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + copyShiftDays(k));
      out.push(JSON.stringify({ id: k ? `${o.id}~${k}` : o.id, published: day.toISOString().slice(0, 10), text: o.text }));
    }
  }
  return out;
}
