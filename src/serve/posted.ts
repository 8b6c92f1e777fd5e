// Articles POSTed to the API. They are accepted at once (202) and ingested in a thread of the server's own
// (ingest-thread.ts), so that no reader waits while a long article is understood; the client follows its submission at
// /api/submissions/<id> until it is done, then finds each article at /api/articles/<id>.
//
// A submission is `accepted` when it is received; `queued` once its articles are cleaned and in the store's queue
// (from then on they are kept: a server killed before it is done finishes it when it starts again, and so does
// `newsdesk worker`); `done` when they are stored and their events are up to date. A submission that is
// only accepted lives in this process: it is lost if the server is killed, and its status with it — then it is
// unknown (404), and to be sent again. `skipped`: nothing in it was readable as an article; `failed`: see `message`.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { OutletProfile, OutletRegistry } from '../clean/index.js';
import type { Diagnostic, RawArticle } from '../model.js';
import type { EventOptions } from '../pipeline/index.js';
import { displayLocation } from '../store/index.js';

/** What the ingest thread is started with: where the store is, and the options the work needs, as plain data. */
export interface IngestThreadData {
  location: string;
  profiles: OutletProfile[];
  events: Omit<EventOptions, 'profileOf' | 'onProgress'>;
}

export type ToIngestThread = { type: 'submit'; submission: string; raws: RawArticle[] } | { type: 'work' } | { type: 'stop' };

export type FromIngestThread =
  | { type: 'queued'; submission: string; ids: string[]; added: number; updated: number; unchanged: number; skipped: Diagnostic[]; warnings: Diagnostic[] }
  | { type: 'skipped'; submission: string; skipped: Diagnostic[] }
  | { type: 'done'; submissions: string[] }
  | { type: 'failed'; submissions: string[]; message: string }
  | { type: 'unavailable'; message: string }
  | { type: 'log'; line: string };

export interface SubmissionStatus {
  submission: string;
  status: 'accepted' | 'queued' | 'done' | 'skipped' | 'failed';
  /** When it was received (ISO 8601). */
  received: string;
  /** Once queued: the ids its articles are stored under, and where to read each. */
  ids?: string[];
  articles?: string[];
  /** Once queued: how many of its articles are new, changed, or the same as stored. */
  added?: number;
  updated?: number;
  unchanged?: number;
  /** Inputs in it that made no article, and why. */
  skipped?: Diagnostic[];
  /** What was repaired or ignored in its articles (a date not understood, an id changed or taken by another article). */
  warnings?: Diagnostic[];
  message?: string;
}

/** Statuses kept for clients to look up: the oldest finished ones are forgotten beyond this many. */
const KEPT_STATUSES = 10_000;
/** How long a stopping ingest thread has to finish its step and queue what it received before it is terminated. */
const STOP_GRACE_MS = 2000;

export interface PostedArticlesOptions {
  /** Where the store is, with its credentials: the thread opens a connection of its own. */
  location: string;
  registry: OutletRegistry;
  events?: EventOptions;
  /** Bytes of submissions accepted but not yet queued beyond which a POST is refused (503): they are held in memory. */
  waitingLimit: number;
  log?: (line: string) => void;
}

/** The thread's module, from the sources (tests, tsx) or from the build. */
function startIngestThread(data: IngestThreadData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./ingest-thread.js', here), { workerData: data });
  // From the sources the thread needs tsx, as the process running them has.
  const code = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(new URL('./ingest-thread.ts', here).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
}

export class PostedArticles {
  private thread: Worker | null = null;
  private readonly statuses = new Map<string, SubmissionStatus>();
  /** Bytes of each submission accepted and not yet queued. */
  private readonly waiting = new Map<string, number>();
  private waitingBytes = 0;
  private closed = false;
  /** Why the last thread could not work (its store did not open), for the submissions it leaves. */
  private problem: string | null = null;

  constructor(private readonly options: PostedArticlesOptions) {}

  /** Accepts a submission for the thread to ingest; null when too much is waiting already. */
  submit(raws: RawArticle[], bytes: number): SubmissionStatus | null {
    if (this.closed || (this.waitingBytes > 0 && this.waitingBytes + bytes > this.options.waitingLimit)) return null;
    const status: SubmissionStatus = { submission: randomUUID(), status: 'accepted', received: new Date().toISOString() };
    this.statuses.set(status.submission, status);
    this.waiting.set(status.submission, bytes);
    this.waitingBytes += bytes;
    this.forgetOldest();
    (this.thread ??= this.start()).postMessage({ type: 'submit', submission: status.submission, raws } satisfies ToIngestThread);
    return status;
  }

  /** Works through what the store's queue holds already (a server stopped before its submissions were done). */
  resume(): void {
    if (!this.closed) (this.thread ??= this.start()).postMessage({ type: 'work' } satisfies ToIngestThread);
  }

  status(submission: string): SubmissionStatus | undefined {
    return this.statuses.get(submission);
  }

  /** Stops the thread: it queues what it received (kept in the store) and closes its connection. */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage({ type: 'stop' } satisfies ToIngestThread);
    const grace = setTimeout(() => void thread.terminate(), STOP_GRACE_MS);
    await exited;
    clearTimeout(grace);
  }

  private start(): Worker {
    const { onProgress: _onProgress, profileOf: _profileOf, ...events } = this.options.events ?? {};
    this.problem = null;
    const thread = startIngestThread({ location: this.options.location, profiles: this.options.registry.profiles(), events });
    thread.on('message', (message: FromIngestThread) => this.heard(message));
    // A thread that fails (its store unreachable, out of memory) fails what it held; the next submission starts another.
    thread.on('error', (err) => this.lost(thread, err.message));
    thread.on('exit', () => this.lost(thread, this.problem ?? 'the ingest thread stopped'));
    return thread;
  }

  private heard(message: FromIngestThread): void {
    switch (message.type) {
      case 'queued': {
        const { type: _type, submission, ...result } = message;
        this.settle(submission, { status: 'queued', ...result, articles: result.ids.map((id) => `/api/articles/${encodeURIComponent(id)}`) });
        break;
      }
      case 'skipped':
        this.settle(message.submission, { status: 'skipped', skipped: message.skipped, message: 'nothing in it could be read as an article' });
        break;
      case 'done':
        for (const s of message.submissions) this.settle(s, { status: 'done' });
        break;
      case 'failed':
        for (const s of message.submissions) this.settle(s, { status: 'failed', message: message.message });
        break;
      case 'unavailable':
        this.problem = `the store ${displayLocation(this.options.location)} does not open in the ingest thread (${message.message})`;
        this.options.log?.(`newsdesk: posted articles cannot be ingested: ${this.problem}`);
        break;
      case 'log':
        this.options.log?.(message.line);
        break;
    }
  }

  private settle(submission: string, change: Partial<SubmissionStatus>): void {
    const status = this.statuses.get(submission);
    if (status) Object.assign(status, change);
    const bytes = this.waiting.get(submission);
    if (bytes !== undefined) {
      this.waiting.delete(submission);
      this.waitingBytes -= bytes;
    }
  }

  /** The thread is gone: what it had not queued is lost, what it had queued waits in the store for the next one. */
  private lost(thread: Worker, why: string): void {
    if (this.thread !== thread) return;
    this.thread = null;
    if (this.closed) return;
    for (const status of this.statuses.values()) {
      if (status.status === 'accepted') this.settle(status.submission, { status: 'failed', message: `${why}; not stored: send it again` });
      else if (status.status === 'queued') this.settle(status.submission, { status: 'failed', message: `${why}; its articles are in the store's queue, to be taken up by the next POST or a newsdesk worker` });
    }
  }

  private forgetOldest(): void {
    if (this.statuses.size <= KEPT_STATUSES) return;
    for (const [id, s] of this.statuses) {
      if (this.statuses.size <= KEPT_STATUSES) break;
      if (s.status !== 'accepted' && s.status !== 'queued') this.statuses.delete(id);
    }
  }
}
