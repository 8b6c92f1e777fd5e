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

describe('newsdesk eval entities', () => {
  /** Two documents of the shared format (../shared/data/ner): names as typed character spans. */
  function names(): string {
    const doc = (text: string, entities: Array<[string, string]>) => ({
      id: `d${text.length}`,
      text,
      entities: entities.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type })),
    });
    const file = path.join(tempDir(), 'names.jsonl');
    const docs = [
      doc('Iranian Defense Minister Hossein Dehghan met Ali Shamkhani in Tehran on Monday.', [['Hossein Dehghan', 'PER'], ['Ali Shamkhani', 'PER'], ['Tehran', 'LOC'], ['Iranian', 'MISC']]),
      doc('The United Nations said aid reached Damascus.', [['United Nations', 'ORG'], ['Damascus', 'LOC']]),
    ];
    writeFileSync(file, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
    return file;
  }

  it('prints precision, recall and F1 per type for the names written and for each document’s names', async () => {
    const r = await run(['eval', 'entities', names()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 documents, \d+ tokens/m);
    expect(r.stdout).toMatch(/^Names written \(exact span and type\)$/m);
    expect(r.stdout).toMatch(/^PER\s+P 1\.000\s+R 1\.000\s+F1 1\.000\s+2 gold\s+2 found\s+2 right$/m);
    expect(r.stdout).toMatch(/^LOC\s+P 1\.000\s+R 1\.000\s+F1 1\.000/m);
    expect(r.stdout).not.toMatch(/^MISC/m);
  });

  it('--json gives the figures as data; --types chooses the types scored', async () => {
    const r = await run(['eval', 'entities', names(), '--json', '--types', 'PER,ORG']);
    const scores = JSON.parse(r.stdout) as { types: string[]; mentions: { byType: Record<string, { gold: number; correct: number }> }; documents: object };
    expect(scores.types).toEqual(['PER', 'ORG']);
    expect(Object.keys(scores.mentions.byType)).toEqual(['PER', 'ORG']);
    expect(scores.mentions.byType.PER).toMatchObject({ gold: 2, correct: 2 });
  });

  it('refuses a file with a line that is not a document, naming the file, the line and the reason', async () => {
    const file = path.join(tempDir(), 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'a', text: 'Paris', entities: [{ start: 0, end: 5, type: 'LOC' }] })}\n${JSON.stringify({ id: 'b', text: 'Rome', entities: [{ start: 2, end: 9, type: 'LOC' }] })}\n`);
    const r = await run(['eval', 'entities', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file} line 2: entity 1 is not a span of the text`);
  });
});
