// The throwaway PostgreSQL server the tests get (test/pg-setup.ts, scripts/pg-server.mjs): reachable, with the
// extensions the store relies on, and back after a crash-restart.
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { describeWithPg, pgUrl, startPrivatePg, type PgServer } from '../pg.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describeWithPg('test PostgreSQL server', () => {
  it('listens on 127.0.0.1 with the newsdesk_test database, UTF-8', async () => {
    const url = pgUrl()!;
    const [row] = await query<{ db: string; enc: string }>(url, "SELECT current_database() AS db, pg_encoding_to_char(encoding) AS enc FROM pg_database WHERE datname = current_database()");
    expect(row).toEqual({ db: 'newsdesk_test', enc: 'UTF8' });
  });

  it('has pg_trgm and unaccent', async () => {
    const url = pgUrl()!;
    await query(url, 'CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await query(url, 'CREATE EXTENSION IF NOT EXISTS unaccent');
    const [row] = await query<{ plain: string; sim: number }>(url, "SELECT unaccent('Hôtel Dehghân') AS plain, similarity('Dehqan', 'Dehghan') AS sim");
    expect(row.plain).toBe('Hotel Dehghan');
    expect(row.sim).toBeGreaterThan(0.3);
  });

  // A crash-restart cuts every connection to the server, so this uses a server of its own rather than restartPg(),
  // which would break the other files' connections to the shared one.
  let own: PgServer | undefined;
  afterAll(async () => {
    await own?.stop();
  });

  it('comes back after a crash-restart, with committed data', async () => {
    own = await startPrivatePg();
    const held = new pg.Client({ connectionString: own.url });
    held.on('error', () => {}); // the restart kills this connection
    await held.connect();
    await held.query('CREATE TABLE t (x int)');
    await held.query('INSERT INTO t VALUES (1), (2)');
    await own.restart();
    await expect(held.query('SELECT 1')).rejects.toThrow();
    await held.end().catch(() => {});
    expect(await query<{ n: number }>(own.url, 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 2 }]);
  });
});
