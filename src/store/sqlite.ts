// The embedded store: one SQLite file (better-sqlite3, WAL, FTS5). One process writes at a time (SQLite's own lock,
// with a busy timeout); every step of the work is one transaction, so a killed process leaves the file as the last
// committed step left it. Versioned migrations, appended, never edited.
import Database from 'better-sqlite3';
import { REPORT_HEAD_CHARS, type Article, type Event, type EventCard, type EventOutline, type Fact, type QuoteCoverage, type ReportHead } from '../model.js';
import type { ClustererState } from '../cluster/index.js';
import { membersToRead, type MemberRef } from '../pipeline/members.js';
import { expandSpellings, nameLike, similarName, type NameLookup, type SpellingOfName } from './names.js';
import { essentialSpellings, passage } from './passage.js';
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

/** Each entry migrates the schema from version i to i+1: SQL, or a function for what SQL alone cannot compute. */
export const MIGRATIONS: Array<string | ((db: Database.Database) => void)> = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     content_hash TEXT NOT NULL,
     published TEXT,
     outlet TEXT,
     data TEXT NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX articles_published ON articles (published);
   CREATE TABLE events (
     id TEXT PRIMARY KEY,
     start TEXT,
     end TEXT,
     size INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE TABLE event_articles (
     event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
     article_id TEXT NOT NULL REFERENCES articles (id),
     PRIMARY KEY (event_id, article_id)
   );
   CREATE INDEX event_articles_article ON event_articles (article_id);`,
  // 2: the online clusterer's state between ingests, and the pointers of merged events.
  `CREATE TABLE cluster_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
   CREATE TABLE merged_events (id TEXT PRIMARY KEY, merged_into TEXT NOT NULL);`,
  // 3: full-text search over articles (FTS5; accents folded), and every spelling of the events' entities.
  `CREATE VIRTUAL TABLE article_search USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
   INSERT INTO article_search (id, title, text) SELECT id, coalesce(json_extract(data, '$.title'), ''), json_extract(data, '$.text') FROM articles;
   CREATE TABLE entity_spellings (spelling TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (spelling, name));
   CREATE TABLE entity_articles (name TEXT NOT NULL COLLATE NOCASE, article_id TEXT NOT NULL, PRIMARY KEY (name, article_id));`,
  // 4: incremental work. Articles keep their understanding and their placement; a queue of articles jobs; events
  // written one by one (with their entities and outlets) when pending. Analyses of earlier versions are not
  // incremental, so their articles go back to the queue (nothing is lost: the next ingest or worker understands and
  // places them again) and their events are dropped.
  `CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, payload TEXT, done INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX jobs_waiting ON jobs (seq) WHERE done = 0;
   INSERT INTO jobs (key, payload) SELECT 'schema-4-requeue', json_group_array(json(data)) FROM (SELECT data FROM articles ORDER BY id) HAVING count(*) > 0;
   DROP TABLE article_search;
   CREATE VIRTUAL TABLE article_search USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
   DROP TABLE event_articles; DROP TABLE events; DROP TABLE entity_spellings; DROP TABLE entity_articles;
   DROP TABLE articles; DELETE FROM cluster_state; DELETE FROM merged_events;
   -- seq: an explicit rowid, which VACUUM keeps, for the search index to point at.
   CREATE TABLE articles (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     content_hash TEXT NOT NULL,
     published TEXT,
     outlet TEXT,
     data TEXT NOT NULL,
     understanding TEXT NOT NULL,
     arrival_day INTEGER NOT NULL,
     event_id TEXT,
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX articles_published ON articles (published);
   CREATE INDEX articles_unplaced ON articles (arrival_day, id) WHERE event_id IS NULL;
   CREATE INDEX articles_event ON articles (event_id);
   CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);
   CREATE TABLE events (id TEXT PRIMARY KEY, first_published TEXT, last_published TEXT, date TEXT, size INTEGER NOT NULL, story TEXT, data TEXT NOT NULL);
   CREATE INDEX events_order ON events (size DESC, last_published DESC, id);
   CREATE TABLE event_articles (event_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (event_id, article_id));
   CREATE INDEX event_articles_article ON event_articles (article_id);
   CREATE TABLE event_outlets (event_id TEXT NOT NULL, outlet TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (event_id, outlet));
   CREATE INDEX event_outlets_outlet ON event_outlets (outlet);
   CREATE TABLE entity_spellings (event_id TEXT NOT NULL, spelling TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL, PRIMARY KEY (event_id, spelling, name));
   CREATE INDEX entity_spellings_spelling ON entity_spellings (spelling);
   CREATE INDEX entity_spellings_name ON entity_spellings (name);
   CREATE TABLE entity_articles (event_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, article_id TEXT NOT NULL, PRIMARY KEY (name, article_id, event_id));
   CREATE INDEX entity_articles_event ON entity_articles (event_id);
   CREATE TABLE event_state (id TEXT PRIMARY KEY, story TEXT NOT NULL, pending INTEGER NOT NULL DEFAULT 0, replaces TEXT NOT NULL DEFAULT '[]');
   CREATE INDEX event_state_pending ON event_state (id) WHERE pending = 1;`,
  // 5: every spelling ever stored, once, with a trigram index: candidates for a name searched in a spelling the
  // store has not seen (names.ts scores them).
  `CREATE TABLE known_spellings (id INTEGER PRIMARY KEY, spelling TEXT NOT NULL UNIQUE COLLATE NOCASE);
   CREATE VIRTUAL TABLE spelling_trigrams USING fts5(spelling, tokenize = 'trigram');
   INSERT OR IGNORE INTO known_spellings (spelling) SELECT spelling FROM entity_spellings;
   INSERT INTO spelling_trigrams (rowid, spelling) SELECT id, spelling FROM known_spellings;
   -- the front page's order: newest first
   CREATE INDEX events_recent ON events (last_published DESC, size DESC, id);`,
  // 6: lists that never read an event whole, and filters read from indexes alone (at 100,000 articles a page of the
  // biggest events parsed megabytes of JSON, and an entity filter walked a row per event per spelling):
  //   - event_cards: each event's card (what lists show) and the columns lists sort and filter by, in a narrow row
  //     of its own — the events table's rows are mostly their JSON, so even scanning its dates read the JSON's pages;
  //   - entity_names: each spelling → name pair once, for the whole store (a spelling once stored stays known, as
  //     known_spellings does), in place of a row per event per spelling;
  //   - event_entities: the events naming each name, one row each, read index-only.
  (db) => {
    db.exec(`CREATE TABLE event_cards (id TEXT PRIMARY KEY, first_published TEXT, last_published TEXT, date TEXT, size INTEGER NOT NULL, story TEXT, card TEXT NOT NULL);
      CREATE INDEX event_cards_order ON event_cards (size DESC, last_published DESC, id);
      CREATE INDEX event_cards_recent ON event_cards (last_published DESC, size DESC, id);
      -- a date range filter read from the index alone (its expressions are the filter's, word for word)
      CREATE INDEX event_cards_span ON event_cards (coalesce(first_published, date, '9999'), coalesce(last_published, date, ''));
      DROP INDEX events_order; DROP INDEX events_recent;
      CREATE TABLE entity_names (spelling TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (spelling, name)) WITHOUT ROWID;
      CREATE INDEX entity_names_name ON entity_names (name, spelling);
      INSERT OR IGNORE INTO entity_names (spelling, name) SELECT spelling, name FROM entity_spellings;
      CREATE TABLE event_entities (name TEXT NOT NULL COLLATE NOCASE, event_id TEXT NOT NULL, PRIMARY KEY (name, event_id)) WITHOUT ROWID;
      CREATE INDEX event_entities_event ON event_entities (event_id);
      INSERT OR IGNORE INTO event_entities (name, event_id) SELECT name, event_id FROM entity_spellings;
      DROP TABLE entity_spellings;
      DROP INDEX event_outlets_outlet;
      CREATE INDEX event_outlets_outlet ON event_outlets (outlet, event_id);`);
    const page = db.prepare<[string, number], { id: string; data: string; story: string | null }>('SELECT id, data, story FROM events WHERE id > ? ORDER BY id LIMIT ?');
    const put = db.prepare('INSERT INTO event_cards (id, first_published, last_published, date, size, story, card) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let rows = page.all('', 500); rows.length; rows = page.all(rows[rows.length - 1].id, 500)) {
      for (const r of rows) {
        const row = eventRow(JSON.parse(r.data) as Event);
        put.run(r.id, row.first, row.last, row.date, row.size, r.story, row.card);
      }
    }
  },
  // 7: each article's origin (src/store/identity.ts), so that an input read again, by another path spelling or in
  // another order, finds the articles it gave. Rows stored before have none: an incoming article with their id is
  // taken for them, as it was then.
  `ALTER TABLE articles ADD COLUMN origin TEXT;
   CREATE INDEX articles_origin ON articles (origin) WHERE origin IS NOT NULL;
   -- the input files whose every article is queued, as they were then: an ingest run again (after a kill, or on a
   -- folder that grows) does not read them again while they are unchanged
   CREATE TABLE ingested_inputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, ingested_at TEXT NOT NULL);`,
  // 8: an event's comparison facts and quote coverage in rows of their own (rows.ts eventRow): the event page of a
  // big event parsed its whole comparison to show eight facts. Events stored before are split here.
  (db) => {
    db.exec(`CREATE TABLE event_facts (event_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (event_id, seq));
      CREATE TABLE event_quote_coverage (event_id TEXT NOT NULL, seq INTEGER NOT NULL, quote_key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (event_id, seq));
      CREATE INDEX event_quote_coverage_quote ON event_quote_coverage (event_id, quote_key);`);
    const page = db.prepare<[string, number], { id: string; data: string }>('SELECT id, data FROM events WHERE id > ? ORDER BY id LIMIT ?');
    const rewrite = db.prepare('UPDATE events SET data = ? WHERE id = ?');
    for (let rows = page.all('', 500); rows.length; rows = page.all(rows[rows.length - 1].id, 500)) {
      for (const r of rows) {
        const row = eventRow(JSON.parse(r.data) as Event);
        rewrite.run(row.data, r.id);
        writeComparisonLists((sql) => db.prepare(sql), row);
      }
    }
  },
];

/** An event's comparison facts and quote coverage, each a row (rows.ts eventRow). */
function writeComparisonLists(prepare: (sql: string) => Database.Statement, row: EventRow): void {
  const fact = prepare('INSERT INTO event_facts (event_id, seq, data) VALUES (?, ?, ?)');
  row.facts.forEach((f, i) => fact.run(row.id, i, f));
  const quote = prepare('INSERT INTO event_quote_coverage (event_id, seq, quote_key, data) VALUES (?, ?, ?, ?)');
  row.quotes.forEach((q, i) => quote.run(row.id, i, q.key, q.data));
}

/** An FTS5 phrase: the words in double quotes (quotes doubled), so that no query syntax leaks in. */
function phrase(words: string): string {
  return `"${words.replace(/"/g, '""')}"`;
}

/** Matches past the limit an unfiltered search reads from the index to break ties at the limit (rankedOnIndex). */
const RANKED_WINDOW = 1000;

/** Rows read at a time while placing. */
const PLACEMENT_PAGE = 2000;

export class SqliteStore implements NewsStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;

  /** Prepared statements, kept: preparing costs more than running most of them. */
  private readonly statements = new Map<string, Database.Statement>();

  private sql<P extends unknown[] | {} = unknown[], R = unknown>(source: string): Database.Statement<P, R> {
    let s = this.statements.get(source);
    if (!s) this.statements.set(source, (s = this.db.prepare(source)));
    return s as unknown as Database.Statement<P, R>;
  }

  private constructor(db: Database.Database, file: string) {
    this.db = db;
    this.location = file;
  }

  /** Opens (creating if needed) a store file and brings its schema up to date. */
  static open(file: string): SqliteStore {
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses no committed transaction when the process dies (only, at worst, the last ones on a
      // power cut) and saves an fsync a transaction — which the event jobs, one transaction each, would pay thousands of.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
    } catch (err) {
      throw new Error(`cannot open the store ${file}: ${(err as Error).message}`);
    }
    const store = new SqliteStore(db, file);
    store.migrate();
    return store;
  }

  /**
   * Opens a store file to read only, beside the connection that writes it (WAL: readers and the writer do not wait
   * for each other): what the server's search threads read with. Its schema must be this version's — it is not
   * migrated.
   */
  static openReadOnly(file: string): SqliteStore {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 10000');
    } catch (err) {
      throw new Error(`cannot open the store ${file}: ${(err as Error).message}`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.length) {
      db.close();
      throw new Error(`cannot read the store ${file}: its schema is ${version}, this newsdesk reads ${MIGRATIONS.length} (open it once to migrate it)`);
    }
    return new SqliteStore(db, file);
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`the store was written by a newer newsdesk (schema ${version}, this one knows ${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        const step = MIGRATIONS[v];
        if (typeof step === 'string') this.db.exec(step);
        else step(this.db);
        this.db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  }

  async enqueue(jobs: ArticlesJob[]): Promise<number> {
    // A key done before is opened again: its articles may have been changed since, and back (the job is then a no-op).
    const put = this.sql(
      `INSERT INTO jobs (key, payload) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, done = 0 WHERE done = 1`,
    );
    return this.db.transaction(() => jobs.reduce((n, j) => n + put.run(j.key, JSON.stringify(j.articles)).changes, 0)).immediate();
  }

  private storedIdentities(articles: Article[]): StoredIdentity[] {
    const byId = this.sql<[string], StoredIdentity>('SELECT id, origin, content_hash AS hash FROM articles WHERE id = ?');
    const byOrigin = this.sql<[string], StoredIdentity>('SELECT id, origin, content_hash AS hash FROM articles WHERE origin = ?');
    const rows = new Map<string, StoredIdentity>();
    for (const a of articles) {
      const row = byId.get(a.id);
      if (row) rows.set(row.id, row);
      if (a.origin) for (const r of byOrigin.all(a.origin)) rows.set(r.id, r);
    }
    return [...rows.values()];
  }

  async identities(articles: Article[]): Promise<StoredIdentity[]> {
    return this.storedIdentities(articles);
  }

  async ingestedInputs(paths: string[]): Promise<Map<string, InputVersion>> {
    const find = this.sql<[string], InputVersion>('SELECT path, size, mtime_ms AS mtimeMs FROM ingested_inputs WHERE path = ?');
    const out = new Map<string, InputVersion>();
    for (const p of paths) {
      const row = find.get(p);
      if (row) out.set(p, row);
    }
    return out;
  }

  async recordInputs(inputs: InputVersion[]): Promise<void> {
    const put = this.sql(
      `INSERT INTO ingested_inputs (path, size, mtime_ms, ingested_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, ingested_at = excluded.ingested_at`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const i of inputs) put.run(i.path, i.size, i.mtimeMs, now);
    }).immediate();
  }

  async runArticlesJob(work: (articles: Article[], storedHashes: Map<string, string>) => ArticleToStore[]): Promise<UpsertResult | null> {
    const claim = this.sql<[], { seq: number; payload: string }>('SELECT seq, payload FROM jobs WHERE done = 0 ORDER BY seq LIMIT 1');
    const complete = this.sql('UPDATE jobs SET done = 1, payload = NULL WHERE seq = ?');
    const write = this.sql(
      `INSERT INTO articles (id, content_hash, published, outlet, data, understanding, arrival_day, ingested_at, origin)
       VALUES (@id, @hash, @published, @outlet, @data, @understanding, @day, @now, @origin)
       ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, published = excluded.published, outlet = excluded.outlet,
         data = excluded.data, understanding = excluded.understanding, ingested_at = excluded.ingested_at, origin = excluded.origin
       RETURNING seq`,
    );
    // The search index's rowids are the articles' seq: an article's entry is found by it, not by a scan for its id.
    const unindex = this.sql('DELETE FROM article_search WHERE rowid = ?');
    const index = this.sql('INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)');
    // A changed article keeps its place; its event is summarised again.
    const repend = this.sql('UPDATE event_state SET pending = 1 WHERE id = (SELECT event_id FROM articles WHERE id = ?)');
    return this.db.transaction(() => {
      const job = claim.get();
      if (!job) return null;
      const queued = JSON.parse(job.payload) as Article[];
      const stored = this.storedIdentities(queued);
      // Resolved again as the job is written: another ingest may have stored an article under one of these ids since
      // they were queued.
      const { articles } = resolveIdentities(queued, stored);
      const hashes = new Map(stored.map((s) => [s.id, s.hash]));
      const toStore = work(articles, hashes);
      const result: UpsertResult = { added: 0, updated: 0, unchanged: articles.length - toStore.length };
      const now = new Date().toISOString();
      for (const { article: a, hash, understanding, day } of toStore) {
        if (hashes.get(a.id) === hash) {
          result.unchanged++;
          continue;
        }
        const { seq } = write.get({ id: a.id, hash, published: a.published, outlet: a.outlet, data: JSON.stringify(a), understanding, day: day ?? UNDATED, now, origin: a.origin ?? null }) as { seq: number };
        if (hashes.has(a.id)) unindex.run(seq);
        index.run(seq, a.title ?? '', a.text);
        if (hashes.has(a.id)) {
          result.updated++;
          repend.run(a.id);
        } else result.added++;
      }
      complete.run(job.seq);
      return result;
    }).immediate();
  }

  async place(work: PlacementWork): Promise<PlacementOutcome | null> {
    return this.db.transaction((): PlacementOutcome | null => {
      if (this.sql('SELECT 1 FROM jobs WHERE done = 0 LIMIT 1').get()) return null;
      // Keyset pages in arrival order (an OFFSET would walk every earlier page again: quadratic in the backlog), read
      // from the partial index of unplaced articles by name: without statistics the planner takes the event index and
      // sorts every unplaced article again for each page.
      type Row = { id: string; arrival_day: number; data: string; understanding: string };
      const first = this.sql<[number], Row>(
        'SELECT id, arrival_day, data, understanding FROM articles INDEXED BY articles_unplaced WHERE event_id IS NULL ORDER BY arrival_day, id LIMIT ?',
      );
      const next = this.sql<[number, string, number], Row>(
        `SELECT id, arrival_day, data, understanding FROM articles INDEXED BY articles_unplaced WHERE event_id IS NULL AND (arrival_day, id) > (?, ?)
         ORDER BY arrival_day, id LIMIT ?`,
      );
      let rows = first.all(PLACEMENT_PAGE);
      if (!rows.length) return { state: {} as ClustererState, placed: [], merged: [], pending: [], stories: [] };
      const saved = this.sql<[], { state: string }>('SELECT state FROM cluster_state WHERE id = 1').get();
      work.begin(saved ? (JSON.parse(saved.state) as ClustererState) : undefined);
      while (rows.length) {
        work.add(rows.map(readStored));
        const last = rows[rows.length - 1];
        rows = rows.length < PLACEMENT_PAGE ? [] : next.all(last.arrival_day, last.id, PLACEMENT_PAGE);
      }
      const outcome = work.finish();
      this.savePlacement(outcome);
      return outcome;
    }).immediate();
  }

  private savePlacement(o: PlacementOutcome): void {
    const setEvent = this.sql('UPDATE articles SET event_id = ? WHERE id = ?');
    const move = this.sql('UPDATE articles SET event_id = ? WHERE event_id = ?');
    const pointer = this.sql('INSERT INTO merged_events (id, merged_into) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into');
    const stateOf = this.sql<[string], { story: string; replaces: string }>('SELECT story, replaces FROM event_state WHERE id = ?');
    const drop = this.sql('DELETE FROM event_state WHERE id = ?');
    const pend = this.sql(
      `INSERT INTO event_state (id, story, pending, replaces) VALUES (?, ?, 1, ?)
       ON CONFLICT (id) DO UPDATE SET pending = 1, replaces = excluded.replaces`,
    );
    const story = this.sql('UPDATE event_state SET story = ? WHERE id = ?');
    const eventStory = this.sql('UPDATE events SET story = ? WHERE id = ?');
    const cardStory = this.sql('UPDATE event_cards SET story = ? WHERE id = ?');
    for (const p of o.placed) setEvent.run(p.event, p.article);
    // Absorbed events hand their articles, and the events they were to replace, to the absorbing event.
    const inherited = new Map<string, string[]>();
    for (const m of o.merged) {
      move.run(m.mergedInto, m.id);
      pointer.run(m.id, m.mergedInto);
      const gone = stateOf.get(m.id);
      inherited.set(m.mergedInto, [...(inherited.get(m.mergedInto) ?? []), m.id, ...(gone ? (JSON.parse(gone.replaces) as string[]) : [])]);
      drop.run(m.id);
    }
    const storyOf = new Map(o.stories.map((s) => [s.event, s.story]));
    for (const p of o.pending) {
      const before = stateOf.get(p.event);
      const replaces = unionReplaces(before ? (JSON.parse(before.replaces) as string[]) : [], p.replaces, inherited.get(p.event) ?? []);
      pend.run(p.event, storyOf.get(p.event) ?? before?.story ?? p.event, JSON.stringify(replaces));
    }
    for (const s of o.stories) {
      story.run(s.story, s.event);
      eventStory.run(s.story, s.event);
      cardStory.run(s.story, s.event);
    }
    this.sql('INSERT INTO cluster_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state').run(JSON.stringify(o.state));
  }

  async runEventJob(work: (pending: PendingEvent) => SummarizedEvent): Promise<string | null> {
    return this.db.transaction((): string | null => {
      const next = this.sql<[], { id: string; story: string; replaces: string }>('SELECT id, story, replaces FROM event_state WHERE pending = 1 ORDER BY id LIMIT 1').get();
      if (!next) return null;
      // What each member is, first; whole rows only for those read (all of them, but for a very big event: members.ts).
      const everyone = this.sql<[string], MemberRef>('SELECT id, outlet, published FROM articles WHERE event_id = ?').all(next.id);
      const row = this.sql<[string], { data: string; understanding: string }>('SELECT data, understanding FROM articles WHERE id = ?');
      const members = [...membersToRead(everyone)].sort().map((id) => readStored(row.get(id)!));
      const replaces = JSON.parse(next.replaces) as string[];
      const written = work({ id: next.id, story: next.story, replaces, members, everyone });
      this.writeEvent(written, [next.id, ...replaces]);
      this.sql(`UPDATE event_state SET pending = 0, replaces = '[]' WHERE id = ?`).run(next.id);
      return next.id;
    }).immediate();
  }

  /** Writes an event whole, in place of the given events (itself, and those it absorbed). */
  private writeEvent({ event, articles }: SummarizedEvent, replacing: string[]): void {
    for (const table of ['events', 'event_cards', 'event_articles', 'event_outlets', 'event_entities', 'entity_articles', 'event_facts', 'event_quote_coverage']) {
      const del = this.sql(`DELETE FROM ${table} WHERE ${table === 'events' || table === 'event_cards' ? 'id' : 'event_id'} = ?`);
      for (const id of replacing) del.run(id);
    }
    const row = eventRow(event);
    // The event whole, and its card in the narrow row lists read: the same columns, then the JSON each keeps.
    for (const [table, json, value] of [['events', 'data', row.data], ['event_cards', 'card', row.card]] as const) {
      this.sql(`INSERT INTO ${table} (id, first_published, last_published, date, size, story, ${json}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(row.id, row.first, row.last, row.date, row.size, row.story, value);
    }
    writeComparisonLists((sql) => this.sql(sql), row);
    const link = this.sql('INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)');
    for (const a of event.articles) link.run(event.id, a);
    const outlet = this.sql('INSERT OR IGNORE INTO event_outlets (event_id, outlet) VALUES (?, ?)');
    for (const o of outletsOf(event)) outlet.run(event.id, o);
    const spelling = this.sql('INSERT OR IGNORE INTO entity_names (spelling, name) VALUES (?, ?)');
    const naming = this.sql('INSERT OR IGNORE INTO event_entities (name, event_id) VALUES (?, ?)');
    const named = this.sql('INSERT OR IGNORE INTO entity_articles (event_id, name, article_id) VALUES (?, ?, ?)');
    const known = this.sql('INSERT OR IGNORE INTO known_spellings (spelling) VALUES (?)');
    const trigrams = this.sql('INSERT INTO spelling_trigrams (rowid, spelling) VALUES (?, ?)');
    for (const entity of event.entities ?? []) {
      naming.run(entity.name, event.id);
      for (const alias of new Set([entity.name, ...entity.aliases])) {
        spelling.run(alias, entity.name);
        const added = known.run(alias);
        if (added.changes) trigrams.run(added.lastInsertRowid, alias);
      }
      for (const a of entity.articles) named.run(event.id, entity.name, a);
    }
    const update = this.sql('UPDATE articles SET data = ? WHERE id = ?');
    for (const a of articles) update.run(JSON.stringify(a), a.id);
  }

  async backlog(): Promise<Backlog> {
    const n = (sql: string) => (this.sql(sql).get() as { n: number }).n;
    return {
      jobs: n('SELECT count(*) AS n FROM jobs WHERE done = 0'),
      unplaced: n('SELECT count(*) AS n FROM articles WHERE event_id IS NULL'),
      events: n('SELECT count(*) AS n FROM event_state WHERE pending = 1'),
    };
  }

  async countArticles(): Promise<number> {
    return (this.sql('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  async article(id: string): Promise<Article | undefined> {
    const row = this.sql<[string], { data: string }>('SELECT data FROM articles WHERE id = ?').get(id);
    return row ? (JSON.parse(row.data) as Article) : undefined;
  }

  async publishedOf(ids: string[]): Promise<Array<string | null>> {
    const find = this.sql<[string], { published: string | null }>('SELECT published FROM articles WHERE id = ?');
    return ids.map((id) => find.get(id)?.published ?? null);
  }

  async articles(ids: string[]): Promise<Article[]> {
    const find = this.sql<[string], { data: string }>('SELECT data FROM articles WHERE id = ?');
    return ids.flatMap((id) => {
      const row = find.get(id);
      return row ? [JSON.parse(row.data) as Article] : [];
    });
  }

  async reportHeads(ids: string[]): Promise<ReportHead[]> {
    // json_extract reads the stored article in C: no whole text is parsed into JavaScript.
    const find = this.sql<[string], HeadRow>(
      `SELECT id, json_extract(data, '$.title') AS title, json_extract(data, '$.outlet') AS outlet, json_extract(data, '$.published') AS published,
              json_extract(data, '$.duplicateOf') AS duplicateOf, substr(json_extract(data, '$.text'), 1, ${REPORT_HEAD_CHARS}) AS text
       FROM articles WHERE id = ?`,
    );
    return ids.flatMap((id) => {
      const row = find.get(id);
      return row ? [readHead(row)] : [];
    });
  }

  /** The WHERE clause and parameters of an event query, over event_cards (aliased c). */
  private eventFilter(q: EventQuery): { clause: string; params: Record<string, unknown> } {
    const where: string[] = [];
    // As event_cards_span writes them, so that the index answers.
    if (q.from) where.push(`coalesce(c.last_published, c.date, '') >= @from`);
    if (q.to) where.push(`coalesce(c.first_published, c.date, '9999') <= @to`);
    if (q.outlet) where.push('c.id IN (SELECT event_id FROM event_outlets WHERE outlet = @outlet)');
    if (q.entity) where.push('c.id IN (SELECT event_id FROM event_entities WHERE name IN (SELECT name FROM entity_names WHERE spelling = @entity))');
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params: { from: q.from ?? null, to: q.to ?? null, outlet: q.outlet ?? null, entity: q.entity ?? null } };
  }

  /** The rows of an event query's page: `columns` of event_cards c (and of events e when `whole`). */
  private eventRows<R>(q: EventQuery, columns: string, whole: boolean): { total: number; rows: R[] } {
    const { clause, params } = this.eventFilter(q);
    const total = (this.sql(`SELECT count(*) AS n FROM event_cards c ${clause}`).get(params) as { n: number }).n;
    const order = q.order === 'recent' ? 'c.last_published DESC, c.size DESC, c.id' : 'c.size DESC, c.last_published DESC, c.id';
    const rows = this.sql<Record<string, unknown>, R>(
      `SELECT ${columns} FROM event_cards c ${whole ? 'JOIN events e ON e.id = c.id' : ''} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 });
    return { total, rows };
  }

  async events(q: EventQuery = {}): Promise<EventPage> {
    const { total, rows } = this.eventRows<{ id: string; data: string; story: string | null }>(q, 'c.id, e.data, c.story', true);
    return { total, events: rows.map((r) => this.whole(r.id, readOutline(r))) };
  }

  async eventCards(q: EventQuery = {}): Promise<EventCardPage> {
    const { total, rows } = this.eventRows<{ card: string; story: string | null }>(q, 'c.card, c.story', false);
    return { total, events: rows.map(readCard) };
  }

  async cards(ids: string[]): Promise<EventCard[]> {
    const find = this.sql<[string], { card: string; story: string | null }>('SELECT card, story FROM event_cards WHERE id = ?');
    return ids.flatMap((id) => {
      const row = find.get(id);
      return row ? [readCard(row)] : [];
    });
  }

  async event(id: string): Promise<Event | undefined> {
    const outline = this.outline(id);
    return outline && this.whole(id, outline);
  }

  async eventOutline(id: string): Promise<EventOutline | undefined> {
    const event = this.outline(id);
    return event && { event, facts: (this.sql<[string], { n: number }>('SELECT count(*) AS n FROM event_facts WHERE event_id = ?').get(id) as { n: number }).n };
  }

  async comparisonFacts(id: string, offset: number, limit: number): Promise<Fact[]> {
    const rows = this.sql<[string, number, number], { data: string }>('SELECT data FROM event_facts WHERE event_id = ? AND seq >= ? ORDER BY seq LIMIT ?').all(id, offset, limit);
    return rows.map((r) => JSON.parse(r.data) as Fact);
  }

  async quoteCoverage(id: string, quotes: string[]): Promise<QuoteCoverage[]> {
    const find = this.sql<[string, string], { seq: number; data: string }>('SELECT seq, data FROM event_quote_coverage WHERE event_id = ? AND quote_key = ?');
    const rows = [...new Set(quotes)].flatMap((q) => find.all(id, quoteKey(q)));
    return rows.sort((a, b) => a.seq - b.seq).map((r) => JSON.parse(r.data) as QuoteCoverage).filter((c) => quotes.includes(c.text));
  }

  private outline(id: string): Event | undefined {
    const row = this.sql<[string], { data: string; story: string | null }>('SELECT data, story FROM events WHERE id = ?').get(id);
    return row && readOutline(row);
  }

  /** An outline with its comparison's lists read back. */
  private whole(id: string, outline: Event): Event {
    const list = (table: string) => this.sql<[string], { data: string }>(`SELECT data FROM ${table} WHERE event_id = ? ORDER BY seq`).all(id).map((r) => r.data);
    return withComparisonLists(outline, list('event_facts'), list('event_quote_coverage'));
  }

  async eventOf(articleId: string): Promise<string | undefined> {
    return this.sql<[string], { event_id: string }>('SELECT event_id FROM event_articles WHERE article_id = ? LIMIT 1').get(articleId)?.event_id;
  }

  async mergedInto(id: string): Promise<string | undefined> {
    const find = this.sql<[string], { merged_into: string }>('SELECT merged_into FROM merged_events WHERE id = ?');
    let cur = find.get(id)?.merged_into;
    for (let next = cur && find.get(cur)?.merged_into; next; next = find.get(next)?.merged_into) cur = next;
    return cur;
  }

  async spellingsOf(text: string): Promise<string[]> {
    const t = text.trim();
    const names = this.sql<[string], { name: string }>('SELECT name FROM entity_names WHERE spelling = ?').all(t).map((r) => r.name);
    if (!names.length && nameLike(t)) names.push(...this.similarNames(t));
    return expandSpellings(t, names, this.nameLookup());
  }

  /** The names and spellings expandSpellings reads (names.ts); entity_names compares both in any case (NOCASE). */
  private nameLookup(): NameLookup {
    const ofName = this.sql<[string], SpellingOfName>('SELECT spelling, name FROM entity_names WHERE name = ? ORDER BY spelling');
    const ofSpelling = this.sql<[string], SpellingOfName>('SELECT spelling, name FROM entity_names WHERE spelling = ?');
    return {
      spellingsOfNames: async (names) => names.flatMap((n) => ofName.all(n)),
      namesOfSpellings: async (spellings) => spellings.flatMap((s) => ofSpelling.all(s)),
    };
  }

  /** Names with a stored spelling like this one (names.ts): candidates sharing its trigrams, scored as pg_trgm does. */
  private similarNames(text: string): string[] {
    const pieces = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((w) => Array.from({ length: Math.max(0, w.length - 2) }, (_, i) => w.slice(i, i + 3))))];
    if (!pieces.length) return [];
    const candidates = this.sql<[string], { spelling: string }>('SELECT spelling FROM spelling_trigrams WHERE spelling_trigrams MATCH ? ORDER BY rank LIMIT 200')
      .all(pieces.map((p) => `"${p.replace(/"/g, '""')}"`).join(' OR '))
      .map((r) => r.spelling)
      .filter((s) => similarName(s, text));
    const named = this.sql<[string], { name: string }>('SELECT name FROM entity_names WHERE spelling = ?');
    return [...new Set(candidates.flatMap((s) => named.all(s).map((r) => r.name)))];
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const groups = await searchGroups(q.text, (t) => this.spellingsOf(t));
    if (!groups.length) return { searched: [], total: 0, hits: [] };
    const searched = [...new Set(groups.flat())];
    // A group with no word the index keeps matches nothing (and so does the query).
    const phrases = groups.map(essentialSpellings);
    if (phrases.some((g) => !g.length)) return { searched, total: 0, hits: [] };
    const match = phrases.map((g) => `(${g.map(phrase).join(' OR ')})`).join(' AND ');
    const where = ['article_search MATCH @match'];
    if (q.from) where.push('a.published >= @from');
    if (q.to) where.push('a.published <= @to');
    if (q.outlet) where.push('a.outlet = @outlet COLLATE NOCASE');
    if (q.entity) where.push(`a.id IN (SELECT article_id FROM entity_articles WHERE name IN (SELECT name FROM entity_names WHERE spelling = @entity))`);
    const params = { match, from: q.from ?? null, to: q.to ?? null, outlet: q.outlet ?? null, entity: q.entity ?? null };
    // A page: the hits before it ranked with it, so that every page cuts the same order (rankedOnIndex ranks the
    // best offset + limit); none past MAX_SEARCH_OFFSET. A negative limit is no limit.
    const limit = q.limit === undefined ? 20 : q.limit < 0 ? -1 : Math.floor(q.limit);
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const filtered = Boolean(q.from || q.to || q.outlet || q.entity);
    // Ranked first; the title, event and passage read only for the hits kept.
    const ranked =
      offset >= MAX_SEARCH_OFFSET || limit === 0
        ? []
        : (!filtered && limit > 0 && this.rankedOnIndex(match, offset + limit)?.slice(offset)) ||
          this.sql<Record<string, unknown>, { seq: number; score: number }>(
            `SELECT a.seq, bm25(article_search, 3, 1) AS score
             FROM article_search JOIN articles a ON a.seq = article_search.rowid
             WHERE ${where.join(' AND ')}
             ORDER BY score, a.published DESC, a.id LIMIT @limit OFFSET @offset`,
          ).all({ ...params, limit, offset });
    // Every match under the filters: counted unless the page shows where they end (a page not full, not empty).
    const total =
      ranked.length && (limit < 0 || ranked.length < limit)
        ? offset + ranked.length
        : offset === 0 && limit > 0 && ranked.length < limit
          ? ranked.length
          : filtered
            ? this.sql<Record<string, unknown>, { n: number }>(
                `SELECT count(*) AS n FROM article_search JOIN articles a ON a.seq = article_search.rowid WHERE ${where.join(' AND ')}`,
              ).get(params)!.n
            : this.sql<[string], { n: number }>('SELECT count(*) AS n FROM article_search WHERE article_search MATCH ?').get(match)!.n;
    // Each hit's row found by its rowid alone, and its passage cut from its own text (passage.ts, as in PostgreSQL)
    // rather than by FTS5's snippet(), which needs the MATCH beside the rowid: FTS5 (SQLite 3.53) does not apply a
    // rowid equality next to a MATCH, so that every hit got the first match's passage — and ran the whole query again.
    const detail = this.sql<[number], { id: string; title: string; text: string; outlet: string | null; published: string | null; event: string | null }>(
      `SELECT a.id, s.title, s.text, a.outlet, a.published, (SELECT event_id FROM event_articles WHERE article_id = a.id) AS event
       FROM articles a JOIN article_search s ON s.rowid = a.seq
       WHERE a.seq = ?`,
    );
    const hits = ranked.map(({ seq, score }) => {
      const r = detail.get(seq)!;
      // BM25 as SQLite gives it is lower for better matches; the interface's score is higher for better.
      // The index keeps '' for an article without a title.
      return { article: r.id, title: r.title || null, outlet: r.outlet, published: r.published, event: r.event, snippet: q.passages === false ? '' : passage(r.text, groups), score: -score };
    });
    return { searched, total, hits };
  }

  /**
   * The `limit` best matches of an unfiltered search, ranked on the search index alone, ties broken by date and id as
   * the joined query breaks them: the index's best `limit` + RANKED_WINDOW, and the articles' dates for those only. A
   * common word matches tens of thousands of articles, and looking each one up for its date cost more than ranking
   * them all. Undefined when more matches tie at the limit than the window holds (copies of one text score alike):
   * the caller ranks with the join then.
   */
  private rankedOnIndex(match: string, limit: number): Array<{ seq: number; score: number }> | undefined {
    const best = this.sql<[string, number], { seq: number; score: number }>(
      'SELECT rowid AS seq, bm25(article_search, 3, 1) AS score FROM article_search WHERE article_search MATCH ? ORDER BY score LIMIT ?',
    ).all(match, limit + RANKED_WINDOW);
    if (best.length <= limit) return this.breakTies(best);
    const last = best[limit - 1].score;
    if (best.length === limit + RANKED_WINDOW && best[best.length - 1].score <= last) return undefined;
    return this.breakTies(best.filter((b) => b.score <= last)).slice(0, limit);
  }

  /** Hits in the joined query's order: score, then newest first (undated last), then id in byte order. */
  private breakTies(hits: Array<{ seq: number; score: number }>): Array<{ seq: number; score: number }> {
    const find = this.sql<[number], { published: string | null; id: string }>('SELECT published, id FROM articles WHERE seq = ?');
    const keyed = hits.map((h) => ({ ...h, ...find.get(h.seq)! }));
    keyed.sort((a, b) => a.score - b.score || byDesc(a.published ?? '', b.published ?? '') || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)));
    return keyed.map(({ seq, score }) => ({ seq, score }));
  }

  async close(): Promise<void> {
    if (this.db.open && !this.db.readonly) {
      try {
        // The planner's statistics for the event lists, as they stand after this connection's work (a bounded
        // sample): without them it walks a list's sort index and tests every event against a date range instead of
        // reading the range's index. Only this table: statistics taken of the search index's own tables while they
        // were small (PRAGMA optimize on a new store) made every later insert into a growing index scan it — an
        // ingest of 100,000 articles slowed from 550 to 25 articles a second.
        this.db.pragma('analysis_limit = 2000');
        this.db.exec('ANALYZE event_cards');
      } catch {
        // Statistics are an optimisation: a store that cannot take them (a full disk, a lock) still closes.
      }
    }
    this.db.close();
  }
}

/** Descending string order (ISO dates), for sort(). */
function byDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function readStored(row: { data: string; understanding: string }): StoredUnderstanding {
  return { article: JSON.parse(row.data) as Article, understanding: row.understanding };
}
