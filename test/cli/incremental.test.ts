// `newsdesk ingest` keeps the stored events up to date as articles arrive in several runs: the clusterer resumes
// from the store, so ingesting piece by piece (even out of time order) gives the events one batch gives.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';
import { SAMPLES, SEEDS, removeTempDirs, tempDir } from './helpers.js';
import type { Event } from '../../src/model.js';

afterAll(removeTempDirs);

const groups = (events: Event[]) => events.map((e) => [...e.articles].sort().join(' ')).sort();

async function events(db: string): Promise<Event[]> {
  const r = await run(['events', '--db', db, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Event[];
}

describe('ingest in several runs', () => {
  it('seeds one file at a time: the same two events as a batch, and the first event keeps its id throughout', async () => {
    const oneByOne = path.join(tempDir(), 'a.db');
    const idOf000: string[] = [];
    for (const f of ['000', '001', '002', '003', '004']) {
      const file = (await import('node:fs')).readdirSync(SEEDS).find((x) => x.startsWith(f))!;
      expect((await run(['ingest', path.join(SEEDS, file), '--db', oneByOne, '--quiet'])).code).toBe(0);
      idOf000.push((await events(oneByOne)).find((e) => e.articles.some((a) => a.startsWith('000')))!.id);
    }
    expect(new Set(idOf000).size).toBe(1);
    const batch = path.join(tempDir(), 'b.db');
    expect((await run(['ingest', SEEDS, '--db', batch, '--quiet'])).code).toBe(0);
    const [a, b] = [await events(oneByOne), await events(batch)];
    expect(groups(a)).toEqual(groups(b));
    expect(groups(a).map((g) => g.split(' ').map((id) => id.slice(0, 3)).join(' '))).toEqual(['000 001 002 003', '004']);
  });

  it('samples folder by folder, out of time order: the same four events as a batch', async () => {
    const pieces = path.join(tempDir(), 'c.db');
    for (const part of ['feeds', 'wire.jsonl', 'text', 'html']) {
      expect((await run(['ingest', path.join(SAMPLES, part), '--db', pieces, '--outlets', path.join(SAMPLES, 'outlets.json'), '--quiet'])).code).toBe(0);
    }
    const batch = path.join(tempDir(), 'd.db');
    expect((await run(['ingest', SAMPLES, '--db', batch, '--outlets', path.join(SAMPLES, 'outlets.json'), '--quiet'])).code).toBe(0);
    expect(groups(await events(pieces))).toEqual(groups(await events(batch)));
  });
});
