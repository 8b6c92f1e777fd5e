// Online event clustering: each arriving article joins the event it matches best or starts a new one.
//
//   representation  an article is a TF-IDF vector over its words and names (document frequencies are counted as
//                   articles arrive); an event is the sum of its articles' vectors (its centroid, pruned to its
//                   strongest terms) and its time span;
//   candidates      an inverted index from each event's strongest terms to the event, holding only events active in a
//                   sliding window of days — events that fall out of the window leave the index, so the cost of an
//                   article depends on how much news is current, not on how much is stored;
//   decision        cosine similarity with the event's centroid, decaying with the days between the article and the
//                   event's span: reports far apart join only when content says so strongly; and a report whose main
//                   actors (people it names at least twice) are mostly strangers to the event is another event unless
//                   content says so strongly (the same subject, other people: another meeting, another trial);
//   merging         an event that grows into another merges with it: the smaller into the larger, which keeps its id;
//                   the merged one keeps a pointer (`mergedInto`);
//   stories         a coarser level (the same actors and subject over weeks: an uprising, a trial, an epidemic), with
//                   centroids of their own that gather the subject's vocabulary across its events. A new event joins
//                   the story its first article matches best — strongly, or weakly when the story is active around
//                   the article's day (a subject in the news draws its side stories) — else it starts one; stories
//                   that grow together merge, as do the stories of two events that merge.
import { createHash } from 'node:crypto';
import type { ArticleFeatures } from './features.js';
import { PRIOR_DOCS, backgroundDocumentShare } from '../text/index.js';

export interface ClusterOptions {
  /** An article joins an event when its (time-weighted) similarity to the event's centroid is at least this. */
  joinThreshold?: number;
  /** Two events merge when their centroids' (time-weighted) similarity is at least this. */
  mergeThreshold?: number;
  /** What "content says so strongly" means: the similarity that overrides new actors. */
  strongThreshold?: number;
  /** A new event joins a story when its first article's similarity to the story's centroid is at least this… */
  storyThreshold?: number;
  /** …or at least this when the story had an article within `storyActiveDays` of the article's day. */
  storyActiveThreshold?: number;
  storyActiveDays?: number;
  /** Two stories merge when their centroids' similarity is at least this. */
  storyMergeThreshold?: number;
  /** Days beyond an event's span within which similarity does not decay. */
  sameStoryDays?: number;
  /** Days after its last article that an event stays in the index (for joining, decayed by time; for stories, not). */
  windowDays?: number;
}

/**
 * Tuned on the development set (the five T17 topics and the seeds, labelled by topic; `npm run bench` reports the
 * scores in docs/benchmarks.md) and checked on the seeds and the samples, whose events are known.
 */
export const DEFAULTS: Required<ClusterOptions> = {
  joinThreshold: 0.15,
  mergeThreshold: 0.45,
  strongThreshold: 0.6,
  storyThreshold: 0.12,
  storyActiveThreshold: 0.08,
  storyActiveDays: 14,
  storyMergeThreshold: 0.15,
  sameStoryDays: 2,
  windowDays: 180,
};

/**
 * An article's vector keeps this many of its strongest terms. Enough to keep the subject's common words: a vector cut
 * to its rarest terms (names seen once, typos) would share nothing with the centroids it is compared with.
 */
const ARTICLE_TERMS = 300;
/** An event's centroid keeps this many terms; a story's, more (it covers more). */
const EVENT_TERMS = 150;
const STORY_TERMS = 300;
/** An event is indexed under this many of its strongest terms, and an article looks up this many of its own. */
const INDEX_TERMS = 60;
const LOOKUP_TERMS = 30;
/** At most this many candidate events (by shared index terms) are scored exactly. */
const MAX_CANDIDATES = 30;
/** A grown story checks this many other stories (by shared index terms) for a merge. */
const STORY_MERGE_CANDIDATES = 15;
/** States of up to this many articles are reindexed on every article, larger ones every `REINDEX_EVERY`. */
const REINDEX_ALWAYS = 8;
const REINDEX_EVERY = 4;
/** How often (in articles) events that left the window are taken out of the index. */
const RETIRE_EVERY = 2000;

/** An event id that stays the same while the event's first article does: `ev-` and a hash of that article's id. */
export function eventId(firstArticleId: string): string {
  return `ev-${createHash('sha1').update(firstArticleId).digest('hex').slice(0, 12)}`;
}

export interface EventState {
  id: string;
  /** Creation order: the earlier event of a story gives the story its id. */
  seq: number;
  size: number;
  first: number | null;
  last: number | null;
  /** Sum of its articles' unit vectors, pruned to its strongest terms. */
  centroid: Map<string, number>;
  /** The centroid's Euclidean norm, kept up to date with it (cosines are the hot path). */
  norm?: number;
  /** The terms it is indexed under now. */
  indexed: string[];
  /** Set when it was merged into another event. */
  mergedInto?: string;
  /** The story it belongs to (a story id, possibly joined to another since). */
  story?: string;
  /** Events: the people its articles name (folded surname → number of its articles naming them). */
  actors?: Map<string, number>;
}

type Vector = Map<string, number>;

function norm(v: Vector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s) || 1;
}

function dot(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let sum = 0;
  for (const [t, w] of a) {
    const o = b.get(t);
    if (o !== undefined) sum += w * o;
  }
  return sum;
}

/** Cosine of an article's unit vector with a state's centroid. */
function cosineUnit(unit: Vector, s: EventState): number {
  return dot(unit, s.centroid) / (s.norm ??= norm(s.centroid));
}

/** Cosine of two states' centroids. */
function cosineStates(a: EventState, b: EventState): number {
  return dot(a.centroid, b.centroid) / ((a.norm ??= norm(a.centroid)) * (b.norm ??= norm(b.centroid)));
}

function strongest(v: Vector, n: number): Array<[string, number]> {
  return [...v].sort((x, y) => y[1] - x[1]).slice(0, n);
}

/** An inverted index (term → state ids) and the states indexed in it (the active ones, which retirement scans). */
interface Postings {
  terms: Map<string, Set<string>>;
  active: Map<string, EventState>;
}

function newPostings(): Postings {
  return { terms: new Map(), active: new Map() };
}

interface SavedState {
  id: string;
  seq: number;
  size: number;
  first: number | null;
  last: number | null;
  centroid: Array<[string, number]>;
  indexed: string[];
  mergedInto?: string;
  story?: string;
  actors?: Array<[string, number]>;
}

/** What `toJSON` writes and `fromJSON` reads. */
export interface ClustererState {
  version: 1;
  docs: number;
  latestDay: number | null;
  df: Array<[string, number]>;
  events: SavedState[];
  stories: SavedState[];
  assignment: Array<[string, string]>;
}

/** Are most of an article's main actors (at least two of them) unknown to an event that has actors of its own? */
function strangers(mainActors: string[], known: Map<string, number> | undefined): boolean {
  if (mainActors.length < 2 || !known || known.size < 2) return false;
  const unknown = mainActors.filter((k) => !known.has(k)).length;
  return unknown / mainActors.length > 0.5;
}

/** The live state an id stands for: itself, or where its merges lead. */
function follow(states: Map<string, EventState>, id: string): string {
  let cur = id;
  for (let e = states.get(cur); e?.mergedInto; e = states.get(cur)) cur = e.mergedInto;
  return cur;
}

/** Indexes a state under its strongest terms (and out of those it no longer has). */
function reindex(e: EventState, postings: Postings): void {
  const now = strongest(e.centroid, INDEX_TERMS).map(([t]) => t);
  const keep = new Set(now);
  for (const t of e.indexed) if (!keep.has(t)) postings.terms.get(t)?.delete(e.id);
  for (const t of now) {
    const set = postings.terms.get(t);
    if (set) set.add(e.id);
    else postings.terms.set(t, new Set([e.id]));
  }
  e.indexed = now;
  if (now.length) postings.active.set(e.id, e);
}

/** Folds `small` into `big` (centroid, size, span), points `small` at `big`, and moves the index to `big`. */
function absorbState(big: EventState, small: EventState, postings: Postings, keep: number): void {
  for (const [t, w] of small.centroid) big.centroid.set(t, (big.centroid.get(t) ?? 0) + w);
  big.norm = undefined;
  big.size += small.size;
  if (small.first !== null) big.first = big.first === null ? small.first : Math.min(big.first, small.first);
  if (small.last !== null) big.last = big.last === null ? small.last : Math.max(big.last, small.last);
  small.mergedInto = big.id;
  unindex(small, postings);
  if (big.centroid.size > keep * 1.5) big.centroid = new Map(strongest(big.centroid, keep));
  reindex(big, postings);
}

function unindex(e: EventState, postings: Postings): void {
  for (const t of e.indexed) {
    const set = postings.terms.get(t);
    set?.delete(e.id);
    if (set && !set.size) postings.terms.delete(t);
  }
  e.indexed = [];
  postings.active.delete(e.id);
}

export class OnlineClusterer {
  private readonly options: Required<ClusterOptions>;
  private readonly df = new Map<string, number>();
  private docs = 0;
  private readonly events = new Map<string, EventState>();
  private readonly postings = newPostings();
  private readonly stories = new Map<string, EventState>();
  private readonly storyPostings = newPostings();
  private readonly assignment = new Map<string, string>();
  private latestDay: number | null = null;
  private sinceRetire = 0;

  /** Term → share of general-English documents that contain it, weighed as `PRIOR_DOCS` documents (background.ts). */
  private readonly prior = backgroundDocumentShare();

  constructor(options: ClusterOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The event an article is in now (following merges). */
  eventOf(articleId: string): string | undefined {
    const e = this.assignment.get(articleId);
    return e === undefined ? undefined : this.resolve(e);
  }

  /** The live event an event id stands for (itself, or the event it was merged into). */
  resolve(id: string): string {
    return follow(this.events, id);
  }

  /** The story an event belongs to now (its id is that of the story's first event, as merges keep the larger's id). */
  storyOf(eventId: string): string {
    const e = this.events.get(this.resolve(eventId));
    return e?.story ? follow(this.stories, e.story) : eventId;
  }

  /** Every live event with its articles, and the pointers of merged ones. */
  snapshot(): { events: Map<string, string[]>; mergedInto: Map<string, string> } {
    const events = new Map<string, string[]>();
    for (const [article, e] of this.assignment) {
      const live = this.resolve(e);
      const list = events.get(live);
      if (list) list.push(article);
      else events.set(live, [article]);
    }
    const mergedInto = new Map<string, string>();
    for (const e of this.events.values()) if (e.mergedInto) mergedInto.set(e.id, this.resolve(e.id));
    return { events, mergedInto };
  }

  /** Adds an article; returns the event it is in and the events this article caused to merge into it. */
  add(f: ArticleFeatures): { event: string; created: boolean; merged: string[] } {
    const known = this.assignment.get(f.id);
    if (known !== undefined) return { event: this.resolve(known), created: false, merged: [] };
    // Document frequencies count this article first, so its own rare terms weigh as rare.
    this.docs++;
    for (const t of f.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    if (f.day !== null && (this.latestDay === null || f.day > this.latestDay)) this.latestDay = f.day;
    const vector = this.vectorOf(f);

    // Candidates: events indexed under the article's strongest terms that other articles have used too.
    const lookup = this.lookupTerms(vector);
    const votes = new Map<string, number>();
    for (const [t, w] of lookup) {
      for (const id of this.postings.terms.get(t) ?? []) votes.set(id, (votes.get(id) ?? 0) + w);
    }
    const candidates = [...votes].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES).map(([id]) => this.events.get(id)!);
    let best: EventState | undefined;
    let bestScore = this.options.joinThreshold;
    const mainActors = [...f.actors].filter(([, n]) => n >= 2).map(([k]) => k);
    // Events the article matches too: the only ones its event can have grown into (merge candidates).
    const matched: EventState[] = [];
    for (const e of candidates) {
      const score = cosineUnit(vector, e) * this.timeFactor(f.day, f.day, e);
      if (score < this.options.joinThreshold) continue;
      matched.push(e);
      if (score < bestScore) continue;
      if (score < this.options.strongThreshold && strangers(mainActors, e.actors)) continue;
      [best, bestScore] = [e, score];
    }
    let created = false;
    if (!best) {
      best = { id: eventId(f.id), seq: this.events.size, size: 0, first: null, last: null, centroid: new Map(), indexed: [], actors: new Map() };
      best.story = this.chooseStory(vector, lookup, f.day, best.id);
      this.events.set(best.id, best);
      created = true;
    }
    this.absorb(best, vector, f.day, this.postings, EVENT_TERMS);
    for (const k of f.actors.keys()) best.actors!.set(k, (best.actors!.get(k) ?? 0) + 1);
    const story = this.stories.get(follow(this.stories, best.story!))!;
    this.absorb(story, vector, f.day, this.storyPostings, STORY_TERMS);
    this.assignment.set(f.id, best.id);
    const merged = this.mergeAround(best, matched);
    const grown = this.stories.get(follow(this.stories, best.story!))!;
    if (grown.size <= REINDEX_ALWAYS || grown.size % REINDEX_EVERY === 0) this.mergeStories(grown);
    if (++this.sinceRetire >= RETIRE_EVERY) this.retire();
    return { event: this.resolve(best.id), created, merged };
  }

  /** The terms to look candidates up by: the strongest the article shares with earlier articles (a term only it has finds nothing). */
  private lookupTerms(vector: Vector): Array<[string, number]> {
    return strongest(new Map([...vector].filter(([t]) => (this.df.get(t) ?? 0) > 1)), LOOKUP_TERMS);
  }

  /** The article's TF-IDF unit vector over its strongest terms. */
  private vectorOf(f: ArticleFeatures): Vector {
    const weighted: Array<[string, number]> = [];
    for (const [t, n] of f.terms) {
      const df = (this.df.get(t) ?? 1) + PRIOR_DOCS * (this.prior.get(t) ?? 0);
      weighted.push([t, (1 + Math.log(n)) * Math.log((1 + this.docs + PRIOR_DOCS) / df)]);
    }
    const top = weighted.sort((a, b) => b[1] - a[1]).slice(0, ARTICLE_TERMS);
    const v: Vector = new Map(top);
    const n = norm(v);
    for (const [t, w] of v) v.set(t, w / n);
    return v;
  }

  /** 1 within the event's span widened by `sameStoryDays`; beyond, a factor e per week. */
  private timeFactor(from: number | null, to: number | null, e: EventState): number {
    if (from === null || to === null || e.first === null || e.last === null) return 1;
    const gap = Math.max(0, e.first - to, from - e.last) - this.options.sameStoryDays;
    return gap > 0 ? Math.exp(-gap / 7) : 1;
  }

  /** The story a new event starts in: the best-matching story, strongly or (when active around the day) weakly. */
  private chooseStory(vector: Vector, lookup: Array<[string, number]>, day: number | null, newEventId: string): string {
    const votes = new Map<string, number>();
    for (const [t, w] of lookup) {
      for (const id of this.storyPostings.terms.get(t) ?? []) votes.set(id, (votes.get(id) ?? 0) + w);
    }
    let best: string | undefined;
    let bestScore = 0;
    for (const [id] of [...votes].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES)) {
      const story = this.stories.get(id)!;
      const sim = cosineUnit(vector, story);
      const active = day !== null && story.last !== null && Math.abs(day - story.last) <= this.options.storyActiveDays;
      if (sim < (active ? this.options.storyActiveThreshold : this.options.storyThreshold)) continue;
      if (sim > bestScore) [best, bestScore] = [id, sim];
    }
    if (best) return best;
    this.stories.set(newEventId, { id: newEventId, seq: this.stories.size, size: 0, first: day, last: day, centroid: new Map(), indexed: [] });
    return newEventId;
  }

  private absorb(e: EventState, v: Vector, day: number | null, postings: Postings, keep: number): void {
    for (const [t, w] of v) e.centroid.set(t, (e.centroid.get(t) ?? 0) + w);
    e.norm = undefined;
    e.size++;
    if (day !== null) {
      e.first = e.first === null ? day : Math.min(e.first, day);
      e.last = e.last === null ? day : Math.max(e.last, day);
    }
    if (e.centroid.size > keep * 1.5) e.centroid = new Map(strongest(e.centroid, keep));
    // A large state's strongest terms barely move with one more article: reindex it every few articles only.
    if (e.size <= REINDEX_ALWAYS || e.size % REINDEX_EVERY === 0) reindex(e, postings);
  }

  /** Merges stories that the grown story now matches closely. */
  private mergeStories(story: EventState): void {
    const votes = new Map<string, number>();
    for (const [t, w] of strongest(story.centroid, LOOKUP_TERMS)) {
      for (const id of this.storyPostings.terms.get(t) ?? []) if (id !== story.id) votes.set(id, (votes.get(id) ?? 0) + w);
    }
    let target = story;
    for (const [id] of [...votes].sort((a, b) => b[1] - a[1]).slice(0, STORY_MERGE_CANDIDATES)) {
      const other = this.stories.get(id)!;
      if (other.mergedInto || other.id === target.id) continue;
      if (cosineStates(target, other) < this.options.storyMergeThreshold) continue;
      target = this.joinStories(target, other);
    }
  }

  /** Merges two stories, the smaller into the larger (which keeps its id); returns the one that remains. */
  private joinStories(a: EventState, b: EventState): EventState {
    const [big, small] = a.size >= b.size ? [a, b] : [b, a];
    absorbState(big, small, this.storyPostings, STORY_TERMS);
    return big;
  }

  /** Merges events that the grown event now matches closely: the smaller into the larger. */
  private mergeAround(e: EventState, candidates: EventState[]): string[] {
    const merged: string[] = [];
    let target = e;
    for (const c of candidates) {
      if (c.mergedInto || c.id === target.id) continue;
      const score = cosineStates(target, c) * this.timeFactor(target.first, target.last, c);
      if (score < this.options.mergeThreshold) continue;
      const [big, small] = c.size > target.size ? [c, target] : [target, c];
      absorbState(big, small, this.postings, EVENT_TERMS);
      for (const [k, n] of small.actors ?? []) big.actors?.set(k, (big.actors.get(k) ?? 0) + n);
      // One event is one story: when two events merge, their stories merge too.
      const bs = follow(this.stories, big.story!);
      const ss = follow(this.stories, small.story!);
      if (bs !== ss) this.joinStories(this.stories.get(bs)!, this.stories.get(ss)!);
      merged.push(small.id);
      target = big;
    }
    return merged;
  }

  /**
   * Takes events and stories whose last article is older than the window out of the indexes, and drops their
   * centroids: they can no longer be candidates, so memory holds what is current plus a small record per event.
   */
  private retire(): void {
    this.sinceRetire = 0;
    if (this.latestDay === null) return;
    const horizon = this.latestDay - this.options.windowDays;
    for (const postings of [this.postings, this.storyPostings]) {
      for (const e of [...postings.active.values()]) {
        if (e.last === null || e.last >= horizon) continue;
        unindex(e, postings);
        e.centroid = new Map();
        e.norm = undefined;
        e.actors = undefined;
      }
    }
  }

  /** The clusterer's state as JSON-safe data, for a store to keep between runs. */
  toJSON(): ClustererState {
    const state = (e: EventState): SavedState => ({
      id: e.id, seq: e.seq, size: e.size, first: e.first, last: e.last, centroid: [...e.centroid], indexed: e.indexed,
      mergedInto: e.mergedInto, story: e.story, actors: e.actors ? [...e.actors] : undefined,
    });
    return {
      version: 1,
      docs: this.docs,
      latestDay: this.latestDay,
      df: [...this.df],
      events: [...this.events.values()].map(state),
      stories: [...this.stories.values()].map(state),
      assignment: [...this.assignment],
    };
  }

  /** A clusterer that goes on from a saved state. */
  static fromJSON(saved: ClustererState, options: ClusterOptions = {}): OnlineClusterer {
    const c = new OnlineClusterer(options);
    c.docs = saved.docs;
    c.latestDay = saved.latestDay;
    for (const [t, n] of saved.df) c.df.set(t, n);
    const restore = (s: SavedState, into: Map<string, EventState>, postings: Postings) => {
      const e: EventState = { ...s, centroid: new Map(s.centroid), indexed: [], actors: s.actors ? new Map(s.actors) : undefined };
      into.set(e.id, e);
      if (s.indexed.length) reindex(e, postings);
    };
    for (const s of saved.events) restore(s, c.events, c.postings);
    for (const s of saved.stories) restore(s, c.stories, c.storyPostings);
    for (const [a, e] of saved.assignment) c.assignment.set(a, e);
    return c;
  }
}
