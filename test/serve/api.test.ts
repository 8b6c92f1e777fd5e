// The HTTP API over a store holding the seeds, for each kind of store: every endpoint, the token on writes,
// validation, limits and JSON errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { OutletRegistry } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { SEEDS } from '../shared.js';
import { STORE_KINDS, testStore } from '../stores.js';
import { responseValidator } from './openapi.js';

const registry = OutletRegistry.load();
const seeds = (await readAndClean([SEEDS])).articles;

describe.each(STORE_KINDS)('the API over %s', (kind) => {
  const stores = testStore(kind);
  let store: NewsStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await stores.open(await stores.location('api'));
    await ingestIntoStore(store, seeds, { profileOf: (n) => registry.lookup(n) });
    app = await buildServer({ store, registry, token: 'sekret', rateLimit: 1000 });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await stores.cleanup();
  });

  describe('reading', () => {
    it('GET /api/events: a page of event cards, biggest first, filterable by entity, outlet and date', async () => {
      const r = await app.inject('/api/events');
      expect(r.statusCode).toBe(200);
      const body = r.json() as { total: number; events: Array<{ id: string; articleCount: number; outlets: string[]; people: string[] }> };
      expect(body.total).toBe(2);
      expect(body.events[0].articleCount).toBe(4);
      expect(body.events[0].outlets).toEqual(expect.arrayContaining(['AFP', 'Press TV', 'SANA']));
      expect((await app.inject('/api/events?entity=Dehqan')).json().total).toBe(1);
      expect((await app.inject('/api/events?outlet=press%20tv')).json().total).toBe(1);
      expect((await app.inject('/api/events?page=2&size=1')).json().events).toHaveLength(1);
    });

    it('GET /api/events/:id and /api/articles/:id: the full objects, 404 with a message for unknown ids', async () => {
      const id = (await app.inject('/api/events')).json().events[0].id as string;
      const event = (await app.inject(`/api/events/${id}?include=comparison`)).json();
      expect(event.comparison.outlets.length).toBe(4);
      expect(event.headline).toMatch(/Tehran/);
      const article = (await app.inject(`/api/articles/${encodeURIComponent(event.articles[0])}`)).json();
      expect(article.text.length).toBeGreaterThan(100);
      const missing = await app.inject('/api/events/ev-nope');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no event ev-nope' });
      expect((await app.inject('/api/articles/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
    });

    it('GET /api/search: a name finds its other spellings', async () => {
      const r = (await app.inject('/api/search?q=Dehqan')).json() as { hits: Array<{ article: string }>; events: Array<{ headline: string; articleCount: number; hits: number }> };
      expect(r.hits.map((h) => h.article.slice(0, 3)).sort()).toEqual(['000', '001', '002']);
      // The event they fall in: the Tehran meeting, three of its four reports among the hits.
      expect(r.events).toEqual([expect.objectContaining({ articleCount: 4, hits: 3, headline: expect.stringMatching(/Tehran/) })]);
      const injected = await app.inject(`/api/search?q=${encodeURIComponent("x' OR 1=1; DROP TABLE articles; --")}`);
      expect(injected.statusCode).toBe(200);
      expect((await app.inject('/api/search?q=Palmyra')).json().hits).toHaveLength(1);
    });

    it('GET /api/search: a page at a time (page, size), with the total on every page', async () => {
      const all = (await app.inject('/api/search?q=Dehqan')).json() as { total: number; page: number; size: number; hits: Array<{ article: string }> };
      expect(all).toMatchObject({ total: 3, page: 1, size: 20 });
      const pages = [1, 2].map(async (page) => (await app.inject(`/api/search?q=Dehqan&size=2&page=${page}`)).json() as typeof all);
      const [first, second] = await Promise.all(pages);
      expect([first, second].map((p) => [p.total, p.page, p.size, p.hits.length])).toEqual([[3, 1, 2, 2], [3, 2, 2, 1]]);
      expect([...first.hits, ...second.hits].map((h) => h.article)).toEqual(all.hits.map((h) => h.article));
      expect((await app.inject('/api/search?q=Dehqan&size=2&page=3')).json()).toMatchObject({ total: 3, page: 3, hits: [], events: [] });
      expect((await app.inject('/api/search?q=Dehqan&size=201')).statusCode).toBe(400);
      expect((await app.inject('/api/search?q=Dehqan&size=200&page=51')).json().message).toMatch(/page 51 of 200 hits starts past the first 10000/);
      expect((await app.inject('/api/search?q=Dehqan&limit=2')).json()).toMatchObject({ page: 1, size: 2, hits: first.hits });
    });

    it('GET /api/timeline: the dates of the matching articles', async () => {
      const r = (await app.inject('/api/timeline?q=Tehran&dates=2')).json() as { articles: number; timeline: Array<{ date: string }> };
      expect(r.articles).toBeGreaterThanOrEqual(4);
      expect(r.timeline.map((e) => e.date)).toContain('2016-06-09');
    });

    it('answers invalid parameters with 400 and what was wrong', async () => {
      const r = await app.inject('/api/events?size=100000');
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toMatch(/size/);
      expect((await app.inject('/api/search')).statusCode).toBe(400);
      expect((await app.inject('/api/events?from=yesterday')).json().message).toMatch(/from/);
      expect((await app.inject('/api/nothing')).json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('answers an unknown parameter 400 naming it and what the route takes, and orders on request', async () => {
      const r = await app.inject('/api/events?limit=2');
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('unknown parameter "limit" (this route takes page, size, order, from, to, outlet, entity)');
      expect((await app.inject('/api/search?q=Tehran&sort=date')).statusCode).toBe(400);
      expect((await app.inject('/api/events?order=biggest')).statusCode).toBe(400);
      const recent = (await app.inject('/api/events?order=recent')).json() as { order: string; events: Array<{ end: string | null }> };
      expect(recent.order).toBe('recent');
      const ends = recent.events.map((e) => e.end ?? '');
      expect(ends).toEqual([...ends].sort().reverse());
    });

    it('answers an event compact unless parts are included, and pages its reports', async () => {
      const id = (await app.inject('/api/events')).json().events[0].id as string;
      const compact = (await app.inject(`/api/events/${id}`)).json();
      expect(compact).toMatchObject({ id, articleCount: 4, included: [] });
      expect(compact.comparison).toBeUndefined();
      const whole = (await app.inject(`/api/events/${id}?include=all`)).json();
      expect(whole.included).toEqual(['articles', 'entities', 'quotes', 'comparison', 'sharedPassages']);
      expect(whole.comparison.outlets.length).toBe(4);
      const bad = await app.inject(`/api/events/${id}?include=everything`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/unknown part "everything"/);
      const first = (await app.inject(`/api/events/${id}/articles?size=3`)).json();
      expect(first).toMatchObject({ total: 4, page: 1, size: 3 });
      expect(first.articles).toHaveLength(3);
      const second = (await app.inject(`/api/events/${id}/articles?size=3&page=2`)).json();
      expect([...first.articles, ...second.articles].map((a: { id: string }) => a.id)).toEqual(whole.articles);
      expect((await app.inject('/api/events/ev-nope/articles')).statusCode).toBe(404);
    });

    it('tags reads with an ETag and answers 304 to a client that has them', async () => {
      const first = await app.inject('/api/events');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('no-cache');
      const again = await app.inject({ url: '/api/events', headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await app.inject({ url: '/api/events?size=1', headers: { 'if-none-match': etag } })).statusCode).toBe(200);
    });

    it('answers every read as its OpenAPI document says', async () => {
      const doc = (await app.inject('/api/openapi.json')).json() as Record<string, unknown>;
      const validate = responseValidator(doc);
      const id = (await app.inject('/api/events')).json().events[0].id as string;
      const event = (await app.inject(`/api/events/${id}`)).json() as { articles: string[] };
      const reads: Array<[string, string]> = [
        ['/api/events', 'eventsPage'],
        ['/api/events?order=recent&size=1', 'eventsPage'],
        [`/api/events/${id}`, 'eventAnswer'],
        [`/api/events/${id}?include=all`, 'eventAnswer'],
        [`/api/events/${id}/articles`, 'eventArticles'],
        [`/api/articles/${encodeURIComponent(event.articles[0])}`, 'article'],
        ['/api/search?q=Tehran', 'searchResult'],
        ['/api/search?q=Tehran&size=1&page=2', 'searchResult'],
        ['/api/search?q=Tehran&page=100', 'searchResult'],
        ['/api/search?q=Tehran&page=100000', 'error'],
        ['/api/timeline?q=Tehran', 'timelineResult'],
        ['/api/events?size=0', 'error'],
        ['/api/events/ev-nope', 'error'],
      ];
      for (const [url, schema] of reads) {
        const r = await app.inject(url);
        expect(validate(schema, r.json()), `${url}: ${schema}`).toEqual([]);
      }
    });

    it('serves an OpenAPI document listing every route', async () => {
      const doc = (await app.inject('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(['/api/articles', '/api/articles/{id}', '/api/events', '/api/events/{id}', '/api/events/{id}/articles', '/api/search', '/api/submissions/{id}', '/api/timeline']);
    });
  });

  describe('writing', () => {
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/articles', payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });
    const article = { id: 'api-kingsford', title: 'Alder river floods Kingsford', text: 'The Alder river burst its banks at Kingsford on Thursday, flooding hundreds of homes in the lower town.\nThe regional council opened three shelters.', published: '2026-03-12' };
    /** A POST is accepted at once (202) and ingested in the background: its status, once it is no longer under way. */
    async function settled(accepted: { statusCode: number; json(): { statusUrl: string } }): Promise<{ status: string; ids: string[]; added: number }> {
      expect(accepted.statusCode).toBe(202);
      for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const status = (await app.inject(accepted.json().statusUrl)).json();
        if (!['accepted', 'queued'].includes(status.status) || Date.now() > deadline) return status;
      }
    }

    it('refuses without a token, with a wrong one, and everything when the server has none', async () => {
      expect((await post(article)).statusCode).toBe(401);
      expect((await post(article, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
      const open = await buildServer({ store, registry });
      const r = await open.inject({ method: 'POST', url: '/api/articles', payload: article, headers: { authorization: 'Bearer sekret' } });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/NEWSDESK_TOKEN/);
      await open.close();
      expect(await store.article('api-kingsford')).toBeUndefined();
    });

    it('adds an article with the token and brings the events up to date', async () => {
      expect(await settled(await post(article, { authorization: 'Bearer sekret' }))).toMatchObject({ status: 'done', ids: ['api-kingsford'], added: 1 });
      expect((await app.inject('/api/events')).json().total).toBe(3);
      expect((await app.inject('/api/search?q=Kingsford')).json().hits[0].article).toBe('api-kingsford');
    });

    it('takes an HTML page as it is', async () => {
      const html = '<html><head><title>Dam holds at Varrow</title></head><body><article><p>The Varrow dam held through the night as the Alder river reached its highest level since records began, engineers said on Friday.</p><p>Evacuated residents were told they could return home on Saturday.</p></article></body></html>';
      const r = await settled(await app.inject({ method: 'POST', url: '/api/articles', payload: html, headers: { 'content-type': 'text/html', authorization: 'Bearer sekret' } }));
      expect(r.status).toBe('done');
      expect((await store.article(r.ids[0]))!.title).toBe('Dam holds at Varrow');
    });

    it('answers malformed JSON, a body without text and an oversized body with the right status', async () => {
      const bad = await app.inject({ method: 'POST', url: '/api/articles', payload: '{"text": ', headers: { 'content-type': 'application/json', authorization: 'Bearer sekret' } });
      expect(bad.statusCode).toBe(400);
      expect((await post({ title: 'no text' }, { authorization: 'Bearer sekret' })).statusCode).toBe(400);
      const small = await buildServer({ store, registry, token: 'sekret', bodyLimit: 1000 });
      const big = await small.inject({ method: 'POST', url: '/api/articles', payload: { text: 'x '.repeat(2000) }, headers: { authorization: 'Bearer sekret' } });
      expect(big.statusCode).toBe(413);
      await small.close();
    });
  });

  describe('limits', () => {
    it('answers 429 beyond the rate limit', async () => {
      const limited = await buildServer({ store, registry, rateLimit: 3 });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.inject('/api/events')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      await limited.close();
    });
  });
});
