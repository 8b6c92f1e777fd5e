// `npm run bench:store`: the store, the workers and the API — the whole ingest (read, clean, understand, place,
// summarise, compare, write) into SQLite by one process and into PostgreSQL by one and by four worker processes, then
// the API's latency for the events page and search over a store of 100,000 articles. Real processes (bin/newsdesk.js,
// the built CLI) and real servers: PostgreSQL from scripts/pg-server.mjs, the API listening on loopback. Writes the
// section "## Store, workers and API" of docs/benchmarks.md (the rest is left as it was; `npm run bench` keeps this
// section as it stands).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OutletRegistry } from '../clean/index.js';
import { buildServer } from '../serve/index.js';
import { openStore } from '../store/index.js';
import { replicatedT17Lines } from './corpus.js';
import { sectionOf, withSection } from './doc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const T17 = path.resolve(ROOT, '../shared/data/t17');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
const CLI = path.join(ROOT, 'bin/newsdesk.js');
export const STORE_HEADING = '## Store, workers and API';

interface PgServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs the CLI; resolves with its stdout when it exits (any code but 0 or 2 is an error). */
function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 || code === 2 ? resolve(out) : reject(new Error(`newsdesk ${args.join(' ')} exited ${code}: ${err.slice(-800)}`))));
  });
}

export interface IngestTiming {
  store: string;
  workers: number;
  articles: number;
  events: number;
  seconds: number;
}

/** Wall time of a whole ingest: one `newsdesk ingest`, or `ingest --enqueue` and `workers` × `newsdesk worker --until-idle`. */
async function timeIngest(label: string, location: string, file: string, workers: number): Promise<IngestTiming> {
  const start = performance.now();
  if (workers === 1) await cli(['ingest', file, '--db', location, '--json', '--quiet']);
  else {
    await cli(['ingest', file, '--db', location, '--enqueue', '--json', '--quiet']);
    await Promise.all(Array.from({ length: workers }, () => cli(['worker', '--db', location, '--until-idle', '--quiet'])));
  }
  const seconds = (performance.now() - start) / 1000;
  const store = await openStore(location);
  try {
    return { store: label, workers, articles: await store.countArticles(), events: (await store.eventCards({ limit: 0 })).total, seconds };
  } finally {
    await store.close();
  }
}

export interface Latency {
  what: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Latency of GET requests to a server listening on loopback, one at a time, after a warm-up round. */
async function latencies(base: string, what: string, paths: string[]): Promise<Latency> {
  for (const p of paths.slice(0, 20)) await (await fetch(base + p)).arrayBuffer();
  const times: number[] = [];
  for (const p of paths) {
    const start = performance.now();
    const r = await fetch(base + p);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { what, requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

/** The events page (pages 1–50, some filtered) and search (names, words, a name's other spelling; some filtered). */
export async function apiLatencies(location: string): Promise<Latency[]> {
  const store = await openStore(location);
  const app = await buildServer({ store, registry: OutletRegistry.load(), rateLimit: 1_000_000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const pages = Array.from({ length: 200 }, (_, i) => `/api/events?page=${1 + ((i * 7) % 50)}&size=20`);
    const filtered = Array.from({ length: 100 }, (_, i) => ['/api/events?entity=Hosni%20Mubarak', '/api/events?from=2010-01-12&to=2010-02-01', '/api/events?entity=Haiti&page=2', '/api/events?outlet=CNN'][i % 4]);
    const words = ['earthquake', 'Mubarak', 'swine flu', 'Michael Jackson', 'bank', 'Tahrir Square', 'vaccine', 'Conrad Murray', 'Lehman Brothers', 'Port-au-Prince'];
    const searches = Array.from({ length: 200 }, (_, i) => `/api/search?q=${encodeURIComponent(words[i % words.length])}`);
    const searchFiltered = Array.from({ length: 100 }, (_, i) => `/api/search?q=${encodeURIComponent(words[i % words.length])}&from=2009-06-01&to=2011-12-31&limit=10`);
    const fronts = Array.from({ length: 100 }, (_, i) => `/${i % 2 ? `?page=${1 + (i % 40)}` : ''}`);
    // The event pages of the 50 biggest events (issue 19: at most 100 ms each, whatever the event's size).
    const biggest: string[] = [];
    for (const page of [1, 2, 3]) biggest.push(...((await (await fetch(`${base}/api/events?page=${page}&size=20&order=size`)).json()) as { events: Array<{ id: string }> }).events.map((e) => e.id));
    const eventPages = Array.from({ length: 100 }, (_, i) => `/events/${encodeURIComponent(biggest[i % Math.min(50, biggest.length)])}`);
    return [
      await latencies(base, 'GET / (the web front page, 20 events, HTML)', fronts),
      await latencies(base, 'GET /events/{id} (the event page of one of the 50 biggest events, HTML)', eventPages),
      await latencies(base, 'GET /api/events (a page of 20)', pages),
      await latencies(base, 'GET /api/events filtered by entity, dates or outlet', filtered),
      await latencies(base, 'GET /api/search (20 hits with passages)', searches),
      await latencies(base, 'GET /api/search with a date range', searchFiltered),
    ];
  } finally {
    await app.close();
    await store.close();
  }
}

async function postgres(): Promise<PgServer | undefined> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts/pg-server.mjs')).href)) as { findPgBin(): string | undefined; startPostgres(): Promise<PgServer> };
  return mod.findPgBin() ? mod.startPostgres() : undefined;
}

/** Whether the server can create the RUM extension. */
async function hasRum(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return ((await c.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'rum'`)).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

export interface StoreBenchmarks {
  /** Whether the PostgreSQL server had the RUM extension. */
  rum: boolean;
  ingest: IngestTiming[];
  /** The large stores, built side by side. */
  builds: IngestTiming[];
  api: Array<{ store: string; articles: number; latencies: Latency[] }>;
  seconds: number;
}

/** Ingest `small` articles three ways, build `large`-article stores, time the API on them. */
export async function storeBenchmarks(small: number, large: number, log: (s: string) => void): Promise<StoreBenchmarks> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-store-'));
  const server = await postgres();
  try {
    const smallFile = path.join(dir, 'small.jsonl');
    const largeFile = path.join(dir, 'large.jsonl');
    writeFileSync(smallFile, `${replicatedT17Lines(T17, small).join('\n')}\n`);
    writeFileSync(largeFile, `${replicatedT17Lines(T17, large).join('\n')}\n`);
    const ingest: IngestTiming[] = [];
    const builds: IngestTiming[] = [];
    const api: StoreBenchmarks['api'] = [];
    log(`  SQLite, one process, ${small} articles`);
    ingest.push(await timeIngest('SQLite', path.join(dir, 'small.db'), smallFile, 1));
    const db = (name: string) => server!.url.replace(/\/[^/]*$/, `/bench_${name}`);
    if (server) {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      for (const name of ['one', 'four', 'large']) await admin.query(`CREATE DATABASE bench_${name}`);
      await admin.end();
      log(`  PostgreSQL, one process, ${small} articles`);
      ingest.push(await timeIngest('PostgreSQL', db('one'), smallFile, 1));
      log(`  PostgreSQL, four workers, ${small} articles`);
      ingest.push(await timeIngest('PostgreSQL', db('four'), smallFile, 4));
    } else log('  PostgreSQL not found: its rows are left out');
    // The large stores are built side by side (SQLite by one process, PostgreSQL by two workers): their times are
    // what building them took on a shared machine, not throughput figures; the API is timed after both are done.
    log(`  ${large} articles into SQLite${server ? ' and PostgreSQL, side by side' : ''} (the stores the API is timed on)`);
    builds.push(...(await Promise.all([timeIngest('SQLite', path.join(dir, 'large.db'), largeFile, 1), ...(server ? [timeIngest('PostgreSQL', db('large'), largeFile, 2)] : [])])));
    log('  API over SQLite');
    api.push({ store: 'SQLite', articles: builds[0].articles, latencies: await apiLatencies(path.join(dir, 'large.db')) });
    if (server) {
      log('  API over PostgreSQL');
      api.push({ store: 'PostgreSQL', articles: builds[1].articles, latencies: await apiLatencies(db('large')) });
    }
    return { rum: server ? await hasRum(server.url) : false, ingest, builds, api, seconds: (performance.now() - started) / 1000 };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function storeSection(b: StoreBenchmarks): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return `${STORE_HEADING}

Written by \`npm run bench:store\` (src/bench/store.ts) in ${(b.seconds / 60).toFixed(0)} min on ${cpus().length} cores.
Input: the T17 corpora copied as often as needed, each copy 1,500 days before or after the others (\`replicatedT17Lines\`), so that
every copy makes its own events. The whole ingest is timed, from reading the JSONL file to the last event written:
\`newsdesk ingest\` in one process, or \`newsdesk ingest --enqueue\` then that many \`newsdesk worker --until-idle\`
processes. PostgreSQL 15 runs on the same machine (scripts/pg-server.mjs: a throwaway cluster, \`fsync\` off), with
${b.rum ? 'the RUM extension (search ranked from its index)' : 'no RUM extension (search ranked with GIN and ts_rank_cd)'}.

| store | processes | articles | events | time | articles/s |
| --- | ---: | ---: | ---: | ---: | ---: |
${b.ingest.map((r) => `| ${r.store} | ${r.workers} | ${r.articles.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${r.seconds.toFixed(0)} s | ${(r.articles / r.seconds).toFixed(0)} |`).join('\n')}

With ${cpus().length} cores, four workers can at best run about ${cpus().length}× as fast as one; most of an ingest is
understanding and summarising, which the workers share (articles jobs of 100, one event a job).

The stores the API is timed on, built side by side (SQLite by one process, PostgreSQL by two workers, sharing the
machine — so these are not throughput figures):

| store | processes | articles | events | time |
| --- | ---: | ---: | ---: | ---: |
${b.builds.map((r) => `| ${r.store} | ${r.workers} | ${r.articles.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${(r.seconds / 60).toFixed(1)} min |`).join('\n')}

API latency, one request at a time over HTTP on loopback (\`newsdesk serve\`'s server in process), after a warm-up round.
The events page: pages 1–50 of 20, biggest first. Filtered: by an entity (Hosni Mubarak; Haiti, page 2), a date range
(12 January – 1 February 2010) and an outlet (CNN), in turn. Search: ten queries in turn — words, names (each with
every stored spelling) and phrases (earthquake, Mubarak, swine flu, Michael Jackson, bank, Tahrir Square, vaccine,
Conrad Murray, Lehman Brothers, Port-au-Prince), 20 hits with passages and the events they fall in; then the same with
a date range (2009-06-01 – 2011-12-31). Each query matches thousands of the 100,000 articles (the corpus is 80 copies
of T17): many more than it would in 100,000 different articles.

${b.api
  .map(
    (s) => `**${s.store}, ${s.articles.toLocaleString('en')} articles**

| request | requests | p50 | p95 | p99 | target |
| --- | ---: | ---: | ---: | ---: | --- |
${s.latencies.map((l) => { const target = l.what.startsWith('GET / ') ? 200 : l.what.startsWith('GET /events/') ? 100 : 50; return `| ${l.what} | ${l.requests} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | p95 < ${target} ms ${l.p95 < target ? '✔' : '✘ (missed)'} |`; }).join('\n')}`,
  )
  .join('\n\n')}
`;
}

/** The store section of a benchmarks document, if it has one. */
export const storeSectionOf = (doc: string): string | undefined => sectionOf(doc, STORE_HEADING);

/** `doc` with the store section replaced (or put before the closing quality sections when it has none). */
export const withStoreSection = (doc: string, section: string): string => withSection(doc, STORE_HEADING, section);

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!existsSync(T17)) {
    console.error(`newsdesk bench: the T17 corpora are not at ${T17} (../shared beside the repository)`);
    process.exit(1);
  }
  const small = Number(process.env.BENCH_SMALL ?? 5000);
  const large = Number(process.env.BENCH_LARGE ?? 100_000);
  const section = storeSection(await storeBenchmarks(small, large, (s) => process.stderr.write(`${s}\n`)));
  writeFileSync(DOC, withStoreSection(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n', section));
  process.stdout.write(section);
}
