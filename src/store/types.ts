// The storage interface: what newsdesk keeps between runs and how the work on it is shared. Two implementations:
// SQLite (embedded, the default; one process) and PostgreSQL (many workers on one machine or many).
//
// The work an ingest does goes through the store in three steps, each one transaction, so that a crash at any point
// loses nothing and leaves nothing half-written:
//   1. articles jobs: a batch of cleaned articles is queued (deduplicated by a key, so that several processes queueing
//      the same input queue it once); a worker claims a job, understands its articles and stores them — claim, store
//      and completion commit together.
//   2. placement: when no articles job is waiting, one worker at a time (a lock) places the stored articles not yet
//      placed into events with the online clusterer, in arrival order, and marks the events that changed as pending.
//   3. event jobs: workers claim pending events, summarise and compare each, and write the event whole.
// The compute of each step is a synchronous function the caller passes in; the store only reads, locks and writes.
import type { Article, Event, EventCard, EventOutline, Fact, QuoteCoverage, ReportHead } from '../model.js';
import type { ClustererState } from '../cluster/index.js';
import type { MemberRef, PlacementOutcome } from '../pipeline/index.js';
import type { InputVersion, StoredIdentity } from './identity.js';
import { foldForSearch, searchWords } from './passage.js';

export type { PlacementOutcome };

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** An article as stored with its understanding: the article (with its sentences' offsets and dates) and the rest of
 * its reading, packed (src/understand/pack.ts; opaque to the store). */
export interface StoredUnderstanding {
  article: Article;
  understanding: string;
}

/** An article to store, with the day it is placed by (see `articleDay`). */
export interface ArticleToStore extends StoredUnderstanding {
  /** Its content hash (`contentHash`), computed once by whoever understood it. */
  hash: string;
  /** Days since 1970 (publication, else the latest full date it writes); null when undated: placed last. */
  day: number | null;
}

/** A queued batch of cleaned articles. */
export interface ArticlesJob {
  /** Identifies the batch by its content: the same articles queued twice are one job. */
  key: string;
  articles: Article[];
}

/** What placement does with the articles not yet placed; implemented by the service over the online clusterer. */
export interface PlacementWork {
  /** Once, with the clusterer state saved by the last placement (undefined for a new store). */
  begin(state: ClustererState | undefined): void;
  /** Unplaced articles, page by page, in arrival order: day (undated last), then id in code-point order. */
  add(page: StoredUnderstanding[]): void;
  /** What to save, in the same transaction. */
  finish(): PlacementOutcome;
}

/** A pending event as an event job reads it. */
export interface PendingEvent {
  id: string;
  story: string;
  /** Events absorbed into this one since it was last written; their rows go when this one is written. */
  replaces: string[];
  /** Its articles as understood, in no particular order: all of them, or for a very big event the ones chosen to be read (`membersToRead`). */
  members: StoredUnderstanding[];
  /** Every member, as the store knows it without reading it (its dates and the event's list come from these). */
  everyone?: MemberRef[];
}

/** What an event job writes: the event whole, and its articles with what the event's understanding added. */
export interface SummarizedEvent {
  event: Event;
  articles: Article[];
}

export interface EventQuery {
  /** Events reported on or after / before these days (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Only events naming this entity (any stored spelling). */
  entity?: string;
  /** Only events an identified outlet reported. */
  outlet?: string;
  limit?: number;
  offset?: number;
  /** 'size' (the default): biggest first, then newest; 'recent': newest first (by last report), then biggest. */
  order?: 'size' | 'recent';
}

export interface EventPage {
  total: number;
  /** In the order asked. */
  events: Event[];
}

/** A page of events as lists show them. */
export interface EventCardPage {
  total: number;
  /** In the order asked. */
  events: EventCard[];
}

/** A search: words or a name, with optional filters. */
export interface SearchQuery {
  text: string;
  /** Publication dates, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  outlet?: string;
  /** Only articles naming this entity (any of its spellings). */
  entity?: string;
  /** Hits at most (default 20). */
  limit?: number;
  /** Hits skipped, best first (default 0): a page starts here. Hits past MAX_SEARCH_OFFSET are not read: a search
   * that starts there answers no hits (and its total). */
  offset?: number;
  /** false: hits without their passages (snippet ''), for a caller that reads the articles themselves (a timeline). */
  passages?: boolean;
}

/**
 * The most hits a search pages through: a page starts before this many. The hits of a page are ranked with all the
 * hits before it (the order is the same on every page only so), so that a deep page costs what a search for all of
 * them would; the best 10,000 (as Elasticsearch's result window) are more than anyone reads — past them, narrowing the
 * search (dates, an outlet, a name) is the answer.
 */
export const MAX_SEARCH_OFFSET = 10_000;

export interface SearchHit {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** The event the article is in, when it is in one. */
  event: string | null;
  /** The best passage, the matched words between « and ». */
  snippet: string;
  /** Relevance: higher is better. */
  score: number;
}

export interface SearchResult {
  /** The spellings searched for: the query's words and every other spelling of a name it holds. */
  searched: string[];
  /** Every article matching the query under its filters, on every page (not only those in `hits`). */
  total: number;
  /** The page asked for (offset, limit), best first. */
  hits: SearchHit[];
}

/** How much work is waiting. */
export interface Backlog {
  /** Articles jobs not yet done (claimed ones included). */
  jobs: number;
  /** Stored articles not yet placed into events. */
  unplaced: number;
  /** Events waiting to be summarised. */
  events: number;
}

export interface NewsStore {
  /** 'sqlite' or 'postgres'. */
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, without credentials. */
  readonly location: string;

  // Work.
  /** Queues batches; a key already queued (or done) is skipped. Returns how many were new. */
  enqueue(jobs: ArticlesJob[]): Promise<number>;
  /**
   * Claims one waiting articles job, gives its articles the ids they have in the store (`resolveIdentities`: the same
   * origin keeps its stored id, another origin's article under a taken id is suffixed), runs `work` on them (which ones
   * to store — unchanged content can be left out — decided by the stored content hashes it is given), stores them
   * with their origins and completes the job, all in one transaction. Returns the job's result, or null when no job
   * was free.
   */
  runArticlesJob(work: (articles: Article[], storedHashes: Map<string, string>) => ArticleToStore[]): Promise<UpsertResult | null>;
  /**
   * Places the unplaced articles, under the placement lock (waiting for it while another process places). Null when
   * an articles job is still waiting — placement waits for the queue to drain, so that it takes every article queued
   * together in one pass, in arrival order; an empty outcome when nothing was left to place.
   */
  place(work: PlacementWork): Promise<PlacementOutcome | null>;
  /** Claims one pending event, runs `work` on it and writes the result; returns the event's id, or null if none was free. */
  runEventJob(work: (pending: PendingEvent) => SummarizedEvent): Promise<string | null>;
  backlog(): Promise<Backlog>;

  // Reading.
  /**
   * What the store holds under these articles' ids or origins (src/store/identity.ts): what `resolveIdentities` needs
   * to tell which stored article each one is.
   */
  identities(articles: Article[]): Promise<StoredIdentity[]>;
  /** The input files recorded as queued whole (`recordInputs`), as they were then, of these real paths. */
  ingestedInputs(paths: string[]): Promise<Map<string, InputVersion>>;
  /** Records input files whose every article is queued: read again unchanged, they have nothing new. */
  recordInputs(inputs: InputVersion[]): Promise<void>;
  countArticles(): Promise<number>;
  article(id: string): Promise<Article | undefined>;
  /** These articles, in the order asked, the missing left out. */
  articles(ids: string[]): Promise<Article[]>;
  /** The heads of these articles (title, outlet, day, the start of the text), in the order asked, the missing left out. */
  reportHeads(ids: string[]): Promise<ReportHead[]>;
  /** The publication dates of these articles (null when undated or missing), without reading them whole: a chart of
   * an event's reports per day. */
  publishedOf(ids: string[]): Promise<Array<string | null>>;
  /** Events whole (for exports and the CLI); lists read `eventCards`, which never reads an event whole. */
  events(query?: EventQuery): Promise<EventPage>;
  /** The cards of the events a query selects: what lists show, read from a small row of its own. */
  eventCards(query?: EventQuery): Promise<EventCardPage>;
  /** The cards of these events, in the order asked, the missing left out. */
  cards(ids: string[]): Promise<EventCard[]>;
  /** An event whole (its comparison's facts and quote coverage read from their rows and put back). */
  event(id: string): Promise<Event | undefined>;
  /** An event as a page reads it: whole but for its comparison's facts and quote coverage (left empty), with the
   * number of facts; the page reads the slices it shows by comparisonFacts and quoteCoverage. */
  eventOutline(id: string): Promise<EventOutline | undefined>;
  /** Facts `offset` to `offset + limit` of an event's comparison, in its order (most central first). */
  comparisonFacts(id: string, offset: number, limit: number): Promise<Fact[]>;
  /** The coverage of these quotes (by text) in an event's comparison, in the comparison's order; unknown ones left out. */
  quoteCoverage(id: string, quotes: string[]): Promise<QuoteCoverage[]>;
  /** The id of the event an article is in, if it is in one. */
  eventOf(articleId: string): Promise<string | undefined>;
  /** Where a merged event went: the id of the event that absorbed it (following later merges), or undefined. */
  mergedInto(id: string): Promise<string | undefined>;
  /**
   * Every spelling of the person (or other entity) a text names: "Dehqan" → Dehqan, Hossein Dehghan, Dehghan, Hossein
   * Dehqan — but a spelling that stands for someone else too ("Bashar al-Assad" → Bashar Assad, not Assad). A text
   * naming several people (a family name: "Asad" → Bashar al-Assad, Asma al-Assad, Riyad al-Asaad) gets only its own
   * variants among their spellings (Assad, al-Assad, Asaad), not each bearer's full name (names.ts expandSpellings).
   */
  spellingsOf(text: string): Promise<string[]>;
  /** Full-text search over articles, ranked, with the best passage of each, a page of them (offset, limit) and how
   * many match in all; a stored spelling of a name finds them all. */
  search(q: SearchQuery): Promise<SearchResult>;

  close(): Promise<void>;
}

/** Words of a query searched for, at most: each is a phrase every hit must hold, and costs the index a lookup. */
export const MAX_QUERY_WORDS = 16;

/** A query's words and names as groups of alternatives: the whole query when it is one stored name (all its spellings),
 * else word by word, each word with every spelling of a name it is. Every group must match. A word given again (in any
 * case or accents) is searched once, and words past the first MAX_QUERY_WORDS not at all: a query of a word repeated
 * hundreds of times made a MATCH expression as long, whose cost grew faster than its length (minutes for 250 words). */
export async function searchGroups(text: string, spellingsOf: (t: string) => Promise<string[]>): Promise<string[][]> {
  if (!text.trim()) return [];
  const whole = await spellingsOf(text);
  if (whole.length > 1) return [whole];
  const byFolded = new Map<string, string>();
  for (const w of text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []) {
    if (byFolded.size >= MAX_QUERY_WORDS) break;
    const folded = searchWords(foldForSearch(w)).join(' ');
    if (!byFolded.has(folded)) byFolded.set(folded, w);
  }
  const groups = await Promise.all([...byFolded.values()].map((w) => spellingsOf(w)));
  // Two words that are spellings of one name ("Dehqan Dehghan") are one group.
  const seen = new Set<string>();
  return groups.filter((g) => {
    const key = g.map((s) => searchWords(foldForSearch(s)).join(' ')).sort().join('\n');
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
