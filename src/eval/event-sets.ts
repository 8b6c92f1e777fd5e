// The labelled development sets for event grouping, read as newsdesk reads any labelled JSONL (the `label` field kept
// in `extra`): GVA (label = incident), ECB+ (label = event; two events of one kind in each topic) and the T17 topics
// with the seeds (label = topic: compared with stories). Each is cleaned and understood once, and turned into the
// clusterer's features in the order a stream would bring them (by day, undated last, then id).
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article } from '../model.js';
import { articleFeatures, type ArticleFeatures } from '../cluster/index.js';
import { arrivalOrder, articleDay, readAndClean } from '../pipeline/index.js';
import { understandArticle } from '../understand/index.js';
import { writeDevSet } from './devset.js';

export interface LabelledSet {
  /** gva, ecbplus, t17 */
  name: string;
  /** What its labels are: events (one happening) or topics (compare with stories). */
  level: 'events' | 'topics';
  articles: Article[];
  /** Article id → label. */
  labels: Map<string, string>;
  /** The clusterer's features of every article, in arrival order. */
  features: ArticleFeatures[];
}

export const EVENT_SETS = { gva: 'data/events/gva-dev.jsonl', ecbplus: 'data/events/ecbplus-dev.jsonl' } as const;

function labelled(name: string, level: LabelledSet['level'], articles: Article[]): LabelledSet {
  const labels = new Map<string, string>();
  for (const a of articles) {
    const l = a.extra?.label;
    if (typeof l === 'string' || typeof l === 'number') labels.set(a.id, String(l));
  }
  const understood = articles.map(understandArticle);
  const features = arrivalOrder(understood).map((i) => articleFeatures(understood[i].article, understood[i].cues, articleDay(understood[i]), understood[i].sentences));
  return { name, level, articles, labels, features };
}

/** One event-labelled set from `shared` (the ../shared folder). */
export async function loadEventSet(shared: string, name: keyof typeof EVENT_SETS): Promise<LabelledSet> {
  const { articles } = await readAndClean([path.join(shared, EVENT_SETS[name])]);
  return labelled(name, 'events', articles);
}

/** The T17 topics and the seeds (devset.ts). */
export async function loadTopicSet(shared: string): Promise<LabelledSet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-dev-'));
  try {
    const file = path.join(dir, 't17.jsonl');
    writeDevSet(shared, file);
    const { articles } = await readAndClean([file]);
    return labelled('t17', 'topics', articles);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every development set that is there (the event sets are needed to train; T17 to check stories). */
export async function loadDevSets(shared: string): Promise<LabelledSet[]> {
  const sets: LabelledSet[] = [];
  for (const name of Object.keys(EVENT_SETS) as Array<keyof typeof EVENT_SETS>) {
    if (existsSync(path.join(shared, EVENT_SETS[name]))) sets.push(await loadEventSet(shared, name));
  }
  if (existsSync(path.join(shared, 'data', 't17'))) sets.push(await loadTopicSet(shared));
  return sets;
}
