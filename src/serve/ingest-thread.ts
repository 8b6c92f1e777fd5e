// The thread where the server ingests what is POSTed to /api/articles (started by posted.ts). Cleaning and
// understanding a long article, placing it and summarising its event take seconds of CPU each — 17.5 s for an
// 18,000-sentence article —, which in the server's own thread would leave every reader waiting. Here they run beside
// it, on a connection of their own to the same store: posted articles are cleaned and put in the store's queue of
// articles jobs, and the thread then works through the store's backlog as `newsdesk worker` does (src/service/ingest.ts).
// This thread is the server's only writer: on SQLite a writer holds the file's lock through a job, and a write from the
// server's thread would wait for it there, with every request behind it.
import { parentPort, workerData } from 'node:worker_threads';
import { cleanArticles, OutletRegistry } from '../clean/index.js';
import { queueArticles, work } from '../service/ingest.js';
import { canonicalUrl } from '../store/identity.js';
import { openStore, type NewsStore } from '../store/index.js';
import type { FromIngestThread, IngestThreadData, ToIngestThread } from './posted.js';

const port = parentPort!;
const { location, profiles, events } = workerData as IngestThreadData;
const registry = new OutletRegistry(profiles);
const eventOptions = { ...events, profileOf: (name: string) => registry.lookup(name) };
const tell = (message: FromIngestThread) => port.postMessage(message);
const log = (line: string) => tell({ type: 'log', line });

type Submission = Extract<ToIngestThread, { type: 'submit' }>;
const inbox: Submission[] = [];
const stop = new AbortController();
let wake: (() => void) | null = null;
/** Whether the store's queue is to be worked through though nothing was submitted (it held work when the server started). */
let resume = false;

port.on('message', (message: ToIngestThread) => {
  if (message.type === 'submit') inbox.push(message);
  else if (message.type === 'work') resume = true;
  else stop.abort();
  wake?.();
});

/** Lets this thread's messages in: the steps of the work are synchronous, and a store answers within the same turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Submissions in the store's queue and not yet worked through. */
let queued: string[] = [];

/** Cleans the submissions received and puts their articles in the store's queue, so that they are kept whatever happens next. */
async function queueInbox(store: NewsStore): Promise<void> {
  for (let s = inbox.shift(); s; s = inbox.shift()) {
    try {
      const { articles, diagnostics } = cleanArticles(s.raws, { registry });
      // A posted article is known by its URL, else by the id the client gave it (src/store/identity.ts).
      for (const a of articles) a.origin = canonicalUrl(a.url) ?? `api#${a.id}`;
      const skipped = diagnostics.filter((d) => d.severity === 'skipped');
      if (!articles.length) {
        tell({ type: 'skipped', submission: s.submission, skipped });
        continue;
      }
      const warnings = diagnostics.filter((d) => d.severity === 'warning');
      // The ids the articles are stored under: another than the client gave when its URL names a stored article, or
      // when another article holds that id.
      const { added, updated, unchanged, ids } = await queueArticles(store, articles, { log, onDiagnostic: (d) => warnings.push(d) });
      queued.push(s.submission);
      tell({ type: 'queued', submission: s.submission, ids, added, updated, unchanged, skipped, warnings });
    } catch (err) {
      tell({ type: 'failed', submissions: [s.submission], message: (err as Error).message });
    }
  }
}

/**
 * The store as the work sees it, with each step of the work first letting messages in and queueing what they brought:
 * a submission is queued between two steps, however long the backlog.
 */
function queueingBetweenSteps(store: NewsStore): NewsStore {
  const steps = new Set<PropertyKey>(['runArticlesJob', 'place', 'runEventJob']);
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!steps.has(key)) return value.bind(target);
      return async (...args: unknown[]) => {
        await nextTurn();
        await queueInbox(target);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function main(): Promise<void> {
  let store: NewsStore;
  try {
    store = await openStore(location);
  } catch (err) {
    tell({ type: 'unavailable', message: (err as Error).message });
    return;
  }
  const working = queueingBetweenSteps(store);
  try {
    while (!stop.signal.aborted) {
      await queueInbox(store);
      if (queued.length || resume) {
        resume = false;
        // Every submission queued before the work returns is done when it returns: it returns when the store's
        // backlog is empty, and the submissions it queued itself were queued before one of its steps.
        try {
          await work(working, { events: eventOptions, log, signal: stop.signal });
          if (stop.signal.aborted) break;
          if (queued.length) tell({ type: 'done', submissions: queued });
        } catch (err) {
          // The articles stay in the store's queue: the next submission, or a `newsdesk worker`, takes them up.
          if (!queued.length) log(`newsdesk: the store's queue could not be worked through: ${(err as Error).message}`);
          tell({ type: 'failed', submissions: queued, message: `${(err as Error).message}; the articles are in the store's queue, to be taken up by the next POST or a newsdesk worker` });
        }
        queued = [];
        continue;
      }
      if (inbox.length) continue;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    // Stopping: what was received is queued (kept in the store) before the connection closes.
    await queueInbox(store);
  } finally {
    await store.close();
  }
}

await main();
// The port, listened to, keeps the thread alive: closed, the thread ends.
port.close();
