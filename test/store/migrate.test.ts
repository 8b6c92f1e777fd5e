// Stores written before event cards (SQLite schema 5, PostgreSQL schema 2) keep working when opened by this version:
// the migrations fill the cards, the spelling → name pairs and the events of each name from the stored events, and
// move each event's comparison facts and quote coverage into rows of their own, so that lists, entity filters, name
// variants and events read whole answer exactly as in a store written by this version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { MIGRATIONS as PG_MIGRATIONS, PostgresStore } from '../../src/store/postgres.js';
import { eventRow, outletsOf } from '../../src/store/rows.js';
import { MIGRATIONS, SqliteStore } from '../../src/store/sqlite.js';
import type { NewsStore } from '../../src/store/types.js';
import { describeWithPg, freshDatabase } from '../pg.js';
import { SEEDS, t17Raws } from '../shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-migrate-'));
let reference: SqliteStore;
let events: Event[];

beforeAll(async () => {
  // The seeds (Dehghan/Dehqan) and a T17 topic (many events, names in several spellings).
  const articles = [...(await readAndClean([SEEDS])).articles, ...cleanArticles(t17Raws('haiti').slice(0, 150)).articles];
  reference = SqliteStore.open(path.join(dir, 'reference.db'));
  await ingestIntoStore(reference, articles);
  events = (await reference.events()).events;
}, 120_000);

afterAll(async () => {
  await reference?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rows the earlier version wrote for its events: events, event_outlets, and a spelling row per event per spelling. */
function earlierRows(): { events: unknown[][]; outlets: string[][]; spellings: string[][] } {
  return {
    events: events.map((e) => {
      const r = eventRow(e);
      // The event whole in its row: its comparison's facts and quote coverage had no rows of their own yet.
      return [r.id, r.first, r.last, r.date, r.size, r.story, JSON.stringify(e)];
    }),
    outlets: events.flatMap((e) => outletsOf(e).map((o) => [e.id, o])),
    spellings: events.flatMap((e) => (e.entities ?? []).flatMap((x) => [...new Set([x.name, ...x.aliases])].map((s) => [e.id, s, x.name, x.type]))),
  };
}

/** What lists, filters and name lookups answer: the same in the migrated store as in the reference. */
async function expectSameAnswers(store: NewsStore): Promise<void> {
  expect(await store.eventCards()).toEqual(await reference.eventCards());
  expect((await store.eventCards({ order: 'recent', limit: 7, offset: 3 })).events.map((c) => c.id)).toEqual((await reference.eventCards({ order: 'recent', limit: 7, offset: 3 })).events.map((c) => c.id));
  for (const entity of ['Dehqan', 'Hossein Dehghan', 'Haiti', 'Port-au-Prince', 'Preval']) {
    const mine = await store.eventCards({ entity });
    expect(mine, entity).toEqual(await reference.eventCards({ entity }));
    expect(new Set(await store.spellingsOf(entity)), entity).toEqual(new Set(await reference.spellingsOf(entity)));
  }
  expect((await store.eventCards({ entity: 'Dehqan' })).total).toBeGreaterThan(0);
  expect((await store.eventCards({ entity: 'Haiti' })).total).toBeGreaterThan(1);
  const outlet = (await reference.eventCards()).events.flatMap((c) => c.outlets)[0];
  expect(await store.eventCards({ outlet })).toEqual(await reference.eventCards({ outlet }));
  // Events whole, and as pages read them (SQLite schema 8, PostgreSQL schema 8: the comparison's lists in rows).
  for (const e of events) {
    expect(await store.event(e.id)).toEqual(e);
    expect((await store.eventOutline(e.id))?.facts).toBe(e.comparison?.facts.length ?? 0);
  }
  expect(events.some((e) => (e.comparison?.facts.length ?? 0) > 0)).toBe(true);
}

describe('a SQLite store of schema 5 (before event cards)', () => {
  it('gets cards, names and the events of each name from its stored events', async () => {
    const file = path.join(dir, 'schema5.db');
    const db = new Database(file);
    for (const m of MIGRATIONS.slice(0, 5)) db.exec(m as string);
    db.pragma('user_version = 5');
    const rows = earlierRows();
    const put = (sql: string, list: unknown[][]) => {
      const s = db.prepare(sql);
      for (const r of list) s.run(...r);
    };
    put('INSERT INTO events (id, first_published, last_published, date, size, story, data) VALUES (?, ?, ?, ?, ?, ?, ?)', rows.events);
    put('INSERT OR IGNORE INTO event_outlets (event_id, outlet) VALUES (?, ?)', rows.outlets);
    put('INSERT OR IGNORE INTO entity_spellings (event_id, spelling, name, type) VALUES (?, ?, ?, ?)', rows.spellings);
    db.close();
    const store = SqliteStore.open(file);
    try {
      await expectSameAnswers(store);
    } finally {
      await store.close();
    }
  });
});

describeWithPg('a PostgreSQL store of schema 2 (before event cards)', () => {
  it('gets cards, names and the events of each name from its stored events', async () => {
    const database = await freshDatabase('newsdesk_migrate');
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const m of PG_MIGRATIONS.slice(0, 2)) await client.query(m as string);
        await client.query('CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (2)');
        const rows = earlierRows();
        for (const r of rows.events) await client.query('INSERT INTO events (id, first_published, last_published, date, size, story, data) VALUES ($1, $2, $3, $4, $5, $6, $7)', r);
        for (const r of rows.outlets) await client.query('INSERT INTO event_outlets (event_id, outlet) VALUES ($1, $2) ON CONFLICT DO NOTHING', r);
        for (const r of rows.spellings) await client.query('INSERT INTO entity_spellings (event_id, spelling, name, type) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', r);
      } finally {
        await client.end();
      }
      const store = await PostgresStore.open(database.url);
      try {
        await expectSameAnswers(store);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describeWithPg('a PostgreSQL server without the RUM extension', () => {
  it('keeps the GIN index, and search ranks its hits with ts_rank_cd: the same articles as where RUM ranks them', async () => {
    const database = await freshDatabase('newsdesk_norum');
    const withRum = await freshDatabase('newsdesk_rum');
    try {
      // Schema 4 without its RUM step: what the migration leaves on a server without RUM.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const m of PG_MIGRATIONS.slice(0, 3)) await (typeof m === 'string' ? client.query(m) : m(client as unknown as pg.PoolClient));
        await client.query('CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (4)');
      } finally {
        await client.end();
      }
      const gin = await PostgresStore.open(database.url);
      const rum = await PostgresStore.open(withRum.url);
      try {
        const searchIndexes = async (url: string) => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          try {
            return (await c.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'articles' AND indexname LIKE 'articles_search%' ORDER BY 1`)).rows.map((r) => r.indexname);
          } finally {
            await c.end();
          }
        };
        expect(await searchIndexes(database.url)).toEqual(['articles_search']);
        // CI installs RUM (postgresql-15-rum); elsewhere the second store may have GIN too, and the test still holds.
        expect(await searchIndexes(withRum.url)).toHaveLength(1);
        const seeds = (await readAndClean([SEEDS])).articles;
        await ingestIntoStore(gin, seeds);
        await ingestIntoStore(rum, seeds);
        for (const text of ['Dehqan', 'Tehran', 'minister of defence', 'Russia Syria']) {
          const a = await gin.search({ text, limit: 100 });
          const b = await rum.search({ text, limit: 100 });
          expect(a.hits.map((h) => h.article).sort(), text).toEqual(b.hits.map((h) => h.article).sort());
          expect(a.hits.every((h) => h.score > 0 && /«[^»]+»/.test(h.snippet)), text).toBe(true);
          const scores = a.hits.map((h) => h.score);
          expect(scores).toEqual([...scores].sort((x, y) => y - x));
        }
      } finally {
        await gin.close();
        await rum.close();
      }
    } finally {
      await database.drop();
      await withRum.drop();
    }
  });
});
