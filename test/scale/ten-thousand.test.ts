// Ten thousand articles through real processes: an uninterrupted ingest into SQLite is the reference; an ingest
// killed with SIGKILL twice (while articles are being stored, then while events are being written) and run again;
// four processes ingesting the same articles into one PostgreSQL store at once while the server restarts twice and
// one of them is killed (a worker takes its place). Each must end with every article stored once, in exactly one
// event, no event half-written, and exactly the events of the reference. (One PostgreSQL scenario, not two: each
// run of ten thousand articles costs minutes of CI.) The reference store also serves the search load tests
// (search-load.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicatedT17Lines } from '../../src/bench/corpus.js';
import { openStore } from '../../src/store/index.js';
import { T17 } from '../shared.js';
import { searchLoadSuite } from './search-load.js';
import { pgUrl, startPrivatePg, type PgServer } from '../pg.js';

const N = 10_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-10k-'));
const input = path.join(dir, 'articles.jsonl');
const TIMEOUT = 900_000;

interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The CLI as a process of its own (test/cli/child.ts, from the sources). */
function cli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/child.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` says so (polling), or the process ends first. */
async function waitFor(run: Run, probe: () => Promise<boolean>, what: string): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the process ended before ${what}: ${(await run.exited).stderr.slice(-500)}`);
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
}

/** What a store ends with: its articles, and each event with what a reader sees of it. */
interface Fingerprint {
  articles: string[];
  events: Array<{ id: string; articles: string[]; headline: string; summary: string[]; story: string | undefined }>;
}

async function fingerprint(location: string): Promise<Fingerprint> {
  const store = await openStore(location);
  try {
    const { events } = await store.events();
    const ids = events.flatMap((e) => e.articles);
    const articles = (await store.articles(ids)).map((a) => a.id);
    expect(await store.backlog()).toEqual({ jobs: 0, unplaced: 0, events: 0 });
    // Every event whole: a headline, a summary citing its own articles, the comparison of its outlets.
    for (const e of events) {
      expect(e.headline.length, e.id).toBeGreaterThan(0);
      expect(e.comparison, e.id).toBeDefined();
      const own = new Set(e.articles);
      for (const s of e.summary) for (const c of s.citations) expect(own.has(c.article), e.id).toBe(true);
    }
    // Every stored article in exactly one event.
    expect(new Set(ids).size).toBe(ids.length);
    expect(articles.length).toBe(ids.length);
    expect(await store.countArticles()).toBe(ids.length);
    return {
      articles: [...articles].sort(),
      events: events
        .map((e) => ({ id: e.id, articles: [...e.articles].sort(), headline: e.headline, summary: e.summary.map((s) => s.text), story: e.story }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  } finally {
    await store.close();
  }
}

/** A count from a SQLite store another process is writing (read-only, WAL lets both go on). */
function sqliteCount(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function pgCount(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

let reference: Fingerprint;
// The T17 corpus holds 3 articles with nothing left after cleaning (two graphics credits, a page that is only its
// timestamp), repeated with every copy.
const readable = N - 24;

beforeAll(async () => {
  writeFileSync(input, `${replicatedT17Lines(T17, N).join('\n')}\n`);
  const ref = path.join(dir, 'reference.db');
  const r = await cli(['ingest', input, '--db', ref, '--json']).exited;
  expect(r.code, r.stderr).toBe(2); // 2: done, with the empty articles named on stderr
  expect(JSON.parse(r.stdout)).toMatchObject({ added: readable, articles: readable, skipped: N - readable });
  reference = await fingerprint(ref);
}, TIMEOUT);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Search and timelines on the reference store: every request bounded, none delaying the others.
describe('search on ten thousand articles', () => searchLoadSuite(() => path.join(dir, 'reference.db')));

describe('ten thousand articles', () => {
  it('the reference: every readable article in one event', () => {
    expect(reference.articles).toHaveLength(readable);
    expect(reference.events.length).toBeGreaterThan(1000);
  });

  it('SQLite: killed with SIGKILL while storing articles and again while writing events, run again: the same events, nothing lost', async () => {
    const file = path.join(dir, 'killed.db');
    const first = cli(['ingest', input, '--db', file, '--json']);
    await waitFor(first, async () => sqliteCount(file, 'SELECT count(*) AS n FROM articles') >= N / 3, 'a third of the articles were stored');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const stored = sqliteCount(file, 'SELECT count(*) AS n FROM articles');
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(readable);

    const second = cli(['ingest', input, '--db', file, '--json']);
    await waitFor(second, async () => sqliteCount(file, 'SELECT count(*) AS n FROM events') >= reference.events.length / 3, 'a third of the events were written');
    second.child.kill('SIGKILL');
    expect((await second.exited).signal).toBe('SIGKILL');
    expect(sqliteCount(file, 'SELECT count(*) AS n FROM events')).toBeLessThan(reference.events.length);

    // The input was queued whole before the first kill: it is not read again, only the work left is done.
    const third = await cli(['ingest', input, '--db', file, '--json']).exited;
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ added: 0, unchanged: 0, unchangedFiles: 1, articles: readable, events: reference.events.length });
    expect(await fingerprint(file)).toEqual(reference);
  }, TIMEOUT);
});

describe.skipIf(!pgUrl())('ten thousand articles in PostgreSQL', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPrivatePg();
  }, 60_000);
  afterAll(async () => server?.stop());

  it('four processes ingesting the same articles at once, through two server restarts and one of them killed, end with the events of one process', async () => {
    const url = server.url;
    const ingests = [1, 2, 3, 4].map(() => cli(['ingest', input, '--db', url, '--json']));
    await waitFor(ingests[0], async () => (await pgCount(url, 'SELECT count(*) AS n FROM articles')) >= N / 3, 'a third of the articles were stored');
    await server.restart();
    ingests[3].child.kill('SIGKILL');
    const replacement = cli(['worker', '--db', url, '--until-idle', '--json']);
    await waitFor(ingests[0], async () => (await pgCount(url, 'SELECT count(*) AS n FROM events')) >= reference.events.length / 3, 'a third of the events were written');
    await server.restart();
    const ends = await Promise.all([...ingests.slice(0, 3).map((r) => r.exited), replacement.exited]);
    expect((await ingests[3].exited).signal).toBe('SIGKILL');
    for (const r of ends.slice(0, 3)) {
      expect(r.code, r.stderr).toBe(2); // 2: done, with the empty articles named on stderr
      // Each process found the articles new, or already stored by another; all of them see the same store at the end.
      expect(JSON.parse(r.stdout)).toMatchObject({ articles: readable, events: reference.events.length });
    }
    expect(ends[3].code, ends[3].stderr).toBe(0);
    // Those at work when the server went down said so, and went on.
    expect(ends.some((r) => /unavailable.*retrying/.test(r.stderr))).toBe(true);
    expect(await fingerprint(url)).toEqual(reference);
  }, TIMEOUT);
});
