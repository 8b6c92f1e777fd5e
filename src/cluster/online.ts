// Online event clustering: each arriving article joins the event it matches best or starts a new one.
//
//   representation  an article is a TF-IDF vector over its words and names (document frequencies are counted as
//                   articles arrive), with its title, the people, places, organisations and numbers it names, and its
//                   day; an event is the sum of its articles' vectors (its centroid, pruned to its strongest terms),
//                   the vectors of its first reports (its core, which later joiners cannot pull away), what its
//                   reports name, and its time span;
//   candidates      an inverted index from each event's strongest terms to the event, holding only events active in a
//                   sliding window of days — events that fall out of the window leave the index, so the cost of an
//                   article depends on how much news is current, not on how much is stored. An event quiet for a
//                   week is dormant: only a report naming its people, places or organisations can still join it (a
//                   follow-up names the victim or the suspect; the next incident of the same kind shares only words).
//                   Terms no article has had within the window are forgotten: their counts would otherwise grow with
//                   every name and number ever written, and a name back after a year is rare again;
//   decision        a learned model (similarity.ts, weights in data/event-model.json) gives the probability that the
//                   article tells the same happening as a candidate event, from the similarity of text to the
//                   centroid and to the closest core report, of titles, of people, places, organisations and numbers
//                   (agreeing or conflicting), and the days between them. The article joins the most probable event
//                   when that probability passes the model's threshold; otherwise it starts an event;
//   merging         an event that grows into another merges with it when the same model, comparing the two events,
//                   is sure they are one (the model's merge threshold; the shipped model never merges: on the dev
//                   sets merging after the fact did not pay): the smaller into the larger, which keeps its id; the
//                   merged one keeps a pointer (`mergedInto`);
//   stories         a coarser level (the same actors and subject over weeks: an uprising, a trial, an epidemic), with
//                   centroids of their own that gather the subject's vocabulary across its events. A new event joins
//                   the story its first article matches best — strongly, or weakly when the story is active around
//                   the article's day (a subject in the news draws its side stories) — else it starts one; stories
//                   that grow together merge, as do the stories of two events that merge.
import { createHash } from 'node:crypto';
import type { ArticleFeatures } from './features.js';
import { PRIOR_DOCS, backgroundDocumentShare } from '../text/index.js';
import { probability, shippedEventModel, type EventModel, type PairFeatureVector } from './similarity.js';

export interface ClusterOptions {
  /** The model that decides whether an article tells an event's happening (default: data/event-model.json). */
  model?: EventModel;
  /** An article joins an event when the model's probability is at least this (default: the model's threshold). */
  joinThreshold?: number;
  /** Two events merge when the model, comparing them, gives at least this probability (default: the model's). */
  mergeThreshold?: number;
  /** A new event joins a story when its first article's similarity to the story's centroid is at least this… */
  storyThreshold?: number;
  /** …or at least this when the story had an article within `storyActiveDays` of the article's day. */
  storyActiveThreshold?: number;
  storyActiveDays?: number;
  /** Two stories merge when their centroids' similarity is at least this. */
  storyMergeThreshold?: number;
  /** Days after its last article that an event stays in the index (for joining, decayed by time; for stories, not). */
  windowDays?: number;
  /**
   * Below this centroid cosine an undated report whose recurring people are mostly strangers to an event does not join
   * it (0: never kept apart so; default: the model's).
   */
  castConflictBar?: number;
}

/**
 * The story thresholds were tuned on the T17 topics (labelled by topic: compare stories) and checked on the seeds
 * and the samples; `npm run eval` reports the scores in docs/quality.md. Event decisions come from the model.
 */
export const DEFAULTS: Required<Omit<ClusterOptions, 'model' | 'joinThreshold' | 'mergeThreshold' | 'castConflictBar'>> = {
  storyThreshold: 0.12,
  storyActiveThreshold: 0.08,
  storyActiveDays: 14,
  storyMergeThreshold: 0.15,
  // Follow-ups come late: in the GVA set a trial or a sentencing is reported up to 18 months after the shooting, and
  // one incident in five has reports more than a month apart.
  windowDays: 400,
};

/**
 * An article's vector keeps this many of its strongest terms. Enough to keep the subject's common words: a vector cut
 * to its rarest terms (names seen once, typos) would share nothing with the centroids it is compared with.
 */
const ARTICLE_TERMS = 300;
/** An event's centroid keeps this many terms; a story's, more (it covers more). */
const EVENT_TERMS = 150;
const STORY_TERMS = 300;
/** An event's core: its first reports, each by this many of its strongest terms. */
const CORE_REPORTS = 5;
const CORE_TERMS = 80;
/** Title and number centroids keep this many terms. */
const SMALL_TERMS = 40;
/** An event is indexed under this many of its strongest terms, and an article looks up this many of its own. */
const INDEX_TERMS = 60;
const LOOKUP_TERMS = 30;
/** At most this many candidate events (by shared index terms) are scored exactly… */
const MAX_CANDIDATES = 20;
/**
 * In training, more candidates are shown, dormant ones included, than are scored in use: the model learns from more
 * of the events an article could be mistaken for (the last incident of the same kind weeks ago among them).
 */
const TEACHER_CANDIDATES = 30;
/** …and only those whose centroid shares at least this much with the article are asked of the model. */
const CANDIDATE_FLOOR = 0.04;
/**
 * An event quiet for more than this many days is dormant: only a report naming one of its people, places or
 * organisations can join it (`reachable`). On GVA, 7 to 60 days all score the same; a week keeps the next incident of
 * the same kind in the same city out of last month's events, and is what lets the window be long at little cost.
 */
const DORMANT_DAYS = 7;

/** Whether `a` names any person, place or organisation that `e` names (in any of those roles). */
function namesAny(a: Profile, e: Profile): boolean {
  for (const m of [a.actors, a.places, a.organizations]) if (m) for (const k of m.keys()) if (e.actors?.has(k) || e.places?.has(k) || e.organizations?.has(k)) return true;
  return false;
}
/** The largest events of the event-labelled sets hold about 20 reports. */
const SIZE_SEEN_IN_TRAINING = 20;
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

/**
 * A term vector. Vectors made by `weigh` keep their terms strongest first (a Map keeps its order), so the strongest
 * few of an article are its first entries.
 */
type Vector = Map<string, number>;

interface TermCount {
  /** Articles counted with it. */
  n: number;
  /** What general English adds to its document frequency (`PRIOR_DOCS` documents, background.ts). */
  prior: number;
  /** The latest day an article had it (the latest day of any article when that one was undated). */
  seen: number;
}

/** What the model compares: an article (a profile of one) or an event. */
interface Profile {
  size: number;
  first: number | null;
  last: number | null;
  /** A sum of unit vectors (one for an article): the centroid. */
  centroid: Vector;
  norm?: number;
  /** Unit vectors of the first reports. */
  core?: Vector[];
  /** Sum of the reports' unit title vectors. */
  title?: Vector;
  titleNorm?: number;
  /** Sum of the reports' unit number vectors. */
  numbers?: Vector;
  numbersNorm?: number;
  /** Name key → number of reports naming it. */
  actors?: Map<string, number>;
  /** Person key → number of reports whose main person it is (the one they name most, at least twice). */
  mains?: Map<string, number>;
  /** An article's people named at least twice (not kept for events). */
  recurring?: Map<string, number>;
  places?: Map<string, number>;
  organizations?: Map<string, number>;
}

export interface EventState extends Profile {
  id: string;
  /** Creation order: the earlier event of a story gives the story its id. */
  seq: number;
  /** The terms it is indexed under now. */
  indexed: string[];
  /** Set when it was merged into another event. */
  mergedInto?: string;
  /** The story it belongs to (a story id, possibly joined to another since). */
  story?: string;
}

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

function unit(v: Vector): Vector {
  const n = norm(v);
  const out: Vector = new Map();
  for (const [t, w] of v) out.set(t, w / n);
  return out;
}

/** Cosine of two profiles' centroids. */
function cosineCentroids(a: Profile, b: Profile): number {
  return dot(a.centroid, b.centroid) / ((a.norm ??= norm(a.centroid)) * (b.norm ??= norm(b.centroid)));
}

function strongest(v: Vector, n: number): Array<[string, number]> {
  return [...v].sort((x, y) => y[1] - x[1]).slice(0, n);
}

/** The first `n` entries of a vector: its strongest when it was made by `weigh`. */
function first(v: Vector, n: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const entry of v) {
    if (out.length === n) break;
    out.push(entry);
  }
  return out;
}

function addInto(into: Map<string, number>, from: Map<string, number>, keep?: number): void {
  for (const [t, w] of from) into.set(t, (into.get(t) ?? 0) + w);
  if (keep !== undefined && into.size > keep * 1.5) {
    const top = strongest(into, keep);
    into.clear();
    for (const [t, w] of top) into.set(t, w);
  }
}

/** How rare a term is (its inverse document frequency): a name many reports write tells little. */
export type Rarity = (term: string) => number;

/** Share of `a`'s names, each weighed by its rarity, that `b` names too (0 when `a` has none). */
function sharedShare(a: Map<string, number> | undefined, b: Map<string, number> | undefined, rarity: Rarity): number {
  if (!a?.size || !b?.size) return 0;
  let shared = 0;
  let all = 0;
  for (const k of a.keys()) {
    const w = rarity(k);
    all += w;
    if (b.has(k)) shared += w;
  }
  return all ? shared / all : 0;
}

/** Both name some, and `b` has one of `a`'s: 1; has none of them: -1; either names none: 0. */
function overlap(a: Map<string, number> | undefined, b: Map<string, number> | undefined): 1 | 0 | -1 {
  if (!a?.size || !b?.size) return 0;
  for (const k of a.keys()) if (b.has(k)) return 1;
  return -1;
}

/** Both name some, and none of `a`'s is in `b`: another cast, another place, another protagonist. */
const conflict = (a: Map<string, number> | undefined, b: Map<string, number> | undefined) => (overlap(a, b) < 0 ? 1 : 0);
/** Both name some, and one of `a`'s is in `b`: the same protagonist. */
const agrees = (a: Map<string, number> | undefined, b: Map<string, number> | undefined) => (overlap(a, b) > 0 ? 1 : 0);

/** Most of a report's recurring people (two or more, each named at least twice) are unknown to an event naming two or more. */
function otherCast(recurring: Map<string, number> | undefined, named: Map<string, number> | undefined): boolean {
  if (!recurring || recurring.size < 2 || !named || named.size < 2) return false;
  let unknown = 0;
  for (const k of recurring.keys()) if (!named.has(k)) unknown++;
  return unknown / recurring.size > 0.5;
}

/** Days between two spans (0 when they overlap), null when either is undated. */
function daysApart(a: Profile, b: Profile): number | null {
  if (a.first === null || a.last === null || b.first === null || b.last === null) return null;
  return Math.max(0, b.first - a.last, a.first - b.last);
}

/**
 * The model's features (similarity.ts, PAIR_FEATURES, in that order) for profile `a` (an article, or the smaller of
 * two events) against event `e`.
 */
export function pairFeatures(a: Profile, e: Profile, rarity: Rarity, centroid = cosineCentroids(a, e)): PairFeatureVector {
  // The closest of the event's core reports: an event drifts when its centroid follows its latest joiners; its core
  // stays what the first reports told.
  let core = 0;
  const aCore = a.core?.length ? a.core : [unit(a.centroid)];
  for (const m of e.core ?? []) for (const v of aCore) core = Math.max(core, dot(v, m));
  const titled = a.title?.size && e.title?.size;
  const title = titled ? dot(a.title!, e.title!) / ((a.titleNorm ??= norm(a.title!)) * (e.titleNorm ??= norm(e.title!))) : 0;
  const numbers = a.numbers?.size && e.numbers?.size ? dot(a.numbers, e.numbers) / ((a.numbersNorm ??= norm(a.numbers)) * (e.numbersNorm ??= norm(e.numbers))) : 0;
  const apart = daysApart(a, e);
  const near = apart === null || apart <= 2 ? 1 : 0;
  const people = sharedShare(a.actors, e.actors, rarity);
  const places = sharedShare(a.places, e.places, rarity);
  return [
    1,
    centroid,
    core,
    title,
    titled ? 0 : 1,
    people,
    conflict(a.actors, e.actors),
    apart === null && otherCast(a.recurring, e.actors) ? 1 : 0,
    places,
    conflict(a.places, e.places),
    sharedShare(a.organizations, e.organizations, rarity),
    agrees(a.mains, e.mains),
    // None of the article's main people is named by the event: another protagonist (another player arrested).
    conflict(a.mains, e.actors),
    numbers,
    apart === null ? 0 : Math.log1p(apart),
    // How long the event would last with it: a chain of reports a few days apart each drifts over weeks.
    apart === null ? 0 : Math.log1p(Math.max(a.last!, e.last!) - Math.min(a.first!, e.first!)),
    apart === null ? 1 : 0,
    // Capped at the sizes the model was trained on: past them a linear weight would shut a growing event (a flood of
    // briefs, a war's hundreds of reports) to every new report.
    Math.log1p(Math.min(e.size, SIZE_SEEN_IN_TRAINING)),
    centroid * near,
    core * core,
  ];
}

/** An inverted index (term → state ids) and the states indexed in it (the active ones, which retirement scans). */
interface Postings {
  terms: Map<string, Set<string>>;
  active: Map<string, EventState>;
}

function newPostings(): Postings {
  return { terms: new Map(), active: new Map() };
}

type Pairs = Array<[string, number]>;

interface SavedState {
  id: string;
  seq: number;
  size: number;
  first: number | null;
  last: number | null;
  centroid: Pairs;
  indexed: string[];
  mergedInto?: string;
  story?: string;
  actors?: Pairs;
  mains?: Pairs;
  core?: Pairs[];
  title?: Pairs;
  numbers?: Pairs;
  places?: Pairs;
  organizations?: Pairs;
}

/** What `toJSON` writes and `fromJSON` reads. */
export interface ClustererState {
  version: 1;
  docs: number;
  latestDay: number | null;
  /** Term, articles with it, and the latest day one had it (absent in states saved before terms were forgotten). */
  df: Array<[string, number] | [string, number, number]>;
  events: SavedState[];
  stories: SavedState[];
  assignment: Array<[string, string]>;
}

/** For training (train.ts): where an article belongs, and what the model would have been shown for each candidate. */
export interface Teacher {
  /** The event the article belongs to, or null when it starts one. */
  event: string | null;
  /** Called with the features of every candidate event (the true event among them when it is live). */
  pairs: (pairs: Array<{ event: string; x: PairFeatureVector }>) => void;
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

/** Folds what profile `from` names and says into event `into` (centroid apart: callers prune it to their own size). */
function absorbProfile(into: EventState, from: Profile): void {
  if (from.core) {
    into.core ??= [];
    for (const v of from.core) if (into.core.length < CORE_REPORTS) into.core.push(v);
  }
  if (from.title) addInto((into.title ??= new Map()), from.title, SMALL_TERMS);
  if (from.numbers) addInto((into.numbers ??= new Map()), from.numbers, SMALL_TERMS);
  if (from.actors) addInto((into.actors ??= new Map()), from.actors);
  if (from.mains) addInto((into.mains ??= new Map()), from.mains);
  if (from.places) addInto((into.places ??= new Map()), from.places);
  if (from.organizations) addInto((into.organizations ??= new Map()), from.organizations);
  into.titleNorm = into.numbersNorm = undefined;
}

/** Folds `small` into `big` (centroid, size, span), points `small` at `big`, and moves the index to `big`. */
function absorbState(big: EventState, small: EventState, postings: Postings, keep: number): void {
  addInto(big.centroid, small.centroid, keep);
  big.norm = undefined;
  big.size += small.size;
  if (small.first !== null) big.first = big.first === null ? small.first : Math.min(big.first, small.first);
  if (small.last !== null) big.last = big.last === null ? small.last : Math.max(big.last, small.last);
  small.mergedInto = big.id;
  unindex(small, postings);
  reindex(big, postings);
}

/**
 * The `n` states indexed under most of the weighted `terms` (the sum of the weights of the terms they share), best
 * first; ties in the order they were first met. A running top-n: the vote table can hold thousands of states.
 */
function topVoted(postings: Postings, terms: Array<[string, number]>, n: number, except?: string): string[] {
  const votes = new Map<string, number>();
  for (const [t, w] of terms) {
    for (const id of postings.terms.get(t) ?? []) if (id !== except) votes.set(id, (votes.get(id) ?? 0) + w);
  }
  const top: Array<[string, number]> = [];
  for (const entry of votes) {
    if (top.length === n && entry[1] <= top[n - 1][1]) continue;
    let i = top.length;
    while (i > 0 && top[i - 1][1] < entry[1]) i--;
    top.splice(i, 0, entry);
    if (top.length > n) top.pop();
  }
  return top.map(([id]) => id);
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

/** One key a report: a name counts once per report, however often it is written. */
const once = (m: Map<string, number> | undefined): Map<string, number> | undefined => (m?.size ? new Map([...m.keys()].map((k) => [k, 1])) : undefined);

/** The people a report names most (at least twice): its protagonists. */
function mainPeople(actors: Map<string, number>): Map<string, number> | undefined {
  let top = 2;
  for (const n of actors.values()) top = Math.max(top, n);
  const mains = [...actors].filter(([, n]) => n >= top);
  return mains.length ? new Map(mains.map(([k]) => [k, 1])) : undefined;
}

export class OnlineClusterer {
  private readonly options: typeof DEFAULTS;
  private readonly model: EventModel;
  private readonly joinThreshold: number;
  private readonly mergeThreshold: number;
  private readonly castConflictBar: number;
  /** Term → how many articles had it, and the prior documents (general English) that have it. */
  private readonly df = new Map<string, TermCount>();
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
    const { model, joinThreshold, mergeThreshold, castConflictBar, ...rest } = options;
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    this.model = model ?? shippedEventModel();
    this.joinThreshold = joinThreshold ?? this.model.threshold;
    this.mergeThreshold = mergeThreshold ?? this.model.mergeThreshold;
    this.castConflictBar = castConflictBar ?? this.model.castConflictBar ?? 0;
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

  /**
   * Adds an article; returns the event it is in and the events this article caused to merge into it. With a
   * `teacher` (training), the article goes where the teacher says and nothing merges.
   */
  add(f: ArticleFeatures, teacher?: Teacher): { event: string; created: boolean; merged: string[] } {
    const known = this.assignment.get(f.id);
    if (known !== undefined) return { event: this.resolve(known), created: false, merged: [] };
    // Document frequencies count this article first, so its own rare terms weigh as rare.
    this.docs++;
    if (f.day !== null && (this.latestDay === null || f.day > this.latestDay)) this.latestDay = f.day;
    const day = f.day ?? this.latestDay ?? 0;
    for (const t of f.terms.keys()) this.count(t, day);
    if (f.title) for (const t of f.title.keys()) if (!f.terms.has(t)) this.count(t, day);
    if (f.numbers) for (const t of f.numbers.keys()) this.count(t, day);
    this.rarities.clear();
    const article = this.profileOf(f);

    // Candidates: events indexed under the article's strongest terms that other articles have used too.
    const lookup = this.lookupTerms(article.centroid);
    const candidates = topVoted(this.postings, lookup, teacher ? TEACHER_CANDIDATES : MAX_CANDIDATES).map((id) => this.events.get(id)!);
    if (teacher?.event && !candidates.some((e) => e.id === teacher.event) && this.postings.active.has(teacher.event)) candidates.push(this.events.get(teacher.event)!);
    let best: EventState | undefined;
    let bestScore = this.joinThreshold;
    const shown: Array<{ event: string; x: PairFeatureVector }> = [];
    // Events the article matches too: the only ones its event can have grown into (merge candidates).
    const matched: EventState[] = [];
    for (const e of candidates) {
      if (!teacher && !this.reachable(article, e)) continue;
      const cosine = cosineCentroids(article, e);
      if (cosine < CANDIDATE_FLOOR && e.id !== teacher?.event) continue;
      const x = pairFeatures(article, e, this.rarity, cosine);
      if (teacher) {
        shown.push({ event: e.id, x });
        continue;
      }
      // Undated, another cast is another happening of the story (another meeting, another arrest) unless the words
      // agree strongly: the learned weight of that evidence (`another cast, undated`) is too weak to stop it alone, so
      // a bar on the words is chosen in training too.
      if ((f.day === null || e.first === null) && cosine < this.castConflictBar && otherCast(article.recurring, e.actors)) continue;
      const p = probability(this.model, x);
      if (p >= this.joinThreshold) matched.push(e);
      if (p >= bestScore) [best, bestScore] = [e, p];
    }
    if (teacher) {
      teacher.pairs(shown);
      best = teacher.event ? this.events.get(teacher.event) : undefined;
    }
    let created = false;
    if (!best) {
      best = { id: eventId(f.id), seq: this.events.size, size: 0, first: null, last: null, centroid: new Map(), indexed: [] };
      best.story = this.chooseStory(article.centroid, lookup, f.day, best.id);
      this.events.set(best.id, best);
      created = true;
    }
    this.absorb(best, article.centroid, f.day, this.postings, EVENT_TERMS);
    absorbProfile(best, article);
    const story = this.stories.get(follow(this.stories, best.story!))!;
    this.absorb(story, article.centroid, f.day, this.storyPostings, STORY_TERMS);
    this.assignment.set(f.id, best.id);
    // A model that never merges (a threshold above 1) is not asked.
    const merged = teacher || this.mergeThreshold > 1 ? [] : this.mergeAround(best, matched);
    const grown = this.stories.get(follow(this.stories, best.story!))!;
    if (grown.size <= REINDEX_ALWAYS || grown.size % REINDEX_EVERY === 0) this.mergeStories(grown);
    if (++this.sinceRetire >= RETIRE_EVERY) this.retire();
    return { event: this.resolve(best.id), created, merged };
  }

  /**
   * Whether an article can still join an event: not when the event is closed (its last report older than the window,
   * whether or not retirement has run yet); when it is dormant (quiet for a week or more), only if the article names
   * one of its people, places or organisations — a follow-up weeks later (an arrest, a trial) names the victim, the
   * suspect or the place, while the next incident of the same kind shares only the words.
   */
  private reachable(article: Profile, e: EventState): boolean {
    if (article.last === null || e.last === null) return true;
    const quiet = article.last - e.last;
    if (quiet > this.options.windowDays) return false;
    return quiet <= DORMANT_DAYS || namesAny(article, e);
  }

  /**
   * The terms to look candidates up by: the strongest (the first: `weigh` orders them) the article shares with earlier
   * articles (a term only it has finds nothing).
   */
  private lookupTerms(vector: Vector): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const entry of vector) {
      if ((this.df.get(entry[0])?.n ?? 0) > 1) out.push(entry);
      if (out.length === LOOKUP_TERMS) break;
    }
    return out;
  }

  /** The rarity of names, remembered while one article is placed (the counts do not change meanwhile). */
  private rarities = new Map<string, number>();
  private readonly rarity: Rarity = (t) => {
    let r = this.rarities.get(t);
    if (r === undefined) this.rarities.set(t, (r = this.idf(t)));
    return r;
  };

  /** Counts one more article, of day `day`, with term `t`. */
  private count(t: string, day: number): void {
    const c = this.df.get(t);
    if (!c) this.df.set(t, { n: 1, prior: PRIOR_DOCS * (this.prior.get(t) ?? 0), seen: day });
    else {
      c.n++;
      if (day > c.seen) c.seen = day;
    }
  }

  private idf(t: string): number {
    const c = this.df.get(t);
    const df = c ? c.n + c.prior : 1 + PRIOR_DOCS * (this.prior.get(t) ?? 0);
    return Math.log((1 + this.docs + PRIOR_DOCS) / df);
  }

  /** A TF-IDF unit vector over the strongest `keep` terms of a bag of terms. */
  private weigh(terms: Map<string, number>, keep: number): Vector {
    const weighted: Array<[string, number]> = [];
    for (const [t, n] of terms) weighted.push([t, (1 + Math.log(n)) * this.idf(t)]);
    weighted.sort((a, b) => b[1] - a[1]);
    return unit(new Map(weighted.length > keep ? weighted.slice(0, keep) : weighted));
  }

  /** The article as the model sees it: its TF-IDF unit vector, its title's and numbers', what it names, its day. */
  private profileOf(f: ArticleFeatures): Profile {
    const centroid = this.weigh(f.terms, ARTICLE_TERMS);
    return {
      size: 1,
      first: f.day,
      last: f.day,
      centroid,
      norm: 1,
      core: [unit(new Map(first(centroid, CORE_TERMS)))],
      title: f.title?.size ? this.weigh(f.title, SMALL_TERMS) : undefined,
      numbers: f.numbers?.size ? this.weigh(f.numbers, SMALL_TERMS) : undefined,
      actors: once(f.actors),
      mains: mainPeople(f.actors),
      recurring: new Map([...f.actors].filter(([, n]) => n >= 2)),
      places: once(f.places),
      organizations: once(f.organizations),
    };
  }

  /** The story a new event starts in: the best-matching story, strongly or (when active around the day) weakly. */
  private chooseStory(vector: Vector, lookup: Array<[string, number]>, day: number | null, newEventId: string): string {
    let best: string | undefined;
    let bestScore = 0;
    for (const id of topVoted(this.storyPostings, lookup, MAX_CANDIDATES)) {
      const story = this.stories.get(id)!;
      const sim = dot(vector, story.centroid) / (story.norm ??= norm(story.centroid));
      const active = day !== null && story.last !== null && Math.abs(day - story.last) <= this.options.storyActiveDays;
      if (sim < (active ? this.options.storyActiveThreshold : this.options.storyThreshold)) continue;
      if (sim > bestScore) [best, bestScore] = [id, sim];
    }
    if (best) return best;
    this.stories.set(newEventId, { id: newEventId, seq: this.stories.size, size: 0, first: day, last: day, centroid: new Map(), indexed: [] });
    return newEventId;
  }

  private absorb(e: EventState, v: Vector, day: number | null, postings: Postings, keep: number): void {
    addInto(e.centroid, v, keep);
    e.norm = undefined;
    e.size++;
    if (day !== null) {
      e.first = e.first === null ? day : Math.min(e.first, day);
      e.last = e.last === null ? day : Math.max(e.last, day);
    }
    // A large state's strongest terms barely move with one more article: reindex it every few articles only.
    if (e.size <= REINDEX_ALWAYS || e.size % REINDEX_EVERY === 0) reindex(e, postings);
  }

  /** Merges stories that the grown story now matches closely. */
  private mergeStories(story: EventState): void {
    let target = story;
    for (const id of topVoted(this.storyPostings, strongest(story.centroid, LOOKUP_TERMS), STORY_MERGE_CANDIDATES, story.id)) {
      const other = this.stories.get(id)!;
      if (other.mergedInto || other.id === target.id) continue;
      if (cosineCentroids(target, other) < this.options.storyMergeThreshold) continue;
      target = this.joinStories(target, other);
    }
  }

  /** Merges two stories, the smaller into the larger (which keeps its id); returns the one that remains. */
  private joinStories(a: EventState, b: EventState): EventState {
    const [big, small] = a.size >= b.size ? [a, b] : [b, a];
    absorbState(big, small, this.storyPostings, STORY_TERMS);
    return big;
  }

  /** Merges events that the grown event is now sure to be one with (the model on the two events): the smaller into the larger. */
  private mergeAround(e: EventState, candidates: EventState[]): string[] {
    const merged: string[] = [];
    let target = e;
    for (const c of candidates) {
      if (c.mergedInto || c.id === target.id) continue;
      const [big, small] = c.size > target.size ? [c, target] : [target, c];
      if (probability(this.model, pairFeatures(small, big, this.rarity)) < this.mergeThreshold) continue;
      absorbState(big, small, this.postings, EVENT_TERMS);
      absorbProfile(big, small);
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
   * centroids: they can no longer be candidates, so memory holds what is current plus a small record per event. Terms
   * no article has had within the window are forgotten.
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
        for (const k of ['actors', 'mains', 'core', 'title', 'numbers', 'places', 'organizations'] as const) e[k] = undefined;
      }
    }
    for (const [t, c] of this.df) if (c.seen < horizon) this.df.delete(t);
  }

  /** The clusterer's state as JSON-safe data, for a store to keep between runs. */
  toJSON(): ClustererState {
    const pairs = (m: Map<string, number> | undefined) => (m ? [...m] : undefined);
    const state = (e: EventState): SavedState => ({
      id: e.id, seq: e.seq, size: e.size, first: e.first, last: e.last, centroid: [...e.centroid], indexed: e.indexed,
      mergedInto: e.mergedInto, story: e.story, actors: pairs(e.actors), mains: pairs(e.mains), core: e.core?.map((v) => [...v]),
      title: pairs(e.title), numbers: pairs(e.numbers), places: pairs(e.places), organizations: pairs(e.organizations),
    });
    return {
      version: 1,
      docs: this.docs,
      latestDay: this.latestDay,
      df: [...this.df].map(([t, c]) => [t, c.n, c.seen]),
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
    for (const [t, n, seen] of saved.df) c.df.set(t, { n, prior: PRIOR_DOCS * (c.prior.get(t) ?? 0), seen: seen ?? saved.latestDay ?? 0 });
    const map = (p: Pairs | undefined) => (p ? new Map(p) : undefined);
    const restore = (s: SavedState, into: Map<string, EventState>, postings: Postings) => {
      const e: EventState = {
        ...s, centroid: new Map(s.centroid), indexed: [], actors: map(s.actors), mains: map(s.mains), core: s.core?.map((v) => new Map(v)),
        title: map(s.title), numbers: map(s.numbers), places: map(s.places), organizations: map(s.organizations),
      };
      into.set(e.id, e);
      if (s.indexed.length) reindex(e, postings);
    };
    for (const s of saved.events) restore(s, c.events, c.postings);
    for (const s of saved.stories) restore(s, c.stories, c.storyPostings);
    for (const [a, e] of saved.assignment) c.assignment.set(a, e);
    return c;
  }
}
