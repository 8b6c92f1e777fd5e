// The work one search or timeline does is bounded whatever the query: a word given again is searched once, words past
// MAX_QUERY_WORDS not at all, a passage is found in time linear in its text, and a timeline reads a bounded number of
// articles and characters. (A query of one word repeated 100 times made the server's timeline take 107 s.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { topicTimeline } from '../../src/service/search.js';
import { MAX_QUERY_WORDS, searchGroups, type NewsStore } from '../../src/store/index.js';
import { passage } from '../../src/store/passage.js';
import { t17Raws } from '../shared.js';
import { testStore } from '../stores.js';

/** Spellings as a store gives them: every spelling of a name for any one of them, the word itself for anything else. */
const NAMES = [['Dehqan', 'Dehghan', 'Hossein Dehghan']];
const spellingsOf = async (t: string) => NAMES.find((n) => n.some((s) => s.toLowerCase() === t.trim().toLowerCase())) ?? [t.trim()];

describe('searchGroups', () => {
  it('searches a word given again once, in any case or accents', async () => {
    expect(await searchGroups(Array(250).fill('a').join(' '), spellingsOf)).toEqual([['a']]);
    expect(await searchGroups('Cairo cairo CAIRO Caïro protest', spellingsOf)).toEqual([['Cairo'], ['protest']]);
  });

  it('takes two spellings of one name as one group', async () => {
    expect(await searchGroups('Dehqan Dehghan Tehran', spellingsOf)).toEqual([NAMES[0], ['Tehran']]);
  });

  it(`searches the first ${MAX_QUERY_WORDS} different words of a longer query`, async () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    expect(await searchGroups(words.join(' '), spellingsOf)).toEqual(words.slice(0, MAX_QUERY_WORDS).map((w) => [w]));
  });
});

describe('passage', () => {
  it('finds the passage of a text where every word matches in linear time', () => {
    // 60,000 words, every one a match and no window holding every group: the window search once compared every match
    // with every other (4 s for a fifth of this text; about 40 s for all of it).
    const text = 'the of and '.repeat(20_000);
    const start = performance.now();
    expect(passage(text, [['the'], ['of'], ['and'], ['absent']])).toBe('«the» «of» «and» «the» «of» «and» «the» «of» «and» «the» «of» «and» «the» «of» «and» «the»…');
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('a store searched with hostile queries (SQLite, the Michael Jackson topic of T17)', () => {
  const registry = OutletRegistry.load();
  const stores = testStore('sqlite');
  let store: NewsStore;
  beforeAll(async () => {
    store = await stores.open(await stores.location('bounds'));
    await ingestIntoStore(store, cleanArticles(t17Raws('mj'), { registry }).articles, { profileOf: (n) => registry.lookup(n) });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await stores.cleanup();
  });

  it('answers a word repeated 250 times as the word once, in about the same time', async () => {
    const once = await store.search({ text: 'said', limit: 200 });
    const started = performance.now();
    const repeated = await store.search({ text: Array(250).fill('said').join(' '), limit: 200 });
    const took = performance.now() - started;
    expect(repeated.hits.map((h) => h.article)).toEqual(once.hits.map((h) => h.article));
    expect(repeated.hits.map((h) => h.snippet)).toEqual(once.hits.map((h) => h.snippet));
    expect(took).toBeLessThan(1000);
  });

  it('makes a timeline of the best hits within its limits of articles and characters, in rank order', async () => {
    const ranked = (await store.search({ text: 'Jackson', limit: 200, passages: false })).hits.map((h) => h.article);
    expect(ranked.length).toBeGreaterThan(50);
    const { reports, timeline } = await topicTimeline(store, { text: 'Jackson' }, { dates: 3 }, { articles: 40, characters: 60_000 });
    expect(timeline.length).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.length).toBeLessThanOrEqual(40);
    const texts = await store.articles(reports.map((r) => r.id));
    expect(texts.reduce((n, a) => n + a.text.length, 0)).toBeLessThanOrEqual(60_000);
    // Among the 40 best, in their order; a long one passed over, not the rest.
    const best = ranked.slice(0, 40);
    expect(reports.map((r) => best.indexOf(r.id))).toEqual(reports.map((r) => best.indexOf(r.id)).sort((a, b) => a - b));
    expect(reports.every((r) => best.includes(r.id))).toBe(true);
    // Every cited sentence is from one of the reports read.
    const read = new Set(reports.map((r) => r.id));
    for (const day of timeline) for (const s of day.sentences) for (const c of s.citations) expect(read.has(c.article)).toBe(true);
  });
});
