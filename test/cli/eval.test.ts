// `newsdesk eval clusters`: scores a grouping against the labels on each JSONL line.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';
import { SAMPLES, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** The samples' text files as labelled JSONL: label = the event each tells (samples/expected.json). */
function labelledSamples(): string {
  const expected = (JSON.parse(readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8')) as { events: string[][] }).events;
  const labelOf = new Map(expected.flatMap((ids, i) => ids.map((id) => [id, `event-${i + 1}`] as [string, string])));
  const dir = path.join(SAMPLES, 'text');
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const id = f.replace(/\.txt$/, '');
      // Two sample files are not UTF-8 on purpose; Latin-1 reading keeps them as text for this test's JSON.
      return JSON.stringify({ id, text: readFileSync(path.join(dir, f), 'latin1'), label: labelOf.get(id) });
    });
  const file = path.join(tempDir(), 'labelled.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('newsdesk eval clusters', () => {
  it('prints B-cubed and pairwise scores for events and stories, and the split of each label', async () => {
    const r = await run(['eval', 'clusters', labelledSamples()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^7 labelled articles, 4 labels/m);
    expect(r.stdout).toMatch(/^events\s+B-cubed P 1\.000\s+R 1\.000\s+F1 1\.000/m);
    expect(r.stdout).toMatch(/^event-1\s+2\s+1\s+1$/m);
  });

  it('--json gives the same figures as data', async () => {
    const r = await run(['eval', 'clusters', labelledSamples(), '--json']);
    const scores = JSON.parse(r.stdout) as { events: { bcubed: { f1: number }; items: number }; stories: object; labels: unknown[] };
    expect(scores.events.items).toBe(7);
    expect(scores.events.bcubed.f1).toBe(1);
    expect(scores.labels).toHaveLength(4);
  });

  it('says how to call it when the arguments are off', async () => {
    const r = await run(['eval', 'clustrs', 'x.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/eval clusters <labelled\.jsonl>/);
  });
});
