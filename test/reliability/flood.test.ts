// A million tiny articles in one JSONL file (generated here, about 55 MB), with a few bad lines among them, read by
// `newsdesk ingest --enqueue` as a process of its own with its heap capped at 256 MB: the input is read, cleaned and
// queued batch by batch, so memory stays bounded whatever the input's length; every good article reaches the store's
// queue (durable: workers take it from there), and every bad line is named once. Processing a million articles
// through every stage takes minutes, not a unit test's time: `npm run bench` does it and records its time and peak
// memory in docs/benchmarks.md ("A flood of a million tiny articles").
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../cli/helpers.js';
import { watchedCli, type Outcome } from './watched.js';

afterAll(removeTempDirs);

const COUNT = 1_000_000;
const HEAP_MB = 256;
/** Lines that are not articles: named, the rest still read. */
const BAD: Record<number, string> = { 250_000: '{"id": "cut', 500_000: '[1, 2, 3]', 750_000: '{"id": "no-text"}' };
/** A second document claiming the id of line 1: kept under a new id, with a warning. */
const CLASH = 900_000;

/** Writes the flood in chunks of 10,000 lines (never the whole file in memory). */
function writeFlood(file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    let lines: string[] = [];
    for (let n = 1; n <= COUNT; n++) {
      lines.push(BAD[n] ?? JSON.stringify({ id: n === CLASH ? 'b1' : `b${n}`, text: `Brief ${n} filed at noon.` }));
      if (lines.length === 10_000) {
        fs.writeSync(fd, lines.join('\n') + '\n');
        lines = [];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

describe('a flood of a million tiny articles', () => {
  let dir: string;
  let file: string;
  let outcome: Outcome;

  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, 'flood.jsonl');
    writeFlood(file);
    outcome = await watchedCli(['ingest', file, '--enqueue', '--db', path.join(dir, 'store.db'), '--quiet'], HEAP_MB);
  }, 900_000);

  it('names each bad line once, and the reused id, and says the run skipped input', () => {
    expect(outcome.code).toBe(2);
    const lines = outcome.stderr.split('\n').filter(Boolean);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^newsdesk: skipped ${file}:250000: invalid JSON`)),
      expect.stringMatching(new RegExp(`^newsdesk: skipped ${file}:500000: not a JSON object \\(got an array\\)$`)),
      expect.stringMatching(new RegExp(`^newsdesk: skipped ${file}:750000: no text or html field$`)),
      expect.stringMatching(new RegExp(`^newsdesk: warning: ${file}:900000: id "b1" is already used by another input; stored as "b1~`)),
    ]);
  });

  it('queues every good article, each once', () => {
    const db = new Database(path.join(dir, 'store.db'), { readonly: true });
    try {
      const { jobs, articles, ids } = db
        .prepare(
          `SELECT count(DISTINCT j.seq) AS jobs, count(*) AS articles, count(DISTINCT json_extract(a.value, '$.id')) AS ids
           FROM jobs j, json_each(j.payload) a WHERE j.done = 0`,
        )
        .get() as { jobs: number; articles: number; ids: number };
      expect(articles).toBe(COUNT - Object.keys(BAD).length);
      expect(ids).toBe(articles);
      expect(jobs).toBe(Math.ceil(articles / 100));
    } finally {
      db.close();
    }
  });

  it('keeps memory bounded: the heap capped at 256 MB, the whole process under 600 MB at its peak', () => {
    expect(outcome.peakMb).toBeGreaterThan(0);
    expect(outcome.peakMb).toBeLessThan(600);
  });
});
