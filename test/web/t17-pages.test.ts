// Pages that hold up on real coverage: a store of the T17 haiti topic (278 reports, its biggest event of 100 or
// more), its biggest event's page and its parts within a few screens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutletRegistry } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { buildServer } from '../../src/serve/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { SqliteStore, type NewsStore } from '../../src/store/index.js';
import { T17 } from '../shared.js';

/** The page budget of issue 19: the biggest event's page at most this many bytes of HTML. */
const PAGE_BYTES = 300_000;

describe('pages over T17 coverage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-t17-pages-'));
  let store: NewsStore;
  let app: FastifyInstance;
  let biggest: { id: string; articleCount: number };
  beforeAll(async () => {
    const registry = OutletRegistry.load();
    store = SqliteStore.open(path.join(dir, 't17.db'));
    const { articles } = await readAndClean([path.join(T17, 'haiti', 'articles.jsonl')], { registry });
    await ingestIntoStore(store, articles, { profileOf: (n) => registry.lookup(n) });
    biggest = (await store.eventCards({ order: 'size', limit: 1 })).events[0];
    app = await buildServer({ store, registry, rateLimit: 10_000 });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`serves the biggest event's page in at most ${PAGE_BYTES.toLocaleString('en')} bytes, its lists cut short and linked`, async () => {
    expect(biggest.articleCount).toBeGreaterThan(100);
    const r = await app.inject(`/events/${biggest.id}`);
    expect(r.statusCode).toBe(200);
    expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(PAGE_BYTES);
    expect(r.body).toContain(`All ${biggest.articleCount} reports`);
    for (const part of ['reports', 'quotes', 'outlets', 'entities', 'comparison']) {
      const p = await app.inject(`/events/${biggest.id}/${part}`);
      expect(p.statusCode, part).toBe(200);
      expect(Buffer.byteLength(p.body), part).toBeLessThanOrEqual(PAGE_BYTES);
    }
  });

  it('answers the API with a compact event, bounded too', async () => {
    const r = await app.inject(`/api/events/${biggest.id}`);
    expect(r.statusCode).toBe(200);
    expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(PAGE_BYTES);
  });
});
