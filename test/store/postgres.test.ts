// The PostgreSQL store against the SQLite one: the same input gives the same events, search finds the same articles,
// and several workers on one database at once give what one process gives. Each run works in a database of its own,
// dropped at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Article } from '../../src/model.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { cleanArticles } from '../../src/clean/index.js';
import { ingestIntoStore, jobsOf, work } from '../../src/service/ingest.js';
import { MIGRATIONS as PG_MIGRATIONS, PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { NewsStore } from '../../src/store/types.js';
import { describeWithPg, pgUrl } from '../pg.js';
import { SEEDS, t17Raws } from '../shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-pgstore-'));
const prefixes = (hits: Array<{ article: string }>) => hits.map((h) => h.article.slice(0, 3)).sort();
const idsOf = (hits: Array<{ article: string }>) => hits.map((h) => h.article).sort();

/** The server's URL with another database. */
function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db?: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db ? withDatabase(pgUrl()!, db) : pgUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describeWithPg('PostgreSQL store', () => {
  const databases: string[] = [];
  const open: NewsStore[] = [];
  /** A fresh database and its URL. */
  async function freshDatabase(): Promise<string> {
    const db = `newsdesk_pgtest_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${db}`);
    databases.push(db);
    return withDatabase(pgUrl()!, db);
  }
  async function pgStore(url: string): Promise<PostgresStore> {
    const s = await PostgresStore.open(url);
    open.push(s);
    return s;
  }
  function sqliteStore(name: string): SqliteStore {
    const s = SqliteStore.open(path.join(dir, `${name}.db`));
    open.push(s);
    return s;
  }

  let seeds: Article[];
  let url: string;
  let store: PostgresStore;
  let sqlite: SqliteStore;
  let first: Awaited<ReturnType<typeof ingestIntoStore>>;

  beforeAll(async () => {
    seeds = (await readAndClean([SEEDS])).articles;
    url = await freshDatabase();
    store = await pgStore(url);
    sqlite = sqliteStore('seeds');
    first = await ingestIntoStore(store, seeds);
    await ingestIntoStore(sqlite, seeds);
  });

  afterAll(async () => {
    for (const s of open) await s.close().catch(() => {});
    for (const db of databases) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens with its schema, masks the password, and opens again (and at once) without migrating twice', async () => {
    expect(store.kind).toBe('postgres');
    const masked = await PostgresStore.open(url.replace('//newsdesk@', '//newsdesk:secret@')).catch(() => undefined);
    if (masked) {
      open.push(masked);
      expect(masked.location).not.toContain('secret');
      expect(masked.location).toContain(':***@');
    }
    const again = await Promise.all([1, 2, 3].map(() => pgStore(url)));
    expect(await again[0].countArticles()).toBe(5);
    const empty = await freshDatabase();
    const racing = await Promise.all([1, 2, 3, 4].map(() => pgStore(empty)));
    expect(await racing[0].backlog()).toEqual({ jobs: 0, unplaced: 0, events: 0 });
    expect(await admin('SELECT version FROM schema_version', [], empty.split('/').pop())).toEqual([{ version: PG_MIGRATIONS.length }]);
  });

  it('ingests the seeds into the same events as the SQLite store', async () => {
    expect(first).toMatchObject({ added: 5, updated: 0, unchanged: 0, articles: 5, events: 2 });
    const mine = await store.events();
    const theirs = await sqlite.events();
    expect(mine.total).toBe(2);
    expect(mine.events.map((e) => [e.id, e.articles, e.headline])).toEqual(theirs.events.map((e) => [e.id, e.articles, e.headline]));
    expect(mine).toEqual(theirs);
    for (const a of seeds) expect(await store.article(a.id)).toEqual(await sqlite.article(a.id));
    expect(await store.backlog()).toEqual({ jobs: 0, unplaced: 0, events: 0 });
  });

  it('leaves unchanged articles alone, and re-summarises the event of a changed one', async () => {
    expect(await ingestIntoStore(store, seeds)).toMatchObject({ added: 0, updated: 0, unchanged: 5, articles: 5, events: 2 });
    const changed = seeds.map((a) => (a.id.startsWith('004') ? { ...a, text: `${a.text}\nThe zanzibarian envoy declined to comment.` } : a));
    const result = await ingestIntoStore(store, changed);
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 4, articles: 5, events: 2 });
    expect((await ingestIntoStore(sqlite, changed)).updated).toBe(1);
    expect(await store.events()).toEqual(await sqlite.events());
    expect(prefixes((await store.search({ text: 'zanzibarian' })).hits)).toEqual(['004']);
    const byId = (rows: Array<{ id: string; hash: string }>) => new Map(rows.map((r) => [r.id, r.hash]));
    const hashes = byId(await store.identities([...changed, { ...changed[0], id: 'nope', origin: undefined }]));
    expect(hashes).toEqual(byId(await sqlite.identities(changed)));
    expect(hashes.size).toBe(5);
  });

  it('finds every spelling of a name: Dehqan finds the reports that write Dehghan', async () => {
    const r = await store.search({ text: 'Dehqan' });
    expect(r.searched).toEqual(expect.arrayContaining(['Dehqan', 'Dehghan', 'Hossein Dehghan']));
    expect(prefixes(r.hits)).toEqual(['000', '001', '002']);
    for (const h of r.hits) expect(h.snippet).toMatch(/«[^»]+»/);
    expect(r.hits.find((h) => h.article.startsWith('001'))!.snippet).toMatch(/«Hossein» «Dehghan»|«Hossein Dehghan»|«Dehghan»/);
    expect(r.hits.every((h) => h.event && h.title && h.score > 0)).toBe(true);
    const scores = r.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(await store.spellingsOf('dehqan'))).toEqual(new Set(await sqlite.spellingsOf('dehqan')));
    expect(prefixes((await store.search({ text: 'Teheran' })).hits)).toEqual(expect.arrayContaining(['000', '001', '002', '003']));
  });

  it('requires every word of a query that is not a name', async () => {
    expect(prefixes((await store.search({ text: 'Palmyra Tabqa' })).hits)).toEqual(['001']);
    expect((await store.search({ text: 'Palmyra Shamkhani' })).hits).toEqual([]);
    for (const text of ['terrorists', 'Iran', 'Russia Syria', 'Tehran', 'minister of defence']) {
      const mine = await store.search({ text, limit: 100 });
      const theirs = await sqlite.search({ text, limit: 100 });
      expect(prefixes(mine.hits), text).toEqual(prefixes(theirs.hits));
      expect(new Set(mine.searched), text).toEqual(new Set(theirs.searched));
    }
    expect((await store.search({ text: 'Iran', limit: 2 })).hits).toHaveLength(2);
  });

  it('filters by outlet, entity and date', async () => {
    expect(prefixes((await store.search({ text: 'Dehqan', outlet: 'press tv' })).hits)).toEqual(['002']);
    expect(prefixes((await store.search({ text: 'terrorism', entity: 'Shamkhani' })).hits)).toEqual(
      prefixes((await sqlite.search({ text: 'terrorism', entity: 'Shamkhani' })).hits),
    );
    const published = seeds.map((a) => a.published).filter((p): p is string => !!p).sort();
    if (published.length) {
      const day = published[0];
      const mine = await store.search({ text: 'Iran', from: day, to: day, limit: 100 });
      expect(prefixes(mine.hits)).toEqual(prefixes((await sqlite.search({ text: 'Iran', from: day, to: day, limit: 100 })).hits));
      expect(mine.hits.every((h) => h.published === day)).toBe(true);
    }
  });

  it('treats query syntax as words', async () => {
    for (const text of ['"unbalanced', 'NEAR(a b)', 'title:Tehran', 'a OR', '*', "'", '!!', 'a & b | !c', '<->', ':*', '\\', 'Dehghan\'s']) {
      await expect(store.search({ text }), text).resolves.toBeDefined();
    }
    expect((await store.search({ text: '   ' })).hits).toEqual([]);
    expect((await store.search({ text: '' })).hits).toEqual([]);
  });

  it('pages and filters events as the SQLite store does', async () => {
    const all = await store.events();
    expect((await store.events({ limit: 1 })).events.map((e) => e.id)).toEqual([all.events[0].id]);
    expect(await store.events({ limit: 1, offset: 1 })).toEqual({ total: 2, events: [all.events[1]] });
    expect(await store.events({ limit: 0 })).toEqual({ total: 2, events: [] });
    expect(await store.events({ offset: 5 })).toEqual({ total: 2, events: [] });
    const outlets = [...new Set(all.events.flatMap((e) => (e.comparison?.outlets ?? []).filter((o) => o.identified).map((o) => o.outlet)))];
    const entities = [...new Set(all.events.flatMap((e) => (e.entities ?? []).flatMap((x) => [x.name, ...x.aliases])))].slice(0, 12);
    const days = [...new Set(all.events.flatMap((e) => [e.start, e.end]).filter((d): d is string => !!d))];
    const queries = [
      ...outlets.flatMap((outlet) => [{ outlet }, { outlet: outlet.toUpperCase() }]),
      ...entities.map((entity) => ({ entity })),
      { entity: 'shamkhani' },
      { entity: 'nobody at all' },
      ...days.flatMap((d) => [{ from: d }, { to: d }, { from: d, to: d, limit: 1 }]),
    ];
    expect(queries.length).toBeGreaterThan(3);
    for (const q of queries) expect(await store.events(q), JSON.stringify(q)).toEqual(await sqlite.events(q));
  });

  it('reads articles and events by id', async () => {
    const ids = seeds.map((a) => a.id);
    const asked = [ids[3], 'missing', ids[0], ids[3]];
    expect((await store.articles(asked)).map((a) => a.id)).toEqual([ids[3], ids[0], ids[3]]);
    expect(await store.articles([])).toEqual([]);
    expect(await store.article('missing')).toBeUndefined();
    const e = (await store.events()).events[0];
    expect(await store.event(e.id)).toEqual(e);
    expect(await store.event('missing')).toBeUndefined();
    expect(await store.countArticles()).toBe(5);
  });

  it('places only when no articles job waits, and calls no placement work when nothing is unplaced', async () => {
    const fresh = await pgStore(await freshDatabase());
    const never = {
      begin: () => {
        throw new Error('begin called');
      },
      add: () => {},
      finish: () => {
        throw new Error('finish called');
      },
    };
    expect(await fresh.enqueue(jobsOf(seeds))).toBe(1);
    expect(await fresh.enqueue(jobsOf(seeds))).toBe(0);
    expect(await fresh.backlog()).toEqual({ jobs: 1, unplaced: 0, events: 0 });
    expect(await fresh.place(never)).toBeNull();
    let given: number | undefined;
    expect(
      await fresh.runArticlesJob((articles, stored) => {
        given = articles.length;
        expect(stored.size).toBe(0);
        return [];
      }),
    ).toEqual({ added: 0, updated: 0, unchanged: 5 });
    expect(given).toBe(5);
    expect(await fresh.runArticlesJob(() => [])).toBeNull();
    expect(await fresh.place(never)).toEqual({ state: {}, placed: [], merged: [], pending: [], stories: [] });
    expect(await fresh.runEventJob(() => {
      throw new Error('no event is pending');
    })).toBeNull();
    // A job done is queued again when its key comes again (its articles may have changed and changed back).
    expect(await fresh.enqueue(jobsOf(seeds))).toBe(1);
    // Work that fails rolls its transaction back: the job waits still.
    await expect(fresh.runArticlesJob(() => {
      throw new Error('understanding failed');
    })).rejects.toThrow('understanding failed');
    expect((await fresh.backlog()).jobs).toBe(1);
  });

  it('follows merged events to where they went', async () => {
    const db = url.split('/').pop()!;
    await admin(`INSERT INTO merged_events (id, merged_into) VALUES ('m-a', 'm-b'), ('m-b', 'm-c'), ('m-x', 'm-y'), ('m-y', 'm-x')`, [], db);
    expect(await store.mergedInto('m-a')).toBe('m-c');
    expect(await store.mergedInto('m-b')).toBe('m-c');
    expect(await store.mergedInto('m-c')).toBeUndefined();
    expect(['m-x', 'm-y']).toContain(await store.mergedInto('m-x')); // a cycle ends
  });

  it('gives, with several workers on one database at once, what one SQLite process gives', async () => {
    const articles = cleanArticles(t17Raws('mj')).articles;
    const shared = await freshDatabase();
    const workers = await Promise.all([1, 2, 3].map(() => pgStore(shared)));
    const one = sqliteStore('mj');
    const results = await Promise.all(workers.map((w) => ingestIntoStore(w, articles)));
    const expected = await ingestIntoStore(one, articles);
    for (const r of results) expect(r).toMatchObject({ articles: expected.articles, events: expected.events });
    expect(results.reduce((n, r) => n + r.added, 0)).toBeGreaterThanOrEqual(expected.added);
    const mine = await workers[0].events();
    const theirs = await one.events();
    expect(mine.events.map((e) => [e.id, e.articles])).toEqual(theirs.events.map((e) => [e.id, e.articles]));
    expect(mine).toEqual(theirs);
    expect(await workers[1].backlog()).toEqual({ jobs: 0, unplaced: 0, events: 0 });
    for (const text of ['Jackson', 'autopsy propofol', 'Los Angeles', 'Los Angeles-based', 'L.A.', 'CNN.com', '3.5']) {
      expect(idsOf((await workers[2].search({ text, limit: 500 })).hits), text).toEqual(idsOf((await one.search({ text, limit: 500 })).hits));
    }
  }, 180_000);

  it('loses nothing when the server cuts the workers’ connections mid-work', async () => {
    const articles = cleanArticles(t17Raws('mj')).articles.slice(0, 60);
    const shared = await freshDatabase();
    const db = shared.split('/').pop()!;
    const workers = await Promise.all([1, 2].map(() => pgStore(shared)));
    // Jobs of five articles: a job must fit between two cuts (150–500 ms apart) to be done at all, and reading thirty
    // articles with the entity tagger takes longer than that on a busy machine (the job is retried, never lost).
    await workers[0].enqueue(jobsOf(articles, 5));
    const killer = new pg.Client({ connectionString: pgUrl() });
    await killer.connect();
    let cuts = 0;
    let stop = false;
    const cutting = (async () => {
      // The first cut soon after the workers start (their pools are connected by then), then at random.
      for (let delay = 50; !stop; delay = 150 + Math.random() * 350) {
        await new Promise((r) => setTimeout(r, delay));
        if (stop) break;
        cuts += (await killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db])).rowCount ?? 0;
      }
    })();
    const logs: string[] = [];
    try {
      await Promise.all(workers.map((w) => work(w, { log: (l) => logs.push(l), pollMs: 50 })));
    } finally {
      stop = true;
      await cutting;
      await killer.end();
    }
    const one = sqliteStore('mj-cut');
    await ingestIntoStore(one, articles);
    expect(await workers[1].backlog()).toEqual({ jobs: 0, unplaced: 0, events: 0 });
    expect(await workers[1].events()).toEqual(await one.events());
    expect(await workers[0].countArticles()).toBe(articles.length);
    expect(cuts).toBeGreaterThan(0);
  }, 180_000);
});
