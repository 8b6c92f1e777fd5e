// The store: articles and events in an embedded SQLite file (better-sqlite3, WAL). Versioned migrations; an article is
// stored once per id, replaced only when its cleaned content changes. Issue 7 adds PostgreSQL behind the same surface.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Article, Event, MergedEvent } from '../model.js';
import type { ClustererState } from '../cluster/index.js';

/** Each entry migrates the schema from version i to i+1; never edit a released entry, append a new one. */
const MIGRATIONS: string[] = [
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
  // 3: full-text search over articles (FTS5; accents folded), and every spelling of the events' entities, so that a
  // search for one spelling finds the others.
  `CREATE VIRTUAL TABLE article_search USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
   INSERT INTO article_search (id, title, text) SELECT id, coalesce(json_extract(data, '$.title'), ''), json_extract(data, '$.text') FROM articles;
   CREATE TABLE entity_spellings (spelling TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (spelling, name));
   CREATE TABLE entity_articles (name TEXT NOT NULL COLLATE NOCASE, article_id TEXT NOT NULL, PRIMARY KEY (name, article_id));`,
];

/** A search: words or a name, with optional filters. */
export interface SearchQuery {
  text: string;
  /** Publication dates, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  outlet?: string;
  /** Only articles naming this entity (any of its spellings). */
  entity?: string;
  limit?: number;
}

export interface SearchHit {
  article: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** The event the article is in, when it is in one. */
  event: string | null;
  /** The best passage, the matched words between « and ». */
  snippet: string;
  /** BM25 (lower is better, as SQLite gives it). */
  score: number;
}

export interface SearchResult {
  /** The spellings searched for: the query's words and every other spelling of a name it holds. */
  searched: string[];
  hits: SearchHit[];
}

/** An FTS5 phrase: the words in double quotes (quotes doubled), so that no query syntax leaks in. */
function phrase(words: string): string {
  return `"${words.replace(/"/g, '""')}"`;
}

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** What identifies an article's content: what cleaning made of it — not where it was read from, nor what the analysis
 * added (sentences, mentions, dates change with the event an article falls in). */
function contentHash(a: Article): string {
  const { source: _source, sentences: _s, mentions: _m, dates: _d, ...content } = a;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export class Store {
  private readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Opens (creating if needed) a store file and brings its schema up to date. */
  static open(file: string): Store {
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw new Error(`cannot open the store ${file}: ${(err as Error).message}`);
    }
    const store = new Store(db);
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
      })();
    }
  }

  /** Stores articles in one transaction: new ids are added, changed content replaces the old, the same content is a no-op. */
  upsertArticles(articles: Article[]): UpsertResult {
    const result: UpsertResult = { added: 0, updated: 0, unchanged: 0 };
    const find = this.db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM articles WHERE id = ?');
    const write = this.db.prepare(
      `INSERT INTO articles (id, content_hash, published, outlet, data, ingested_at) VALUES (@id, @hash, @published, @outlet, @data, @now)
       ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, published = excluded.published,
         outlet = excluded.outlet, data = excluded.data, ingested_at = excluded.ingested_at`,
    );
    const unindex = this.db.prepare('DELETE FROM article_search WHERE id = ?');
    const index = this.db.prepare('INSERT INTO article_search (id, title, text) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const a of articles) {
        const hash = contentHash(a);
        const existing = find.get(a.id);
        if (existing?.content_hash === hash) {
          result.unchanged++;
          continue;
        }
        write.run({ id: a.id, hash, published: a.published, outlet: a.outlet, data: JSON.stringify(a), now });
        unindex.run(a.id);
        index.run(a.id, a.title ?? '', a.text);
        if (existing) result.updated++;
        else result.added++;
      }
    })();
    return result;
  }

  articles(): Article[] {
    return this.db
      .prepare<[], { data: string }>('SELECT data FROM articles ORDER BY published, id')
      .all()
      .map((r) => JSON.parse(r.data) as Article);
  }

  article(id: string): Article | undefined {
    const row = this.db.prepare<[string], { data: string }>('SELECT data FROM articles WHERE id = ?').get(id);
    return row ? (JSON.parse(row.data) as Article) : undefined;
  }

  countArticles(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  /**
   * Saves an analysis in one transaction: each article's understanding (its content is unchanged: same hash) and the
   * events, replacing the stored ones. Readers see the old analysis or the new, never half.
   */
  saveAnalysis(articles: Article[], events: Event[], merged: MergedEvent[] = [], clusterer?: ClustererState): void {
    const update = this.db.prepare('UPDATE articles SET data = ? WHERE id = ?');
    const pointer = this.db.prepare('INSERT INTO merged_events (id, merged_into) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into');
    const state = this.db.prepare('INSERT INTO cluster_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state');
    this.db.transaction(() => {
      for (const a of articles) update.run(JSON.stringify(a), a.id);
      this.replaceEvents(events);
      for (const m of merged) pointer.run(m.id, m.mergedInto);
      if (clusterer) state.run(JSON.stringify(clusterer));
    })();
  }

  /** The clusterer's state saved by the last analysis, if any. */
  clusterState(): ClustererState | undefined {
    const row = this.db.prepare<[], { state: string }>('SELECT state FROM cluster_state WHERE id = 1').get();
    return row ? (JSON.parse(row.state) as ClustererState) : undefined;
  }

  /** Where a merged event went: the id of the event that absorbed it (following later merges), or undefined. */
  mergedInto(id: string): string | undefined {
    const find = this.db.prepare<[string], { merged_into: string }>('SELECT merged_into FROM merged_events WHERE id = ?');
    let cur = find.get(id)?.merged_into;
    for (let next = cur && find.get(cur)?.merged_into; next; next = find.get(next)?.merged_into) cur = next;
    return cur;
  }

  /** Replaces the stored events with these, atomically: readers see the old set or the new, never half. */
  replaceEvents(events: Event[]): void {
    const insert = this.db.prepare('INSERT INTO events (id, start, end, size, data) VALUES (?, ?, ?, ?, ?)');
    const link = this.db.prepare('INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)');
    const spelling = this.db.prepare('INSERT OR IGNORE INTO entity_spellings (spelling, name, type) VALUES (?, ?, ?)');
    const named = this.db.prepare('INSERT OR IGNORE INTO entity_articles (name, article_id) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM event_articles; DELETE FROM events; DELETE FROM entity_spellings; DELETE FROM entity_articles;');
      for (const e of events) {
        insert.run(e.id, e.start, e.end, e.articles.length, JSON.stringify(e));
        for (const a of e.articles) link.run(e.id, a);
        for (const entity of e.entities ?? []) {
          for (const alias of new Set([entity.name, ...entity.aliases])) spelling.run(alias, entity.name, entity.type);
          for (const a of entity.articles) named.run(entity.name, a);
        }
      }
    })();
  }

  /** Events, biggest first, then newest. */
  events(): Event[] {
    return this.db
      .prepare<[], { data: string }>('SELECT data FROM events ORDER BY size DESC, end DESC, id')
      .all()
      .map((r) => JSON.parse(r.data) as Event);
  }

  event(id: string): Event | undefined {
    const row = this.db.prepare<[string], { data: string }>('SELECT data FROM events WHERE id = ?').get(id);
    return row ? (JSON.parse(row.data) as Event) : undefined;
  }

  /** Every spelling of the entities a text names: "Dehqan" → Dehqan, Hossein Dehghan, Dehghan, Hossein Dehqan. */
  spellingsOf(text: string): string[] {
    const names = this.db.prepare<[string], { name: string }>('SELECT DISTINCT name FROM entity_spellings WHERE spelling = ?').all(text.trim());
    const all = this.db.prepare<[string], { spelling: string }>('SELECT spelling FROM entity_spellings WHERE name = ?');
    const out = new Set<string>([text.trim()]);
    for (const { name } of names) for (const { spelling } of all.all(name)) out.add(spelling);
    return [...out];
  }

  /**
   * Full-text search over articles, ranked by BM25, with the best passage of each. A query that is one of the stored
   * spellings of a name searches for all of them; the filters narrow by publication date, outlet and entity.
   */
  search(q: SearchQuery): SearchResult {
    // The whole query as one name, else word by word: each word with every spelling of a name it is, all words required.
    const whole = this.spellingsOf(q.text);
    const groups = whole.length > 1 ? [whole] : (q.text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).map((w) => this.spellingsOf(w));
    if (!groups.length) return { searched: [], hits: [] };
    const searched = [...new Set(groups.flat())];
    const match = groups.map((g) => `(${g.map(phrase).join(' OR ')})`).join(' AND ');
    const where = ['article_search MATCH @match'];
    if (q.from) where.push('a.published >= @from');
    if (q.to) where.push('a.published <= @to');
    if (q.outlet) where.push('a.outlet = @outlet COLLATE NOCASE');
    if (q.entity) {
      where.push(`a.id IN (SELECT article_id FROM entity_articles WHERE name IN (SELECT name FROM entity_spellings WHERE spelling = @entity))`);
    }
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
    return { searched, hits: rows.map((r) => ({ article: r.id, title: r.title, outlet: r.outlet, published: r.published, event: r.event, snippet: r.snippet, score: r.score })) };
  }

  close(): void {
    this.db.close();
  }
}
