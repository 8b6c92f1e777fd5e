// The shared store: PostgreSQL (node-postgres, a small pool). Any number of worker processes, on one machine or many,
// work on one database: each step of the work (src/store/types.ts) is one transaction, jobs are claimed with
// FOR UPDATE SKIP LOCKED, and placement runs alone under an advisory lock. It mirrors the SQLite store (sqlite.ts) —
// the same tables with the same meaning, the same orders (ids in byte order: every id, date and name column is
// COLLATE "C", so that ORDER BY id is SQLite's order, and lower() on them folds ASCII only, as SQLite's NOCASE does),
// the same search — so that the two give the same events for the same input.
//
// Locks, all transaction-scoped advisory locks on one key (PLACEMENT_LOCK):
//   - place() takes it exclusively: one placement at a time, and nothing else writing articles or events meanwhile;
//   - articles jobs and event jobs take it shared: any number run at once, never during a placement.
// Rows are locked event_state first, articles after, in every step, so that jobs running together do not deadlock.
//
// Full-text search: a tsvector per article kept at write time (title weight A, text weight B), indexed with RUM where
// the server has that extension (hits come out of the index best first, phrases checked from the positions it
// keeps), else with GIN (hits ranked by ts_rank_cd, which reads each match's tsvector). Words
// are cut as SQLite's unicode61 tokenizer cuts them — runs of letters and digits, everything else a separator (see
// `searchable`): PostgreSQL's own parser keeps "cnn.com", "3.5", "people/world" or "2011-01-25" whole, and gives a
// hyphenated word both whole and in parts, which would keep "Los Angeles" from matching "Los Angeles-based". The words
// then go through a text search configuration of our own, `newsdesk_search`: the 'simple' dictionary (every word
// kept, lowercased: no stemming and no stop words, as in SQLite, so that a phrase matches the same words in both
// stores and a name is never stemmed into another) behind the `unaccent` dictionary (accents folded, as unicode61's
// remove_diacritics). A hit's passage is cut from its original text by passage.ts, which reads words the same way.
import pg from 'pg';
import { REPORT_HEAD_CHARS, type Article, type Event, type EventCard, type EventOutline, type Fact, type QuoteCoverage, type ReportHead } from '../model.js';
import type { ClustererState } from '../cluster/index.js';
import { membersToRead, type MemberRef } from '../pipeline/members.js';
import { expandSpellings, FUZZY_SIMILARITY, nameLike, similarName, type NameLookup, type SpellingOfName } from './names.js';
import { essentialSpellings, foldForSearch, passage, searchWords } from './passage.js';
import { eventRow, outletsOf, quoteKey, readCard, readHead, readOutline, UNDATED, unionReplaces, withComparisonLists, type EventRow, type HeadRow } from './rows.js';
import { resolveIdentities, type InputVersion, type StoredIdentity } from './identity.js';
import {
  MAX_SEARCH_OFFSET,
  searchGroups,
  type ArticlesJob,
  type ArticleToStore,
  type Backlog,
  type EventCardPage,
  type EventPage,
  type EventQuery,
  type NewsStore,
  type PendingEvent,
  type PlacementOutcome,
  type PlacementWork,
  type SearchQuery,
  type SearchResult,
  type StoredUnderstanding,
  type SummarizedEvent,
  type UpsertResult,
} from './types.js';

/** Advisory lock keys (per database): migrations; placement (exclusive) against jobs (shared); queueing. */
const MIGRATION_LOCK = 7_413_001;
const PLACEMENT_LOCK = 7_413_002;
const ENQUEUE_LOCK = 7_413_003;

/** Rows read at a time while placing. */
const PLACEMENT_PAGE = 2000;

/** Characters of an article's text indexed for search: past the 16,383 word positions a tsvector tells apart, and
 * well inside its 1 MB limit, so that no text, however long, fails its articles job. */
const INDEXED_CHARS = 300_000;

/** Hits past the limit a RUM-ranked search reads from the index to break ties at the limit by date and id. */
const RANKED_WINDOW = 1000;

/** Characters of an article's text, after its title, that make its lede for search's first tier (schema 6). */
const LEDE_CHARS = 1000;

/** The opening of a text, LEDE_CHARS long, cut after a whole word. */
function ledeOf(text: string): string {
  if (text.length <= LEDE_CHARS) return text;
  const cut = text.slice(0, LEDE_CHARS + 1);
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : cut.slice(0, LEDE_CHARS);
}

/** The text search configuration (see the head of this file). */
const TS = 'newsdesk_search';

/** Each entry migrates the schema from version i to i+1 (run in one transaction, under MIGRATION_LOCK): SQL, or a
 * function for what SQL alone cannot compute. Appended, never edited. Version 1 is the SQLite store's schema 4. */
export const MIGRATIONS: Array<string | ((c: Client) => Promise<void>)> = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm;
   CREATE EXTENSION IF NOT EXISTS unaccent;
   CREATE TEXT SEARCH CONFIGURATION ${TS} (COPY = pg_catalog.simple);
   ALTER TEXT SEARCH CONFIGURATION ${TS} DROP MAPPING FOR asciihword, hword, numhword;
   ALTER TEXT SEARCH CONFIGURATION ${TS} ALTER MAPPING FOR word, numword, hword_part WITH unaccent, simple;
   CREATE TABLE articles (
     id text COLLATE "C" PRIMARY KEY,
     content_hash text NOT NULL,
     published text COLLATE "C",
     outlet text COLLATE "C",
     data text NOT NULL,
     understanding text,
     arrival_day integer NOT NULL DEFAULT ${UNDATED},
     event_id text COLLATE "C",
     ingested_at timestamptz NOT NULL DEFAULT now(),
     search tsvector NOT NULL
   );
   CREATE INDEX articles_published ON articles (published);
   CREATE INDEX articles_unplaced ON articles (arrival_day, id) WHERE event_id IS NULL;
   CREATE INDEX articles_event ON articles (event_id);
   CREATE INDEX articles_outlet ON articles (lower(outlet));
   CREATE INDEX articles_search ON articles USING gin (search);
   CREATE TABLE jobs (seq bigserial PRIMARY KEY, key text NOT NULL UNIQUE, payload text, done boolean NOT NULL DEFAULT false);
   CREATE INDEX jobs_waiting ON jobs (seq) WHERE NOT done;
   CREATE TABLE events (
     id text COLLATE "C" PRIMARY KEY,
     first_published text COLLATE "C",
     last_published text COLLATE "C",
     date text COLLATE "C",
     size integer NOT NULL,
     story text,
     data text NOT NULL
   );
   CREATE INDEX events_order ON events (size DESC, last_published DESC NULLS LAST, id);
   CREATE TABLE event_articles (event_id text COLLATE "C" NOT NULL, article_id text COLLATE "C" NOT NULL, PRIMARY KEY (event_id, article_id));
   CREATE INDEX event_articles_article ON event_articles (article_id);
   CREATE TABLE event_outlets (event_id text COLLATE "C" NOT NULL, outlet text COLLATE "C" NOT NULL);
   CREATE UNIQUE INDEX event_outlets_key ON event_outlets (event_id, lower(outlet));
   CREATE INDEX event_outlets_outlet ON event_outlets (lower(outlet));
   CREATE TABLE entity_spellings (event_id text COLLATE "C" NOT NULL, spelling text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, type text NOT NULL);
   CREATE UNIQUE INDEX entity_spellings_key ON entity_spellings (event_id, lower(spelling), lower(name));
   CREATE INDEX entity_spellings_spelling ON entity_spellings (lower(spelling));
   CREATE INDEX entity_spellings_name ON entity_spellings (lower(name));
   CREATE INDEX entity_spellings_fuzzy ON entity_spellings USING gin (lower(spelling) gin_trgm_ops);
   CREATE TABLE entity_articles (event_id text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, article_id text COLLATE "C" NOT NULL);
   CREATE UNIQUE INDEX entity_articles_key ON entity_articles (lower(name), article_id, event_id);
   CREATE INDEX entity_articles_event ON entity_articles (event_id);
   CREATE TABLE event_state (id text COLLATE "C" PRIMARY KEY, story text NOT NULL, pending boolean NOT NULL DEFAULT false, replaces text NOT NULL DEFAULT '[]');
   CREATE INDEX event_state_pending ON event_state (id) WHERE pending;
   CREATE TABLE merged_events (id text COLLATE "C" PRIMARY KEY, merged_into text COLLATE "C" NOT NULL);
   CREATE TABLE cluster_state (id integer PRIMARY KEY CHECK (id = 1), state text NOT NULL);`,
  // 2: the front page's order: newest first.
  `CREATE INDEX events_recent ON events (last_published DESC NULLS LAST, size DESC, id);`,
  // 3: as the SQLite store's schema 6 — lists that never read an event whole (each event's card in a column of its
  // own: the event's JSON is TOASTed out of line, so a list reading the card does not touch it), each spelling →
  // name pair once for the whole store (entity_names, with the trigram index for names searched in another
  // spelling), and the events naming each name (event_entities), in place of a row per event per spelling.
  async (c) => {
    await c.query(`ALTER TABLE events ADD COLUMN card text;
      CREATE INDEX events_span ON events ((coalesce(first_published, date, '9999')), (coalesce(last_published, date, '')));
      CREATE TABLE entity_names (spelling text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL);
      CREATE UNIQUE INDEX entity_names_key ON entity_names (lower(spelling), lower(name));
      CREATE INDEX entity_names_name ON entity_names (lower(name));
      CREATE INDEX entity_names_fuzzy ON entity_names USING gin (lower(spelling) gin_trgm_ops);
      INSERT INTO entity_names (spelling, name) SELECT spelling, name FROM entity_spellings ORDER BY event_id, lower(spelling), lower(name) ON CONFLICT DO NOTHING;
      CREATE TABLE event_entities (name text COLLATE "C" NOT NULL, event_id text COLLATE "C" NOT NULL);
      CREATE UNIQUE INDEX event_entities_key ON event_entities (lower(name), event_id);
      CREATE INDEX event_entities_event ON event_entities (event_id);
      INSERT INTO event_entities (name, event_id) SELECT name, event_id FROM entity_spellings ON CONFLICT DO NOTHING;
      DROP TABLE entity_spellings;
      DROP INDEX event_outlets_outlet;
      CREATE INDEX event_outlets_outlet ON event_outlets (lower(outlet), event_id);`);
    for (let after = ''; ; ) {
      const rows = (await c.query<{ id: string; data: string }>('SELECT id, data FROM events WHERE id > $1 ORDER BY id LIMIT 500', [after])).rows;
      if (!rows.length) break;
      const cards = rows.map((r) => eventRow(JSON.parse(r.data) as Event).card);
      await c.query('UPDATE events e SET card = t.card FROM unnest($1::text[], $2::text[]) AS t (id, card) WHERE e.id = t.id', [rows.map((r) => r.id), cards]);
      after = rows[rows.length - 1].id;
    }
    await c.query('ALTER TABLE events ALTER COLUMN card SET NOT NULL');
  },
  // 4: ranked search from the index, where the server has the RUM extension (Debian: postgresql-15-rum). A GIN index
  // finds the matching articles but keeps no word positions: ranking them (and checking a phrase) reads every match's
  // tsvector from the table — at 100,000 articles, a third of a second for a common word. A RUM index keeps the
  // positions and returns the matches best first. Without RUM (or without the right to create it) the GIN index stays.
  `DO $$ BEGIN
     IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
       BEGIN
         CREATE EXTENSION IF NOT EXISTS rum;
         CREATE INDEX articles_search_rum ON articles USING rum (search rum_tsvector_ops);
         DROP INDEX articles_search;
       EXCEPTION WHEN insufficient_privilege THEN
         RAISE NOTICE 'newsdesk: the rum extension could not be created (%); search ranks with the GIN index', SQLERRM;
       END;
     END IF;
   END $$;`,
  // 5: each article's title and text in columns of their own, for search hits: reading them out of the article's
  // JSON parsed every hit's whole understanding (sentences, mentions, dates: often ten times its text).
  `ALTER TABLE articles ADD COLUMN title text, ADD COLUMN body text;
   UPDATE articles SET title = d.doc ->> 'title', body = coalesce(d.doc ->> 'text', '') FROM (SELECT id, data::json AS doc FROM articles) d WHERE articles.id = d.id;
   ALTER TABLE articles ALTER COLUMN body SET NOT NULL;`,
  // 6: each article's lede — its title and opening (LEDE_CHARS) — indexed apart, as search's first tier: an
  // article that says the words up front is about them, and ranking the ledes that match is a fraction of ranking
  // whole texts (with RUM, a common phrase's hits at 100,000 articles: 20 ms instead of 50). Indexed as the articles
  // are: RUM where they are, else GIN.
  async (c) => {
    await c.query('CREATE TABLE article_ledes (id text COLLATE "C" PRIMARY KEY, lede tsvector NOT NULL)');
    for (let after = ''; ; ) {
      const rows = (await c.query<{ id: string; title: string | null; body: string }>(`SELECT id, title, left(body, ${LEDE_CHARS + 100}) AS body FROM articles WHERE id > $1 ORDER BY id LIMIT 1000`, [after])).rows;
      if (!rows.length) break;
      await c.query(
        `INSERT INTO article_ledes (id, lede) SELECT id, setweight(to_tsvector('${TS}', t), 'A') || setweight(to_tsvector('${TS}', b), 'B') FROM unnest($1::text[], $2::text[], $3::text[]) AS x (id, t, b)`,
        [rows.map((r) => r.id), rows.map((r) => searchable(r.title ?? '')), rows.map((r) => searchable(ledeOf(r.body)))],
      );
      after = rows[rows.length - 1].id;
    }
    const rum = (await c.query(`SELECT 1 FROM pg_indexes WHERE tablename = 'articles' AND indexname = 'articles_search_rum'`)).rowCount;
    await c.query(rum ? 'CREATE INDEX article_ledes_search ON article_ledes USING rum (lede rum_tsvector_ops)' : 'CREATE INDEX article_ledes_search ON article_ledes USING gin (lede)');
  },
  // 7: as the SQLite store's schema 7 — each article's origin (src/store/identity.ts).
  `ALTER TABLE articles ADD COLUMN origin text;
   CREATE INDEX articles_origin ON articles (origin) WHERE origin IS NOT NULL;
   CREATE TABLE ingested_inputs (path text PRIMARY KEY, size bigint NOT NULL, mtime_ms double precision NOT NULL, ingested_at timestamptz NOT NULL);`,
  // 8: as the SQLite store's schema 8 — an event's comparison facts and quote coverage in rows of their own.
  async (c) => {
    await c.query(`CREATE TABLE event_facts (event_id text COLLATE "C" NOT NULL, seq integer NOT NULL, data text NOT NULL, PRIMARY KEY (event_id, seq));
      CREATE TABLE event_quote_coverage (event_id text COLLATE "C" NOT NULL, seq integer NOT NULL, quote_key text COLLATE "C" NOT NULL, data text NOT NULL, PRIMARY KEY (event_id, seq));
      CREATE INDEX event_quote_coverage_quote ON event_quote_coverage (event_id, quote_key);`);
    for (let after = ''; ; ) {
      const rows = (await c.query<{ id: string; data: string }>('SELECT id, data FROM events WHERE id > $1 ORDER BY id LIMIT 100', [after])).rows;
      if (!rows.length) break;
      for (const r of rows) {
        const row = eventRow(JSON.parse(r.data) as Event);
        await c.query('UPDATE events SET data = $2 WHERE id = $1', [r.id, row.data]);
        await writeComparisonLists(c, row);
      }
      after = rows[rows.length - 1].id;
    }
  },
  // 9: which earlier report an article copies, in a column of its own: an event page's heads of reports (title,
  // outlet, day, the start of the text, a copy or not) are then read from columns, not by parsing each report's whole
  // document (its sentences, mentions and dates) — 180 documents cast to jsonb were most of a big event's page.
  `ALTER TABLE articles ADD COLUMN duplicate_of text;
   UPDATE articles SET duplicate_of = data::json ->> 'duplicateOf' WHERE strpos(data, '"duplicateOf"') > 0;`,
];

/** An event's comparison facts and quote coverage, each a row (rows.ts eventRow). */
async function writeComparisonLists(c: pg.ClientBase, row: EventRow): Promise<void> {
  if (row.facts.length) {
    await c.query('INSERT INTO event_facts (event_id, seq, data) SELECT $1, n - 1, d FROM unnest($2::text[]) WITH ORDINALITY AS x (d, n)', [row.id, row.facts]);
  }
  if (row.quotes.length) {
    await c.query('INSERT INTO event_quote_coverage (event_id, seq, quote_key, data) SELECT $1, n - 1, k, d FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x (k, d, n)', [
      row.id,
      row.quotes.map((q) => q.key),
      row.quotes.map((q) => q.data),
    ]);
  }
}

/** A parameter compared case-insensitively with a COLLATE "C" column: lowered by the same (ASCII) rule. */
const lowerParam = (n: number) => `lower($${n}::text COLLATE "C")`;

/** A connection URL without its password. */
function maskPassword(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

type Client = pg.PoolClient;

/** Why a pooled connection was lost, when it was (see open()). */
const lostConnections = new WeakMap<pg.ClientBase, Error>();

export class PostgresStore implements NewsStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private readonly pool: pg.Pool;
  /** Whether search ranks from a RUM index (schema 4, where the server has RUM), else with ts_rank_cd over GIN hits. */
  private rankedIndex = false;

  private constructor(pool: pg.Pool, url: string) {
    this.pool = pool;
    this.location = maskPassword(url);
  }

  /** Connects to a database (postgres://user:password@host:port/db) and brings its schema up to date. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 5, idleTimeoutMillis: 30_000 });
    // An idle connection the server drops (a restart) is reported here; the pool replaces it. Not a crash.
    pool.on('error', () => {});
    // A connection that fails while no query of ours waits on it (between two of our queries, or just as the pool
    // hands it out) reports it as an event: heard from the start, kept for transaction() to report, never a crash.
    pool.on('connect', (client) => client.on('error', (err: Error) => lostConnections.set(client, lostConnections.get(client) ?? err)));
    const store = new PostgresStore(pool, url);
    try {
      await store.migrate();
      store.rankedIndex = (await store.query<{ rum: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'articles' AND indexname = 'articles_search_rum') AS rum`)).rows[0].rum;
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  /** Runs `fn` in one transaction on one connection: COMMIT when it returns, ROLLBACK when it throws. */
  private async transaction<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      // A connection that cannot even roll back is dropped from the pool, not handed to the next transaction.
      broken = lostConnections.get(client);
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
      }
      // Once its connection is lost, a client fails every query with "not queryable": the loss itself (with its
      // SQLSTATE, e.g. 57P01, or its socket error code) is what tells the caller to retry.
      throw lostConnections.get(client) ?? err;
    } finally {
      client.release(lostConnections.get(client) ?? broken);
    }
  }

  /**
   * One statement outside a transaction (a read), reporting a lost connection as transaction() does. A read on a
   * connection that turns out to be lost (an idle one the server dropped) is tried once more on a fresh one.
   */
  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], retry = true): Promise<pg.QueryResult<R>> {
    const client = await this.pool.connect();
    let lost: Error | undefined;
    try {
      return await client.query<R>(sql, params);
    } catch (err) {
      lost = lostConnections.get(client);
      if (!lost) throw err;
    } finally {
      client.release(lostConnections.get(client));
    }
    if (retry) return this.query<R>(sql, params, false);
    throw lost;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
      const row = (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
      const version = row?.version ?? 0;
      if (version > MIGRATIONS.length) {
        throw new Error(`the store was written by a newer newsdesk (schema ${version}, this one knows ${MIGRATIONS.length})`);
      }
      if (version === MIGRATIONS.length) return;
      for (let v = version; v < MIGRATIONS.length; v++) {
        const step = MIGRATIONS[v];
        if (typeof step === 'string') await c.query(step);
        else await step(c);
      }
      if (row) await c.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length]);
      else await c.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    });
  }

  async enqueue(jobs: ArticlesJob[]): Promise<number> {
    if (!jobs.length) return 0;
    // A key done before is opened again: its articles may have been changed since, and back (the job is then a no-op).
    // One process queueing at a time: two queueing the same keys in another order would otherwise deadlock.
    return this.transaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(${ENQUEUE_LOCK})`);
      let n = 0;
      for (const j of jobs) {
        const r = await c.query(
          `INSERT INTO jobs (key, payload) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, done = false WHERE jobs.done`,
          [j.key, JSON.stringify(j.articles)],
        );
        n += r.rowCount ?? 0;
      }
      return n;
    });
  }

  /** What is stored under these articles' ids or origins, read on a transaction's connection or on its own. */
  private async storedIdentities(c: Client | undefined, articles: Article[]): Promise<StoredIdentity[]> {
    if (!articles.length) return [];
    const sql = 'SELECT id, origin, content_hash AS hash FROM articles WHERE id = ANY($1::text[]) OR origin = ANY($2::text[])';
    const params = [articles.map((a) => a.id), articles.flatMap((a) => (a.origin ? [a.origin] : []))];
    return (c ? await c.query<StoredIdentity>(sql, params) : await this.query<StoredIdentity>(sql, params)).rows;
  }

  async identities(articles: Article[]): Promise<StoredIdentity[]> {
    return this.storedIdentities(undefined, articles);
  }

  async ingestedInputs(paths: string[]): Promise<Map<string, InputVersion>> {
    const out = new Map<string, InputVersion>();
    if (!paths.length) return out;
    const rows = await this.query<{ path: string; size: string; mtime_ms: number }>('SELECT path, size, mtime_ms FROM ingested_inputs WHERE path = ANY($1::text[])', [paths]);
    for (const r of rows.rows) out.set(r.path, { path: r.path, size: Number(r.size), mtimeMs: r.mtime_ms });
    return out;
  }

  async recordInputs(inputs: InputVersion[]): Promise<void> {
    if (!inputs.length) return;
    await this.query(
      `INSERT INTO ingested_inputs (path, size, mtime_ms, ingested_at) SELECT * , now() FROM unnest($1::text[], $2::bigint[], $3::float8[])
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, ingested_at = excluded.ingested_at`,
      [inputs.map((i) => i.path), inputs.map((i) => i.size), inputs.map((i) => i.mtimeMs)],
    );
  }

  async runArticlesJob(work: (articles: Article[], storedHashes: Map<string, string>) => ArticleToStore[]): Promise<UpsertResult | null> {
    return this.transaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock_shared(${PLACEMENT_LOCK})`);
      const job = (await c.query<{ seq: string; payload: string }>('SELECT seq, payload FROM jobs WHERE NOT done ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED')).rows[0];
      if (!job) return null;
      const queued = JSON.parse(job.payload) as Article[];
      const stored = await this.storedIdentities(c, queued);
      // Resolved again as the job is written: another ingest may have stored an article under one of these ids since
      // they were queued.
      const { articles } = resolveIdentities(queued, stored);
      const hashes = new Map(stored.map((s) => [s.id, s.hash]));
      const toStore = work(articles, hashes);
      const result: UpsertResult = { added: 0, updated: 0, unchanged: articles.length - toStore.length };
      // Counted as the SQLite store counts, article by article; an id given twice is written once, the last one.
      const rows = new Map<string, { article: Article; understanding: string; hash: string; day: number }>();
      const changed: string[] = [];
      for (const { article: a, hash, understanding, day } of toStore) {
        if (hashes.get(a.id) === hash) {
          result.unchanged++;
          continue;
        }
        rows.set(a.id, { article: a, understanding, hash, day: day ?? UNDATED });
        if (hashes.has(a.id)) {
          result.updated++;
          changed.push(a.id);
        } else result.added++;
      }
      // A changed article keeps its place; its event is summarised again. (Event state rows before article rows, in
      // id order: the lock order of every step.)
      if (changed.length) {
        await c.query(
          `UPDATE event_state SET pending = true WHERE id IN (
             SELECT s.id FROM event_state s WHERE s.id IN (SELECT event_id FROM articles WHERE id = ANY($1::text[])) ORDER BY s.id FOR UPDATE)`,
          [changed],
        );
      }
      if (rows.size) {
        const ids = [...rows.keys()].sort(byCodePoint);
        const col = <T>(f: (r: { article: Article; understanding: string; hash: string; day: number }) => T) => ids.map((id) => f(rows.get(id)!));
        await c.query(
          `INSERT INTO articles (id, content_hash, published, outlet, data, understanding, arrival_day, ingested_at, search, title, body, origin, duplicate_of)
           SELECT t.id, t.hash, t.published, t.outlet, t.data, t.understanding, t.day, now(),
                  setweight(to_tsvector('${TS}', t.words_title), 'A') || setweight(to_tsvector('${TS}', t.words_body), 'B'), t.title, t.body, t.origin, t.duplicate_of
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
                AS t (id, hash, published, outlet, data, understanding, day, words_title, words_body, title, body, origin, duplicate_of)
           ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, published = excluded.published, outlet = excluded.outlet,
             data = excluded.data, understanding = excluded.understanding, ingested_at = excluded.ingested_at, search = excluded.search,
             title = excluded.title, body = excluded.body, origin = excluded.origin, duplicate_of = excluded.duplicate_of`,
          [
            ids,
            col((r) => r.hash),
            col((r) => r.article.published ?? null),
            col((r) => r.article.outlet ?? null),
            col((r) => JSON.stringify(r.article)),
            col((r) => r.understanding),
            col((r) => r.day),
            col((r) => searchable(r.article.title ?? '')),
            col((r) => searchable((r.article.text ?? '').slice(0, INDEXED_CHARS))),
            // For passages; PostgreSQL text holds no NUL (the JSON above keeps it, escaped).
            col((r) => r.article.title?.replace(/\0/g, '') ?? null),
            col((r) => (r.article.text ?? '').replace(/\0/g, '')),
            col((r) => r.article.origin ?? null),
            col((r) => r.article.duplicateOf ?? null),
          ],
        );
      }
      if (rows.size) {
        const ids = [...rows.keys()].sort(byCodePoint);
        await c.query(
          `INSERT INTO article_ledes (id, lede)
           SELECT id, setweight(to_tsvector('${TS}', t), 'A') || setweight(to_tsvector('${TS}', b), 'B') FROM unnest($1::text[], $2::text[], $3::text[]) AS x (id, t, b)
           ON CONFLICT (id) DO UPDATE SET lede = excluded.lede`,
          [ids, ids.map((id) => searchable(rows.get(id)!.article.title ?? '')), ids.map((id) => searchable(ledeOf(rows.get(id)!.article.text ?? '')))],
        );
      }
      await c.query('UPDATE jobs SET done = true, payload = NULL WHERE seq = $1', [job.seq]);
      return result;
    });
  }

  async place(work: PlacementWork): Promise<PlacementOutcome | null> {
    return this.transaction(async (c): Promise<PlacementOutcome | null> => {
      await c.query(`SELECT pg_advisory_xact_lock(${PLACEMENT_LOCK})`);
      if ((await c.query('SELECT 1 FROM jobs WHERE NOT done LIMIT 1')).rowCount) return null;
      // Keyset pages in arrival order: day (undated last), then id in byte order.
      const page = async (after?: { day: number; id: string }) =>
        (
          await c.query<{ id: string; arrival_day: number; data: string; understanding: string }>(
            after
              ? `SELECT id, arrival_day, data, understanding FROM articles WHERE event_id IS NULL AND (arrival_day, id) > ($2, $3::text COLLATE "C")
                 ORDER BY arrival_day, id COLLATE "C" LIMIT $1`
              : `SELECT id, arrival_day, data, understanding FROM articles WHERE event_id IS NULL ORDER BY arrival_day, id COLLATE "C" LIMIT $1`,
            after ? [PLACEMENT_PAGE, after.day, after.id] : [PLACEMENT_PAGE],
          )
        ).rows;
      let rows = await page();
      if (!rows.length) return { state: {} as ClustererState, placed: [], merged: [], pending: [], stories: [] };
      const saved = (await c.query<{ state: string }>('SELECT state FROM cluster_state WHERE id = 1')).rows[0];
      work.begin(saved ? (JSON.parse(saved.state) as ClustererState) : undefined);
      while (rows.length) {
        work.add(rows.map(readStored));
        const last = rows[rows.length - 1];
        rows = rows.length < PLACEMENT_PAGE ? [] : await page({ day: last.arrival_day, id: last.id });
      }
      const outcome = work.finish();
      await this.savePlacement(c, outcome);
      return outcome;
    });
  }

  /** Saves what placement decided, as the SQLite store's savePlacement does, statement by statement, in batches. */
  private async savePlacement(c: Client, o: PlacementOutcome): Promise<void> {
    // Placed articles (an article given twice: the last event given).
    const placed = new Map(o.placed.map((p) => [p.article, p.event]));
    if (placed.size) {
      await c.query(
        `UPDATE articles a SET event_id = p.event FROM unnest($1::text[], $2::text[]) AS p (article, event) WHERE a.id = p.article`,
        [[...placed.keys()], [...placed.values()]],
      );
    }
    // The event state rows read and written below, as they are now.
    const touched = [...new Set([...o.merged.map((m) => m.id), ...o.pending.map((p) => p.event)])];
    const state = new Map<string, { story: string; replaces: string[] }>();
    if (touched.length) {
      const rows = (await c.query<{ id: string; story: string; replaces: string }>('SELECT id, story, replaces FROM event_state WHERE id = ANY($1::text[])', [touched])).rows;
      for (const r of rows) state.set(r.id, { story: r.story, replaces: JSON.parse(r.replaces) as string[] });
    }
    // Absorbed events hand their articles, and the events they were to replace, to the absorbing event. The moves run
    // one after the other in SQLite; here, where each event's articles end up after all of them, in one statement.
    const inherited = new Map<string, string[]>();
    const dropped = new Set<string>();
    for (const m of o.merged) {
      const gone = state.get(m.id);
      inherited.set(m.mergedInto, [...(inherited.get(m.mergedInto) ?? []), m.id, ...(gone?.replaces ?? [])]);
      state.delete(m.id);
      dropped.add(m.id);
    }
    if (o.merged.length) {
      const moves = finalMoves(o.merged);
      if (moves.size) {
        await c.query(`UPDATE articles a SET event_id = m.to_event FROM unnest($1::text[], $2::text[]) AS m (from_event, to_event) WHERE a.event_id = m.from_event`, [
          [...moves.keys()],
          [...moves.values()],
        ]);
      }
      const pointers = new Map(o.merged.map((m) => [m.id, m.mergedInto]));
      await c.query(
        `INSERT INTO merged_events (id, merged_into) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into`,
        [[...pointers.keys()], [...pointers.values()]],
      );
      await c.query('DELETE FROM event_state WHERE id = ANY($1::text[])', [[...dropped]]);
    }
    const storyOf = new Map(o.stories.map((s) => [s.event, s.story]));
    const pend = new Map<string, { story: string; replaces: string[] }>();
    for (const p of o.pending) {
      const before = state.get(p.event);
      const row = {
        // A new row takes the story given (else its id); an existing one keeps its own (the stories below update it).
        story: before ? before.story : (storyOf.get(p.event) ?? p.event),
        replaces: unionReplaces(before?.replaces ?? [], p.replaces, inherited.get(p.event) ?? []),
      };
      state.set(p.event, row);
      pend.set(p.event, row);
    }
    if (pend.size) {
      const ids = [...pend.keys()].sort(byCodePoint);
      await c.query(
        `INSERT INTO event_state (id, story, pending, replaces) SELECT id, story, true, replaces FROM unnest($1::text[], $2::text[], $3::text[]) AS t (id, story, replaces)
         ON CONFLICT (id) DO UPDATE SET pending = true, replaces = excluded.replaces`,
        [ids, ids.map((id) => pend.get(id)!.story), ids.map((id) => JSON.stringify(pend.get(id)!.replaces))],
      );
    }
    if (storyOf.size) {
      const params = [[...storyOf.keys()], [...storyOf.values()]];
      await c.query(`UPDATE event_state s SET story = t.story FROM unnest($1::text[], $2::text[]) AS t (id, story) WHERE s.id = t.id`, params);
      await c.query(`UPDATE events e SET story = t.story FROM unnest($1::text[], $2::text[]) AS t (id, story) WHERE e.id = t.id`, params);
    }
    await c.query('INSERT INTO cluster_state (id, state) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET state = excluded.state', [JSON.stringify(o.state)]);
  }

  async runEventJob(work: (pending: PendingEvent) => SummarizedEvent): Promise<string | null> {
    return this.transaction(async (c): Promise<string | null> => {
      await c.query(`SELECT pg_advisory_xact_lock_shared(${PLACEMENT_LOCK})`);
      const next = (
        await c.query<{ id: string; story: string; replaces: string }>(
          'SELECT id, story, replaces FROM event_state WHERE pending ORDER BY id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED',
        )
      ).rows[0];
      if (!next) return null;
      // What each member is, first; whole rows only for those read (all of them, but for a very big event: members.ts).
      const everyone = (await c.query<MemberRef>('SELECT id, outlet, published FROM articles WHERE event_id = $1', [next.id])).rows;
      const members = (
        await c.query<{ data: string; understanding: string }>('SELECT data, understanding FROM articles WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C"', [[...membersToRead(everyone)]])
      ).rows.map(readStored);
      const replaces = JSON.parse(next.replaces) as string[];
      const written = work({ id: next.id, story: next.story, replaces, members, everyone });
      await this.writeEvent(c, written, [next.id, ...replaces]);
      await c.query(`UPDATE event_state SET pending = false, replaces = '[]' WHERE id = $1`, [next.id]);
      return next.id;
    });
  }

  /** Writes an event whole, in place of the given events (itself, and those it absorbed), as the SQLite store does. */
  private async writeEvent(c: Client, { event, articles }: SummarizedEvent, replacing: string[]): Promise<void> {
    await c.query(
      `WITH e AS (DELETE FROM events WHERE id = ANY($1::text[])),
            ea AS (DELETE FROM event_articles WHERE event_id = ANY($1::text[])),
            eo AS (DELETE FROM event_outlets WHERE event_id = ANY($1::text[])),
            en AS (DELETE FROM event_entities WHERE event_id = ANY($1::text[])),
            ef AS (DELETE FROM event_facts WHERE event_id = ANY($1::text[])),
            eq AS (DELETE FROM event_quote_coverage WHERE event_id = ANY($1::text[]))
       DELETE FROM entity_articles WHERE event_id = ANY($1::text[])`,
      [replacing],
    );
    const row = eventRow(event);
    await c.query('INSERT INTO events (id, first_published, last_published, date, size, story, card, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      row.id,
      row.first,
      row.last,
      row.date,
      row.size,
      row.story,
      row.card,
      row.data,
    ]);
    await writeComparisonLists(c, row);
    if (event.articles.length) {
      await c.query('INSERT INTO event_articles (event_id, article_id) SELECT $1, a FROM unnest($2::text[]) AS a', [event.id, event.articles]);
    }
    // SQLite's INSERT OR IGNORE: a row that repeats another (case-insensitively) or lacks a value is skipped.
    const outlets = outletsOf(event).filter((o) => o != null);
    if (outlets.length) {
      await c.query('INSERT INTO event_outlets (event_id, outlet) SELECT $1, o FROM unnest($2::text[]) WITH ORDINALITY AS t (o, n) ORDER BY n ON CONFLICT DO NOTHING', [
        event.id,
        outlets,
      ]);
    }
    const spellings: Array<[string, string]> = [];
    const names: string[] = [];
    const named: Array<[string, string]> = [];
    for (const entity of event.entities ?? []) {
      if (entity.name == null) continue;
      names.push(entity.name);
      for (const alias of new Set([entity.name, ...entity.aliases])) if (alias != null) spellings.push([alias, entity.name]);
      for (const a of entity.articles) if (a != null) named.push([entity.name, a]);
    }
    if (spellings.length) {
      // Pairs already known are left as they are (no row version written). New ones go in in one order for every
      // job — event jobs running together may add the same pair, and a job waits for another's uncommitted pair: in
      // one order they cannot wait for each other in a circle.
      await c.query(
        `INSERT INTO entity_names (spelling, name)
         SELECT s, n FROM unnest($1::text[], $2::text[]) AS x (s, n)
         WHERE NOT EXISTS (SELECT 1 FROM entity_names k WHERE lower(k.spelling) = lower(x.s COLLATE "C") AND lower(k.name) = lower(x.n COLLATE "C"))
         ORDER BY lower(x.s COLLATE "C"), lower(x.n COLLATE "C"), x.s COLLATE "C", x.n COLLATE "C" ON CONFLICT DO NOTHING`,
        [spellings.map((s) => s[0]), spellings.map((s) => s[1])],
      );
    }
    if (names.length) {
      await c.query('INSERT INTO event_entities (name, event_id) SELECT n, $1 FROM unnest($2::text[]) WITH ORDINALITY AS x (n, i) ORDER BY i ON CONFLICT DO NOTHING', [event.id, names]);
    }
    if (named.length) {
      await c.query(
        `INSERT INTO entity_articles (event_id, name, article_id)
         SELECT $1, n, a FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x (n, a, i) ORDER BY i ON CONFLICT DO NOTHING`,
        [event.id, named.map((x) => x[0]), named.map((x) => x[1])],
      );
    }
    const updates = new Map(articles.map((a) => [a.id, a]));
    if (updates.size) {
      const ids = [...updates.keys()].sort(byCodePoint);
      await c.query('UPDATE articles a SET data = u.data, duplicate_of = u.duplicate_of FROM unnest($1::text[], $2::text[], $3::text[]) AS u (id, data, duplicate_of) WHERE a.id = u.id', [
        ids,
        ids.map((id) => JSON.stringify(updates.get(id)!)),
        ids.map((id) => updates.get(id)!.duplicateOf ?? null),
      ]);
    }
  }

  async backlog(): Promise<Backlog> {
    const r = (
      await this.query<Backlog>(
        `SELECT (SELECT count(*) FROM jobs WHERE NOT done)::int AS jobs,
                (SELECT count(*) FROM articles WHERE event_id IS NULL)::int AS unplaced,
                (SELECT count(*) FROM event_state WHERE pending)::int AS events`,
      )
    ).rows[0];
    return { jobs: r.jobs, unplaced: r.unplaced, events: r.events };
  }

  async countArticles(): Promise<number> {
    return (await this.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0].n;
  }

  async article(id: string): Promise<Article | undefined> {
    const row = (await this.query<{ data: string }>('SELECT data FROM articles WHERE id = $1', [id])).rows[0];
    return row ? (JSON.parse(row.data) as Article) : undefined;
  }

  async publishedOf(ids: string[]): Promise<Array<string | null>> {
    if (!ids.length) return [];
    const rows = (await this.query<{ id: string; published: string | null }>('SELECT id, published FROM articles WHERE id = ANY($1::text[])', [[...new Set(ids)]])).rows;
    const byId = new Map(rows.map((r) => [r.id, r.published]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async articles(ids: string[]): Promise<Article[]> {
    if (!ids.length) return [];
    const rows = (await this.query<{ id: string; data: string }>('SELECT id, data FROM articles WHERE id = ANY($1::text[])', [[...new Set(ids)]])).rows;
    const byId = new Map(rows.map((r) => [r.id, r.data]));
    return ids.flatMap((id) => {
      const data = byId.get(id);
      return data === undefined ? [] : [JSON.parse(data) as Article];
    });
  }

  async reportHeads(ids: string[]): Promise<ReportHead[]> {
    if (!ids.length) return [];
    // From the columns: no report's document is read (parsing 180 of them was most of a big event's page).
    const rows = (
      await this.query<HeadRow>(
        `SELECT id, title, outlet, published, duplicate_of AS "duplicateOf", left(body, ${REPORT_HEAD_CHARS}) AS text FROM articles WHERE id = ANY($1::text[])`,
        [[...new Set(ids)]],
      )
    ).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [readHead(row)] : [];
    });
  }

  /** The WHERE clause and parameters of an event query, over events (aliased e). */
  private async eventFilter(q: EventQuery): Promise<{ clause: string; params: unknown[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => (params.push(v), params.length);
    if (q.from) where.push(`coalesce(e.last_published, e.date, '') >= $${param(q.from)}`);
    if (q.to) where.push(`coalesce(e.first_published, e.date, '9999') <= $${param(q.to)}`);
    if (q.outlet) where.push(`e.id IN (SELECT event_id FROM event_outlets WHERE lower(outlet) = ${lowerParam(param(q.outlet))})`);
    if (q.entity) {
      // The events naming the entity, found first (spelling → its names → events, by index): written as one subquery,
      // the planner walks the events in page order and probes each one's names, which took 16 s at 100,000 articles.
      const ids = (
        await this.query<{ event_id: string }>(
          `SELECT event_id FROM event_entities WHERE lower(name) IN (SELECT lower(name) FROM entity_names WHERE lower(spelling) = ${lowerParam(1)})`,
          [q.entity],
        )
      ).rows.map((r) => r.event_id);
      where.push(`e.id = ANY($${param([...new Set(ids)])}::text[])`);
    }
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  /** The rows of an event query's page: `columns` of events e. */
  private async eventRows<R extends pg.QueryResultRow>(q: EventQuery, columns: string): Promise<{ total: number; rows: R[] }> {
    const { clause, params } = await this.eventFilter(q);
    const total = (await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM events e ${clause}`, params)).rows[0].n;
    // As SQLite reads LIMIT and OFFSET: no limit (or a negative one) is all; a negative offset is none.
    const limit = q.limit === undefined || q.limit === null || q.limit < 0 ? null : Math.floor(q.limit);
    if (limit === 0) return { total, rows: [] };
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const order = q.order === 'recent' ? 'last_published DESC NULLS LAST, size DESC, id COLLATE "C"' : 'size DESC, last_published DESC NULLS LAST, id COLLATE "C"';
    const rows = (await this.query<R>(`SELECT ${columns} FROM events e ${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset])).rows;
    return { total, rows };
  }

  async events(q: EventQuery = {}): Promise<EventPage> {
    const { total, rows } = await this.eventRows<{ id: string; data: string; story: string | null }>(q, 'id, data, story');
    return { total, events: await Promise.all(rows.map((r) => this.whole(r.id, readOutline(r)))) };
  }

  async eventCards(q: EventQuery = {}): Promise<EventCardPage> {
    const { total, rows } = await this.eventRows<{ card: string; story: string | null }>(q, 'card, story');
    return { total, events: rows.map(readCard) };
  }

  async cards(ids: string[]): Promise<EventCard[]> {
    if (!ids.length) return [];
    const rows = (await this.query<{ id: string; card: string; story: string | null }>('SELECT id, card, story FROM events WHERE id = ANY($1::text[])', [[...new Set(ids)]])).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [readCard(row)] : [];
    });
  }

  async event(id: string): Promise<Event | undefined> {
    const outline = await this.outline(id);
    return outline && this.whole(id, outline);
  }

  async eventOutline(id: string): Promise<EventOutline | undefined> {
    const event = await this.outline(id);
    return event && { event, facts: (await this.query<{ n: number }>('SELECT count(*)::int AS n FROM event_facts WHERE event_id = $1', [id])).rows[0].n };
  }

  async comparisonFacts(id: string, offset: number, limit: number): Promise<Fact[]> {
    const rows = (await this.query<{ data: string }>('SELECT data FROM event_facts WHERE event_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3', [id, offset, limit])).rows;
    return rows.map((r) => JSON.parse(r.data) as Fact);
  }

  async quoteCoverage(id: string, quotes: string[]): Promise<QuoteCoverage[]> {
    if (!quotes.length) return [];
    const rows = (await this.query<{ data: string }>('SELECT data FROM event_quote_coverage WHERE event_id = $1 AND quote_key = ANY($2::text[]) ORDER BY seq', [id, [...new Set(quotes.map(quoteKey))]])).rows;
    return rows.map((r) => JSON.parse(r.data) as QuoteCoverage).filter((c) => quotes.includes(c.text));
  }

  private async outline(id: string): Promise<Event | undefined> {
    const row = (await this.query<{ data: string; story: string | null }>('SELECT data, story FROM events WHERE id = $1', [id])).rows[0];
    return row && readOutline(row);
  }

  /** An outline with its comparison's lists read back. */
  private async whole(id: string, outline: Event): Promise<Event> {
    const list = async (table: string) => (await this.query<{ data: string }>(`SELECT data FROM ${table} WHERE event_id = $1 ORDER BY seq`, [id])).rows.map((r) => r.data);
    return withComparisonLists(outline, await list('event_facts'), await list('event_quote_coverage'));
  }

  async eventOf(articleId: string): Promise<string | undefined> {
    return (await this.query<{ event_id: string }>('SELECT event_id FROM event_articles WHERE article_id = $1 LIMIT 1', [articleId])).rows[0]?.event_id;
  }

  async mergedInto(id: string): Promise<string | undefined> {
    // The chain of pointers to its end (bounded, should a cycle ever be written).
    const row = (
      await this.query<{ id: string }>(
        `WITH RECURSIVE chain (id, depth) AS (
           SELECT merged_into, 1 FROM merged_events WHERE id = $1
           UNION ALL
           SELECT m.merged_into, c.depth + 1 FROM merged_events m JOIN chain c ON m.id = c.id WHERE c.depth < 10000
         )
         SELECT id FROM chain ORDER BY depth DESC LIMIT 1`,
        [id],
      )
    ).rows[0];
    return row?.id;
  }

  async spellingsOf(text: string): Promise<string[]> {
    const t = text.trim();
    // The names this is a spelling of (case-insensitively), then their spellings as names.ts expandSpellings takes them.
    let names = (await this.query<{ name: string }>(`SELECT name FROM entity_names WHERE lower(spelling) = ${lowerParam(1)}`, [t])).rows.map((r) => r.name);
    if (!names.length && nameLike(t)) {
      // A spelling never stored: the names with a spelling like it (pg_trgm's similarity, through its GIN index; the
      // same rule as SQLite's in names.ts).
      names = (
        await this.query<{ spelling: string; name: string }>(
          `SELECT spelling, name FROM entity_names
           WHERE lower(spelling) % ${lowerParam(1)} AND similarity(lower(spelling), ${lowerParam(1)}) >= $2`,
          [t, FUZZY_SIMILARITY],
        )
      ).rows
        .filter((r) => similarName(r.spelling, t))
        .map((r) => r.name);
    }
    return expandSpellings(t, names, this.nameLookup());
  }

  /** The names and spellings expandSpellings reads (names.ts), compared in any case (lower() under "C", as stored). */
  private nameLookup(): NameLookup {
    const rows = async (column: 'name' | 'spelling', values: string[]) =>
      (
        await this.query<SpellingOfName>(
          `SELECT spelling, name FROM entity_names WHERE lower(${column}) IN (SELECT lower(v COLLATE "C") FROM unnest($1::text[]) AS v) ORDER BY lower(spelling), spelling, lower(name)`,
          [values],
        )
      ).rows;
    return { spellingsOfNames: (names) => rows('name', names), namesOfSpellings: (spellings) => rows('spelling', spellings) };
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const groups = await searchGroups(q.text, (t) => this.spellingsOf(t));
    if (!groups.length) return { searched: [], total: 0, hits: [] };
    const searched = [...new Set(groups.flat())];
    // Each group: any of its spellings, each a phrase (phraseto_tsquery reads no query syntax); all groups required. A
    // group with no word the index keeps matches nothing, as an empty phrase does in SQLite.
    const phrases = groups.map((g) => essentialSpellings(g).map(searchable));
    if (phrases.some((g) => !g.length)) return { searched, total: 0, hits: [] };
    const params: unknown[] = [];
    const param = (v: unknown) => (params.push(v), params.length);
    // Written out (not a CTE) so that the planner sees one constant query: a RUM index orders by it only then.
    const query = `(${phrases.map((g) => `(${g.map((s) => `phraseto_tsquery('${TS}', $${param(s)})`).join(' || ')})`).join(' && ')})`;
    const where = [`a.search @@ ${query}`];
    if (q.from) where.push(`a.published >= $${param(q.from)}`);
    if (q.to) where.push(`a.published <= $${param(q.to)}`);
    if (q.outlet) where.push(`lower(a.outlet) = ${lowerParam(param(q.outlet))}`);
    if (q.entity) {
      where.push(
        `a.id IN (SELECT article_id FROM entity_articles WHERE lower(name) IN (SELECT lower(name) FROM entity_names WHERE lower(spelling) = ${lowerParam(param(q.entity))}))`,
      );
    }
    const limit = q.limit === undefined || q.limit === null ? 20 : q.limit < 0 ? null : Math.floor(q.limit);
    // A page: the hits before it ranked with it, so that every page cuts the same order; none past MAX_SEARCH_OFFSET.
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    // With RUM, an unfiltered search ranks in tiers (lede first: rankedByTiers); a filtered one over whole texts, the
    // filters choosing the plan (a date range is read from its index, then ranked).
    const filtered = Boolean(q.from || q.to || q.outlet || q.entity);
    const ranked =
      offset >= MAX_SEARCH_OFFSET || limit === 0
        ? []
        : this.rankedIndex && !filtered && limit !== null
          ? (await this.rankedByTiers(query, params, offset + limit)).slice(offset)
          : await this.rankedWhole(query, where, params, limit, offset);
    // Every match under the filters: counted unless the page shows where they end (a page not full, not empty).
    const total =
      ranked.length && (limit === null || ranked.length < limit)
        ? offset + ranked.length
        : offset === 0 && limit !== null && limit > 0 && ranked.length < limit
          ? ranked.length
          : await this.transaction(async (c) => {
              // Counted from the search index: for a word most articles hold, the planner would rather read every
              // row's text vector (at 100,000 articles, "said": 0.7 s by a sequential scan, 30 ms by the index).
              await c.query('SET LOCAL enable_seqscan = off');
              return Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM articles a WHERE ${where.join(' AND ')}`, params)).rows[0].n);
            });
    if (!ranked.length) return { searched, total, hits: [] };
    // Titles, texts and events for the hits kept only; the passages cut here (passage.ts). No text when no passage is
    // wanted: a timeline's hits are up to 200 texts it reads again as articles.
    const passages = q.passages !== false;
    const details = new Map(
      (
        await this.query<{ id: string; title: string | null; text: string | null; event: string | null }>(
          `SELECT a.id, a.title, ${passages ? 'a.body' : 'NULL'} AS text, (SELECT event_id FROM event_articles WHERE article_id = a.id ORDER BY event_id LIMIT 1) AS event
           FROM articles a WHERE a.id = ANY($1::text[])`,
          [ranked.map((r) => r.id)],
        )
      ).rows.map((r) => [r.id, r]),
    );
    return {
      searched,
      total,
      hits: ranked.map((r) => {
        const d = details.get(r.id);
        return {
          article: r.id,
          title: d?.title ?? null,
          outlet: r.outlet,
          published: r.published,
          event: d?.event ?? null,
          snippet: passages ? passage(d?.text ?? '', groups) : '',
          score: r.score,
        };
      }),
    };
  }

  /** Matches ranked over their whole text: RUM's distance from the index, else ts_rank_cd over every match (GIN); `limit`
   * of them (null: all) from `offset` on. */
  private async rankedWhole(query: string, where: string[], params: unknown[], limit: number | null, offset: number): Promise<RankedHit[]> {
    const n = params.length;
    const depth = limit === null ? null : offset + limit;
    const rows = (
      await this.query<RankedHit>(
        this.rankedIndex
          ? // Ties (copies of one text score alike) are broken by date and id over the first RANKED_WINDOW past the
            // limit, where the index scan stops: asked for the whole order at once, the planner would read and rank
            // every match instead of walking the index.
            `SELECT * FROM (
               SELECT a.id, a.outlet, a.published, a.search <=> ${query} AS score FROM articles a
               WHERE ${where.join(' AND ')} ORDER BY a.search <=> ${query} LIMIT $${n + 1}
             ) x ORDER BY score, published DESC NULLS LAST, id COLLATE "C" LIMIT $${n + 2} OFFSET $${n + 3}`
          : `SELECT a.id, a.outlet, a.published, ts_rank_cd(a.search, ${query}, 1) AS score FROM articles a
             WHERE ${where.join(' AND ')}
             ORDER BY score DESC, a.published DESC NULLS LAST, a.id COLLATE "C" LIMIT $${n + 1} OFFSET $${n + 2}`,
        this.rankedIndex ? [...params, depth === null ? null : depth + RANKED_WINDOW, limit, offset] : [...params, limit, offset],
      )
    ).rows;
    return rows.map((r) => ({ ...r, score: this.rankedIndex ? rumScore(Number(r.score)) : Number(r.score) }));
  }

  /**
   * An unfiltered search ranked with RUM in two tiers: first the articles whose lede (title and opening) holds the
   * query, best first; then, when they are fewer than the limit, the others, best first over their whole text. Each
   * tier's ties are broken by date and id over a window past the limit (see search). `params` hold the query's.
   */
  private async rankedByTiers(query: string, params: unknown[], limit: number): Promise<RankedHit[]> {
    const n = params.length;
    const ledes = (
      await this.query<RankedHit>(
        `SELECT x.id, a.outlet, a.published, x.score FROM (
           SELECT l.id, l.lede <=> ${query} AS score FROM article_ledes l WHERE l.lede @@ ${query} ORDER BY l.lede <=> ${query} LIMIT $${n + 1}
         ) x JOIN articles a ON a.id = x.id ORDER BY x.score, a.published DESC NULLS LAST, a.id COLLATE "C" LIMIT $${n + 2}`,
        [...params, limit + RANKED_WINDOW, limit],
      )
    ).rows.map((r) => ({ ...r, score: 1 + rumScore(Number(r.score)) }));
    if (ledes.length >= limit) return ledes;
    const rest = (
      await this.query<RankedHit>(
        `SELECT * FROM (
           SELECT a.id, a.outlet, a.published, a.search <=> ${query} AS score FROM articles a
           WHERE a.search @@ ${query} AND a.id <> ALL($${n + 1}::text[]) ORDER BY a.search <=> ${query} LIMIT $${n + 2}
         ) x ORDER BY score, published DESC NULLS LAST, id COLLATE "C" LIMIT $${n + 3}`,
        [...params, ledes.map((r) => r.id), limit - ledes.length + RANKED_WINDOW, limit - ledes.length],
      )
    ).rows.map((r) => ({ ...r, score: rumScore(Number(r.score)) }));
    return [...ledes, ...rest];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A ranked match before its details are read. */
interface RankedHit {
  id: string;
  outlet: string | null;
  published: string | null;
  score: number;
}

/** A RUM distance (1 / rank) as a score in [0, 1), higher for better: rank / (1 + rank). The lede tier adds 1. */
function rumScore(distance: number): number {
  const rank = distance > 0 && Number.isFinite(distance) ? 1 / distance : 0;
  return rank / (1 + rank);
}

/** Code-point order (SQLite's, and COLLATE "C" on UTF-8): what JavaScript's default sort gives for UTF-16 does not. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * A text's words as SQLite's unicode61 tokenizer reads them, for the search index and for a searched phrase alike:
 * lowercased, Latin diacritics dropped, runs of letters, marks and digits separated by single spaces — nothing left
 * that PostgreSQL's parser would read as a compound (a host, a number with a point, a hyphenated word) or as query
 * syntax, and no NUL, which PostgreSQL text cannot hold.
 */
function searchable(text: string): string {
  return searchWords(foldForSearch(text)).join(' ');
}

/**
 * Where the articles of each absorbed event end up after the merges, applied one after the other as given (the
 * articles of A move to B, then those of B, A's among them, to C): event → final event, for those that move.
 */
function finalMoves(merged: Array<{ id: string; mergedInto: string }>): Map<string, string> {
  const at = new Map<string, string>(); // an event the articles started in → the event they are in now
  for (const m of merged) {
    if (!at.has(m.id)) at.set(m.id, m.id);
    for (const [from, now] of at) if (now === m.id) at.set(from, m.mergedInto);
  }
  for (const [from, to] of at) if (from === to) at.delete(from);
  return at;
}

function readStored(row: { data: string; understanding: string }): StoredUnderstanding {
  return { article: JSON.parse(row.data) as Article, understanding: row.understanding };
}
