// The passage of every search hit is text of that hit: a T17 topic in each kind of store, searched for names and words
// that many of its articles hold. (SQLite's FTS5 gave every hit the passage of the first match: a rowid equality next
// to a MATCH was not applied.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { t17Raws } from '../shared.js';
import { STORE_KINDS, testStore } from '../stores.js';

const registry = OutletRegistry.load();
const articles = cleanArticles(t17Raws('mj'), { registry }).articles;

/** What a passage shows of a text: its pieces between ellipses, the « » marks taken out, whitespace as single spaces. */
const shown = (text: string) => text.replace(/[«»]/g, '').replace(/\s+/g, ' ');

describe.each(STORE_KINDS)('search passages in %s', (kind) => {
  const stores = testStore(kind);
  let store: NewsStore;
  beforeAll(async () => {
    store = await stores.open(await stores.location('passages'));
    await ingestIntoStore(store, articles, { profileOf: (n) => registry.lookup(n) });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await stores.cleanup();
  });

  it.each(['Jackson', 'Conrad Murray', 'Los Angeles', 'propofol', 'said'])('every hit for "%s" shows a passage of its own text', async (text) => {
    const { hits } = await store.search({ text, limit: 50 });
    expect(hits.length).toBeGreaterThan(5);
    for (const hit of hits) {
      const own = shown((await store.article(hit.article))!.text);
      const pieces = shown(hit.snippet).split('…').map((p) => p.trim()).filter(Boolean);
      expect(pieces.length, hit.article).toBeGreaterThan(0);
      for (const piece of pieces) expect(own, `${hit.article}: ${piece}`).toContain(piece);
      expect(hit.snippet, hit.article).toMatch(/«[^«»]+»/);
    }
  });

  it('leaves passages out when asked (a timeline reads the articles instead), the hits the same', async () => {
    const withPassages = await store.search({ text: 'Jackson', limit: 50 });
    const without = await store.search({ text: 'Jackson', limit: 50, passages: false });
    expect(without.hits.map((h) => h.article)).toEqual(withPassages.hits.map((h) => h.article));
    expect(without.hits.every((h) => h.snippet === '')).toBe(true);
  });
});
