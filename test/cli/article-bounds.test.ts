// Articles whose shape, not size, used to exhaust memory (issue 17): a 4.9 MB text of a million one-word lines and a
// 9.8 MB page of 900,000 paragraphs, both under the 10 MB limit for one article, ran `newsdesk ingest` out of a
// 512 MB heap (a V8 abort, nothing stored; 1.8 GB at its peak without the cap). Ingested here by the CLI as a process of
// its own under that heap, as the hostile-input corpus is (test/reliability/hostile.test.ts): each is stored, cut to
// the bounds of src/ingest/bound.ts, with a warning naming it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { watchedCli, type Outcome } from '../reliability/watched.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const HEAP_MB = 512;

describe('articles of a million lines or paragraphs, ingested with a 512 MB heap', () => {
  let dir: string;
  let outcome: Outcome;
  let stored: Map<string, string>;

  beforeAll(async () => {
    dir = tempDir();
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const words = Array.from({ length: 1_000_000 }, (_, i) => `w${i % 1000}`);
    fs.writeFileSync(path.join(corpus, 'lines.txt'), `Words\n${words.join('\n')}\n`);
    fs.writeFileSync(path.join(corpus, 'paragraphs.html'), `<html><body><h1>Paragraphs</h1>${words.slice(0, 900_000).map((w) => `<p>${w}</p>`).join('')}</body></html>`);
    outcome = await watchedCli(['ingest', corpus, '--db', path.join(dir, 'store.db'), '--quiet'], HEAP_MB);
    const store = SqliteStore.open(path.join(dir, 'store.db'));
    try {
      stored = new Map((await store.articles(['lines', 'paragraphs'])).map((a) => [a.id, a.text]));
    } finally {
      await store.close();
    }
    // Without the bounds the process thrashes for minutes before V8 gives up.
  }, 600_000);

  it('ends normally and stores both, cut', () => {
    expect(outcome.code, outcome.stderr.slice(-2000)).toBe(0);
    expect(outcome.stderr).not.toContain('FATAL ERROR');
    expect([...stored.keys()].sort()).toEqual(['lines', 'paragraphs']);
    for (const text of stored.values()) {
      const lines = text.split('\n');
      expect(lines.length).toBeGreaterThan(1000);
      expect(lines.length).toBeLessThanOrEqual(20_000);
    }
  });

  it('says what it cut, once an input, naming it', () => {
    const corpus = path.join(dir, 'corpus');
    expect(outcome.stderr.split('\n').filter((l) => l.includes(' cut '))).toEqual([
      `newsdesk: warning: ${corpus}/lines.txt: text cut to its first 20,000 lines (of 1,000,001), the most one article may have; the rest is left out`,
      `newsdesk: warning: ${corpus}/paragraphs.html: page cut after its first 20,000 elements (of 900,003), the most one article may have; the rest is left out`,
    ]);
  });

  it('keeps its memory bounded (peak resident size well under a gigabyte)', () => {
    expect(outcome.peakMb).toBeGreaterThan(0);
    expect(outcome.peakMb).toBeLessThan(1024);
  });
});
