// The whole path over a batch of articles: understand each, group them into events, then understand and summarise
// each event. Pure: articles in, articles (with their understanding) and events out.
import type { Article, Event, MergedEvent, TimelineDate } from '../model.js';
import { OnlineClusterer, articleFeatures, dayNumber, type ClusterOptions, type ClustererState } from '../cluster/index.js';
import { findDuplicates, sharedPassages } from '../dedupe/index.js';
import { summarizeEvent, type SummaryOptions } from '../summarize/index.js';
import { compareEvent, type OutletProfileLookup } from '../compare/index.js';
import { SentenceSpace } from '../text/index.js';
import { buildTimeline, type TimelineOptions } from '../timeline/index.js';
import { referenceDate, understandArticle, understandEvent, type UnderstoodArticle } from '../understand/index.js';
import { sentencesOfStored } from '../understand/pack.js';
import { byPublication, MAX_EVENT_READ, membersToRead, type MemberRef } from './members.js';

export interface EventOptions extends ClusterOptions, SummaryOptions {
  /** The outlet registry's profile of an outlet (country, kind), for the comparison of outlets. */
  profileOf?: OutletProfileLookup;
  /** Called as the work goes: articles understood, then events summarised and compared, each of its total (null: not known). */
  onProgress?: (phase: 'understanding articles' | 'summarising events', done: number, total: number | null) => void;
}

/** Articles in publication order (undated last), ties by id: the order events and summaries read in. */
function byDate(a: UnderstoodArticle, b: UnderstoodArticle): number {
  return byPublication(a.article, b.article);
}

export { eventId } from '../cluster/index.js';

/** The day an article is about, for clustering: its publication, else the latest full date it writes. */
export function articleDay(u: UnderstoodArticle): number | null {
  return dayNumber(u.article.published ?? referenceDate(u.article));
}

/** Arrival order for a batch: by day (undated last), then id — the order a stream would bring them in. */
export function arrivalOrder(understood: UnderstoodArticle[]): number[] {
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

/** What placing articles changed (see Placement). */
export interface PlacementOutcome {
  state: ClustererState;
  /** The event each newly placed article is in. */
  placed: Array<{ article: string; event: string }>;
  /** Events absorbed by others: their articles move to the absorbing event. */
  merged: MergedEvent[];
  /** Events to summarise again (new members or absorbed events), with the events each replaces. */
  pending: Array<{ event: string; replaces: string[] }>;
  /** Every event's story, where it changed (events not pending too). */
  stories: Array<{ event: string; story: string }>;
}

/** Each live event's story. */
function storiesOf(clusterer: OnlineClusterer, events: Map<string, string[]>): Map<string, string> {
  return new Map([...events.keys()].map((id) => [id, clusterer.storyOf(id)]));
}

/**
 * Placing articles into events: the online clusterer, restored from the state a store saved, takes the articles not
 * yet placed in arrival order and tells what changed — where each new article went, which events merged, which must
 * be summarised again and whose story changed. A store runs it under its placement lock (src/store/types.ts).
 */
export class Placement {
  private clusterer: OnlineClusterer;
  private storiesBefore = new Map<string, string>();
  private mergedBefore = new Set<string>();
  private readonly added: string[] = [];
  private readonly touched = new Set<string>();
  /** Every live event with its articles, as `finish` left them. */
  events = new Map<string, string[]>();

  constructor(private readonly options: ClusterOptions = {}) {
    this.clusterer = new OnlineClusterer(options);
  }

  begin(state: ClustererState | undefined): void {
    this.clusterer = state ? OnlineClusterer.fromJSON(state, this.options) : new OnlineClusterer(this.options);
    // One snapshot each side of the placement: a snapshot walks every article the clusterer holds.
    const before = this.clusterer.snapshot();
    this.storiesBefore = storiesOf(this.clusterer, before.events);
    this.mergedBefore = new Set(before.mergedInto.keys());
  }

  /** Articles in arrival order; an article placed before keeps its place. */
  add(page: UnderstoodArticle[]): void {
    for (const u of page) {
      if (this.clusterer.eventOf(u.article.id) !== undefined) continue;
      this.touched.add(this.clusterer.add(articleFeatures(u.article, u.cues, articleDay(u), u.sentences)).event);
      this.added.push(u.article.id);
    }
  }

  finish(): PlacementOutcome {
    const c = this.clusterer;
    const after = c.snapshot();
    this.events = after.events;
    const merged = [...after.mergedInto].filter(([id]) => !this.mergedBefore.has(id)).map(([id, into]) => ({ id, mergedInto: into }));
    const replaces = new Map<string, string[]>();
    for (const m of merged) replaces.set(m.mergedInto, [...(replaces.get(m.mergedInto) ?? []), m.id]);
    const pending = new Set([...this.touched].map((e) => c.resolve(e)).concat([...replaces.keys()]));
    const stories = storiesOf(c, after.events);
    return {
      state: c.toJSON(),
      placed: this.added.map((article) => ({ article, event: c.eventOf(article)! })),
      merged,
      pending: [...pending].sort().map((event) => ({ event, replaces: replaces.get(event) ?? [] })),
      stories: [...stories].filter(([id, story]) => this.storiesBefore.get(id) !== story).map(([event, story]) => ({ event, story })),
    };
  }

  /** The clusterer, as placing left it. */
  get state(): OnlineClusterer {
    return this.clusterer;
  }
}

/**
 * An event from its articles as understood: the event's understanding (entities, quotes, date), copies among its
 * reports, headline and summary, the comparison of outlets and the passages its reports share. Returns the event
 * and its articles with what the event added (resolved mentions, `duplicateOf`). When only some members were read
 * (see members.ts), `everyone` lists them all: the event lists every one, its dates span them all, and it says how
 * many were read.
 */
export function summarizeMembers(id: string, story: string, understood: UnderstoodArticle[], options: EventOptions = {}, everyone?: MemberRef[]): { event: Event; articles: Article[] } {
  const members = [...understood].sort(byDate);
  const all = everyone && everyone.length > members.length ? [...everyone].sort(byPublication) : members.map((m) => m.article);
  const duplicateOf = findDuplicates(members.map((m) => m.article));
  const event = understandEvent(members);
  const articles = event.articles.map((a) => ({ ...a, duplicateOf: duplicateOf.get(a.id) ?? null }));
  const sentences = members.map((m) => m.sentences);
  // One sentence space for the event: the summariser and the comparison of outlets read the same.
  const space = new SentenceSpace(event.articles, sentences);
  const { headline, summary } = summarizeEvent({ ...event, sentences, space }, { ...options, duplicateOf });
  const comparison = compareEvent({ articles: event.articles, sentences, quotes: event.quotes, space }, { duplicateOf, profileOf: options.profileOf });
  const dates = all.map((m) => m.published).filter((d): d is string => Boolean(d)).sort();
  return {
    event: {
      id,
      articles: all.map((m) => m.id),
      headline,
      summary,
      start: dates[0] ?? null,
      end: dates[dates.length - 1] ?? null,
      date: event.date,
      entities: event.entities,
      quotes: event.quotes,
      story,
      sharedPassages: sharedPassages(members.map((m) => m.article.id), members.map((m) => m.sentences.map((s) => s.text))),
      comparison,
      ...(all.length > members.length ? { read: { articles: members.length, of: all.length } } : {}),
    },
    articles,
  };
}

/** Biggest first, then the newest, then by id. */
export function eventOrder(x: Event, y: Event): number {
  return y.articles.length - x.articles.length || (y.end ?? '').localeCompare(x.end ?? '') || x.id.localeCompare(y.id);
}

/**
 * Understands, groups and summarises articles. The batch goes through the same placement a store does, in the order
 * a stream would bring it, then each event is summarised from its members — so a batch analysed here and the same
 * articles ingested into a store make the same events.
 */
export function analyzeArticles(input: Article[], options: EventOptions = {}): Analysis & { clusterer: OnlineClusterer } {
  const understood = input.map((a, i) => {
    options.onProgress?.('understanding articles', i + 1, input.length);
    return understandArticle(a);
  });
  const placement = new Placement(options);
  placement.add(arrivalOrder(understood).map((i) => understood[i]));
  const outcome = placement.finish();
  const clusterer = placement.state;
  const byId = new Map(understood.map((u) => [u.article.id, u]));
  const updated = new Map<string, Article>();
  const events: Event[] = [];
  const snapshot = placement.events;
  let done = 0;
  for (const [id, placed] of snapshot) {
    options.onProgress?.('summarising events', ++done, snapshot.size);
    // A very big event is read in part, as an event job in a store reads it (members.ts): the same events either way.
    const members = placed.map((a) => byId.get(a)!);
    const read = members.length > MAX_EVENT_READ ? membersToRead(members.map((m) => m.article)) : null;
    const { event, articles } = read
      ? summarizeMembers(id, clusterer.storyOf(id), members.filter((m) => read.has(m.article.id)), options, members.map((m) => m.article))
      : summarizeMembers(id, clusterer.storyOf(id), members, options);
    for (const a of articles) updated.set(a.id, a);
    events.push(event);
  }
  events.sort(eventOrder);
  return { articles: input.map((a) => updated.get(a.id) ?? a), events, merged: outcome.merged, clusterer };
}

/** The events of a batch of articles (see analyzeArticles). */
export function buildEvents(articles: Article[], options: EventOptions = {}): Event[] {
  return analyzeArticles(articles, options).events;
}

/** A timeline of any set of articles, dated and summarised (src/timeline): articles as a store keeps them (already
 * understood: sentences, dates and resolved mentions) are read as they are, others are understood first. */
export function timelineOf(articles: Article[], options: TimelineOptions = {}): TimelineDate[] {
  const understood = articles.map((a) => (a.sentences && a.dates ? { article: a, sentences: sentencesOfStored(a) } : understandArticle(a)));
  return buildTimeline(understood.map((u) => u.article), understood.map((u) => u.sentences), options);
}

export { byPublication, MAX_EVENT_READ, membersToRead, type MemberRef } from './members.js';
export { readAndClean, readAndCleanBatches, STREAM_BATCH, type BatchLimits, type CleanedBatch, type ReadAndCleanOptions } from './read.js';
