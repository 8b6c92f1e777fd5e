// Publication dates as inputs give them: a date that cannot be (31 February, 25:99) is warned about and not used —
// Date.parse moved it to 2 March without a word — and a numeric zone converts the time as a named one does.
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry, parseGivenDate, readGivenDate } from '../../src/clean/index.js';
import type { RawArticle } from '../../src/model.js';

const registry = OutletRegistry.load();
const BODY = 'The river rose two metres overnight and the mayor of Port Elmar ordered the old town cleared.';

function given(published: string): RawArticle {
  return { id: 'd', source: 'd.jsonl:1', format: 'jsonl', title: 'Flood in Port Elmar', text: BODY, published };
}

describe('publication dates that cannot be', () => {
  it('are not read as another day', () => {
    for (const value of ['Thu, 31 Feb 2016 00:00:00 GMT', '2016-02-31T10:00:00Z', '2016-02-31', '31 February 2016', '2015-02-29T08:00:00+01:00']) {
      expect(parseGivenDate(value), value).toBeNull();
      expect(readGivenDate(value), value).toMatchObject({ day: null, impossible: true, problem: expect.stringMatching(/(31 February 2016|29 February 2015) does not exist/) });
    }
    expect(readGivenDate('2016-13-01')).toMatchObject({ day: null, impossible: true, problem: 'there is no month 13' });
  });

  it('nor are impossible times and zones', () => {
    expect(readGivenDate('2016-06-09T25:99')).toEqual({ day: null, impossible: true, problem: 'the time 25:99 does not exist' });
    expect(readGivenDate('2016-06-09T10:61:00Z')).toMatchObject({ day: null, impossible: true });
    expect(readGivenDate('Thu, 09 Jun 2016 13:10 PM')).toMatchObject({ day: null, impossible: true });
    expect(readGivenDate('2016-06-09T23:00:00+25:00')).toMatchObject({ day: null, impossible: true, problem: 'the time zone +25:00 does not exist' });
  });

  it('are warned about when given, and not used', () => {
    for (const value of ['Thu, 31 Feb 2016 00:00:00 GMT', '2016-02-31T10:00:00Z', '2016-06-09T25:99']) {
      const { articles, diagnostics } = cleanArticles([given(value)], { registry });
      expect(articles).toHaveLength(1);
      expect(articles[0].published, value).toBeNull();
      expect(diagnostics, value).toEqual([{ source: 'd.jsonl:1', reason: expect.stringMatching(/^publication date impossible, not used: ".*" \(.* does not exist\)$/), severity: 'warning' }]);
    }
  });

  it("are warned about in a page's metadata too, and the date written on the page is used instead", () => {
    const html = `<html><head><title>Flood in Port Elmar</title><meta property="article:published_time" content="2016-02-31T10:00:00Z"></head>
      <body><p>June 9, 2016</p><p>${BODY}</p></body></html>`;
    const { articles, diagnostics } = cleanArticles([{ id: 'p', source: 'p.html', format: 'html', html }], { registry });
    expect(articles[0].published).toBe('2016-06-09');
    expect(articles[0].publishedFrom).toBe('text');
    expect(diagnostics).toEqual([{ source: 'p.html', reason: expect.stringContaining('publication date in the page\'s metadata impossible, not used: "2016-02-31T10:00:00Z"'), severity: 'warning' }]);
  });

  it('a date that is no date at all is still "not understood"', () => {
    const { diagnostics } = cleanArticles([given('next Tuesday-ish')], { registry });
    expect(diagnostics.map((d) => d.reason)).toEqual(['publication date not understood: "next Tuesday-ish"']);
  });
});

describe('times with a zone', () => {
  it('convert a numeric zone as they convert a named one', () => {
    // 23:30 in New York in winter is 04:30 the next day in UTC, written either way.
    expect(parseGivenDate('Thu, 09 Jun 2016 23:30:00 -0500')).toBe('2016-06-10');
    expect(parseGivenDate('Thu, 09 Jun 2016 23:30:00 EST')).toBe('2016-06-10');
    expect(parseGivenDate('Thu, 09 Jun 2016 23:30:00 -05:00')).toBe('2016-06-10');
    expect(parseGivenDate('2016-06-09 23:30:00 -0500')).toBe('2016-06-10');
    expect(parseGivenDate('June 9, 2016 10:30 PM EDT')).toBe('2016-06-10');
    expect(parseGivenDate('Fri Jun 10 2016 01:10:00 GMT+0200 (CEST)')).toBe('2016-06-09');
    expect(parseGivenDate('2016-06-10T01:10:00+05:30')).toBe('2016-06-09');
    expect(parseGivenDate('2016-06-09T22:00:00-12:00')).toBe('2016-06-10');
  });

  it('keep the written day without a zone, or with a zone name that means several', () => {
    expect(parseGivenDate('2016-06-09T23:30:00')).toBe('2016-06-09');
    expect(parseGivenDate('Thu, 09 Jun 2016 23:30:00')).toBe('2016-06-09');
    expect(parseGivenDate('Thu, 09 Jun 2016 23:30:00 IST')).toBe('2016-06-09');
  });

  it('read the forms feeds and pages give as before', () => {
    expect(parseGivenDate('2016-06-09')).toBe('2016-06-09');
    expect(parseGivenDate('20160609')).toBe('2016-06-09');
    expect(parseGivenDate('Thu, 09 Jun 2016 22:10:00 GMT')).toBe('2016-06-09');
    expect(parseGivenDate('2016-06-09T23:30:00-02:00')).toBe('2016-06-10');
    expect(parseGivenDate('2016-06-09T10:00:00.000Z')).toBe('2016-06-09');
    expect(parseGivenDate('June 9, 2016')).toBe('2016-06-09');
    expect(parseGivenDate('9th of June, 2016')).toBe('2016-06-09');
    expect(parseGivenDate('soon')).toBeNull();
    expect(parseGivenDate('2999-01-01')).toBeNull();
  });
});
