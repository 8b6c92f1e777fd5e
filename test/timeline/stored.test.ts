// A timeline of articles as a store keeps them (already understood) reads their sentences and dates as they are,
// instead of understanding them again: what the API and the web timeline page do on every request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanArticles } from '../../src/clean/index.js';
import { timelineOf } from '../../src/pipeline/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { t17Raws } from '../shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-stored-timeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a timeline of stored articles', () => {
  it('picks the same dates as from the articles read afresh, each sentence citing a stored sentence', async () => {
    const cleaned = cleanArticles(t17Raws('haiti').slice(0, 120)).articles;
    const store = SqliteStore.open(path.join(dir, 'haiti.db'));
    try {
      await ingestIntoStore(store, cleaned);
      const stored = await store.articles(cleaned.map((a) => a.id));
      expect(stored.every((a) => a.sentences && a.dates)).toBe(true);
      const fromStore = timelineOf(stored, { dates: 8, sentences: 2 });
      const fresh = timelineOf(cleaned, { dates: 8, sentences: 2 });
      expect(fromStore.map((d) => d.date)).toEqual(fresh.map((d) => d.date));
      const byId = new Map(stored.map((a) => [a.id, a]));
      for (const d of fromStore) {
        for (const s of d.sentences) {
          for (const c of s.citations) expect(byId.get(c.article)!.sentences![c.sentence]).toBeDefined();
        }
      }
    } finally {
      await store.close();
    }
  });
});
