// The SQLite store under faults, through the CLI: a full disk stops an ingest with one clear line and leaves a store
// that opens with everything stored before; a damaged store file is refused with one clear line, never read as empty.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { SEEDS, removeTempDirs, seedIds, tempDir } from '../cli/helpers.js';
import { lines, run } from '../cli/run.js';
import { T17 } from '../shared.js';

afterAll(removeTempDirs);

/** A small tmpfs at `dir` (root only): a real full disk. False where mounting is not allowed. */
function mountSmallDisk(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk under the SQLite store', () => {
  const dir = tempDir();
  const mounted = mountSmallDisk(dir, '6m');
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', dir]);
  });

  it.skipIf(!mounted)('stops the ingest with one line saying the disk is full; the store opens with what was stored before', async () => {
    const db = path.join(dir, 'store.db');
    expect((await run(['ingest', SEEDS, '--db', db, '--quiet'])).code).toBe(0);
    const haiti = path.join(tempDir(), 'haiti.jsonl');
    fs.copyFileSync(path.join(T17, 'haiti', 'articles.jsonl'), haiti);
    const full = await run(['ingest', haiti, '--db', db, '--quiet']);
    expect(full.code).toBe(1);
    const said = lines(full.stderr).filter((l) => !l.startsWith('newsdesk: skipped') && !l.startsWith('newsdesk: warning'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`^newsdesk: the store ${db} cannot grow: the disk is full`));
    expect(full.stderr).not.toContain('    at ');
    // The store opens, whole: the seeds and their events are there, the integrity check passes.
    const store = SqliteStore.open(db);
    try {
      const seeds = await store.articles(seedIds());
      expect(seeds).toHaveLength(5);
      expect((await store.eventCards()).total).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
    }
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  }, 300_000);
});

describe('a damaged store file', () => {
  async function storeOfSeeds(): Promise<string> {
    const db = path.join(tempDir(), 'store.db');
    expect((await run(['ingest', SEEDS, '--db', db, '--quiet'])).code).toBe(0);
    return db;
  }

  it('whose header is overwritten is refused with one line naming it, and left as it was', async () => {
    const db = await storeOfSeeds();
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.from('this is not a database header!!'), 0, 31, 0);
    fs.closeSync(fd);
    const before = fs.readFileSync(db);
    const r = await run(['events', '--db', db]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^newsdesk: (cannot open the store ${db}|the store ${db} is damaged)`));
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('whose pages are overwritten with garbage gives an error naming it, not an empty answer', async () => {
    const db = await storeOfSeeds();
    const size = fs.statSync(db).size;
    const fd = fs.openSync(db, 'r+');
    // Every page after the first two (the schema stays readable), filled with garbage.
    for (let at = 8192; at < size; at += 4096) fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
    fs.closeSync(fd);
    for (const args of [['events'], ['search', 'Tehran'], ['show', 'x']]) {
      const r = await run([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`the store ${db} is damaged|cannot open the store ${db}`));
    }
  });
});
