// The embedded store: one SQLite file (better-sqlite3, WAL, FTS5). One process writes at a time (SQLite's own lock,
// with a busy timeout); every step of the work is one transaction, so a killed process leaves the file as the last
// committed step left it. Versioned migrations, appended, never edited.
import Database from 'better-sqlite3';
import type { Article, Event } from '../model.js';
import type { ClustererState } from '../cluster/index.js';
import type { UnderstoodArticle } from '../understand/index.js';
import { contentHash } from './hash.js';
import { eventRow, outletsOf, UNDATED, unionReplaces } from './rows.js';
import {
  searchGroups,
  type ArticlesJob,
  type ArticleToStore,
  type Backlog,
  type EventPage,
  type EventQuery,
  type NewsStore,
  type PendingEvent,
  type PlacementOutcome,
  type PlacementWork,
  type SearchQuery,
  type SearchResult,
  type SummarizedEvent,
  type UpsertResult,
} from './types.js';

/** Each entry migrates the schema from version i to i+1. */
export const MIGRATIONS: string[] = [
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
   DELETE FROM article_search;
   DROP TABLE event_articles; DROP TABLE events; DROP TABLE entity_spellings; DROP TABLE entity_articles;
   DELETE FROM articles; DELETE FROM cluster_state; DELETE FROM merged_events;
   ALTER TABLE articles ADD COLUMN understanding TEXT;
   ALTER TABLE articles ADD COLUMN arrival_day INTEGER NOT NULL DEFAULT ${UNDATED};
   ALTER TABLE articles ADD COLUMN event_id TEXT;
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
];

/** An FTS5 phrase: the words in double quotes (quotes doubled), so that no query syntax leaks in. */
function phrase(words: string): string {
  return `"${words.replace(/"/g, '""')}"`;
}

/** Rows read at a time while placing. */
const PLACEMENT_PAGE = 2000;

export class SqliteStore implements NewsStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;

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
      db.pragma('busy_timeout = 10000');
    } catch (err) {
      throw new Error(`cannot open the store ${file}: ${(err as Error).message}`);
    }
    const store = new SqliteStore(db, file);
    store.migrate();
    return store;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`the store was written by a newer newsdesk (schema ${version}, this one knows ${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  }

  async enqueue(jobs: ArticlesJob[]): Promise<number> {
    // A key done before is opened again: its articles may have been changed since, and back (the job is then a no-op).
    const put = this.db.prepare(
      `INSERT INTO jobs (key, payload) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, done = 0 WHERE done = 1`,
    );
    return this.db.transaction(() => jobs.reduce((n, j) => n + put.run(j.key, JSON.stringify(j.articles)).changes, 0)).immediate();
  }

  private storedHashes(ids: string[]): Map<string, string> {
    const find = this.db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM articles WHERE id = ?');
    const out = new Map<string, string>();
    for (const id of ids) {
      const row = find.get(id);
      if (row) out.set(id, row.content_hash);
    }
    return out;
  }

  async runArticlesJob(work: (articles: Article[], storedHashes: Map<string, string>) => ArticleToStore[]): Promise<UpsertResult | null> {
    const claim = this.db.prepare<[], { seq: number; payload: string }>('SELECT seq, payload FROM jobs WHERE done = 0 ORDER BY seq LIMIT 1');
    const complete = this.db.prepare('UPDATE jobs SET done = 1, payload = NULL WHERE seq = ?');
    const write = this.db.prepare(
      `INSERT INTO articles (id, content_hash, published, outlet, data, understanding, arrival_day, ingested_at)
       VALUES (@id, @hash, @published, @outlet, @data, @understanding, @day, @now)
       ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, published = excluded.published, outlet = excluded.outlet,
         data = excluded.data, understanding = excluded.understanding, ingested_at = excluded.ingested_at`,
    );
    const unindex = this.db.prepare('DELETE FROM article_search WHERE id = ?');
    const index = this.db.prepare('INSERT INTO article_search (id, title, text) VALUES (?, ?, ?)');
    // A changed article keeps its place; its event is summarised again.
    const repend = this.db.prepare('UPDATE event_state SET pending = 1 WHERE id = (SELECT event_id FROM articles WHERE id = ?)');
    return this.db.transaction(() => {
      const job = claim.get();
      if (!job) return null;
      const articles = JSON.parse(job.payload) as Article[];
      const hashes = this.storedHashes(articles.map((a) => a.id));
      const toStore = work(articles, hashes);
      const result: UpsertResult = { added: 0, updated: 0, unchanged: articles.length - toStore.length };
      const now = new Date().toISOString();
      for (const { understood, day } of toStore) {
        const a = understood.article;
        const hash = contentHash(a);
        if (hashes.get(a.id) === hash) {
          result.unchanged++;
          continue;
        }
        write.run({ id: a.id, hash, published: a.published, outlet: a.outlet, data: JSON.stringify(a), understanding: JSON.stringify(understood), day: day ?? UNDATED, now });
        unindex.run(a.id);
        index.run(a.id, a.title ?? '', a.text);
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
      if (this.db.prepare('SELECT 1 FROM jobs WHERE done = 0 LIMIT 1').get()) return null;
      const page = this.db.prepare<[number, number], { understanding: string }>(
        'SELECT understanding FROM articles WHERE event_id IS NULL ORDER BY arrival_day, id LIMIT ? OFFSET ?',
      );
      let rows = page.all(PLACEMENT_PAGE, 0);
      if (!rows.length) return { state: {} as ClustererState, placed: [], merged: [], pending: [], stories: [] };
      const saved = this.db.prepare<[], { state: string }>('SELECT state FROM cluster_state WHERE id = 1').get();
      work.begin(saved ? (JSON.parse(saved.state) as ClustererState) : undefined);
      for (let offset = 0; rows.length; rows = page.all(PLACEMENT_PAGE, (offset += PLACEMENT_PAGE))) {
        work.add(rows.map((r) => JSON.parse(r.understanding) as UnderstoodArticle));
      }
      const outcome = work.finish();
      this.savePlacement(outcome);
      return outcome;
    }).immediate();
  }

  private savePlacement(o: PlacementOutcome): void {
    const setEvent = this.db.prepare('UPDATE articles SET event_id = ? WHERE id = ?');
    const move = this.db.prepare('UPDATE articles SET event_id = ? WHERE event_id = ?');
    const pointer = this.db.prepare('INSERT INTO merged_events (id, merged_into) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into');
    const stateOf = this.db.prepare<[string], { story: string; replaces: string }>('SELECT story, replaces FROM event_state WHERE id = ?');
    const drop = this.db.prepare('DELETE FROM event_state WHERE id = ?');
    const pend = this.db.prepare(
      `INSERT INTO event_state (id, story, pending, replaces) VALUES (?, ?, 1, ?)
       ON CONFLICT (id) DO UPDATE SET pending = 1, replaces = excluded.replaces`,
    );
    const story = this.db.prepare('UPDATE event_state SET story = ? WHERE id = ?');
    const eventStory = this.db.prepare('UPDATE events SET story = ? WHERE id = ?');
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
    }
    this.db.prepare('INSERT INTO cluster_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state').run(JSON.stringify(o.state));
  }

  async runEventJob(work: (pending: PendingEvent) => SummarizedEvent): Promise<string | null> {
    return this.db.transaction((): string | null => {
      const next = this.db.prepare<[], { id: string; story: string; replaces: string }>('SELECT id, story, replaces FROM event_state WHERE pending = 1 ORDER BY id LIMIT 1').get();
      if (!next) return null;
      const members = this.db
        .prepare<[string], { understanding: string }>('SELECT understanding FROM articles WHERE event_id = ? ORDER BY id')
        .all(next.id)
        .map((r) => JSON.parse(r.understanding) as UnderstoodArticle);
      const replaces = JSON.parse(next.replaces) as string[];
      const written = work({ id: next.id, story: next.story, replaces, members });
      this.writeEvent(written, [next.id, ...replaces]);
      this.db.prepare(`UPDATE event_state SET pending = 0, replaces = '[]' WHERE id = ?`).run(next.id);
      return next.id;
    }).immediate();
  }

  /** Writes an event whole, in place of the given events (itself, and those it absorbed). */
  private writeEvent({ event, articles }: SummarizedEvent, replacing: string[]): void {
    for (const table of ['events', 'event_articles', 'event_outlets', 'entity_spellings', 'entity_articles']) {
      const del = this.db.prepare(`DELETE FROM ${table} WHERE ${table === 'events' ? 'id' : 'event_id'} = ?`);
      for (const id of replacing) del.run(id);
    }
    const row = eventRow(event);
    this.db
      .prepare('INSERT INTO events (id, first_published, last_published, date, size, story, data) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.first, row.last, row.date, row.size, row.story, row.data);
    const link = this.db.prepare('INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)');
    for (const a of event.articles) link.run(event.id, a);
    const outlet = this.db.prepare('INSERT OR IGNORE INTO event_outlets (event_id, outlet) VALUES (?, ?)');
    for (const o of outletsOf(event)) outlet.run(event.id, o);
    const spelling = this.db.prepare('INSERT OR IGNORE INTO entity_spellings (event_id, spelling, name, type) VALUES (?, ?, ?, ?)');
    const named = this.db.prepare('INSERT OR IGNORE INTO entity_articles (event_id, name, article_id) VALUES (?, ?, ?)');
    for (const entity of event.entities ?? []) {
      for (const alias of new Set([entity.name, ...entity.aliases])) spelling.run(event.id, alias, entity.name, entity.type);
      for (const a of entity.articles) named.run(event.id, entity.name, a);
    }
    const update = this.db.prepare('UPDATE articles SET data = ? WHERE id = ?');
    for (const a of articles) update.run(JSON.stringify(a), a.id);
  }

  async backlog(): Promise<Backlog> {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      jobs: n('SELECT count(*) AS n FROM jobs WHERE done = 0'),
      unplaced: n('SELECT count(*) AS n FROM articles WHERE event_id IS NULL'),
      events: n('SELECT count(*) AS n FROM event_state WHERE pending = 1'),
    };
  }

  async contentHashes(ids: string[]): Promise<Map<string, string>> {
    return this.storedHashes(ids);
  }

  async countArticles(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  async article(id: string): Promise<Article | undefined> {
    const row = this.db.prepare<[string], { data: string }>('SELECT data FROM articles WHERE id = ?').get(id);
    return row ? (JSON.parse(row.data) as Article) : undefined;
  }

  async articles(ids: string[]): Promise<Article[]> {
    const find = this.db.prepare<[string], { data: string }>('SELECT data FROM articles WHERE id = ?');
    return ids.flatMap((id) => {
      const row = find.get(id);
      return row ? [JSON.parse(row.data) as Article] : [];
    });
  }

  async events(q: EventQuery = {}): Promise<EventPage> {
    const where: string[] = [];
    if (q.from) where.push('coalesce(e.last_published, e.date, \'\') >= @from');
    if (q.to) where.push(`coalesce(e.first_published, e.date, '9999') <= @to`);
    if (q.outlet) where.push('e.id IN (SELECT event_id FROM event_outlets WHERE outlet = @outlet)');
    if (q.entity) where.push('e.id IN (SELECT event_id FROM entity_spellings WHERE name IN (SELECT name FROM entity_spellings WHERE spelling = @entity))');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { from: q.from ?? null, to: q.to ?? null, outlet: q.outlet ?? null, entity: q.entity ?? null };
    const total = (this.db.prepare(`SELECT count(*) AS n FROM events e ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare<Record<string, unknown>, { data: string; story: string | null }>(
        `SELECT data, story FROM events e ${clause} ORDER BY size DESC, last_published DESC, id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 });
    return { total, events: rows.map(readEvent) };
  }

  async event(id: string): Promise<Event | undefined> {
    const row = this.db.prepare<[string], { data: string; story: string | null }>('SELECT data, story FROM events WHERE id = ?').get(id);
    return row ? readEvent(row) : undefined;
  }

  async mergedInto(id: string): Promise<string | undefined> {
    const find = this.db.prepare<[string], { merged_into: string }>('SELECT merged_into FROM merged_events WHERE id = ?');
    let cur = find.get(id)?.merged_into;
    for (let next = cur && find.get(cur)?.merged_into; next; next = find.get(next)?.merged_into) cur = next;
    return cur;
  }

  async spellingsOf(text: string): Promise<string[]> {
    const names = this.db.prepare<[string], { name: string }>('SELECT DISTINCT name FROM entity_spellings WHERE spelling = ?').all(text.trim());
    const all = this.db.prepare<[string], { spelling: string }>('SELECT DISTINCT spelling FROM entity_spellings WHERE name = ?');
    const out = new Set<string>([text.trim()]);
    for (const { name } of names) for (const { spelling } of all.all(name)) out.add(spelling);
    return [...out];
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const groups = await searchGroups(q.text, (t) => this.spellingsOf(t));
    if (!groups.length) return { searched: [], hits: [] };
    const searched = [...new Set(groups.flat())];
    const match = groups.map((g) => `(${g.map(phrase).join(' OR ')})`).join(' AND ');
    const where = ['article_search MATCH @match'];
    if (q.from) where.push('a.published >= @from');
    if (q.to) where.push('a.published <= @to');
    if (q.outlet) where.push('a.outlet = @outlet COLLATE NOCASE');
    if (q.entity) where.push(`a.id IN (SELECT article_id FROM entity_articles WHERE name IN (SELECT name FROM entity_spellings WHERE spelling = @entity))`);
    const rows = this.db
      .prepare<Record<string, unknown>, { id: string; title: string | null; outlet: string | null; published: string | null; event: string | null; snippet: string; score: number }>(
        `SELECT a.id, json_extract(a.data, '$.title') AS title, a.outlet, a.published,
                (SELECT event_id FROM event_articles WHERE article_id = a.id) AS event,
                snippet(article_search, 2, '«', '»', '…', 16) AS snippet, bm25(article_search, 0, 3, 1) AS score
         FROM article_search JOIN articles a ON a.id = article_search.id
         WHERE ${where.join(' AND ')}
         ORDER BY score, a.published DESC, a.id LIMIT @limit`,
      )
      .all({ match, from: q.from ?? null, to: q.to ?? null, outlet: q.outlet ?? null, entity: q.entity ?? null, limit: q.limit ?? 20 });
    // BM25 as SQLite gives it is lower for better matches; the interface's score is higher for better.
    return { searched, hits: rows.map((r) => ({ article: r.id, title: r.title, outlet: r.outlet, published: r.published, event: r.event, snippet: r.snippet, score: -r.score })) };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function readEvent(row: { data: string; story: string | null }): Event {
  const e = JSON.parse(row.data) as Event;
  return row.story ? { ...e, story: row.story } : e;
}
