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

  it('says what is wrong with a date or a count', async () => {
    const db = path.join(tempDir(), 'empty.db');
    await (await openStore(db)).close();
    const bad = await run(['search', 'Tehran', '--from', '9 June 2016', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--from needs a date as YYYY-MM-DD \(got "9 June 2016"\)/);
    expect((await run(['search', 'Tehran', '--limit', '0', '--db', db])).stderr).toMatch(/--limit needs a whole number/);
    expect((await run(['search', '--db', db])).stderr).toMatch(/search needs words to look for/);
  });
});
