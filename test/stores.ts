// The stores a storage test runs against: SQLite always, PostgreSQL when a server is available (test/pg.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type NewsStore } from '../src/store/index.js';
import { freshDatabase, pgUrl } from './pg.js';

export interface TestStore {
  kind: 'sqlite' | 'postgres';
  /** A new, empty store location: a file in a temp folder, or a database of its own. */
  location(name: string): Promise<string>;
  open(location: string): Promise<NewsStore>;
  /** Removes every location made. */
  cleanup(): Promise<void>;
}

function sqlite(): TestStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-store-'));
  return {
    kind: 'sqlite',
    location: async (name) => path.join(dir, `${name}.db`),
    open: openStore,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgres(): TestStore {
  const made: Array<{ drop(): Promise<void> }> = [];
  return {
    kind: 'postgres',
    async location(name) {
      const db = await freshDatabase(`newsdesk_${name}`);
      made.push(db);
      return db.url;
    },
    open: openStore,
    cleanup: async () => void (await Promise.all(made.map((d) => d.drop()))),
  };
}

/** The kinds of store to test: ['sqlite'] plus 'postgres' when a server is available. */
export const STORE_KINDS: Array<'sqlite' | 'postgres'> = pgUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

export function testStore(kind: 'sqlite' | 'postgres'): TestStore {
  return kind === 'sqlite' ? sqlite() : postgres();
}
