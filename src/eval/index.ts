// Evaluation of the event grouping against labelled articles: B-cubed and pairwise scores for events and for stories,
// and how many events and stories each label is split into.
import type { Article } from '../model.js';
import { analyzeArticles, type Analysis, type EventOptions } from '../pipeline/index.js';
import { scoreClusters, type ClusterScores } from './clusters.js';

export { scoreClusters, type ClusterScores } from './clusters.js';
export { rouge, rougeN, rougeL, rougeTokens, type PRF } from './rouge.js';
export { evaluateTimeline, readTimelineJson, readTimelineJsonl, type Timeline, type TimelineEntry, type TimelineEvaluation } from './timeline.js';

export interface ClusterEvaluation {
  events: ClusterScores;
  stories: ClusterScores;
  /** Per label: its articles, and the events and stories they fall in. */
  labels: Array<{ label: string; articles: number; events: number; stories: number }>;
}

/** The label of an article: the JSONL record's `label` field (kept in `extra`). */
export function labelOf(a: Article): string | undefined {
  const label = a.extra?.label;
  return typeof label === 'string' || typeof label === 'number' ? String(label) : undefined;
}

export function evaluateAnalysis(analysis: Analysis, labels: Map<string, string>): ClusterEvaluation {
  const eventOf = new Map<string, string>();
  const storyOf = new Map<string, string>();
  for (const e of analysis.events) {
    for (const a of e.articles) {
      eventOf.set(a, e.id);
      storyOf.set(a, e.story ?? e.id);
    }
  }
  const perLabel = new Map<string, { articles: number; events: Set<string>; stories: Set<string> }>();
  for (const [article, label] of labels) {
    const entry = perLabel.get(label) ?? { articles: 0, events: new Set<string>(), stories: new Set<string>() };
    entry.articles++;
    if (eventOf.has(article)) entry.events.add(eventOf.get(article)!);
    if (storyOf.has(article)) entry.stories.add(storyOf.get(article)!);
    perLabel.set(label, entry);
  }
  return {
    events: scoreClusters(eventOf, labels),
    stories: scoreClusters(storyOf, labels),
    labels: [...perLabel].sort((a, b) => a[0].localeCompare(b[0])).map(([label, e]) => ({ label, articles: e.articles, events: e.events.size, stories: e.stories.size })),
  };
}

/** Clusters labelled articles with the pipeline and scores the result. */
export function evaluateClusters(articles: Article[], options: EventOptions = {}): ClusterEvaluation & { analysis: Analysis } {
  const labels = new Map<string, string>();
  for (const a of articles) {
    const l = labelOf(a);
    if (l !== undefined) labels.set(a.id, l);
  }
  const analysis = analyzeArticles(articles, options);
  return { ...evaluateAnalysis(analysis, labels), analysis };
}
