// The hostile-input corpus (hostile.ts) ingested in one run of the CLI, as a process of its own, beside good articles:
// every article the corpus holds is stored, every bad input gets exactly one line naming it and the reason, the run
// ends (a generous bound: a hang fails it, no speed is measured), and its memory stays bounded — the process runs
// with a capped heap and its peak resident size is read from /proc.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir, removeTempDirs } from '../cli/helpers.js';
import { watchedCli, type Outcome } from './watched.js';
import { hostileCases, story, type HostileCase } from './hostile.js';

afterAll(removeTempDirs);

/** Heap the ingest may use (the 50 MB inputs must be skipped by size, never read whole into strings). */
const HEAP_MB = 512;

/** `newsdesk <args>` from the sources, its heap capped, its peak memory watched. */
const cli = (args: string[]) => watchedCli(args, HEAP_MB);

describe('the hostile-input corpus', () => {
  let dir: string;
  let cases: HostileCase[];
  let outcome: Outcome;
  let stored: Map<string, { title: string | null; text: string; published: string | null; url?: string | null }>;
  const GOOD = ['good-1', 'good-2', 'good-3'];

  beforeAll(async () => {
    dir = tempDir();
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const secretFile = path.join(dir, 'secret.dat');
    fs.writeFileSync(secretFile, 'newsdesk-secret-91d2\n');
    cases = hostileCases(secretFile);
    for (const c of cases) for (const [name, content] of Object.entries(c.files)) fs.writeFileSync(path.join(corpus, name), content);
    GOOD.forEach((id, i) => fs.writeFileSync(path.join(corpus, `${id}.txt`), `Good report ${i + 1}\n\n${story(['Aldport', 'Brennick', 'Corrow'][i])}\n`));
    outcome = await cli(['ingest', corpus, '--db', path.join(dir, 'store.db'), '--quiet']);
    const store = SqliteStore.open(path.join(dir, 'store.db'));
    try {
      const ids = [...GOOD, ...cases.flatMap((c) => c.keeps ?? [])];
      stored = new Map((await store.articles(ids)).map((a) => [a.id, { title: a.title, text: a.text, published: a.published, url: a.url }]));
    } finally {
      await store.close();
    }
  }, 600_000);

  const source = (name: string) => path.join(dir, 'corpus', name);
  const stderrLines = () => outcome.stderr.split('\n').filter(Boolean);

  it(`covers at least 40 kinds of input`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(cases.length);
  });

  it('ends with exit code 2 (something skipped), no stack trace, every line naming its input', () => {
    expect(outcome.code).toBe(2);
    for (const l of stderrLines()) {
      expect(l, l).toMatch(/^newsdesk: (skipped|warning:) \S/);
      expect(l).not.toContain('    at ');
    }
  });

  it('stores every good article and every article the hostile inputs hold', () => {
    for (const id of GOOD) expect(stored.has(id), id).toBe(true);
    // A second article under an id already used is kept under a suffixed id, not dropped.
    expect(stored.get('dupe')!.text).toContain('Firstham');
    for (const c of cases) for (const id of c.keeps ?? []) expect(stored.has(id), `${c.kind}: ${id}`).toBe(true);
  });

  it('names each skipped input on exactly one line, with its reason', () => {
    const lines = stderrLines();
    for (const c of cases) {
      for (const [name, reason] of c.skips ?? []) {
        const about = lines.filter((l) => l.startsWith(`newsdesk: skipped ${source(name)}: `));
        expect(about, `${c.kind}: ${name}\n${lines.filter((l) => l.includes(source(name.split(':')[0]))).join('\n')}`).toHaveLength(1);
        expect(about[0], c.kind).toMatch(reason);
      }
    }
    const expected = cases.flatMap((c) => c.skips ?? []).length;
    expect(lines.filter((l) => l.startsWith('newsdesk: skipped ')), 'nothing else is skipped').toHaveLength(expected);
  });

  it('warns about the inputs it read with a doubt, naming them', () => {
    const lines = stderrLines();
    for (const c of cases) {
      for (const [name, reason] of c.warns ?? []) {
        const about = lines.filter((l) => l.startsWith(`newsdesk: warning: ${source(name)}: `) || (l.startsWith(`newsdesk: warning: ${source(name)}:`) && !name.includes(':')));
        expect(about.length, `${c.kind}: ${name}`).toBeGreaterThanOrEqual(1);
        expect(about.some((l) => reason.test(l)), `${c.kind}: ${about.join('\n')}`).toBe(true);
      }
    }
  });

  it('leaks nothing an external entity points at, and expands no entity bomb', () => {
    for (const [id, a] of stored) {
      expect(a.text, id).not.toContain('newsdesk-secret-91d2');
      expect(a.text, id).not.toContain('root:');
      expect(a.text.length, id).toBeLessThan(2_000_000);
    }
    expect(stored.get('laughs-item')!.text).not.toMatch(/(lol){100}/);
  });

  it('takes no URL from a <base> or a refresh, and keeps text, not markup', () => {
    expect(String(stored.get('base')!.url ?? '')).not.toMatch(/evil|javascript/);
    expect(stored.get('cdata-item')!.text).not.toContain('<script>');
    expect(stored.get('cdata-item')!.text).toContain('Cardiff');
  });

  it('reads the encodings right', () => {
    expect(stored.get('cp1252')!.text).toContain('“We did not expect this,”');
    expect(stored.get('cp1256')!.text).toContain('وزير');
    expect(stored.get('cp1251')!.text).toContain('Министр');
    expect(stored.get('latin1')!.text).toContain('déclaré');
    expect(stored.get('utf16be')!.text).toContain('Ghent');
    expect(stored.get('utf16le-bom')!.text).toContain('Łódź');
    // A JSONL line in another encoding is read with U+FFFD for its undecodable bytes, and warned about (one guess per
    // line would be unreliable: src/ingest/jsonl.ts); the UTF-8 lines around it are read whole.
    expect(stored.get('mixed-1252')!.text).toContain('Officials in M\ufffdnster said');
    expect(stored.get('mixed-utf8')!.text).toContain('Köln');
  });

  it('keeps its memory bounded (the heap capped; peak resident size well under a gigabyte)', () => {
    expect(outcome.peakMb).toBeGreaterThan(0);
    expect(outcome.peakMb).toBeLessThan(1024);
  });
});
