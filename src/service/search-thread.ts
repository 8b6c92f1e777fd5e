// A thread where the server searches and builds timelines (started by search-threads.ts), on a connection of its own
// to the store: read-only for SQLite. It says it is ready once its modules are loaded and the store is open, then
// answers one job at a time; a failure is answered, not thrown, so that the thread serves the next one.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, SqliteStore, type NewsStore } from '../store/index.js';
import { searchArticlesAndEvents, topicTimeline } from './search.js';
import type { FromSearchThread, SearchJob, SearchThreadData } from './search-threads.js';

const port = parentPort!;
const { kind, location } = workerData as SearchThreadData;
const tell = (message: FromSearchThread) => port.postMessage(message);

const open = (): Promise<NewsStore> => (kind === 'sqlite' ? Promise.resolve().then(() => SqliteStore.openReadOnly(location)) : openStore(location));
let opened = open();

async function answer(job: SearchJob): Promise<unknown> {
  // A store that could not be opened (not there yet, being migrated) is tried again with each job.
  const store = await opened.catch(() => (opened = open()));
  return job.type === 'search' ? searchArticlesAndEvents(store, job.query) : topicTimeline(store, job.query, job.options);
}

port.on('message', (job: SearchJob) => {
  answer(job).then(
    (value) => tell({ type: 'answer', ok: true, value }),
    (err: unknown) => tell({ type: 'answer', ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});

await opened.catch(() => {});
tell({ type: 'ready' });
