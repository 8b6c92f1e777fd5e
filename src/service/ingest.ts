// Ingesting into a store, for the CLI, the server and workers alike. Cleaned articles are queued in batches; then the
// process works through the store's backlog (src/store/types.ts): articles jobs (understand, store), placement into
// events (one process at a time), event jobs (summarise, compare, write). Any number of processes may work on one
// PostgreSQL store at once; each step is one transaction, so a process killed anywhere loses nothing.
import { realpath, stat } from 'node:fs/promises';
import type { Article, Diagnostic } from '../model.js';
import { articleDay, Placement, summarizeMembers, type EventOptions } from '../pipeline/index.js';
import { ARTICLE_BUDGET_MS, Budget, understandArticleWithin } from '../understand/index.js';
import { packUnderstanding, unpackUnderstanding } from '../understand/pack.js';
import { batchKey, contentHash } from '../store/hash.js';
import { resolveIdentities, type InputVersion, type Renamed } from '../store/identity.js';
import type { ArticlesJob, ArticleToStore, NewsStore, PlacementWork, UpsertResult } from '../store/types.js';

/** Articles a job: small enough that a job is a second or two of work, so that workers share a large ingest evenly. */
export const JOB_SIZE = 100;

export interface IngestResult extends UpsertResult {
  /** What the store holds after the run. */
  articles: number;
  events: number;
}

/** The jobs for a set of articles, `size` a job (JOB_SIZE unless a caller needs smaller ones), in the order given. */
export function jobsOf(articles: Article[], size = JOB_SIZE): ArticlesJob[] {
  const jobs: ArticlesJob[] = [];
  for (let i = 0; i < articles.length; i += size) {
    const batch = articles.slice(i, i + size);
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
  /** Time to understand one article, in ms (default ARTICLE_BUDGET_MS): past it the rest is skipped, the article stored and a warning logged. */
  articleBudgetMs?: number;
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

/** Waits `ms`, or less if the signal aborts. The abort listener goes when the wait ends either way: an idle worker
 * sleeps twice a second on one signal for as long as it runs, and listeners left behind would pile up on it. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
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
        const budget = new Budget(options.articleBudgetMs ?? ARTICLE_BUDGET_MS);
        const u = understandArticleWithin(a, budget);
        if (u.unfinished) log(`newsdesk: warning: ${a.source ?? a.id}: understanding took longer than its ${budget.ms / 1000} s budget: ${u.unfinished.join('; ')}; stored with what was done`);
        return [{ article: u.article, hash, understanding: packUnderstanding(u), day: articleDay(u) }];
      } catch (err) {
        // Kept as it was cleaned, so that nothing is lost; it is placed and summarised without an understanding of its own.
        log(`newsdesk: ${a.source ?? a.id}: could not be understood (${(err as Error).message}); stored without sentences or names`);
        const u = { article: { ...a, sentences: [] }, sentences: [], names: [], cues: [] };
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

/**
 * Counts of a set of articles against the store: new, changed, the same — each taken for the stored article of its
 * origin (src/store/identity.ts), and renamed when another article holds its id (`renamed` says which).
 */
export async function compareWithStore(store: NewsStore, incoming: Article[]): Promise<UpsertResult & { changed: Article[]; renamed: Renamed[]; ids: string[] }> {
  const identities = await store.identities(incoming);
  const { articles, renamed } = resolveIdentities(incoming, identities);
  const stored = new Map(identities.map((s) => [s.id, s.hash]));
  const result = { added: 0, updated: 0, unchanged: 0, changed: [] as Article[], renamed, ids: articles.map((a) => a.id) };
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

/**
 * Compares articles with the store and queues the new and changed ones (retrying a store that does not answer). An
 * article stored under another id than its input gave (another article holds that one) is reported to `onDiagnostic`.
 */
export async function queueArticles(
  store: NewsStore,
  articles: Article[],
  options: Omit<WorkOptions, 'events'> & { onDiagnostic?: (d: Diagnostic) => void } = {},
): Promise<UpsertResult & { queued: number; ids: string[] }> {
  const outage = new Outage(store, options);
  const { changed, renamed, ids, ...counts } = await outage.run(() => compareWithStore(store, articles));
  for (const r of renamed) {
    options.onDiagnostic?.({ source: r.source, reason: `id "${r.from}" is already used by another article in the store; stored as "${r.to}"`, severity: 'warning' });
  }
  const jobs = jobsOf(changed);
  await outage.run(() => store.enqueue(jobs));
  return { ...counts, queued: changed.length, ids };
}

/**
 * Which input files a store already has whole: a file recorded once every article of it was queued, and unchanged
 * since (the same real path, size and modification time), is not read again — so an ingest run again after a kill
 * goes straight to the work that was left, and one run daily on a growing folder reads only what is new.
 */
export class InputLedger {
  /** Each file as it was when it was looked at, before it was read: what is recorded once it is queued. */
  private readonly seen = new Map<string, InputVersion>();
  /** Files not read again. */
  skipped = 0;

  constructor(private readonly store: NewsStore) {}

  /** Whether a file is unchanged since the store recorded it (remembering its version, to record it once it is queued). */
  readonly unchanged = async (file: string): Promise<boolean> => {
    let version: InputVersion;
    try {
      const path = await realpath(file);
      const s = await stat(path);
      version = { path, size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return false; // the reader says what is wrong with it
    }
    this.seen.set(file, version);
    const known = (await this.store.ingestedInputs([version.path])).get(version.path);
    const same = known !== undefined && known.size === version.size && known.mtimeMs === version.mtimeMs;
    if (same) this.skipped++;
    return same;
  };

  /** Records files whose every article is queued, as they were before they were read. */
  async record(files: string[]): Promise<void> {
    const versions = files.flatMap((f) => this.seen.get(f) ?? []);
    for (const f of files) this.seen.delete(f);
    await this.store.recordInputs(versions);
  }
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
