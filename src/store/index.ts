// The store: where articles and events are kept, and how work on them is shared (see types.ts). `openStore` picks the
// implementation from the location: a postgres:// URL is PostgreSQL, anything else a SQLite file.
import type { NewsStore } from './types.js';
import { SqliteStore } from './sqlite.js';

export * from './types.js';
export { SqliteStore } from './sqlite.js';
export { contentHash } from './hash.js';
export { outletsOf } from './rows.js';

/** Whether a store location is a PostgreSQL URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens the store at a location: `postgres://user@host/db` (PostgreSQL) or a file path (SQLite, created if needed). */
export async function openStore(location: string): Promise<NewsStore> {
  if (!isPostgresUrl(location)) return SqliteStore.open(location);
  const { PostgresStore } = await import('./postgres.js');
  return PostgresStore.open(location);
}

/** A location safe to print: a URL's password masked. */
export function displayLocation(location: string): string {
  return isPostgresUrl(location) ? location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : location;
}
