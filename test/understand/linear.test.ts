// Understanding an article costs time in proportion to its length, whatever its shape: 40,000 paragraphs naming a
// weekday, thousands of people of one surname, thousands of copies of one quote. Each case was quadratic (an ingest
// of one 9.5 MB page did not finish in 15 minutes). Work is counted where it can be (name comparisons); where it
// cannot, CPU time is compared between an input and one four times its size: linear is about 4×, quadratic 16× (less
// where a linear part weighs in: 11× to 20× measured before the fixes), and the bounds (8× or 10×) leave room for a
// loaded machine on both sides.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DateMention } from '../../src/model.js';
import { findDates } from '../../src/understand/dates.js';
import type { NameMention } from '../../src/understand/entities.js';
import { mergeQuotes, type AttributedQuote } from '../../src/understand/quotes.js';
import { resolveEntities } from '../../src/understand/resolve.js';

/** Name comparisons made by name resolution, counted through the text module it calls. */
const comparisons = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/text/index.js', async (importOriginal) => {
  const text = await importOriginal<typeof import('../../src/text/index.js')>();
  return {
    ...text,
    sameNamePart: (a: string, b: string) => (comparisons.count++, text.sameNamePart(a, b)),
    compatibleGivenName: (a: string, b: string) => (comparisons.count++, text.compatibleGivenName(a, b)),
  };
});

/** A made-up given name for each number, its consonants apart: no two are one name respelt (Jassim/Jassem). */
function givenName(i: number): string {
  const consonants = 'bdfklmnprt';
  const name = [...String(i + 10_000)].map((digit, at) => `${consonants[+digit]}${'aeiou'[at]}s`).join('');
  return name[0].toUpperCase() + name.slice(1);
}

/** CPU milliseconds `run` takes: the lesser of two runs (the first also warms the code up). */
function cpuMs(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** How much more `run(4n)` costs than `run(n)`, in CPU time. */
function growth(n: number, run: (size: number) => unknown): number {
  run(Math.ceil(n / 4)); // compile and warm up before anything is timed
  return cpuMs(() => run(4 * n)) / Math.max(1, cpuMs(() => run(n)));
}

describe('dates: linear in the text', () => {
  const REFERENCE = '2016-06-10';

  it('reads 4× the paragraphs in about 4× the time (chrono re-read the text before every date: quadratic)', () => {
    const paragraphs = (n: number) => Array.from({ length: n }, () => 'Prices rose in Lagos on Monday, traders said.').join('\n');
    expect(growth(6000, (n) => findDates(paragraphs(n), [], REFERENCE))).toBeLessThan(8);
  });

  it('reads one long line of 4× the dates in about 4× the time (no line breaks to read it by)', () => {
    // "may" is checked against the words before it, "end of" before a month, a year after a day: each looked back over
    // all the text before it.
    const line = (n: number) => Array.from({ length: n }, () => 'Prices may rise in Lagos on Monday, traders said at the end of June.').join(' ');
    expect(growth(3000, (n) => findDates(line(n), [], REFERENCE))).toBeLessThan(10);
  });

  it('still reads what the words around a date say, far into a long text', () => {
    const filler = 'Traders in Lagos counted their stock. '.repeat(4000);
    const found = (text: string): DateMention[] => findDates(text, [], REFERENCE).filter((d) => d.start >= filler.length);
    expect(found(`${filler}Prices fell at the end of June, traders said.`).map((d) => [d.text, d.date, d.precision])).toEqual([['end of June', '2016-06', 'month']]);
    expect(found(`${filler}People may leave, traders said.`)).toEqual([]); // "may": a verb, not the month
    expect(found(`${filler}Prices fell on June 9, 2015, traders said.`).map((d) => d.date)).toEqual(['2015-06-09']);
  });
});

describe('names: resolved with work linear in the mentions', () => {
  beforeEach(() => {
    comparisons.count = 0;
  });

  /** `n` people called Smith, each named in full twice, and "Smith" alone after each. */
  function smiths(n: number): Array<{ article: string; mentions: NameMention[] }> {
    const mentions: NameMention[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < n; i++) {
        const text = `${givenName(i)} Smith`;
        mentions.push({ start: 0, end: text.length, text, type: 'person', sentence: i });
        mentions.push({ start: 0, end: 5, text: 'Smith', type: 'unknown', hint: 'person', sentence: i });
      }
    }
    return [{ article: 'a', mentions }];
  }

  it('compares names about 4× as often for 4× the people of one surname (every new name met every earlier one)', () => {
    const small = resolveEntities(smiths(1000));
    const fewer = comparisons.count;
    comparisons.count = 0;
    const large = resolveEntities(smiths(4000));
    const more = comparisons.count;
    expect(small.entities.filter((e) => e.type === 'person')).toHaveLength(1000);
    expect(large.entities.filter((e) => e.type === 'person')).toHaveLength(4000);
    expect(more / fewer).toBeLessThan(6);
  });

  it('still joins the spellings of one person and keeps two people apart', () => {
    const mentions = ['Hossein Dehghan', 'Hossein Dehqan', 'H. Dehghan', 'Hafez al-Assad', 'Bashar al-Assad', 'Dehghan'].map(
      (text, i): NameMention => ({ start: 0, end: text.length, text, type: i === 5 ? 'unknown' : 'person', hint: 'person', sentence: i }),
    );
    const { entities } = resolveEntities([{ article: 'a', mentions }]);
    expect(entities.map((e) => [e.name, e.mentions]).sort()).toEqual([
      ['Bashar al-Assad', 1],
      ['Hafez al-Assad', 1],
      ['Hossein Dehghan', 4],
    ]);
  });
});

describe('quotes: merged in time linear in their number', () => {
  /** `n` quotes: 50 statements by 50 speakers, each repeated down the page. */
  function repeated(n: number): AttributedQuote[] {
    return Array.from({ length: n }, (_, i): AttributedQuote => {
      const k = i % 50;
      return {
        article: `a${i % 7}`,
        quote: { text: `We will not leave our homes in district ${k}, whatever they send against us`, start: 0, end: 0, sentence: i, partial: false, speaker: null },
        speaker: { name: `Speaker ${givenName(k)}`, role: null },
      };
    });
  }

  it('merges 4× the copies in about 4× the time (each copy was compared with every earlier one)', () => {
    const quotes = mergeQuotes(repeated(8000));
    expect(quotes).toHaveLength(50);
    expect(quotes.every((q) => q.articles.length === 7 && q.variants.length === 1)).toBe(true);
    expect(growth(8000, (n) => mergeQuotes(repeated(n)))).toBeLessThan(8);
  });
});
