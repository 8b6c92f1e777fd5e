// The first event grouping on real seeds and on the fictional samples, whose true grouping is written down.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OutletRegistry } from '../../src/clean/index.js';
import { groupArticles } from '../../src/cluster/index.js';
import { buildEvents, readAndClean } from '../../src/pipeline/index.js';
import { SEEDS } from '../shared.js';

const asSets = (groups: string[][]) => groups.map((g) => [...g].sort().join(' ')).sort();

describe('grouping articles into events', () => {
  it('seeds: 000–003 tell one story, 004 another', async () => {
    const { articles } = await readAndClean([SEEDS]);
    const groups = groupArticles(articles).map((g) => g.map((i) => articles[i].id.slice(0, 3)));
    expect(asSets(groups)).toEqual(['000 001 002 003', '004']);
  });

  it('samples: the four fictional stories, wire copies and rewrites included', async () => {
    const { articles } = await readAndClean(['samples'], { registry: OutletRegistry.load(['samples/outlets.json']) });
    const expected = (JSON.parse(readFileSync('samples/expected.json', 'utf8')) as { events: string[][] }).events;
    const events = buildEvents(articles);
    expect(asSets(events.map((e) => e.articles))).toEqual(asSets(expected));
  });

  it('does not depend on input order', async () => {
    const { articles } = await readAndClean(['samples'], { registry: OutletRegistry.load(['samples/outlets.json']) });
    const forward = asSets(groupArticles(articles).map((g) => g.map((i) => articles[i].id)));
    const reversed = [...articles].reverse();
    expect(asSets(groupArticles(reversed).map((g) => g.map((i) => reversed[i].id)))).toEqual(forward);
  });

  it('lets similarity decay for reports months apart (a story retold a year later is a new event)', async () => {
    const { articles } = await readAndClean(['samples'], { registry: OutletRegistry.load(['samples/outlets.json']) });
    const flood = articles.filter((a) => a.id.includes('port-alder-flood'));
    const moved = flood.map((a, i) => ({ ...a, published: i === 0 ? '2026-01-01' : '2026-12-01' }));
    expect(groupArticles(moved).length).toBeGreaterThan(1);
  });
});
