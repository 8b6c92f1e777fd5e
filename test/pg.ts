// The PostgreSQL server the tests share, started once per run by test/pg-setup.ts (vitest globalSetup), and a way to
// start a private one. A test file that needs PostgreSQL:
//
//   import { describeWithPg, pgUrl } from '../pg.js';
//   describeWithPg('postgres store', () => {
//     it('...', async () => { const client = new pg.Client({ connectionString: pgUrl() }); ... });
//   });
//
// Without PostgreSQL (not installed, or NEWSDESK_TEST_PG=off) describeWithPg skips the suite. Test files run in
// parallel and share the one database `newsdesk_test`: give each file its own schema or table names. restartPg() cuts
// every open connection of every file, so a test that crashes the server on purpose should use startPrivatePg().
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the shared test server; '' when there is none. */
    pgUrl: string;
    /** Directory of the server test/pg-setup.ts started ('' when it started none): for restartPg(). */
    pgDir: string;
  }
}

/** A server from scripts/pg-server.mjs. */
export interface PgServer {
  url: string;
  port: number;
  dir: string;
  /** Crash and restart: pg_ctl stop -m immediate, then start -w (crash recovery). Open connections are cut. */
  restart(): Promise<void>;
  /** pg_ctl stop -m fast, then removes the directory. */
  stop(): Promise<void>;
}

export interface PgServerModule {
  findPgBin(): string | undefined;
  startPostgres(options?: { dir?: string; port?: number; watchParent?: boolean }): Promise<PgServer>;
  restartPostgres(dir: string): Promise<void>;
  stopPostgres(dir: string): Promise<void>;
}

export const PG_SERVER_SCRIPT = fileURLToPath(new URL('../scripts/pg-server.mjs', import.meta.url));

/** scripts/pg-server.mjs, typed (it is plain JavaScript outside the TypeScript project). */
export async function pgServerModule(): Promise<PgServerModule> {
  return (await import(pathToFileURL(PG_SERVER_SCRIPT).href)) as PgServerModule;
}

function provided(key: 'pgUrl' | 'pgDir'): string | undefined {
  try {
    return inject(key);
  } catch {
    return undefined; // not inside a vitest worker
  }
}

/** URL of the shared test server, or undefined when the PostgreSQL tests are to be skipped. */
export function pgUrl(): string | undefined {
  const url = provided('pgUrl') ?? process.env.NEWSDESK_TEST_PG;
  return url && url !== 'off' ? url : undefined;
}

/** `describe` when a server is available, else `describe.skip`. */
export const describeWithPg = describe.skipIf(!pgUrl());

/** Whether restartPg() can work: the server is the one this run started (not one given by NEWSDESK_TEST_PG). */
export function canRestartPg(): boolean {
  return Boolean(pgUrl() && provided('pgDir'));
}

/** Crash-restarts the shared server (see PgServer.restart). Every test file's open connections are cut. */
export async function restartPg(): Promise<void> {
  const dir = provided('pgDir');
  if (!dir) throw new Error('restartPg: no server started by test/pg-setup.ts to restart (NEWSDESK_TEST_PG points elsewhere?)');
  await (await pgServerModule()).restartPostgres(dir);
}

/** A server of the test's own, e.g. to crash without disturbing other files; stop() it in afterAll. */
export async function startPrivatePg(): Promise<PgServer> {
  return (await pgServerModule()).startPostgres();
}

/** A database of the test's own on the shared server (so that files running in parallel do not meet); drop() it in afterAll. */
export async function freshDatabase(prefix: string, url = pgUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  if (!url) throw new Error('freshDatabase: no PostgreSQL server');
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
