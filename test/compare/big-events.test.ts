// Very big events (a flood of near-identical briefs): the coverage matrix reads a sample of the reports (every outlet's
// share, spread over its reporting) instead of comparing every pair of sentences, and the note counts what it would
// otherwise list — so an event of 100,000 reports is compared in seconds and its comparison stays small.
import { describe, expect, it } from 'vitest';
import type { Article, Comparison, OutletCoverage } from '../../src/model.js';
import { compareEvent, factSample, MAX_FACT_ARTICLES, writeNote } from '../../src/compare/index.js';
import { understandArticle } from '../../src/understand/index.js';

function article(id: string, outlet: string | undefined, text: string, day = 1): Article {
  return {
    id, source: id, url: null, outlet: outlet ?? null, title: null, published: `2024-03-${String(day).padStart(2, '0')}`, authors: [], agencies: [],
    dateline: null, language: 'en', text, removed: [],
  } as unknown as Article;
}

describe('factSample', () => {
  it('reads every report of an event up to the limit', () => {
    const articles = Array.from({ length: 30 }, (_, i) => article(`a${i}`, 'Wire', 'x'));
    expect(factSample(articles, 30)).toEqual(articles.map((_, i) => i));
  });

  it('gives every outlet an equal share, a small outlet giving back what it cannot use, each share spread first to last', () => {
    const articles = [
      ...Array.from({ length: 900 }, (_, i) => article(`big${i}`, 'Big Wire', 'x')),
      ...Array.from({ length: 50 }, (_, i) => article(`mid${i}`, 'Mid Post', 'x')),
      ...Array.from({ length: 10 }, (_, i) => article(`small${i}`, 'Small Times', 'x')),
    ];
    const chosen = factSample(articles, 100).map((i) => articles[i].id);
    expect(chosen).toHaveLength(100);
    const of = (prefix: string) => chosen.filter((id) => id.startsWith(prefix));
    expect(of('small')).toHaveLength(10); // all of it: fewer than its share of 33
    expect(of('mid')).toHaveLength(45);
    expect(of('big')).toHaveLength(45);
    // Spread: the outlet's first and last reports are in, and the steps between are even.
    expect(of('big')[0]).toBe('big0');
    expect(of('big').at(-1)).toBe('big899');
    expect(of('mid')[0]).toBe('mid0');
    expect(of('mid').at(-1)).toBe('mid49');
    // In reading order, each report once.
    expect(new Set(chosen).size).toBe(100);
  });

  it('with more outlets than places, takes one report of each of the earliest outlets', () => {
    const articles = Array.from({ length: 150 }, (_, i) => article(`r${i}`, `Outlet ${i}`, 'x'));
    expect(factSample(articles, 100)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('comparing a very big event', () => {
  const TOWNS = ['Aldport', 'Brennick', 'Corrow', 'Dunmere'];
  // A name of letters for a number: each group of three briefs (one an outlet) shares a sentence with a rare name.
  const nameOf = (k: number) => 'Kel' + [...k.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('') + 'dor';
  const brief = (i: number) =>
    `Officials in ${TOWNS[i % 4]} said the council approved the bridge repair budget on Tuesday after a long debate. Inspector ${nameOf(Math.floor(i / 3))} said the repairs to the old stone bridge would begin on Monday morning.`;
  const articles = Array.from({ length: MAX_FACT_ARTICLES + 500 }, (_, i) => article(`b${i}`, ['Wire One', 'Wire Two', 'Daily Three'][i % 3], brief(i), 1 + (i % 28)));
  const understood = articles.map(understandArticle);
  const comparison = compareEvent({ articles: understood.map((u) => u.article), sentences: understood.map((u) => u.sentences), quotes: [] });

  it('reads its facts from a sample, says so, and cites only reports of the sample', () => {
    expect(comparison.factsRead).toEqual({ articles: MAX_FACT_ARTICLES, of: articles.length });
    const sampled = new Set(factSample(understood.map((u) => u.article)).map((i) => articles[i].id));
    const cited = comparison.facts.flatMap((f) => f.citations.map((c) => c.article));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((id) => sampled.has(id))).toBe(true);
    // Facts are still found across outlets: the three briefs of a group that the sample holds whole share one.
    expect(comparison.facts.some((f) => f.outlets.length === 3)).toBe(true);
  });

  it('an event within the limit is read whole and says nothing of a sample', () => {
    const small = understood.slice(0, 60);
    const c = compareEvent({ articles: small.map((u) => u.article), sentences: small.map((u) => u.sentences), quotes: [] });
    expect(c.factsRead).toBeUndefined();
  });
});

describe('the note of a very big event', () => {
  const outlet = (i: number, copies: number): OutletCoverage => ({
    outlet: `Outlet ${i}`, identified: true, country: null, kind: null, articles: [`o${i}-a`], first: null, last: null, agencies: [],
    copies: Array.from({ length: copies }, (_, k) => ({ article: `o${i}-c${k}`, of: 'wire-1', outlet: 'Wire' })),
  });
  const c: Omit<Comparison, 'note'> = { outlets: Array.from({ length: 40 }, (_, i) => outlet(i, 3)), facts: [], quotes: [], framing: [] };
  const note = writeNote(c);

  it('names the first outlets and counts the rest', () => {
    expect(note[0].text).toMatch(/^40 outlets reported this event: Outlet 0, Outlet 1, .*Outlet 11 and 28 other outlets\.$/);
    expect(note[0].citations).toHaveLength(12);
  });

  it('tells five copies one by one and counts the others in one sentence with a bounded list of citations', () => {
    const copies = note.filter((s) => /copies Wire’s report/.test(s.text));
    expect(copies).toHaveLength(5);
    const counted = note.find((s) => /^115 more reports copy earlier ones nearly word for word\.$/.test(s.text));
    expect(counted?.citations).toHaveLength(12);
    expect(note.every((s) => s.citations.length <= 12)).toBe(true);
  });
});
