// The server's edges, over real HTTP on loopback: ids of any length reachable, integer parameters that cannot reach
// the store as absurd numbers, the token checked before a body is read, `nosniff` on every response, slow requests
// cut at the documented time, and POSTed articles ingested off the request path while readers are answered.
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { MAX_ID_LENGTH } from '../../src/clean/id.js';
import type { RawArticle } from '../../src/model.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore, queueArticles } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { SEEDS } from '../shared.js';
import { testStore } from '../stores.js';

const registry = OutletRegistry.load();
const TOKEN = 'hardening-token-77a1';
const REQUEST_TIMEOUT = 1000;

/** Ids real inputs give: a feed's guid that is a long URL, words in other scripts, ids past what fits in a URL. */
const LONG_IDS = [
  'x'.repeat(101),
  `https://www.example.com/news/2026/03/12/${'alder-river-floods-kingsford-'.repeat(12)}index.html?utm_source=rss&utm_medium=feed&ref=home`,
  'é'.repeat(300),
  '€'.repeat(MAX_ID_LENGTH),
  'Ж'.repeat(3 * MAX_ID_LENGTH),
  `lone-${'\uD800'}-surrogate`,
];

function longIdRaws(): RawArticle[] {
  return LONG_IDS.map((id, i) => ({
    id,
    source: `feed.xml#item-${i + 1}`,
    format: 'jsonl',
    title: `Kingsford flood report ${i + 1}`,
    published: '2026-03-12',
    text: `The Alder river burst its banks at Kingsford on Thursday, flooding homes in the lower town, report ${i + 1} said.\nThe regional council opened three shelters and asked residents to stay away from the river.`,
  }));
}

/**
 * Sends a request's head (and the start of its body), then nothing more, until the server answers and closes or
 * `waitMs` pass: what came back, after how long the answer began, and after how long the connection closed.
 */
function stalledRequest(base: string, head: string, body: string, waitMs: number): Promise<{ answer: string; answeredMs: number | null; closedMs: number }> {
  const { port } = new URL(base);
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    let answeredMs: number | null = null;
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(head + body));
    socket.on('data', (d) => {
      answeredMs ??= Date.now() - started;
      answer += d.toString();
    });
    socket.on('error', () => undefined);
    const giveUp = setTimeout(() => socket.destroy(), waitMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ answer, answeredMs, closedMs: Date.now() - started });
    });
  });
}

describe('the server at its edges', () => {
  const stores = testStore('sqlite');
  let store: NewsStore;
  let app: FastifyInstance;
  let base: string;
  let longIds: string[];

  beforeAll(async () => {
    store = await stores.open(await stores.location('hardening'));
    const { articles } = cleanArticles(longIdRaws(), { registry });
    longIds = articles.map((a) => a.id);
    await ingestIntoStore(store, [...(await readAndClean([SEEDS])).articles, ...articles], { profileOf: (n) => registry.lookup(n) });
    app = await buildServer({ store, registry, token: TOKEN, rateLimit: 1_000_000, requestTimeout: REQUEST_TIMEOUT });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await stores.cleanup();
  });

  it('reaches every stored article, whatever the length of its id, on the API, its page and the links to it', async () => {
    expect(longIds).toHaveLength(LONG_IDS.length);
    expect(await store.articles(longIds)).toHaveLength(LONG_IDS.length);
    for (const id of longIds) {
      const api = await fetch(`${base}/api/articles/${encodeURIComponent(id)}`);
      expect(api.status, id.slice(0, 40)).toBe(200);
      expect(((await api.json()) as { id: string }).id).toBe(id);
      const page = await fetch(`${base}/articles/${encodeURIComponent(id)}`);
      expect(page.status, id.slice(0, 40)).toBe(200);
      expect(await page.text()).toContain('Kingsford flood report');
    }
    // Every link an event page gives to these articles leads to them.
    const events = new Set(await Promise.all(longIds.map(async (id) => (await store.eventOf(id))!)));
    let links = 0;
    for (const event of events) {
      const page = await (await fetch(`${base}/events/${encodeURIComponent(event)}`)).text();
      for (const [, href] of page.matchAll(/href="(\/articles\/[^"]+)"/g)) {
        links++;
        expect((await fetch(base + href.replaceAll('&amp;', '&'))).status, href.slice(0, 60)).toBe(200);
      }
    }
    expect(links).toBeGreaterThanOrEqual(LONG_IDS.length);
  });

  it('answers numbers too big, too small or not integers in any integer parameter with 400, never 500', async () => {
    expect((await fetch(`${base}/api/events?page=1e300`)).status).toBe(400);
    expect((await fetch(`${base}/api/events?page=99999999999999999999`)).status).toBe(400);
    const values = ['1e300', '99999999999999999999', '9007199254740993', '1e21', '100001', '-1', '0', '-0', '1.5', 'NaN', 'Infinity', '-Infinity', '0x10', '1e3', '', '%20'];
    const apiParams = ['/api/events?page=', '/api/events?size=', '/api/search?q=Tehran&limit=', '/api/timeline?q=Tehran&dates=', '/api/timeline?q=Tehran&sentences='];
    for (const prefix of apiParams) {
      for (const v of values) {
        const r = await fetch(`${base}${prefix}${v}`);
        expect([200, 400], `${prefix}${v} → ${r.status}`).toContain(r.status);
        await r.arrayBuffer();
      }
    }
    // The front page answers a page that is not a page number with 400 and what is wrong, a number past the end with
    // the way to the last page: never 500.
    for (const v of values) {
      const r = await fetch(`${base}/?page=${v}`);
      expect(r.status, `/?page=${v}`).toBe(/^[1-9]\d{0,5}$/.test(v) || v === '' ? 200 : 400);
      await r.arrayBuffer();
    }
  });

  describe('writing', () => {
    it('checks the token before it reads the body: malformed, oversized or never-sent bodies are answered 401', async () => {
      const post = (headers: Record<string, string>, body: string) => fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const malformed = await post({}, '{"text": ');
      expect(malformed.status).toBe(401);
      expect(((await malformed.json()) as { message: string }).message).toMatch(/token/);
      expect((await post({ authorization: 'Bearer wrong' }, JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(401);
      expect((await post({ 'content-type': 'application/x-unknown' }, 'anything')).status).toBe(401);
      // A body announced and never sent: the answer does not wait for it.
      const head = `POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
      const { answer, answeredMs } = await stalledRequest(base, head, '{"id":"slow","text":"', 3 * REQUEST_TIMEOUT);
      expect(answer).toMatch(/^HTTP\/1\.1 401/);
      expect(answeredMs).toBeLessThan(REQUEST_TIMEOUT / 2);
      expect(await store.article('slow')).toBeUndefined();
      // And a server without a token refuses before reading the body too.
      const closed = await buildServer({ store, registry });
      try {
        const r = await closed.inject({ method: 'POST', url: '/api/articles', payload: '{"text": ', headers: { 'content-type': 'application/json' } });
        expect(r.statusCode).toBe(403);
      } finally {
        await closed.close();
      }
    });

    it('accepts an id as long as ingest keeps, and refuses a longer one with 400', async () => {
      const post = (id: string) =>
        fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ id, text: 'The council of Loadham met on Tuesday and approved repairs to the main bridge.' }) });
      const tooLong = await post('y'.repeat(MAX_ID_LENGTH + 1));
      expect(tooLong.status).toBe(400);
      expect(((await tooLong.json()) as { message: string }).message).toMatch(/id/);
      expect((await post('y'.repeat(MAX_ID_LENGTH))).status).toBe(202);
    });
  });

  it('sends X-Content-Type-Options: nosniff with every response, errors and limits included', async () => {
    const limited = await buildServer({ store, registry, token: TOKEN, rateLimit: 1, bodyLimit: 100 });
    const limitedBase = await limited.listen({ port: 0, host: '127.0.0.1' });
    try {
      const responses = [
        await fetch(`${base}/api/events`),
        await fetch(`${base}/api/events/ev-nope`),
        await fetch(`${base}/api/nothing`),
        await fetch(`${base}/api/events?size=100000`),
        await fetch(`${base}/api/openapi.json`),
        await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        await fetch(`${limitedBase}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ text: 'x'.repeat(500) }) }),
        await fetch(`${limitedBase}/api/events`),
        await fetch(`${base}/`),
      ];
      expect(responses.map((r) => r.status)).toEqual([200, 404, 404, 400, 200, 401, 413, 429, 200]);
      for (const r of responses) {
        expect(r.headers.get('x-content-type-options'), `${r.url} ${r.status}`).toBe('nosniff');
        await r.arrayBuffer();
      }
    } finally {
      await limited.close();
    }
    // Answers Node's HTTP layer gives itself (a malformed request line) carry it too.
    const { answer } = await stalledRequest(base, 'GARBAGE\r\n\r\n', '', 3000);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
  });

  describe('POSTed articles', () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const PLACES = ['Kingsford', 'Varrow', 'Loadham', 'Alder Bridge', 'Eastmere', 'Coldharbour'];
    /** A report of `n` sentences, each with a place, a day and numbers: the kind that takes seconds to understand. */
    const longReport = (id: string, n: number) => ({
      id,
      title: `Flood defences inspected (${n} findings)`,
      published: '2026-03-12',
      text: Array.from({ length: n }, (_, i) => `Engineers in ${PLACES[i % PLACES.length]} said on Monday that inspection ${i + 1} of the flood defences found ${(i % 7) + 2} breaches.`).join(' '),
    });
    type Submission = { submission: string; status: string; statusUrl?: string; ids?: string[]; articles?: string[]; added?: number; message?: string };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    async function settled(url: string, within = 300_000): Promise<Submission> {
      for (const deadline = Date.now() + within; ; await sleep(100)) {
        const s = (await (await fetch(url)).json()) as Submission;
        if (!['accepted', 'queued'].includes(s.status) || Date.now() > deadline) return s;
      }
    }

    it('are accepted at once (202) and ingested off the request path: readers are answered while a long article is understood', async () => {
      // A reader asking for the events page every 50 ms from before the POST until its articles are done.
      let posting = true;
      const latencies: number[] = [];
      const probing = (async () => {
        while (posting) {
          const started = performance.now();
          const r = await fetch(`${base}/api/events`);
          await r.arrayBuffer();
          expect(r.status).toBe(200);
          latencies.push(performance.now() - started);
          await sleep(50);
        }
      })();
      const started = performance.now();
      const r = await fetch(`${base}/api/articles`, { method: 'POST', headers, body: JSON.stringify(longReport('long-flood-report', 3000)) });
      const answeredMs = performance.now() - started;
      const accepted = (await r.json()) as Submission;
      expect(r.status).toBe(202);
      expect(answeredMs).toBeLessThan(1000);
      expect(accepted).toMatchObject({ status: 'accepted', statusUrl: `/api/submissions/${accepted.submission}` });
      expect(r.headers.get('location')).toBe(accepted.statusUrl);
      // Another writer is not held up by the long article either.
      const second = await fetch(`${base}/api/articles`, { method: 'POST', headers, body: JSON.stringify({ id: 'short-flood-note', text: 'The Kingsford shelters closed on Friday as the Alder river fell back below its banks, the council said.' }) });
      expect(second.status).toBe(202);
      const [done, secondDone] = [await settled(base + accepted.statusUrl!), await settled(base + ((await second.json()) as Submission).statusUrl!)];
      posting = false;
      await probing;
      expect(done).toMatchObject({ status: 'done', ids: ['long-flood-report'], added: 1, articles: ['/api/articles/long-flood-report'] });
      expect(secondDone).toMatchObject({ status: 'done', ids: ['short-flood-note'] });
      // The work took long enough for the probes to say something, and none of them waited for it.
      expect(latencies.length).toBeGreaterThan(20);
      expect(Math.max(...latencies), latencies.map((l) => l.toFixed(0)).join(' ')).toBeLessThan(500);
      const article = (await (await fetch(base + done.articles![0])).json()) as { sentences: unknown[] };
      expect(article.sentences.length).toBeGreaterThan(2500);
      expect((await fetch(`${base}/api/search?q=breaches`)).status).toBe(200);
    }, 600_000);

    it('are refused with 503 and Retry-After while too much waits to be queued, and followed at their status URL', async () => {
      const small = await buildServer({ store, registry, token: TOKEN, rateLimit: 1_000_000, waitingLimit: 2000 });
      try {
        const post = (body: unknown) => small.inject({ method: 'POST', url: '/api/articles', headers, payload: JSON.stringify(body) });
        // The first is taken whatever its size; while it waits for the ingest thread, a second would pass the limit.
        const first = await post(longReport('waiting-first', 40));
        expect(first.statusCode).toBe(202);
        const refused = await post(longReport('waiting-second', 40));
        expect(refused.statusCode).toBe(503);
        expect(refused.headers['retry-after']).toBe('10');
        const statusUrl = first.json<Submission>().statusUrl!;
        for (const deadline = Date.now() + 120_000; first.json<Submission>() && Date.now() < deadline; await sleep(100)) {
          if ((await small.inject(statusUrl)).json<Submission>().status !== 'accepted') break;
        }
        expect((await post(longReport('waiting-second', 40))).statusCode).toBe(202);
        expect((await small.inject('/api/submissions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
        expect((await small.inject('/api/submissions/not-a-submission')).statusCode).toBe(400);
      } finally {
        await small.close();
      }
    }, 180_000);
  });

  it('works through what the store\'s queue held when it started: a server stopped before its submissions were done', async () => {
    const queuedStore = await stores.open(await stores.location('resume'));
    const { articles } = cleanArticles(
      [{ id: 'left-in-queue', source: 'POST /api/articles#1', format: 'jsonl', published: '2026-03-13', text: 'The Varrow dam held through the night as the Alder river reached its highest level since records began, engineers said on Friday.' }],
      { registry },
    );
    await queueArticles(queuedStore, articles);
    const restarted = await buildServer({ store: queuedStore, registry, token: TOKEN });
    try {
      const idle = { jobs: 0, unplaced: 0, events: 0 };
      for (const deadline = Date.now() + 120_000; JSON.stringify(await queuedStore.backlog()) !== JSON.stringify(idle) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await queuedStore.backlog()).toEqual(idle);
      expect(await queuedStore.article('left-in-queue')).toBeDefined();
      expect(await queuedStore.eventOf('left-in-queue')).toBeDefined();
    } finally {
      await restarted.close();
      await queuedStore.close();
    }
  }, 180_000);

  it('cuts a body or a head trickled in at the request timeout, not later', async () => {
    const bodyHead = `POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 1000\r\n\r\n`;
    const [body, head] = await Promise.all([
      stalledRequest(base, bodyHead, '{"id":"slow","text":"', 8000),
      stalledRequest(base, 'GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', '', 8000),
    ]);
    for (const cut of [body, head]) {
      expect(cut.answer === '' || /^HTTP\/1\.1 408/.test(cut.answer), cut.answer.slice(0, 80)).toBe(true);
      expect(cut.closedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT - 50);
      expect(cut.closedMs).toBeLessThan(REQUEST_TIMEOUT * 2);
    }
    expect(body.answer.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect((await fetch(`${base}/api/events`)).status).toBe(200);
  });
});
