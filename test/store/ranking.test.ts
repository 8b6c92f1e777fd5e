// Search ranking in PostgreSQL with RUM: an unfiltered search ranks first the articles whose lede (title and opening)
// holds the query, then the others over their whole text; a filtered one ranks over whole texts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RawArticle } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { describeWithPg, freshDatabase } from '../pg.js';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the council report covers roads, schools and the budget for the coming year.`).join('\n');
const raw = (id: string, title: string, text: string): RawArticle => ({ id, source: `${id}.jsonl`, format: 'jsonl', published: '2026-03-14', title, text });

const ARTICLES = [
  // The flood named only deep in a long text.
  raw('deep', 'Council meets on the budget', `${filler(30)}\nAt the end of the meeting members also spoke about the Kingsford flood and its cost.`),
  // Named in the title.
  raw('title', 'Kingsford flood leaves hundreds homeless', `Hundreds of homes in the lower town were under water on Thursday. ${filler(3)}`),
  // Named in the opening paragraph.
  raw('opening', 'Rivers rise across the region', `The Kingsford flood was the worst in decades, the hydrology office said on Friday. ${filler(3)}`),
];

describeWithPg('PostgreSQL search ranking', () => {
  let database: { url: string; drop(): Promise<void> };
  let store: PostgresStore;
  beforeAll(async () => {
    database = await freshDatabase('newsdesk_ranking');
    store = await PostgresStore.open(database.url);
    await ingestIntoStore(store, cleanArticles(ARTICLES).articles);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('ranks the articles that say it up front first, then the rest', async ({ skip }) => {
    const hits = (await store.search({ text: 'Kingsford flood' })).hits;
    expect(hits.map((h) => h.article).sort()).toEqual(['deep', 'opening', 'title']);
    if (!(await usesRum(database.url))) skip('this server has no RUM extension: one tier, ts_rank_cd');
    expect(hits[2].article).toBe('deep');
    expect(hits[1].score).toBeGreaterThan(1);
    expect(hits[2].score).toBeLessThan(1);
    expect(hits[2].snippet).toMatch(/«Kingsford» «flood» and its cost\.$/);
    // Fewer lede matches than the limit: the second tier fills in after them.
    expect((await store.search({ text: 'Kingsford flood', limit: 2 })).hits.map((h) => h.article).sort()).toEqual(['opening', 'title']);
    // A filtered search ranks over whole texts, in one tier.
    const filtered = (await store.search({ text: 'Kingsford flood', from: '2026-01-01' })).hits;
    expect(filtered.map((h) => h.article).sort()).toEqual(['deep', 'opening', 'title']);
    expect(filtered.every((h) => h.score < 1)).toBe(true);
  });
});

async function usesRum(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'articles_search_rum'`)).rowCount === 1;
  } finally {
    await c.end();
  }
}
