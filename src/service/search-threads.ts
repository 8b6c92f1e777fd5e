// Search and timelines off the server's event loop. better-sqlite3 reads synchronously, and a timeline is seconds of
// CPU: run in the server's thread, one heavy request left every other request waiting (a timeline of a query of 100
// words answered after 8 minutes, and so did a request for a page of events sent meanwhile). Here they run in a few
// threads of their own (search-thread.ts), each with its own connection to the store — read-only for SQLite, whose
// WAL lets readers and the writer go on together — while the server's thread goes on answering.
//
// Timelines (a second or so each) take all the threads but one, so that a search (tens of milliseconds) never waits
// behind them. Every request has a deadline, counted from its arrival (or, while no thread has started yet, from when
// the first is ready: loading a thread is not the request's work): one still waiting for a thread or still running
// then is answered 503, and a thread still working on it is stopped and replaced, so that no request holds a thread
// for longer.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SearchQuery } from '../store/index.js';
import type { TimelineOptions } from '../timeline/index.js';
import type { Reads, SearchWithEvents, TopicTimeline } from './search.js';

/** What a search thread is started with. */
export interface SearchThreadData {
  kind: 'sqlite' | 'postgres';
  /** Where the store is, with its credentials. */
  location: string;
}

export type SearchJob = { type: 'search'; query: SearchQuery } | { type: 'timeline'; query: SearchQuery; options: TimelineOptions };

/** From a thread: ready once its modules are loaded and its store opened; then one answer for each job. */
export type FromSearchThread = { type: 'ready' } | { type: 'answer'; ok: true; value: unknown } | { type: 'answer'; ok: false; message: string };

export interface SearchThreadsOptions extends SearchThreadData {
  /** Threads at most (default: 2, or 1 on a single core). */
  threads?: number;
  /** Milliseconds a request may take, waiting for a thread included (default 10 s). */
  deadline?: number;
}

/** A request that did not finish within the deadline: the server answers 503. */
export class SearchTimeout extends Error {
  readonly statusCode = 503;
  constructor(ms: number) {
    super(`the request took more than ${ms / 1000} s and was stopped: narrow it (fewer or rarer words, a date range)`);
  }
}

interface Request {
  job: SearchJob;
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** Set once the deadline counts. */
  timer?: NodeJS.Timeout;
}

/** The thread's module, from the sources (tests, tsx) or from the build. */
function startSearchThread(data: SearchThreadData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./search-thread.js', here), { workerData: data });
  // From the sources the thread needs tsx, as the process running them has.
  const code = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(new URL('./search-thread.ts', here).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
}

export class SearchThreads implements Reads {
  private readonly data: SearchThreadData;
  private readonly size: number;
  private readonly deadline: number;
  /** Threads loading, not yet ready. */
  private readonly starting = new Set<Worker>();
  private readonly idle: Worker[] = [];
  /** Each busy thread and the request it works on. */
  private readonly running = new Map<Worker, Request>();
  private readonly waiting: Request[] = [];
  private closed = false;

  constructor(options: SearchThreadsOptions) {
    this.data = { kind: options.kind, location: options.location };
    this.size = Math.max(1, options.threads ?? Math.min(2, availableParallelism()));
    this.deadline = options.deadline ?? 10_000;
  }

  /** Starts every thread now, so that the first requests do not wait for one to load its modules and open the store. */
  startAll(): void {
    while (!this.closed && this.threads() < this.size) this.start();
  }

  search(query: SearchQuery): Promise<SearchWithEvents> {
    return this.run({ type: 'search', query }) as Promise<SearchWithEvents>;
  }

  timeline(query: SearchQuery, options: TimelineOptions): Promise<TopicTimeline> {
    return this.run({ type: 'timeline', query, options }) as Promise<TopicTimeline>;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const request of this.waiting.splice(0)) this.settle(request, new Error('the server is closing'));
    const threads = [...this.starting, ...this.idle, ...this.running.keys()];
    this.starting.clear();
    this.idle.splice(0);
    await Promise.all(threads.map((t) => t.terminate()));
  }

  private threads(): number {
    return this.starting.size + this.idle.length + this.running.size;
  }

  private run(job: SearchJob): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the server is closing'));
    return new Promise((resolve, reject) => {
      const request: Request = { job, resolve, reject };
      if (this.idle.length || this.running.size) this.arm(request);
      this.waiting.push(request);
      this.dispatch();
    });
  }

  /** The deadline starts to count. */
  private arm(request: Request): void {
    request.timer = setTimeout(() => this.expire(request), this.deadline);
    request.timer.unref();
  }

  /** Hands waiting requests to ready threads, first come first served but for timelines past their share, and starts
   * threads (up to the limit) for those left waiting. */
  private dispatch(): void {
    while (this.idle.length && !this.closed) {
      const timelines = [...this.running.values()].filter((r) => r.job.type === 'timeline').length;
      const next = this.waiting.findIndex((r) => r.job.type !== 'timeline' || timelines < Math.max(1, this.size - 1));
      if (next < 0) break;
      const [request] = this.waiting.splice(next, 1);
      const thread = this.idle.pop()!;
      this.running.set(thread, request);
      thread.postMessage(request.job);
    }
    while (!this.closed && this.waiting.length > this.starting.size && this.threads() < this.size) this.start();
  }

  private start(): void {
    const thread = startSearchThread(this.data);
    this.starting.add(thread);
    // A thread keeps no process alive: the server's socket does, while it listens.
    thread.unref();
    thread.on('message', (message: FromSearchThread) => {
      if (message.type === 'ready') {
        if (!this.starting.delete(thread)) return;
        this.idle.push(thread);
        for (const request of this.waiting) if (!request.timer) this.arm(request);
      } else {
        const request = this.running.get(thread);
        // A thread whose request expired is being stopped: its late answer is nobody's, and it takes no other.
        if (!request) return;
        this.running.delete(thread);
        this.idle.push(thread);
        this.settle(request, message.ok ? undefined : new Error(message.message), message.ok ? message.value : undefined);
      }
      this.dispatch();
    });
    thread.on('error', (err) => this.lost(thread, err));
    thread.on('exit', (code) => this.lost(thread, new Error(`a search thread stopped (exit code ${code})`)));
  }

  /** A thread gone (an error it did not catch, or stopped): its request fails; so do the waiting ones when no thread is
   * left and it never got ready (a thread that cannot start would otherwise be started again for ever). */
  private lost(thread: Worker, err: Error): void {
    const request = this.running.get(thread);
    this.running.delete(thread);
    const i = this.idle.indexOf(thread);
    if (i >= 0) this.idle.splice(i, 1);
    const neverReady = this.starting.delete(thread);
    if (request) this.settle(request, err);
    if (neverReady && !this.threads()) for (const waiting of this.waiting.splice(0)) this.settle(waiting, new Error(`a search thread could not start: ${err.message}`));
    this.dispatch();
  }

  private expire(request: Request): void {
    const i = this.waiting.indexOf(request);
    if (i >= 0) this.waiting.splice(i, 1);
    for (const [thread, r] of this.running) {
      if (r !== request) continue;
      this.running.delete(thread);
      void thread.terminate();
    }
    this.settle(request, new SearchTimeout(this.deadline));
    this.dispatch();
  }

  private settle(request: Request, err: Error | undefined, value?: unknown): void {
    clearTimeout(request.timer);
    if (err) request.reject(err);
    else request.resolve(value);
  }
}
