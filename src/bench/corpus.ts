// What the benchmarks share: reading a T17 topic, the event later stages are timed on, and a median of timed runs.
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
