// Search a page at a time, in each kind of store, on a T17 topic (the Michael Jackson reports, 121 of them): the total
// on every page, every hit on exactly one page in the order of one search for all of them, the last page short, a
// page past the end empty — in the store, and through the API (its answers checked against its OpenAPI document) and
// the web pages.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { searchArticlesAndEvents } from '../../src/service/search.js';
import { MAX_SEARCH_OFFSET, type NewsStore, type SearchQuery } from '../../src/store/index.js';
import { responseValidator } from '../serve/openapi.js';
import { t17Raws } from '../shared.js';
import { STORE_KINDS, testStore } from '../stores.js';

const registry = OutletRegistry.load();
const mj = cleanArticles(t17Raws('mj'), { registry }).articles;

describe.each(STORE_KINDS)('paging a search in %s (T17, the Michael Jackson topic)', (kind) => {
  const stores = testStore(kind);
  let store: NewsStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await stores.open(await stores.location('paging'));
    await ingestIntoStore(store, mj, { profileOf: (n) => registry.lookup(n) });
    app = await buildServer({ store, registry, rateLimit: 1_000_000 });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await stores.cleanup();
  });

  /** Every page of a search, `size` hits a page, until one is not full. */
  async function pages(q: SearchQuery, size: number) {
    const out = [];
    for (let offset = 0; ; offset += size) {
      const page = await store.search({ ...q, limit: size, offset });
      out.push(page);
      if (page.hits.length < size) return out;
    }
  }

  const queries: Array<[string, SearchQuery]> = [
    ['a name, with its spellings', { text: 'Jackson' }],
    ['a word', { text: 'said' }],
    ['a word within dates', { text: 'death', from: '2009-06-26', to: '2009-07-31' }],
    ['a name from an outlet', { text: 'Jackson', outlet: 'bbc' }],
  ];
  it.each(queries)('pages through every hit of %s: one total, each hit once, in the order of one search for all', async (_, q) => {
    const all = await store.search({ ...q, limit: 1000 });
    expect(all.total).toBe(all.hits.length);
    if (q.text === 'Jackson' && !q.outlet) expect(all.total).toBeGreaterThan(100);
    expect(all.total).toBeGreaterThan(0);
    // 20 a page, or 19 when 20 would make the last page full: the last page is short.
    const size = all.total % 20 ? 20 : 19;
    const paged = await pages(q, size);
    expect(paged).toHaveLength(Math.ceil(all.total / size));
    for (const page of paged) expect(page.total).toBe(all.total);
    for (const page of paged) expect(page.searched).toEqual(all.searched);
    const ids = paged.flatMap((p) => p.hits.map((h) => h.article));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(all.hits.map((h) => h.article));
    expect(paged.at(-1)!.hits.length).toBe(all.total - size * (paged.length - 1));
    expect(paged.at(-1)!.hits.length).toBeLessThan(size);
    // Past the end: no hits, the same total; and none past the offsets a search pages through.
    const past = await store.search({ ...q, limit: size, offset: paged.length * size });
    expect(past).toMatchObject({ total: all.total, hits: [] });
    expect(await store.search({ ...q, limit: size, offset: MAX_SEARCH_OFFSET })).toMatchObject({ total: all.total, hits: [] });
    // A page of none still counts them all.
    expect(await store.search({ ...q, limit: 0 })).toMatchObject({ total: all.total, hits: [] });
  });

  it('lists the events of the hits of the page it shows', async () => {
    const second = await searchArticlesAndEvents(store, { text: 'Jackson', limit: 20, offset: 20 });
    expect(second.hits).toHaveLength(20);
    const counts = new Map<string, number>();
    for (const h of second.hits) if (h.event) counts.set(h.event, (counts.get(h.event) ?? 0) + 1);
    expect(new Map(second.events.map((e) => [e.id, e.hits]))).toEqual(counts);
  });

  it('pages through every hit through the API: page and size, the total on each page, each answer as the OpenAPI document says', async () => {
    const validate = responseValidator((await app.inject('/api/openapi.json')).json() as Record<string, unknown>);
    const all = await store.search({ text: 'Jackson', limit: 1000 });
    const ids: string[] = [];
    let last: { total: number; page: number; size: number; hits: Array<{ article: string }> } | undefined;
    for (let page = 1; !last || last.hits.length === 20; page++) {
      const r = await app.inject(`/api/search?q=Jackson&size=20&page=${page}`);
      expect(r.statusCode).toBe(200);
      expect(validate('searchResult', r.json())).toEqual([]);
      last = r.json() as typeof last & object;
      expect(last).toMatchObject({ total: all.total, page, size: 20 });
      ids.push(...last.hits.map((h) => h.article));
    }
    expect(ids).toEqual(all.hits.map((h) => h.article));
    // Past the end: a page with no hits, as /api/events answers it.
    const past = await app.inject(`/api/search?q=Jackson&size=20&page=${last!.page + 1}`);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toMatchObject({ total: all.total, hits: [], events: [] });
    expect(validate('searchResult', past.json())).toEqual([]);
    // Past the pages a search reaches: 400, saying so.
    const far = await app.inject(`/api/search?q=Jackson&size=20&page=${MAX_SEARCH_OFFSET / 20 + 1}`);
    expect(far.statusCode).toBe(400);
    expect(far.json().message).toMatch(/narrow the search/);
    expect(validate('error', far.json())).toEqual([]);
    // limit: the former name of size, not with it.
    expect((await app.inject('/api/search?q=Jackson&limit=5')).json()).toMatchObject({ page: 1, size: 5, hits: all.hits.slice(0, 5).map((h) => expect.objectContaining({ article: h.article })) });
    expect((await app.inject('/api/search?q=Jackson&limit=5&size=5')).statusCode).toBe(400);
    // Numbers out of range or not integers: 400, never 500.
    for (const v of ['0', '-1', '1.5', '1e300', '99999999999999999999', '9007199254740993', 'NaN', 'Infinity', '']) {
      for (const name of ['page', 'size']) {
        const r = await app.inject(`/api/search?q=Jackson&${name}=${v}`);
        expect(r.statusCode, `${name}=${v}`).toBe(400);
        expect(validate('error', r.json())).toEqual([]);
      }
    }
  });

  it('shows the total and links to the pages before and after on the web, and a page past the end as such', async () => {
    const { total } = await store.search({ text: 'Jackson', limit: 0 });
    const pages = Math.ceil(total / 20);
    const first = await app.inject('/search?q=Jackson');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`${total} articles for`);
    expect(first.body).toContain(`hits 1–20 (page 1 of ${pages})`);
    expect(first.body).toContain('<a href="/search?q=Jackson&amp;page=2" rel="next">');
    expect(first.body).not.toContain('rel="prev"');
    expect(first.body.match(/<li><h3>/g)).toHaveLength(20);
    const lastPage = await app.inject(`/search?q=Jackson&page=${pages}`);
    expect(lastPage.body).toContain(`hits ${(pages - 1) * 20 + 1}–${total} (page ${pages} of ${pages})`);
    expect(lastPage.body).toContain(`<ol class="events" start="${(pages - 1) * 20 + 1}">`);
    expect(lastPage.body).toContain(`<a href="/search?q=Jackson&amp;page=${pages - 1}" rel="prev">`);
    expect(lastPage.body).not.toContain('rel="next"');
    const past = await app.inject(`/search?q=Jackson&page=${pages + 1}`);
    expect(past.statusCode).toBe(404);
    expect(past.body).toContain(`There is no page ${pages + 1}: the ${total} articles for “Jackson”`);
    expect(past.body).toContain(` fill ${pages} pages. <a href="/search?q=Jackson&amp;page=${pages}">The last page</a>.`);
    // Past the pages a search reaches, and not a page number.
    const far = await app.inject(`/search?q=Jackson&page=${MAX_SEARCH_OFFSET / 20 + 1}`);
    expect(far.statusCode).toBe(404);
    expect(far.body).toContain(`There is no page ${MAX_SEARCH_OFFSET / 20 + 1}: the ${total} articles`);
    for (const bad of ['0', '-3', 'two', '1e3']) {
      const r = await app.inject(`/search?q=Jackson&page=${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.body).toContain(`&quot;${bad}&quot; is not a page number.`);
    }
  });
});
