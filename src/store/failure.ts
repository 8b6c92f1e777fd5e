// What to tell a person when the store itself fails: the store named, what went wrong in words, and what was (not)
// written. SQLite reports by result code (better-sqlite3's SqliteError.code); every step of the work is one
// transaction, so a step that failed left nothing of itself behind.

/** A message for a failure of the store at `location`, or undefined when `err` is not the store's. */
export function storeFailure(err: unknown, location: string): string | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const detail = (err as Error).message;
  if (code.startsWith('SQLITE_FULL')) {
    return `the store ${location} cannot grow: the disk is full (${detail}). The step that was running was rolled back and everything stored before it is intact; free some space and run the command again.`;
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return `the store ${location} is damaged or is not a newsdesk store (${detail}). Nothing was written to it; restore it from a copy, or give another --db.`;
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_CANTOPEN')) {
    return `the store ${location} cannot be written or opened (${detail}): check the file's and its folder's permissions.`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `the store ${location} is locked by another process that kept it busy too long (${detail}); run the command again when it is done.`;
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `the store ${location} could not be read or written (${detail}); the step that was running was rolled back.`;
  }
  return `the store ${location} failed (${detail})`;
}
