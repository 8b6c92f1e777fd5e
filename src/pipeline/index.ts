// The whole path over a batch of articles: group them into events, then summarise each. Pure: articles in, events out.
import { createHash } from 'node:crypto';
import type { Article, Event, Sentence } from '../model.js';
import { groupArticles, type ClusterOptions } from '../cluster/index.js';
import { summarizeEvent, type SummaryOptions } from '../summarize/index.js';
import { splitSentences } from '../text/index.js';

export interface EventOptions extends ClusterOptions, SummaryOptions {}

/** Articles in publication order (undated last), ties by id: the order events and summaries read in. */
function byDate(a: Article, b: Article): number {
  return (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.id.localeCompare(b.id);
}

/** An event id that stays the same while the event's first article does: `ev-` and a hash of that article's id. */
export function eventId(firstArticleId: string): string {
  return `ev-${createHash('sha1').update(firstArticleId).digest('hex').slice(0, 12)}`;
}

export function buildEvents(articles: Article[], options: EventOptions = {}): Event[] {
  const sentences = new Map<string, Sentence[]>(articles.map((a) => [a.id, splitSentences(a.text)]));
  const events: Event[] = [];
  for (const group of groupArticles(articles, options)) {
    const members = group.map((i) => articles[i]).sort(byDate);
    const { headline, summary } = summarizeEvent(members, members.map((a) => sentences.get(a.id)!), options);
    const dates = members.map((a) => a.published).filter((d): d is string => Boolean(d)).sort();
    events.push({
      id: eventId(members[0].id),
      articles: members.map((a) => a.id),
      headline,
      summary,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
    });
  }
  // Biggest stories first, then the newest.
  return events.sort((x, y) => y.articles.length - x.articles.length || (y.end ?? '').localeCompare(x.end ?? '') || x.id.localeCompare(y.id));
}

export { readAndClean, type ReadAndCleanOptions } from './read.js';
