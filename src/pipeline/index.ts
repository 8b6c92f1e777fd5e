// The whole path over a batch of articles: understand each, group them into events, then understand and summarise
// each event. Pure: articles in, articles (with their understanding) and events out.
import type { Article, Event, MergedEvent, TimelineDate } from '../model.js';
import { OnlineClusterer, articleFeatures, dayNumber, type ClusterOptions } from '../cluster/index.js';
import { findDuplicates, sharedPassages } from '../dedupe/index.js';
import { summarizeEvent, type SummaryOptions } from '../summarize/index.js';
import { compareEvent, type OutletProfileLookup } from '../compare/index.js';
import { SentenceSpace } from '../text/index.js';
import { buildTimeline, type TimelineOptions } from '../timeline/index.js';
import { referenceDate, understandArticle, understandEvent, type UnderstoodArticle } from '../understand/index.js';

export interface EventOptions extends ClusterOptions, SummaryOptions {
  /** The outlet registry's profile of an outlet (country, kind), for the comparison of outlets. */
  profileOf?: OutletProfileLookup;
  /** Called as the work goes: articles understood, then events summarised and compared, each of its total. */
  onProgress?: (phase: 'understanding articles' | 'summarising events', done: number, total: number) => void;
}

/** Articles in publication order (undated last), ties by id: the order events and summaries read in. */
function byDate(a: UnderstoodArticle, b: UnderstoodArticle): number {
  return (a.article.published ?? '9999').localeCompare(b.article.published ?? '9999') || a.article.id.localeCompare(b.article.id);
}

export { eventId } from '../cluster/index.js';

/** The day an article is about, for clustering: its publication, else the latest full date it writes. */
function articleDay(u: UnderstoodArticle): number | null {
  return dayNumber(u.article.published ?? referenceDate(u.article));
}

/** Arrival order for a batch: by day (undated last), then id — the order a stream would bring them in. */
function arrivalOrder(understood: UnderstoodArticle[]): number[] {
  const days = understood.map(articleDay);
  return understood
    .map((_, i) => i)
    .sort((a, b) => (days[a] ?? Infinity) - (days[b] ?? Infinity) || (understood[a].article.id < understood[b].article.id ? -1 : 1));
}

export interface Analysis {
  /** The input articles, each with its sentences, dates, resolved mentions and `duplicateOf`, in input order. */
  articles: Article[];
  /** Biggest stories first, then the newest. */
  events: Event[];
  /** Events merged into others while the batch was clustered. */
  merged: MergedEvent[];
}

/**
 * Understands, groups and summarises articles. The batch goes through the same online clusterer a stream does, in the
 * order a stream would bring it; pass a clusterer restored from a store to go on from where the store left off
 * (articles it already placed keep their place).
 */
export function analyzeArticles(input: Article[], options: EventOptions = {}, clusterer = new OnlineClusterer(options)): Analysis & { clusterer: OnlineClusterer } {
  const understood = input.map((a, i) => {
    options.onProgress?.('understanding articles', i + 1, input.length);
    return understandArticle(a);
  });
  const duplicateOf = findDuplicates(input);
  for (const i of arrivalOrder(understood)) {
    const u = understood[i];
    if (clusterer.eventOf(u.article.id) === undefined) clusterer.add(articleFeatures(u.article, u.names, articleDay(u), u.sentences));
  }
  const { events: snapshot, mergedInto } = clusterer.snapshot();
  const byId = new Map(understood.map((u) => [u.article.id, u]));
  const updated = new Map<string, Article>();
  const events: Event[] = [];
  let done = 0;
  for (const [id, placed] of snapshot) {
    options.onProgress?.('summarising events', ++done, snapshot.size);
    const articleIds = placed.filter((a) => byId.has(a)); // the clusterer may remember articles not given here
    if (!articleIds.length) continue;
    const members = articleIds.map((a) => byId.get(a)!).sort(byDate);
    const event = understandEvent(members);
    for (const a of event.articles) updated.set(a.id, { ...a, duplicateOf: duplicateOf.get(a.id) ?? null });
    const sentences = members.map((m) => m.sentences);
    // One sentence space for the event: the summariser and the comparison of outlets read the same.
    const space = new SentenceSpace(event.articles, sentences);
    const { headline, summary } = summarizeEvent({ ...event, sentences, space }, { ...options, duplicateOf });
    const comparison = compareEvent({ articles: event.articles, sentences, quotes: event.quotes, space }, { duplicateOf, profileOf: options.profileOf });
    const dates = members.map((m) => m.article.published).filter((d): d is string => Boolean(d)).sort();
    events.push({
      id,
      articles: members.map((m) => m.article.id),
      headline,
      summary,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      date: event.date,
      entities: event.entities,
      quotes: event.quotes,
      story: clusterer.storyOf(id),
      sharedPassages: sharedPassages(members.map((m) => m.article.id), members.map((m) => m.sentences.map((s) => s.text))),
      comparison,
    });
  }
  events.sort((x, y) => y.articles.length - x.articles.length || (y.end ?? '').localeCompare(x.end ?? '') || x.id.localeCompare(y.id));
  return {
    articles: input.map((a) => updated.get(a.id) ?? a),
    events,
    merged: [...mergedInto].map(([id, into]) => ({ id, mergedInto: into })),
    clusterer,
  };
}

/** The events of a batch of articles (see analyzeArticles). */
export function buildEvents(articles: Article[], options: EventOptions = {}): Event[] {
  return analyzeArticles(articles, options).events;
}

/** A timeline of any set of articles: understood one by one, then dated and summarised (src/timeline). */
export function timelineOf(articles: Article[], options: TimelineOptions = {}): TimelineDate[] {
  const understood = articles.map(understandArticle);
  return buildTimeline(understood.map((u) => u.article), understood.map((u) => u.sentences), options);
}

export { readAndClean, type ReadAndCleanOptions } from './read.js';
