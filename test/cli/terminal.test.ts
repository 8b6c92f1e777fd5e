// What the CLI prints for inputs that carry control characters (in file names, JSONL lines, the `outlet` field) or
// are not text at all: one line per bad input, and no control character reaches the terminal raw — an ESC would let
// an input recolour, retitle or clear the terminal of whoever reads the output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers.js';
import { lines, run } from './run.js';

afterAll(removeTempDirs);

/** Control characters a terminal acts on: C0 but tab and newline, DEL, C1. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const OUTLET = 'Evil\x1b]0;pwned\x07 News\x9b2J';

describe('control characters and binary files in what the CLI prints', () => {
  let dir: string;
  let db: string;
  let ingest: { code: number; stderr: string };

  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'store.db');
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const records = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `z${i}`, text: `Report ${i}.` })).join('\n');
    fs.writeFileSync(path.join(corpus, 'archive.jsonl'), gzipSync(records));
    fs.writeFileSync(
      path.join(corpus, 'colour\x1b[31mred.jsonl'),
      [
        JSON.stringify({ id: 'evil', outlet: OUTLET, text: 'The bridge in Aldport opened on Monday after two years of work, the mayor said.' }),
        'not json \x1b[2J\x1b]0;title\x07',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(corpus, 'two\nlines\r.txt'), Buffer.from([0, 1, 2, 3, 0, 0]));
    ingest = await run(['ingest', corpus, '--db', db]);
  });

  it('names a gzip file named .jsonl once, as binary, not once a line', () => {
    const about = lines(ingest.stderr).filter((l) => l.includes('archive.jsonl'));
    expect(about).toEqual([`newsdesk: skipped ${path.join(dir, 'corpus', 'archive.jsonl')}: binary file (gzip archive)`]);
  });

  it('escapes control characters in file names and in the JSONL text a message quotes, one line per input', () => {
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).not.toMatch(RAW_CONTROL);
    const printed = lines(ingest.stderr);
    for (const l of printed) expect(l).toMatch(/^newsdesk: /);
    const corpus = path.join(dir, 'corpus');
    expect(printed).toContain(`newsdesk: skipped ${corpus}/two\\u000alines\\u000d.txt: binary file (NUL bytes)`);
    const badLine = printed.filter((l) => l.startsWith(`newsdesk: skipped ${corpus}/colour\\u001b[31mred.jsonl:2: invalid JSON`));
    expect(badLine).toHaveLength(1);
    expect(printed.filter((l) => l.startsWith('newsdesk: skipped '))).toHaveLength(3);
  });

  it('escapes them in search results: the outlet of a hit printed for people', async () => {
    const r = await run(['search', 'bridge', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('evil — Evil\\u001b]0;pwned\\u0007 News\\u009b2J');
  });

  it('keeps --json output valid JSON with the values as stored (JSON escapes, which are the same characters)', async () => {
    const r = await run(['search', 'bridge', '--json', '--db', db]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const result = JSON.parse(r.stdout) as { hits: Array<{ article: string; outlet: string }> };
    expect(result.hits.map((h) => [h.article, h.outlet])).toEqual([['evil', OUTLET]]);
  });
});
