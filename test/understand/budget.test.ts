// The time budget of one article: past it, the stages not yet run are skipped, the article is kept with what was
// done, and the ingest warns, naming the article. Clocks are the tests' own (time passes when the code looks at it),
// so what is cut does not depend on the speed of the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { openStore } from '../../src/store/index.js';
import { Budget, understandArticleWithin } from '../../src/understand/index.js';

function article(id: string, text: string): Article {
  return { id, source: `${id}.txt`, url: null, title: 'Prices in Lagos', outlet: null, agencies: [], credits: [], dateline: null, published: '2016-06-10', publishedFrom: 'given', language: 'en', text, removed: [] };
}

/** A clock that moves on `step` ms each time it is read. */
function ticking(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

const PARAGRAPH = 'President Ada Okafor said prices rose in Lagos on Monday.';

describe('the time budget of an article', () => {
  it('keeps everything when the budget is not spent', () => {
    const u = understandArticleWithin(article('a', `${PARAGRAPH}\n${PARAGRAPH}`), Budget.unlimited());
    expect(u.unfinished).toBeUndefined();
    expect(u.names.map((n) => n.text)).toContain('Ada Okafor');
    expect(u.article.dates?.map((d) => d.date)).toEqual(['2016-06-06', '2016-06-06']);
  });

  it('spent at once: the sentences are kept, names and dates skipped, and it says so', () => {
    const u = understandArticleWithin(article('a', `${PARAGRAPH}\n${PARAGRAPH}`), new Budget(0));
    expect(u.sentences).toHaveLength(2);
    expect(u.article.sentences).toHaveLength(2);
    expect(u.names).toEqual([]);
    expect(u.article.dates).toEqual([]);
    expect(u.unfinished).toEqual(['names and dates not read']);
  });

  it('spent while the dates are read: the dates of the text read so far are kept', () => {
    const text = Array.from({ length: 3000 }, () => PARAGRAPH).join('\n'); // about nine pieces of text for chrono
    const all = understandArticleWithin(article('a', text), Budget.unlimited()).article.dates!;
    // The clock is read when the budget starts, before names, before dates, then before each piece: the fifth piece
    // finds it spent.
    const u = understandArticleWithin(article('a', text), new Budget(70, ticking(10)));
    const dates = u.article.dates!;
    expect(u.names.length).toBeGreaterThan(0);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.length).toBeLessThan(all.length);
    expect(dates).toEqual(all.slice(0, dates.length));
    const cut = /^dates read in the first ([\d,]+) of ([\d,]+) characters$/.exec(u.unfinished?.[0] ?? '');
    expect(cut, String(u.unfinished)).not.toBeNull();
    expect(Number(cut![2].replace(/,/g, ''))).toBe(text.length);
    const readTo = Number(cut![1].replace(/,/g, ''));
    expect(dates.every((d) => d.end <= readTo)).toBe(true);
    expect(all.some((d) => d.start >= readTo)).toBe(true);
  });
});

describe('an ingest past the budget', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-budget-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the article with what was done and warns, naming it and the reason', async () => {
    const store = await openStore(path.join(dir, 'budget.db'));
    try {
      const lines: string[] = [];
      const slow = article('slow', `${PARAGRAPH}\nTraders said stocks would last a week.`);
      const quick = article('quick', 'Minister Jan Novak visited Port Elmar on Tuesday.');
      await ingestIntoStore(store, [slow], {}, { articleBudgetMs: 0, log: (line) => lines.push(line) });
      await ingestIntoStore(store, [quick], {}, { log: (line) => lines.push(line) });
      expect(lines).toEqual([`newsdesk: warning: slow.txt: understanding took longer than its 0 s budget: names and dates not read; stored with what was done`]);
      const stored = await store.article('slow');
      expect(stored?.text).toBe(slow.text);
      expect(stored?.sentences).toHaveLength(2);
      expect(stored?.dates).toEqual([]);
      expect(await store.eventOf('slow')).toBeDefined();
      expect((await store.article('quick'))?.dates?.length).toBe(1);
    } finally {
      await store.close();
    }
  });
});
