// vitest globalSetup: one throwaway PostgreSQL server for the whole run (scripts/pg-server.mjs), on 127.0.0.1 only,
// stopped and deleted at the end. NEWSDESK_TEST_PG=postgres://... uses that server instead; NEWSDESK_TEST_PG=off skips
// the PostgreSQL tests. Tests reach it through test/pg.ts.
import type { TestProject } from 'vitest/node';
import type { PgServerModule } from './pg.js'; // also declares the ProvidedContext keys pgUrl and pgDir

// Imported by URL, not through test/pg.ts, which needs a vitest worker.
const pgServerModule = async () =>
  (await import(new URL('../scripts/pg-server.mjs', import.meta.url).href)) as PgServerModule;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.NEWSDESK_TEST_PG;
  if (given) {
    project.provide('pgUrl', given === 'off' ? '' : given);
    project.provide('pgDir', '');
    return undefined;
  }
  const server = await pgServerModule();
  if (!server.findPgBin()) {
    console.log('PostgreSQL not found: the PostgreSQL store tests are skipped (install postgresql, as .ci/run does)');
    project.provide('pgUrl', '');
    project.provide('pgDir', '');
    return undefined;
  }
  let pg;
  try {
    pg = await server.startPostgres();
  } catch (err) {
    throw new Error(
      `could not start the test PostgreSQL server (set NEWSDESK_TEST_PG=off to skip the PostgreSQL tests): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  process.env.NEWSDESK_TEST_PG = pg.url;
  project.provide('pgUrl', pg.url);
  project.provide('pgDir', pg.dir);
  return async () => {
    await pg.stop();
  };
}
