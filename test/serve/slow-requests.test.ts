// A slow request does not hold up the others: search and timelines run in threads of their own (src/service/
// search-threads.ts), each within a deadline. Over real HTTP on loopback, a SQLite store holding the Michael Jackson
// topic of T17: a cheap request sent while a heavy timeline is being made is answered before it — on the server's own
// thread once, it waited for the timeline to finish (a timeline of a query of 100 words held every request for
// minutes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { t17Raws } from '../shared.js';
import { testStore } from '../stores.js';

const registry = OutletRegistry.load();
/** The heaviest timeline the API takes: a common word, every date and sentence it allows. */
const HEAVY = `/api/timeline?q=${Array(100).fill('the').join('+')}&dates=100&sentences=10`;

interface Answer {
  status: number;
  body: string;
  /** When it was answered (performance.now()). */
  at: number;
}

describe('slow requests', () => {
  const stores = testStore('sqlite');
  let store: NewsStore;
  let app: FastifyInstance;
  let base: string;
  /** Resolved as each heavy request reaches the server. */
  const arrivals: Array<() => void> = [];

  beforeAll(async () => {
    store = await stores.open(await stores.location('slow'));
    await ingestIntoStore(store, cleanArticles(t17Raws('mj'), { registry }).articles, { profileOf: (n) => registry.lookup(n) });
    app = await buildServer({ store, registry, rateLimit: 100_000, searchThreads: 2 });
    app.addHook('onRequest', async (req) => {
      if (req.url === HEAVY) arrivals.shift()?.();
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await stores.cleanup();
  });

  const get = async (path: string): Promise<Answer> => {
    const r = await fetch(base + path);
    return { status: r.status, body: await r.text(), at: performance.now() };
  };
  /** Sends the heavy timeline and resolves once the server has it, with the promise of its answer (wrapped: an async
   * function returning a promise would wait for it). */
  const startHeavy = async (): Promise<{ answer: Promise<Answer> }> => {
    const arrived = new Promise<void>((resolve) => arrivals.push(resolve));
    const answer = get(HEAVY);
    await arrived;
    return { answer };
  };

  it('answers a page of events sent while a heavy timeline is being made before the timeline', async () => {
    const heavy = (await startHeavy()).answer;
    const sent = performance.now();
    const probe = await get('/api/events?size=1');
    expect(probe.status).toBe(200);
    const timeline = await heavy;
    expect(timeline.status, timeline.body).toBe(200);
    expect(JSON.parse(timeline.body).timeline.length).toBeGreaterThan(0);
    expect(probe.at).toBeLessThan(timeline.at);
    expect(probe.at - sent).toBeLessThan(1000);
  });

  it('answers a cheap search sent while heavy timelines are being made and waiting before any of them', async () => {
    // Both search threads ready (each takes a search).
    await Promise.all([get('/api/search?q=Jackson'), get('/api/search?q=Murray')]);
    const heavy = [(await startHeavy()).answer, (await startHeavy()).answer, (await startHeavy()).answer];
    const probe = await get('/api/search?q=propofol&limit=1');
    expect(probe.status).toBe(200);
    expect(JSON.parse(probe.body).hits).toHaveLength(1);
    const timelines = await Promise.all(heavy);
    for (const t of timelines) expect(t.status, t.body).toBe(200);
    // Timelines take one thread at a time, so they end one after another; first come first served, the probe would
    // wait behind the third for the second thread to be free, i.e. until two of them had ended. Held to before the
    // second end (a whole timeline of margin, not the race with the first one's end that a loaded machine can lose).
    const ends = timelines.map((t) => t.at).sort((a, b) => a - b);
    expect(probe.at).toBeLessThan(ends[1]);
  });

  it('shows every hit of a search through the API with a passage of its own text', async () => {
    const { hits } = JSON.parse((await get('/api/search?q=Jackson&limit=50')).body) as { hits: Array<{ article: string; snippet: string }> };
    expect(hits.length).toBeGreaterThan(5);
    const shown = (text: string) => text.replace(/[«»]/g, '').replace(/\s+/g, ' ');
    for (const hit of hits) {
      const own = shown((JSON.parse((await get(`/api/articles/${encodeURIComponent(hit.article)}`)).body) as { text: string }).text);
      for (const piece of shown(hit.snippet).split('…').map((p) => p.trim()).filter(Boolean)) expect(own, hit.article).toContain(piece);
    }
  });

  it('answers 503 with why when a search or timeline passes its deadline, and goes on answering', async () => {
    // A deadline no search or timeline meets: it counts from when a thread is ready, and each takes milliseconds at least.
    const hurried = await buildServer({ store, registry, rateLimit: 100_000, searchDeadline: 1 });
    try {
      const api = await hurried.inject(HEAVY);
      expect(api.statusCode).toBe(503);
      expect(api.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/took more than 0.001 s/) });
      const page = await hurried.inject('/timeline?q=the');
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toMatch(/took more than 0.001 s/);
      expect((await hurried.inject('/search?q=the+of+and+to+in+that+for+on+with+said')).statusCode).toBe(503);
      expect((await hurried.inject('/api/events?size=1')).statusCode).toBe(200);
    } finally {
      await hurried.close();
    }
  });
});
