// Reading commands fail loudly and page: a store that is not there is refused (not created empty), `events` pages,
// `timeline` reads a store, every command has its own --help, and a mistyped option is answered with the nearest one.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, SEEDS, tempDir } from './helpers.js';
import { lines, run } from './run.js';

afterAll(removeTempDirs);

describe('a store that does not exist', () => {
  for (const command of [['events'], ['show', 'e1'], ['search', 'Tehran'], ['worker', '--until-idle'], ['timeline', '--query', 'Tehran']]) {
    it(`newsdesk ${command.join(' ')} --db missing.db exits 1 with one line naming it, and creates nothing`, async () => {
      const db = path.join(tempDir(), 'missing.db');
      const r = await run([...command, '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toEqual([`newsdesk: no store at ${db}: ingest articles into it first (newsdesk ingest <path> --db ${db})`]);
      expect(existsSync(db)).toBe(false);
    });
  }
});

describe('reading a store', () => {
  let db = '';
  beforeAll(async () => {
    db = path.join(tempDir(), 'seeds.db');
    expect((await run(['ingest', SEEDS, '--db', db, '--quiet'])).code).toBe(0);
  });

  it('pages the events: --limit and --page, a page past the end refused', async () => {
    const all = await run(['events', '--db', db, '--json']);
    const events = JSON.parse(all.stdout) as Array<{ id: string }>;
    expect(events).toHaveLength(2);
    const second = await run(['events', '--db', db, '--json', '--limit', '1', '--page', '2']);
    expect((JSON.parse(second.stdout) as Array<{ id: string }>).map((e) => e.id)).toEqual([events[1].id]);
    const past = await run(['events', '--db', db, '--limit', '1', '--page', '3']);
    expect(past.code).toBe(1);
    expect(lines(past.stderr)).toEqual([`newsdesk: page 3 is past the end: ${db} holds 2 events, 2 pages of 1`]);
    const bad = await run(['events', '--db', db, '--order', 'biggest']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--order needs size or recent/);
  });

  it('builds a timeline from the store, by words or by event', async () => {
    const byWords = await run(['timeline', '--db', db, '--query', 'Tehran', '--json']);
    expect(byWords.code).toBe(0);
    expect((JSON.parse(byWords.stdout) as unknown[]).length).toBeGreaterThan(0);
    const events = JSON.parse((await run(['events', '--db', db, '--json'])).stdout) as Array<{ id: string }>;
    const byEvent = await run(['timeline', '--db', db, '--event', events[0].id]);
    expect(byEvent.code).toBe(0);
    expect(byEvent.stdout.length).toBeGreaterThan(0);
    const missing = await run(['timeline', '--db', db, '--event', 'no-such-event']);
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual([`newsdesk: no event no-such-event in ${db} (see newsdesk events)`]);
  });
});

describe('help and mistyped options', () => {
  it('newsdesk show --help prints the usage of show, not the whole text', async () => {
    const r = await run(['show', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/newsdesk show <event-id>/);
    expect(r.stdout).not.toMatch(/newsdesk ingest/);
    expect((await run(['help', 'events'])).stdout).toMatch(/newsdesk events \[--db FILE\] \[--limit N\] \[--page P\]/);
  });

  it('answers a mistyped option with the nearest valid one', async () => {
    const r = await run(['events', '--lmit', '3']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['newsdesk: unknown option --lmit: did you mean --limit?', 'Run newsdesk --help for usage.']);
  });
});
