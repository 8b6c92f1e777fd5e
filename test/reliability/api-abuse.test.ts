// The API under abuse, over real HTTP on loopback: traversal in ids, SQL in every query parameter, bad tokens, bodies
// too big, malformed or trickled in, floods past the rate limit — each answered with the right status and nothing
// stored that should not be; then 10,000 requests mixing reads and writes with no 5xx.
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { OutletRegistry } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import type { NewsStore } from '../../src/store/index.js';
import { SEEDS } from '../shared.js';
import { testStore } from '../stores.js';

const registry = OutletRegistry.load();
const TOKEN = 'abuse-token-5c1e';
const INJECTIONS = [`' OR 1=1 --`, `"; DROP TABLE articles; --`, `1); DELETE FROM events; --`, `%' UNION SELECT data FROM articles --`, `\\' OR ''='`, 'Robert\'); DROP TABLE event_cards;--', '$1', '${x}'];

describe('the API under abuse', () => {
  const stores = testStore('sqlite');
  let store: NewsStore;
  let app: FastifyInstance;
  let base: string;
  let articlesBefore: number;

  beforeAll(async () => {
    store = await stores.open(await stores.location('abuse'));
    await ingestIntoStore(store, (await readAndClean([SEEDS])).articles);
    articlesBefore = await store.countArticles();
    app = await buildServer({ store, registry, token: TOKEN, rateLimit: 1_000_000, bodyLimit: 64 * 1024, requestTimeout: 1500 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await stores.cleanup();
  });

  const get = (p: string) => fetch(base + p);

  it('answers path traversal in ids with 404, reading no file', async () => {
    for (const p of ['/api/articles/..%2F..%2F..%2Fetc%2Fpasswd', '/api/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/articles/..%2F..%2Fetc%2Fpasswd', '/events/....%2F%2F....%2F%2Fetc%2Fpasswd', '/assets/..%2F..%2Fpackage.json']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      const body = await r.text();
      expect(body, p).not.toContain('root:');
      expect(body, p).not.toContain('"dependencies"');
    }
  });

  it('treats SQL in every query parameter as text: 200 or 400, never 5xx, nothing changed', async () => {
    const events = (await store.eventCards()).total;
    for (const x of INJECTIONS) {
      const v = encodeURIComponent(x);
      for (const p of [
        `/api/events?entity=${v}`,
        `/api/events?outlet=${v}`,
        `/api/events?from=${v}`,
        `/api/events?page=${v}`,
        `/api/search?q=${v}`,
        `/api/search?q=Tehran&entity=${v}&outlet=${v}`,
        `/api/search?q=Tehran&limit=${v}`,
        `/api/timeline?q=${v}`,
        `/api/events/${v}`,
        `/api/articles/${v}`,
        `/?entity=${v}&outlet=${v}&from=${v}`,
        `/search?q=${v}`,
        `/timeline?q=${v}`,
      ]) {
        const r = await get(p);
        expect([200, 400, 404], `${p} → ${r.status}`).toContain(r.status);
        await r.arrayBuffer();
      }
    }
    expect(await store.countArticles()).toBe(articlesBefore);
    expect((await store.eventCards()).total).toBe(events);
  });

  it('refuses writes without the token or with a wrong one, storing nothing', async () => {
    const article = JSON.stringify({ id: 'intruder', text: 'Officials said on Tuesday that the bridge would reopen next month after repairs to its deck.' });
    for (const auth of [undefined, 'Bearer wrong', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, `Bearer ${TOKEN}x`, 'Bearer ']) {
      const r = await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: article });
      expect(r.status, String(auth)).toBe(401);
      expect(((await r.json()) as { message: string }).message).toMatch(/token/);
    }
    expect(await store.article('intruder')).toBeUndefined();
  });

  it('answers a body too big with 413, malformed JSON with 400, and stores nothing', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const big = await fetch(`${base}/api/articles`, { method: 'POST', headers, body: JSON.stringify({ id: 'big', text: 'x'.repeat(200_000) }) });
    expect(big.status).toBe(413);
    for (const body of ['{"id": "broken", "text": "unterminated', '[{"id":1,', 'null', '{"id":"no-text"}', '"just a string"']) {
      const r = await fetch(`${base}/api/articles`, { method: 'POST', headers, body });
      expect([400, 422], body).toContain(r.status);
    }
    expect(await store.countArticles()).toBe(articlesBefore);
  });

  it('cuts off a body trickled in byte by byte (408 or the connection closed), and keeps serving others', async () => {
    const { port } = new URL(base);
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 1000\r\n\r\n{"id":"slow","text":"`);
        const drip = setInterval(() => socket.write('a'), 100);
        let got = '';
        socket.on('data', (d) => (got += d.toString()));
        socket.on('close', () => {
          clearInterval(drip);
          resolve(got);
        });
        socket.on('error', () => undefined);
        setTimeout(() => socket.destroy(), 10_000);
      });
    });
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer), answer.slice(0, 80)).toBe(true);
    expect((await get('/api/events')).status).toBe(200);
    expect(await store.article('slow')).toBeUndefined();
  }, 20_000);

  it('answers a flood past the rate limit with 429, as JSON', async () => {
    const limited = await buildServer({ store, registry, token: TOKEN, rateLimit: 20 });
    const url = await limited.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses = await Promise.all(Array.from({ length: 60 }, () => fetch(`${url}/api/events`).then(async (r) => (await r.arrayBuffer(), r.status))));
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    } finally {
      await limited.close();
    }
  });

  it('serves 10,000 requests mixing reads and writes with no 5xx, and stores every article written', async () => {
    const reads = ['/api/events', '/api/events?page=2&size=5', '/api/search?q=Tehran', '/api/search?q=Dehqan', '/api/events?entity=Shoigu', '/', '/search?q=Iran', '/api/openapi.json', '/api/articles/nope'];
    const statuses = new Map<number, number>();
    const written: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < 10_000; i = next++) {
        let r: Response;
        if (i % 100 === 7) {
          const id = `load-${i}`;
          written.push(id);
          r = await fetch(`${base}/api/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ id, title: `Council report ${i}`, published: '2026-03-14', text: `The council of Loadham met on Tuesday, report ${i} said, and approved repairs to the main bridge that will take about a year to finish.` }),
          });
        } else r = await get(reads[i % reads.length]);
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    expect([...statuses.keys()].filter((s) => s >= 500), JSON.stringify([...statuses])).toEqual([]);
    // POSTed articles are ingested in the background (202): stored soon after, not before the answer.
    for (const deadline = Date.now() + 120_000; (await store.articles(written)).length < written.length && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await store.articles(written)).length).toBe(written.length);
  }, 600_000);
});
