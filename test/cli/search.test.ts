// `newsdesk search`: stored articles for words or a name (with its other spellings), and clear messages for bad options.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';
import { SEEDS, removeTempDirs, tempDir } from './helpers.js';
import { openStore } from '../../src/store/index.js';

afterAll(removeTempDirs);

describe('newsdesk search', () => {
  it('prints the articles for a name with every spelling searched, and JSON for scripts', async () => {
    const db = path.join(tempDir(), 'seeds.db');
    expect((await run(['ingest', SEEDS, '--db', db])).code).toBe(0);
    const r = await run(['search', 'Dehqan', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^3 articles for “Dehqan” \/ .*“Dehghan”/);
    expect(r.stdout).toMatch(/002_0b91361a2b82950a — Press TV — event ev-/);
    expect(r.stdout).toMatch(/In 1 event:\n  ev-\S+  2016-06-09  3\/4 articles  .*Tehran/);
    const json = JSON.parse((await run(['search', 'Palmyra', '--db', db, '--json'])).stdout) as { hits: Array<{ article: string; snippet: string }> };
    expect(json.hits.map((h) => h.article)).toEqual(['001_48711d928e6f6a0a']);
    expect(json.hits[0].snippet).toMatch(/«Palmyra»/);
  });

  it('pages with --limit and --page: which hits, how many in all, the next page; a page past the end exits 1 with one line', async () => {
    const db = path.join(tempDir(), 'seeds.db');
    expect((await run(['ingest', SEEDS, '--db', db])).code).toBe(0);
    const first = await run(['search', 'Dehqan', '--limit', '2', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^3 articles for “Dehqan”/);
    expect(first.stdout.match(/^\S+ — /gm)).toHaveLength(2);
    expect(first.stdout).toMatch(/\nHits 1–2 of 3 \(next: --page 2\)\.\n$/);
    const second = await run(['search', 'Dehqan', '--limit', '2', '--page', '2', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout.match(/^\S+ — /gm)).toHaveLength(1);
    expect(second.stdout).toMatch(/\nHits 3–3 of 3 \(the last page\)\.\n$/);
    // The two pages are the hits of one search for all, in its order.
    const all = JSON.parse((await run(['search', 'Dehqan', '--json', '--db', db])).stdout) as { total: number; page: number; size: number; hits: Array<{ article: string }> };
    expect(all).toMatchObject({ total: 3, page: 1, size: 20 });
    const pages = await Promise.all(['1', '2'].map(async (p) => JSON.parse((await run(['search', 'Dehqan', '--limit', '2', '--page', p, '--json', '--db', db])).stdout) as typeof all));
    expect(pages.map((p) => [p.total, p.page, p.size])).toEqual([[3, 1, 2], [3, 2, 2]]);
    expect(pages.flatMap((p) => p.hits.map((h) => h.article))).toEqual(all.hits.map((h) => h.article));
    const past = await run(['search', 'Dehqan', '--limit', '2', '--page', '3', '--db', db]);
    expect(past.code).toBe(1);
    expect(past.stdout).toBe('');
    expect(past.stderr).toBe('newsdesk: page 3 is past the end: 3 articles for “Dehqan”, 2 pages of 2\n');
    const far = await run(['search', 'Dehqan', '--page', '100000', '--db', db]);
    expect(far.code).toBe(1);
    expect(far.stderr.trim().split('\n')).toHaveLength(1);
    expect(far.stderr).toMatch(/narrow the search/);
  });

  it('says what is wrong with a date or a count', async () => {
    const db = path.join(tempDir(), 'empty.db');
    await (await openStore(db)).close();
    const bad = await run(['search', 'Tehran', '--from', '9 June 2016', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--from needs a date as YYYY-MM-DD \(got "9 June 2016"\)/);
    expect((await run(['search', 'Tehran', '--limit', '0', '--db', db])).stderr).toMatch(/--limit needs a whole number/);
    expect((await run(['search', 'Tehran', '--page', '0', '--db', db])).stderr).toMatch(/--page needs a whole number/);
    expect((await run(['search', '--db', db])).stderr).toMatch(/search needs words to look for/);
  });
});
