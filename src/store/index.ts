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
];

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
    this.db.transaction(() => {
      this.db.exec('DELETE FROM event_articles; DELETE FROM events;');
      for (const e of events) {
        insert.run(e.id, e.start, e.end, e.articles.length, JSON.stringify(e));
        for (const a of e.articles) link.run(e.id, a);
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

  close(): void {
    this.db.close();
  }
}
