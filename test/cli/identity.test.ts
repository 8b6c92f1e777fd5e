// Which stored article an input is (src/store/identity.ts), through `newsdesk ingest` (the whole T17 corpus read again
// by other spellings: test/scale/reingest.test.ts): two articles that share an id in different inputs are both kept,
// in one run or across runs, each under an id that does not depend on the order; the same inputs again change
// nothing; changed content is an update; a URL names its article whatever id the input gives it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalUrl, suffixedId } from '../../src/store/identity.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { stored } from './stored.js';
import { lines, run } from './run.js';

afterAll(removeTempDirs);

const summary = (stderr: string) => lines(stderr).find((l) => / added, /.test(l)) ?? '';

function jsonl(file: string, records: object[]): string {
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

const report = (n: number, topic: string) => ({ id: `a${n}`, published: '2016-03-0' + (1 + (n % 5)), text: `Report ${n} on ${topic}. ${topic} officials said on Monday that the ${topic} talks would resume in Geneva next week, according to a statement.` });

describe('article identity across runs', () => {
  it('keeps both of two articles that share an id in inputs ingested in two runs, each under an id that does not depend on the order', async () => {
    const dir = tempDir();
    const a = jsonl(path.join(dir, 'a.jsonl'), [1, 2, 3].map((n) => report(n, 'Syria')));
    const b = jsonl(path.join(dir, 'b.jsonl'), [2, 3, 4].map((n) => report(n, 'Libya')));
    const forward = path.join(dir, 'forward.db');
    await run(['ingest', a, '--db', forward]);
    const second = await run(['ingest', b, '--db', forward]);
    expect(summary(second.stderr)).toMatch(/^newsdesk: 3 added, 0 updated, 0 unchanged/);
    expect(lines(second.stderr).filter((l) => /already used by another article in the store/.test(l))).toHaveLength(2);
    const rows = stored(forward);
    expect(rows.size).toBe(6);
    expect(rows.get('a2')).toMatch(/Syria/);
    // The same two inputs in one run, in either order, give the same ids: the later claimant's suffix is its origin's.
    const together = path.join(dir, 'together.db');
    await run(['ingest', b, a, '--db', together]);
    const ids = (m: Map<string, string>) => new Map([...m].map(([id, text]) => [text, id]));
    expect(new Set(stored(together).keys()).size).toBe(6);
    const aFirst = path.join(dir, 'a-first.db');
    await run(['ingest', a, b, '--db', aFirst]);
    expect(ids(stored(aFirst))).toEqual(ids(rows));
    // Re-ingesting both, the other way round, into the store of two runs: nothing new.
    const third = await run(['ingest', b, a, '--reread', '--db', forward]);
    expect(summary(third.stderr)).toMatch(/^newsdesk: 0 added, 0 updated, 6 unchanged/);
    expect(stored(forward)).toEqual(rows);
  }, 60_000);

  it('takes changed content from the same input for an update of the stored article', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'u.db');
    const file = path.join(dir, 'feed.jsonl');
    jsonl(file, [report(1, 'Syria'), report(2, 'Syria')]);
    await run(['ingest', file, '--db', db]);
    jsonl(file, [report(1, 'Syria'), { ...report(2, 'Syria'), text: `${report(2, 'Syria').text} A correction was appended later.` }]);
    const again = await run(['ingest', file, '--db', db]);
    expect(summary(again.stderr)).toMatch(/^newsdesk: 0 added, 1 updated, 1 unchanged/);
    expect(stored(db).get('a2')).toMatch(/correction/);
    expect(stored(db).size).toBe(2);
  }, 60_000);

  it('takes an article for the one its canonical URL names, whatever id and input it comes with', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'url.db');
    const text = report(1, 'Syria').text;
    await run(['ingest', jsonl(path.join(dir, 'one.jsonl'), [{ id: 'first', url: 'https://www.example.com/news/talks/?utm_source=feed#top', text }]), '--db', db]);
    const again = await run(['ingest', jsonl(path.join(dir, 'two.jsonl'), [{ id: 'second', url: 'https://example.com/news/talks', text: `${text} Updated with a quote.` }]), '--db', db]);
    expect(summary(again.stderr)).toMatch(/^newsdesk: 0 added, 1 updated, 0 unchanged/);
    expect([...stored(db).keys()]).toEqual(['first']);
  }, 60_000);
});

describe('resuming', () => {
  it('does not read again the files whose articles are all queued, and goes on with the work left', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'resume.db');
    const a = jsonl(path.join(dir, 'a.jsonl'), [1, 2, 3].map((n) => report(n, 'Syria')));
    const b = jsonl(path.join(dir, 'b.jsonl'), [4, 5].map((n) => report(n, 'Libya')));
    // Queued only: as an ingest killed once its input was queued leaves the store.
    await run(['ingest', a, b, '--enqueue', '--db', db]);
    const resumed = await run(['ingest', a, b, '--db', db]);
    expect(lines(resumed.stderr)).toContain(`newsdesk: 2 files unchanged since ingested into ${db}: not read again (--reread reads them)`);
    expect(summary(resumed.stderr)).toMatch(/^newsdesk: 0 added, 0 updated, 0 unchanged, 0 skipped; the store \S+ holds 5 articles in [1-5] events/);
    // A file that changed is read again; the other is not.
    jsonl(a, [1, 2, 3, 6].map((n) => report(n, 'Syria')));
    const grown = await run(['ingest', a, b, '--db', db]);
    expect(lines(grown.stderr)).toContain(`newsdesk: 1 file unchanged since ingested into ${db}: not read again (--reread reads them)`);
    expect(summary(grown.stderr)).toMatch(/^newsdesk: 1 added, 0 updated, 3 unchanged/);
  }, 60_000);
});

describe('origins', () => {
  it('reads a URL as the page it names', () => {
    expect(canonicalUrl('https://www.Example.com/a/b/?utm_source=x&id=3&fbclid=y#c')).toBe('example.com/a/b?id=3');
    expect(canonicalUrl('http://example.com:80/a/b')).toBe(canonicalUrl('https://example.com/a/b/'));
    expect(canonicalUrl('https://example.com/a?b=1&a=2')).toBe(canonicalUrl('https://example.com/a?a=2&b=1'));
    expect(canonicalUrl('urn:uuid:1234')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('suffixes an id by its origin alone', () => {
    expect(suffixedId('a1', '/data/b.jsonl#a1')).toBe(suffixedId('a1', '/data/b.jsonl#a1'));
    expect(suffixedId('a1', '/data/b.jsonl#a1')).not.toBe(suffixedId('a1', '/data/c.jsonl#a1'));
    expect(suffixedId('a1', '/data/b.jsonl#a1')).toMatch(/^a1~[0-9a-f]{8}$/);
  });
});
