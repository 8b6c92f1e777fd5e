// What a SQLite store holds, read directly: for tests that check what an ingest stored.
import Database from 'better-sqlite3';

/** The stored rows: id → text. */
export function stored(db: string): Map<string, string> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT id, data FROM articles').all() as Array<{ id: string; data: string }>;
    return new Map(rows.map((r) => [r.id, (JSON.parse(r.data) as { text: string }).text]));
  } finally {
    d.close();
  }
}
