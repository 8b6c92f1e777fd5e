// The whole path over a batch of articles: understand each, group them into events, then understand and summarise
// each event. Pure: articles in, articles (with their understanding) and events out.
import { createHash } from 'node:crypto';
import type { Article, Event } from '../model.js';
import { groupArticles, type ClusterOptions } from '../cluster/index.js';
import { summarizeEvent, type SummaryOptions } from '../summarize/index.js';
import { understandArticle, understandEvent, type UnderstoodArticle } from '../understand/index.js';

export interface EventOptions extends ClusterOptions, SummaryOptions {}

/** Articles in publication order (undated last), ties by id: the order events and summaries read in. */
function byDate(a: UnderstoodArticle, b: UnderstoodArticle): number {
  return (a.article.published ?? '9999').localeCompare(b.article.published ?? '9999') || a.article.id.localeCompare(b.article.id);
}

/** An event id that stays the same while the event's first article does: `ev-` and a hash of that article's id. */
export function eventId(firstArticleId: string): string {
  return `ev-${createHash('sha1').update(firstArticleId).digest('hex').slice(0, 12)}`;
}

export interface Analysis {
  /** The input articles, each with its sentences, dates and resolved mentions, in input order. */
  articles: Article[];
  /** Biggest stories first, then the newest. */
  events: Event[];
}

export function analyzeArticles(input: Article[], options: EventOptions = {}): Analysis {
  const understood = input.map(understandArticle);
  const updated = new Map<string, Article>();
  const events: Event[] = [];
  for (const group of groupArticles(input, options)) {
    const members = group.map((i) => understood[i]).sort(byDate);
    const event = understandEvent(members);
    for (const a of event.articles) updated.set(a.id, a);
    const { headline, summary } = summarizeEvent(event.articles, members.map((m) => m.sentences), options);
    const dates = members.map((m) => m.article.published).filter((d): d is string => Boolean(d)).sort();
    events.push({
      id: eventId(members[0].article.id),
      articles: members.map((m) => m.article.id),
      headline,
      summary,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      date: event.date,
      entities: event.entities,
      quotes: event.quotes,
    });
  }
  events.sort((x, y) => y.articles.length - x.articles.length || (y.end ?? '').localeCompare(x.end ?? '') || x.id.localeCompare(y.id));
  return { articles: input.map((a) => updated.get(a.id) ?? a), events };
}

/** The events of a batch of articles (see analyzeArticles). */
export function buildEvents(articles: Article[], options: EventOptions = {}): Event[] {
  return analyzeArticles(articles, options).events;
}

export { readAndClean, type ReadAndCleanOptions } from './read.js';
