// Ingesting into a store, for the CLI, the server and workers alike. Cleaned articles are queued in batches; then the
// process works through the store's backlog (src/store/types.ts): articles jobs (understand, store), placement into
// events (one process at a time), event jobs (summarise, compare, write). Any number of processes may work on one
// PostgreSQL store at once; each step is one transaction, so a process killed anywhere loses nothing.
import type { Article } from '../model.js';
import { articleDay, Placement, summarizeMembers, type EventOptions } from '../pipeline/index.js';
import { understandArticle } from '../understand/index.js';
import { packUnderstanding, unpackUnderstanding } from '../understand/pack.js';
import { batchKey, contentHash } from '../store/hash.js';
import type { ArticlesJob, ArticleToStore, NewsStore, PlacementWork, UpsertResult } from '../store/types.js';

/** Articles a job: small enough that a job is a second or two of work, so that workers share a large ingest evenly. */
export const JOB_SIZE = 100;

export interface IngestResult extends UpsertResult {
  /** What the store holds after the run. */
  articles: number;
  events: number;
}

/** The jobs for a set of articles, JOB_SIZE a job, in the order given. */
export function jobsOf(articles: Article[]): ArticlesJob[] {
  const jobs: ArticlesJob[] = [];
  for (let i = 0; i < articles.length; i += JOB_SIZE) {
    const batch = articles.slice(i, i + JOB_SIZE);
    jobs.push({ key: batchKey(batch), articles: batch });
  }
  return jobs;
}

export interface WorkOptions {
  events?: EventOptions;
  /** Return when the store has no work left (the default), or keep waiting for more until the signal aborts. */
  untilIdle?: boolean;
  signal?: AbortSignal;
  /** A line for the operator: store unavailable, retrying; an article that could not be understood. */
  log?: (line: string) => void;
  /** How many articles are queued, for progress (unknown when not given). */
  expectedArticles?: number;
  /** How long to wait between looks at an empty or busy queue, in ms. */
  pollMs?: number;
  /** How long to go on retrying a store that does not answer, in ms (default 5 minutes). */
  retryForMs?: number;
}

export interface WorkDone extends UpsertResult {
  jobs: number;
  placements: number;
  events: number;
}

/** Errors that mean the store is not reachable now (a restart, a dropped connection), not that the work is wrong. */
function isTransient(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|57P0[1-3]|08\d{3}|40001|40P01|53300|SQLITE_BUSY)/.test(e.code)) return true;
  return /Connection terminated|connection.*(closed|ended)|not queryable|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i.test(e?.message ?? '');
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Retrying a store that does not answer: says so once, waits, and gives up after `retryForMs` of failure. */
class Outage {
  private since: number | null = null;

  constructor(private readonly store: NewsStore, private readonly options: Omit<WorkOptions, 'events'>) {}

  /** Runs a step; on a transient error says so (once an outage), waits and returns `retry` for the caller to try again. */
  async attempt<T>(step: () => Promise<T>): Promise<T | typeof RETRY> {
    const log = this.options.log ?? (() => {});
    try {
      const value = await step();
      if (this.since !== null) log('newsdesk: the store answers again; going on');
      this.since = null;
      return value;
    } catch (err) {
      if (!isTransient(err)) throw err;
      const now = Date.now();
      if (this.since === null) {
        this.since = now;
        log(`newsdesk: the store ${this.store.location} is unavailable (${(err as Error).message}); retrying`);
      } else if (now - this.since > (this.options.retryForMs ?? 300_000)) {
        throw new Error(`the store ${this.store.location} has been unavailable for ${Math.round((now - this.since) / 1000)} s: ${(err as Error).message}`);
      }
      await sleep(Math.min(2000, (this.options.pollMs ?? 200) * 5), this.options.signal);
      return RETRY;
    }
  }

  /** Runs a step until it succeeds (or the outage lasts too long, or the signal aborts: then it throws). */
  async run<T>(step: () => Promise<T>): Promise<T> {
    for (;;) {
      if (this.options.signal?.aborted) throw new Error('stopped');
      const r = await this.attempt(step);
      if (r !== RETRY) return r;
    }
  }
}

const RETRY = Symbol('retry');

/**
 * Works through a store's backlog: articles jobs first, placement when none is left, then event jobs. Returns what
 * this process did. With `untilIdle` (the default) it returns when the store has nothing left for anyone — jobs
 * other processes hold included — so that an ingest that returns has its events written.
 */
export async function work(store: NewsStore, options: WorkOptions = {}): Promise<WorkDone> {
  const events = options.events ?? {};
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 200;
  const done: WorkDone = { added: 0, updated: 0, unchanged: 0, jobs: 0, placements: 0, events: 0 };
  let understood = 0;
  // How many events there are to write, when this process placed them (others may be writing some of them too).
  let eventsToDo: number | null = null;
  const outage = new Outage(store, options);
  const understand = (articles: Article[], stored: Map<string, string>): ArticleToStore[] =>
    articles.flatMap((a) => {
      const hash = contentHash(a); // once an article: the store writes it as given
      if (stored.get(a.id) === hash) return [];
      events.onProgress?.('understanding articles', ++understood, options.expectedArticles ?? null);
      try {
        const u = understandArticle(a);
        return [{ article: u.article, hash, understanding: packUnderstanding(u), day: articleDay(u) }];
      } catch (err) {
        // Kept as it was cleaned, so that nothing is lost; it is placed and summarised without an understanding of its own.
        log(`newsdesk: ${a.source ?? a.id}: could not be understood (${(err as Error).message}); stored without sentences or names`);
        const u = { article: { ...a, sentences: [] }, sentences: [], names: [] };
        return [{ article: u.article, hash, understanding: packUnderstanding(u), day: articleDay(u) }];
      }
    });
  const summarize = (p: Parameters<Parameters<NewsStore['runEventJob']>[0]>[0]) => {
    events.onProgress?.('summarising events', done.events + 1, eventsToDo);
    return summarizeMembers(p.id, p.story, p.members.map((m) => unpackUnderstanding(m.article, m.understanding)), events, p.everyone);
  };
  // One step of work: true when there was something to do, false when the queue is empty (or held by others).
  const step = async (): Promise<boolean> => {
    const job = await store.runArticlesJob(understand);
    if (job) {
      done.jobs++;
      done.added += job.added;
      done.updated += job.updated;
      done.unchanged += job.unchanged;
      return true;
    }
    const placed = await store.place(storedPlacement(events));
    if (placed?.pending.length) {
      done.placements++; // go on with the events it made pending
      eventsToDo = done.events + placed.pending.length;
      return true;
    }
    if (await store.runEventJob(summarize)) {
      done.events++;
      return true;
    }
    return false;
  };
  while (!options.signal?.aborted) {
    const worked = await outage.attempt(step);
    if (worked !== false) continue;
    const backlog = await outage.attempt(() => store.backlog());
    if (backlog === RETRY) continue;
    if (options.untilIdle !== false && !backlog.jobs && !backlog.unplaced && !backlog.events) break;
    await sleep(pollMs, options.signal); // others hold the rest, or nothing has come in yet
  }
  return done;
}

/** Placement over stored articles: each page unpacked for the clusterer. */
function storedPlacement(options: EventOptions): PlacementWork {
  const placement = new Placement(options);
  return {
    begin: (state) => placement.begin(state),
    add: (page) => placement.add(page.map((m) => unpackUnderstanding(m.article, m.understanding))),
    finish: () => placement.finish(),
  };
}

/** Counts of a set of articles against the store: new, changed, the same. */
export async function compareWithStore(store: NewsStore, articles: Article[]): Promise<UpsertResult & { changed: Article[] }> {
  const stored = await store.contentHashes(articles.map((a) => a.id));
  const result = { added: 0, updated: 0, unchanged: 0, changed: [] as Article[] };
  for (const a of articles) {
    const hash = stored.get(a.id);
    if (hash === contentHash(a)) result.unchanged++;
    else {
      result.changed.push(a);
      if (hash) result.updated++;
      else result.added++;
    }
  }
  return result;
}

/** Compares articles with the store and queues the new and changed ones (retrying a store that does not answer). */
export async function queueArticles(store: NewsStore, articles: Article[], options: Omit<WorkOptions, 'events'> = {}): Promise<UpsertResult & { queued: number }> {
  const outage = new Outage(store, options);
  const { changed, ...counts } = await outage.run(() => compareWithStore(store, articles));
  const jobs = jobsOf(changed);
  await outage.run(() => store.enqueue(jobs));
  return { ...counts, queued: changed.length };
}

/** What a store holds: its articles and events (retrying a store that does not answer). */
export async function storeTotals(store: NewsStore, options: Omit<WorkOptions, 'events'> = {}): Promise<{ articles: number; events: number }> {
  const outage = new Outage(store, options);
  return outage.run(async () => ({ articles: await store.countArticles(), events: (await store.eventCards({ limit: 0 })).total }));
}

/** Queues the new and changed articles, then works until the store's backlog is done. */
export async function ingestIntoStore(store: NewsStore, articles: Article[], options: EventOptions = {}, work_: Omit<WorkOptions, 'events'> = {}): Promise<IngestResult> {
  const { queued, ...counts } = await queueArticles(store, articles, work_);
  await work(store, { expectedArticles: queued, ...work_, events: options });
  return { ...counts, ...(await storeTotals(store, work_)) };
}
