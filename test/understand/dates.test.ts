// Date expressions resolved per sentence, and the day an event happened: fictional sentences for each rule (past bias,
// forward markers, precision, false positives chrono makes on news text), the real seeds, and the T17 corpora.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedRaws } from '../shared.js';
import { cleanArticles } from '../../src/clean/index.js';
import type { DateMention, RawArticle, Sentence } from '../../src/model.js';
import { splitSentences } from '../../src/text/sentences.js';
import { eventDate, findDates, referenceDate } from '../../src/understand/dates.js';

/** 2016-06-10 is a Friday. */
const FRIDAY = '2016-06-10';
const THURSDAY = '2016-06-09';

function dates(text: string, reference: string | null = FRIDAY): DateMention[] {
  return findDates(text, splitSentences(text), reference);
}
/** The single date expression found in `text`. */
function only(text: string, reference: string | null = FRIDAY): DateMention {
  const found = dates(text, reference);
  expect(found, `${text}: ${JSON.stringify(found)}`).toHaveLength(1);
  return found[0];
}
const brief = (d: DateMention) => ({ text: d.text, date: d.date, precision: d.precision });

describe('findDates: absolute expressions', () => {
  it('reads full dates, with or without a reference', () => {
    for (const ref of [FRIDAY, null]) {
      expect(brief(only('The envoys met in Valdoria on June 9, 2016 to sign the pact.', ref))).toEqual({ text: 'June 9, 2016', date: '2016-06-09', precision: 'day' });
      expect(brief(only('The pact was signed on 2016-06-09 in Valdoria.', ref))).toMatchObject({ date: '2016-06-09', precision: 'day' });
      expect(brief(only('Thursday 9 June 2016 was a quiet day in Port Elmar.', ref))).toMatchObject({ date: '2016-06-09', precision: 'day' });
    }
  });

  it('reads a day and month without a year against the reference, and leaves it unresolved without one', () => {
    expect(brief(only('The envoys arrived in Port Elmar on 9 June.'))).toEqual({ text: 'on 9 June', date: '2016-06-09', precision: 'day' });
    expect(brief(only('The ferry to Port Elmar sank on Jan. 5 after a storm.'))).toEqual({ text: 'Jan. 5', date: '2016-01-05', precision: 'day' });
    expect(only('The envoys arrived in Port Elmar on 9 June.', null)).toMatchObject({ date: null, precision: 'day' });
  });

  it('gives month and year precision', () => {
    expect(brief(only('The revolt in Valdoria began in March 2011.'))).toEqual({ text: 'March 2011', date: '2011-03', precision: 'month' });
    expect(brief(only('The revolt in Valdoria began in March 2011.', null))).toEqual({ text: 'March 2011', date: '2011-03', precision: 'month' });
    expect(brief(only('Mayor Quillon was first elected in 2012.'))).toEqual({ text: 'in 2012', date: '2012', precision: 'year' });
    expect(brief(only('Mayor Quillon has ruled the port since 2011.', null))).toEqual({ text: 'since 2011', date: '2011', precision: 'year' });
  });
});

describe('findDates: relative expressions', () => {
  it('resolves them against the reference', () => {
    expect(brief(only('Mayor Quillon resigned yesterday.'))).toEqual({ text: 'yesterday', date: '2016-06-09', precision: 'day' });
    expect(brief(only('The rebels left Port Elmar two days ago.'))).toEqual({ text: 'two days ago', date: '2016-06-08', precision: 'day' });
    expect(brief(only('Talks resumed last week in Valdoria.'))).toEqual({ text: 'last week', date: '2016-06', precision: 'month' });
    expect(brief(only('Fares will rise next month, the ferry company said.'))).toEqual({ text: 'next month', date: '2016-07', precision: 'month' });
    expect(brief(only('Earlier this year, the army took the port.'))).toEqual({ text: 'Earlier this year', date: '2016', precision: 'year' });
    expect(brief(only('The mayor was elected last year.'))).toEqual({ text: 'last year', date: '2015', precision: 'year' });
    expect(brief(only('The council meets today.'))).toEqual({ text: 'today', date: FRIDAY, precision: 'day' });
  });

  it('leaves them unresolved without a reference', () => {
    for (const text of ['Mayor Quillon resigned yesterday.', 'The rebels left two days ago.', 'Talks resumed last week.', 'Earlier this year, the army took the port.', 'They met on Thursday.']) {
      expect(only(text, null).date, text).toBeNull();
    }
  });
});

describe('findDates: news reports the past', () => {
  it('puts a weekday on or before the reference', () => {
    expect(brief(only('The envoys met on Thursday.'))).toEqual({ text: 'on Thursday', date: '2016-06-09', precision: 'day' });
    expect(only('The envoys met on Thursday.', THURSDAY).date).toBe('2016-06-09'); // the same day
    expect(only('The envoys met on Friday.', FRIDAY).date).toBe('2016-06-10');
    expect(only('The envoys met on Friday.', THURSDAY).date).toBe('2016-06-03'); // earlier in the week, not tomorrow
    expect(only('The envoys met on Saturday.').date).toBe('2016-06-04');
    expect(only('Quillon spoke Monday in the port.').date).toBe('2016-06-06');
    expect(only('The envoys met last Friday.').date).toBe('2016-06-03');
    expect(brief(only('The envoys met Thursday of last week.'))).toEqual({ text: 'Thursday of last week', date: '2016-06-02', precision: 'day' });
  });

  it('puts a weekday or a month on or after the reference when its clause speaks of the future', () => {
    expect(only('The envoys will meet on Monday.').date).toBe('2016-06-13');
    expect(only('The envoys will meet on Friday.').date).toBe('2016-06-10'); // the reference's own day
    expect(only('A second convoy is scheduled to leave Sunday morning.').date).toBe('2016-06-12');
    expect(only('Quillon plans to visit the port in September.').date).toBe('2016-09');
    expect(only('Elections will be held on March 3.').date).toBe('2017-03-03');
    // A reporting verb after the future word dates the report: "…, which will reopen, said Monday".
    expect(only('The port authority, which will reopen the harbour, said Monday that ships were waiting.').date).toBe('2016-06-06');
    // The future stays in its clause, and a modal with "have" is past.
    expect(only('The convoy will wait; the envoys met on Thursday.').date).toBe('2016-06-09');
    expect(only('The rebels may have left on Tuesday.').date).toBe('2016-06-07');
    expect(only('Quillon said the talks would be held on Wednesday in the port.', THURSDAY).date).toBe('2016-06-15');
    expect(only('The envoys would have met on Wednesday.', THURSDAY).date).toBe('2016-06-08');
  });

  it('puts a month without a year on or before the reference month', () => {
    expect(brief(only('Moscow sent ships last September.'))).toEqual({ text: 'last September', date: '2015-09', precision: 'month' });
    expect(only('The ships arrived in September.').date).toBe('2015-09'); // after the reference month: last year
    expect(only('The ships arrived in March.').date).toBe('2016-03'); // before it: this year
    expect(only('The ships arrived in June.').date).toBe('2016-06'); // the reference month itself
    expect(only('The ships left last March.').date).toBe('2016-03');
    expect(only('The ships left last June.').date).toBe('2015-06');
    expect(brief(only('The ships arrived in mid-June.'))).toEqual({ text: 'mid-June', date: '2016-06', precision: 'month' });
  });

  it('puts a day of a month without a year on or before the reference', () => {
    expect(only('The ships arrived on June 9.').date).toBe('2016-06-09');
    expect(only('The ships arrived on June 10.').date).toBe('2016-06-10');
    expect(only('The ships arrived on June 12.').date).toBe('2015-06-12');
    expect(only('The ships arrived on December 24.').date).toBe('2015-12-24');
  });

  it('keeps explicit future markers pointing forward', () => {
    expect(brief(only('The summit opens next Tuesday.'))).toEqual({ text: 'next Tuesday', date: '2016-06-14', precision: 'day' });
    expect(only('The summit opens this coming Thursday.').date).toBe('2016-06-16');
    expect(only('The summit opens next September.').date).toBe('2016-09');
    expect(only('The summit opens next March.').date).toBe('2017-03');
    expect(only('The summit opens tomorrow.').date).toBe('2016-06-11');
    expect(dates('Results should be seen in the coming days, he said.')).toEqual([]);
  });
});

describe('findDates: what is not a date', () => {
  const none = [
    'Quillon, 58, said 98 percent of the port agreed.', // ages, percentages
    'Prices rose 12% to 2,016 crowns in 1,200 shops.', // bare numbers
    'The results may be seen soon, and he may resign.', // "may" the verb
    'Protesters will march on the harbour.', // "march" the verb
    'Protesters March on Harbour', // a title-case headline
    'Prime Minister Theresa May said the port was safe.', // a name
    'The doors opened at 10 a.m. sharp.', // a time alone
    'Valdoria is the second city of the coast.', // "second"
    'The ferry is now running again.', // "now"
    'It was the worst attack since 9/11, and 3/4 of the town fled.', // slash numbers
    'Trade doubled for the first time in two years.', // a duration
    'He fled, and the next day the port fell. Two days later it was retaken.', // counted from the story
    'The Sunday Times and Sun readers read it on Black Friday.', // titles and named days
    'The port was hit in the past two weeks.', // a duration
    'In 2000 homes the lights went out.', // a count
  ];
  for (const text of none) {
    it(`finds nothing in: ${text}`, () => {
      expect(dates(text).map(brief)).toEqual([]);
    });
  }

  it('keeps the date beside a time, and not the time', () => {
    expect(brief(only('The council met at 10 a.m. on Thursday.'))).toEqual({ text: 'on Thursday', date: '2016-06-09', precision: 'day' });
  });

  it('does not take a count after a day for a year', () => {
    expect(brief(only('On June 9, 16 people died in the port.'))).toEqual({ text: 'June 9', date: '2016-06-09', precision: 'day' });
  });
});

describe('findDates: offsets and sentences', () => {
  const text = 'Talks opened in Valdoria.\nThe envoys met on Thursday, and Quillon left last September. He returned in 2012.\nNo date here.';
  const sentences = splitSentences(text);
  const found = findDates(text, sentences, FRIDAY);

  it('indexes the text and the sentence holding each expression', () => {
    expect(found.map((d) => [d.text, d.sentence])).toEqual([
      ['on Thursday', 1],
      ['last September', 1],
      ['in 2012', 2],
    ]);
    for (const d of found) {
      expect(text.slice(d.start, d.end)).toBe(d.text);
      expect(d.start).toBeGreaterThanOrEqual(sentences[d.sentence].start);
      expect(d.end).toBeLessThanOrEqual(sentences[d.sentence].end);
    }
  });

  it('does not run an expression across a line break', () => {
    const two = 'The ships came in September\n2016 was a hard year for the port.';
    expect(findDates(two, splitSentences(two), FRIDAY).map(brief)).toEqual([{ text: 'September', date: '2015-09', precision: 'month' }]);
  });
});

describe('referenceDate', () => {
  it('takes the publication date when given', () => {
    expect(referenceDate({ published: '2016-06-11', text: 'The envoys met on June 9, 2016.', removed: [] })).toBe('2016-06-11');
  });

  it('else takes the latest full date in the text or in a removed caption', () => {
    expect(referenceDate({ published: null, text: 'The revolt began on March 15, 2011. The envoys met on June 2, 2016.', removed: [] })).toBe('2016-06-02');
    expect(
      referenceDate({
        published: null,
        text: 'The envoys met on Thursday.',
        removed: [
          { line: 'Envoys meet in Port Elmar on June 9, 2016. (Photo by Harbour Press)', reason: 'photo caption or credit' },
          { line: 'Read on July 1, 2016', reason: 'page furniture' },
        ],
      }),
    ).toBe('2016-06-09');
  });

  it('is null when nothing gives a full date', () => {
    expect(referenceDate({ published: null, text: 'The envoys met on Thursday, June 9.', removed: [] })).toBeNull();
  });
});

describe('eventDate', () => {
  function article(published: string | null, text: string) {
    const sentences = splitSentences(text);
    const a = { published, text, removed: [] as Array<{ line: string; reason: string }>, sentences };
    return { ...a, dates: findDates(text, sentences, referenceDate(a)) };
  }

  it('lets the ledes decide, one vote share per article', () => {
    const long = article(
      '2016-06-10',
      'The envoys met in Port Elmar on Thursday. ' + Array.from({ length: 8 }, () => 'The treaty of June 1 was cited again.').join(' '),
    );
    const short1 = article('2016-06-10', 'Envoys met on Thursday in the port.');
    const short2 = article('2016-06-11', 'The envoys met on June 9 in Port Elmar.');
    expect(eventDate([long, short1, short2])).toBe('2016-06-09');
    // Alone, the long article's many mentions outweigh its lede.
    expect(eventDate([long])).toBe('2016-06-01');
  });

  it('ignores days after the article reference, and re-reads undated articles against the event', () => {
    const dated = article('2016-06-10', 'The council will vote on June 20, 2016. The envoys met on Thursday.');
    const undated = article(null, 'The envoys met on Thursday in Port Elmar.');
    expect(undated.dates[0].date).toBeNull();
    expect(eventDate([dated, undated])).toBe('2016-06-09');
  });

  it('falls back to the day before the earliest publication, else null', () => {
    expect(eventDate([article('2016-06-10', 'Envoys met in the port.'), article('2016-03-01', 'Talks went on in March.')])).toBe('2016-02-29');
    expect(eventDate([article(null, 'Envoys met in the port on Thursday.')])).toBeNull();
  });
});

describe('the seeds', () => {
  const raws: RawArticle[] = seedRaws();
  const { articles } = cleanArticles(raws);
  const read = articles.map((a) => {
    const sentences: Sentence[] = splitSentences(a.text);
    return { ...a, sentences, dates: findDates(a.text, sentences, referenceDate(a)) };
  });
  const byPrefix = new Map(read.map((a) => [a.id.slice(0, 3), a]));

  it('dates the Tehran meeting of 000–003 to Thursday 9 June 2016', () => {
    expect(referenceDate(byPrefix.get('002')!)).toBe('2016-06-09'); // from the photo caption
    expect(eventDate(read.filter((a) => /^00[0-3]/.test(a.id)))).toBe('2016-06-09');
  });

  it('reads 001, 002 and 003 as they are written', () => {
    const first = byPrefix.get('001')!.dates[0];
    expect([first.text, first.sentence]).toEqual(['June 9', 0]);
    const thursday = byPrefix.get('002')!.dates.find((d) => /Thursday/.test(d.text))!;
    expect(thursday.date).toBe('2016-06-09');
    const a3 = byPrefix.get('003')!;
    const friday = findDates(a3.text, a3.sentences, '2016-06-10').find((d) => d.text === 'on Friday')!;
    expect(friday).toMatchObject({ date: '2016-06-10', precision: 'day', sentence: 2 });
    const a1 = byPrefix.get('001')!;
    const september = findDates(a1.text, a1.sentences, '2016-06-10').find((d) => d.text === 'last September')!;
    expect(september).toMatchObject({ date: '2015-09', precision: 'month' });
  });
});

describe.each(['egypt', 'finan', 'h1n1', 'haiti', 'mj'])('T17 %s', (topic) => {
  const file = fileURLToPath(new URL(`../../../shared/data/t17/${topic}/articles.jsonl`, import.meta.url));
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; published: string; text: string });

  it('finds dates in every article with offsets into its text, never past a year after publication without a written year', () => {
    let total = 0;
    for (const r of records) {
      const sentences = splitSentences(r.text);
      const found = findDates(r.text, sentences, r.published);
      const limit = `${Number(r.published.slice(0, 4)) + 1}${r.published.slice(4)}`;
      for (const d of found) {
        total++;
        expect(r.text.slice(d.start, d.end), r.id).toBe(d.text);
        const s = sentences[d.sentence];
        expect(d.start >= s.start && d.end <= s.end, `${r.id}: ${d.text}`).toBe(true);
        expect(d.date, `${r.id}: ${d.text}`).toMatch(d.precision === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : d.precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}$/);
        if (/\d{4}/.test(d.text)) continue;
        const first = d.precision === 'day' ? d.date! : d.precision === 'month' ? `${d.date}-01` : `${d.date}-01-01`;
        expect(first <= limit, `${r.id} (${r.published}): ${d.text} → ${d.date}`).toBe(true);
      }
    }
    expect(total).toBeGreaterThan(records.length); // news copy names dates
  });
});
