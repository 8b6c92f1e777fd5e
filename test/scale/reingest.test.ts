// The T17 corpus (five topics that number their articles alike) ingested, then ingested again in the other order and
// by other path spellings (relative, with `..` and `.`): the files are known unchanged and not read; read anyway,
// nothing is added or changed (src/store/identity.ts). Here
// rather than with the other identity tests (test/cli/identity.test.ts): two ingests of 1,200 articles take a minute.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { T17_TOPICS } from '../../src/eval/devset.js';
import { removeTempDirs, tempDir } from '../cli/helpers.js';
import { stored } from '../cli/stored.js';
import { lines, run } from '../cli/run.js';
import { T17 } from '../shared.js';

afterAll(removeTempDirs);

describe('article identity across runs', () => {
  it('re-ingesting the T17 topics in the other order, by other path spellings, adds and changes nothing', async () => {
    const db = path.join(tempDir(), 't17.db');
    const files = T17_TOPICS.map((t) => path.join(T17, t, 'articles.jsonl'));
    const first = await run(['ingest', ...files, '--db', db]);
    expect([0, 2]).toContain(first.code); // 2: some lines of the corpus hold no article (each said so)
    const before = stored(db);
    // The topics number their articles alike: the later claimants are kept under suffixed ids.
    expect([...before.keys()].filter((id) => id.includes('~')).length).toBeGreaterThan(500);
    const spelled = files.map((f, i) => (i % 2 ? path.relative(process.cwd(), f) : path.join(path.dirname(f), '..', path.basename(path.dirname(f)), '.', 'articles.jsonl')));
    // Unchanged files the store has whole are not read again; read anyway (--reread), their articles are the same.
    const again = await run(['ingest', ...spelled.reverse(), '--db', db]);
    expect(lines(again.stderr)).toContain(`newsdesk: 5 files unchanged since ingested into ${db}: not read again (--reread reads them)`);
    const reread = await run(['ingest', ...spelled, '--reread', '--db', db]);
    expect(lines(reread.stderr).find((l) => / added, /.test(l))).toMatch(/^newsdesk: 0 added, 0 updated, \d+ unchanged/);
    expect(stored(db)).toEqual(before);
  }, 600_000);
});
