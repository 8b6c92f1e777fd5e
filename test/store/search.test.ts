// Full-text search in the store: ranked hits with the matching passage, a name finding its other spellings, filters
// by date, outlet and entity, and the search index built for a store written before search existed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeArticles, readAndClean } from '../../src/pipeline/index.js';
import { cleanArticles } from '../../src/clean/index.js';
import { Store } from '../../src/store/index.js';
import { SEEDS, t17Raws } from '../shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function storeOf(name: string, articles: Awaited<ReturnType<typeof readAndClean>>['articles']): Promise<Store> {
  const store = Store.open(path.join(dir, `${name}.db`));
  store.upsertArticles(articles);
  const analysis = analyzeArticles(store.articles());
  store.saveAnalysis(analysis.articles, analysis.events, analysis.merged);
  return store;
}

const seeds = await storeOf('seeds', (await readAndClean([SEEDS])).articles);
const ids = (hits: Array<{ article: string }>) => hits.map((h) => h.article.slice(0, 3)).sort();

describe('search', () => {
  it('finds every spelling of a name: Dehqan finds the reports that write Dehghan', () => {
    const r = seeds.search({ text: 'Dehqan' });
    expect(r.searched).toEqual(expect.arrayContaining(['Dehqan', 'Dehghan', 'Hossein Dehghan']));
    expect(ids(r.hits)).toEqual(['000', '001', '002']);
    expect(r.hits.find((h) => h.article.startsWith('001'))!.snippet).toMatch(/«Hossein Dehghan»|«Dehghan»/);
    expect(ids(seeds.search({ text: 'Teheran' }).hits)).toEqual(expect.arrayContaining(['000', '001', '002', '003']));
  });

  it('requires every word of a query that is not a name, and ranks the hits', () => {
    const r = seeds.search({ text: 'Palmyra Tabqa' });
    expect(ids(r.hits)).toEqual(['001']);
    expect(seeds.search({ text: 'Palmyra Shamkhani' }).hits).toEqual([]);
    const ranked = seeds.search({ text: 'terrorists' }).hits.map((h) => h.score);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    expect(seeds.search({ text: 'terrorists' }).hits.every((h) => h.event)).toBe(true);
  });

  it('filters by outlet and by entity', () => {
    expect(ids(seeds.search({ text: 'Dehqan', outlet: 'press tv' }).hits)).toEqual(['002']);
    // Articles naming Shamkhani (002 and 003) that also write "terrorism".
    expect(ids(seeds.search({ text: 'terrorism', entity: 'Shamkhani' }).hits)).toEqual(['002', '003']);
  });

  it('treats query syntax as words', () => {
    for (const text of ['"unbalanced', 'NEAR(a b)', 'title:Tehran', 'a OR', '*']) expect(() => seeds.search({ text })).not.toThrow();
    expect(seeds.search({ text: '   ' }).hits).toEqual([]);
  });

  it('filters by publication date on a T17 topic', async () => {
    const haiti = await storeOf('haiti', cleanArticles(t17Raws('haiti')).articles);
    const all = haiti.search({ text: 'earthquake', limit: 500 }).hits;
    const week = haiti.search({ text: 'earthquake', from: '2010-01-12', to: '2010-01-15', limit: 500 }).hits;
    expect(week.length).toBeGreaterThan(0);
    expect(week.length).toBeLessThan(all.length);
    expect(week.every((h) => h.published! >= '2010-01-12' && h.published! <= '2010-01-15')).toBe(true);
    haiti.close();
  });

  it('builds the index for a store written before search existed', () => {
    const file = path.join(dir, 'old.db');
    const store = Store.open(file);
    store.upsertArticles(seeds.articles());
    store.close();
    // Back to schema 2, as an earlier newsdesk left it.
    const db = new Database(file);
    db.exec('DROP TABLE article_search; DROP TABLE entity_spellings; DROP TABLE entity_articles;');
    db.pragma('user_version = 2');
    db.close();
    const reopened = Store.open(file);
    expect(ids(reopened.search({ text: 'Palmyra' }).hits)).toEqual(['001']);
    reopened.close();
  });
});
