// Timeline metrics (date F1; concat, agreement and aligned ROUGE) against values worked out by hand, and the T17 gold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  agreementRouge,
  alignedRouge,
  concatRouge,
  dateF1,
  evaluateTimeline,
  readTimelineJson,
  readTimelineJsonl,
  type Timeline,
} from '../../src/eval/timeline.js';
import { T17, T17_TOPICS } from '../shared.js';

function expectPRF(actual: { precision: number; recall: number; f1: number }, precision: number, recall: number, f1: number) {
  expect(actual.precision).toBeCloseTo(precision, 10);
  expect(actual.recall).toBeCloseTo(recall, 10);
  expect(actual.f1).toBeCloseTo(f1, 10);
}

const tl = (o: Record<string, string>): Timeline => Object.entries(o).map(([date, text]) => ({ date, sentences: [text] }));
const zero = { precision: 0, recall: 0, f1: 0 };

describe('dateF1', () => {
  it('scores the sets of dates', () => {
    // sys {01, 02, 05}, ref {01, 05, 09, 10}: 2 shared. P = 2/3, R = 2/4, F1 = 2·(1/3)/(7/6) = 4/7.
    const s = tl({ '2011-01-01': 'a', '2011-01-02': 'a', '2011-01-05': 'a' });
    const r = tl({ '2011-01-01': 'a', '2011-01-05': 'a', '2011-01-09': 'a', '2011-01-10': 'a' });
    expectPRF(dateF1(s, r), 2 / 3, 1 / 2, 4 / 7);
  });
});

describe('timeline ROUGE on a small example', () => {
  // Reference: 01-25 "protests begin in cairo" (4 words, 3 bigrams), 02-11 "mubarak resigns" (2 words, 1 bigram).
  // System:    01-25 "protests begin"          (2 words, 1 bigram),  02-10 "mubarak resigns" (2 words, 1 bigram).
  const ref = tl({ '2011-01-25': 'Protests begin in Cairo', '2011-02-11': 'Mubarak resigns' });
  const sys = tl({ '2011-01-25': 'Protests begin', '2011-02-10': 'Mubarak resigns' });

  it('concat ignores dates', () => {
    // ROUGE-1: sys "protests begin mubarak resigns" (4), ref 6 words, all 4 shared. P = 1, R = 2/3, F1 = (4/3)/(5/3) = 4/5.
    expectPRF(concatRouge(sys, ref, 1), 1, 2 / 3, 4 / 5);
    // ROUGE-2 (bigrams run across entries, in date order): sys protests begin, begin mubarak, mubarak resigns (3);
    // ref protests begin, begin in, in cairo, cairo mubarak, mubarak resigns (5); shared 2.
    // P = 2/3, R = 2/5, F1 = 2·(4/15)/(16/15) = 1/2.
    expectPRF(concatRouge(sys, ref, 2), 2 / 3, 2 / 5, 1 / 2);
  });

  it('agreement counts only same-date overlap', () => {
    // ROUGE-1: only 01-25 is shared: overlap(protests begin, protests begin in cairo) = 2.
    // Totals: sys 2 + 2 = 4, ref 4 + 2 = 6. P = 1/2, R = 1/3, F1 = 2·(1/6)/(5/6) = 2/5.
    expectPRF(agreementRouge(sys, ref, 1), 1 / 2, 1 / 3, 2 / 5);
    // ROUGE-2: 01-25 shares "protests begin" = 1. Totals: sys 1 + 1 = 2, ref 3 + 1 = 4.
    // P = 1/2, R = 1/4, F1 = 2·(1/8)/(3/4) = 1/3.
    expectPRF(agreementRouge(sys, ref, 2), 1 / 2, 1 / 4, 1 / 3);
  });

  it('aligned gives a one-day-off pair half weight', () => {
    // Alignment (cost = (1 − 1/(Δ+1)) · (1 − ROUGE-1 F1)):
    //   sys 01-25 → ref 01-25 (Δ0, cost 0); sys 02-10 → ref 02-11 (Δ1, same words: cost ½·0 = 0; ref 01-25 would
    //   cost (1 − 1/17)·1). The same pairs in the recall direction.
    // ROUGE-1: hits 2·1 + 2·½ = 3. P = 3/4, R = 3/6 = 1/2, F1 = 2·(3/8)/(5/4) = 3/5.
    expectPRF(alignedRouge(sys, ref, 1), 3 / 4, 1 / 2, 3 / 5);
    // ROUGE-2: hits 1·1 + 1·½ = 3/2. P = (3/2)/2 = 3/4, R = (3/2)/4 = 3/8, F1 = 2·(9/32)/(9/8) = 1/2.
    expectPRF(alignedRouge(sys, ref, 2), 3 / 4, 3 / 8, 1 / 2);
  });

  it('evaluateTimeline bundles all of them', () => {
    const e = evaluateTimeline(sys, ref);
    // Dates: 01-25 shared of 2 and 2 → 1/2 each.
    expectPRF(e.dates, 1 / 2, 1 / 2, 1 / 2);
    expectPRF(e.concat.rouge1, 1, 2 / 3, 4 / 5);
    expectPRF(e.concat.rouge2, 2 / 3, 2 / 5, 1 / 2);
    expectPRF(e.agreement.rouge1, 1 / 2, 1 / 3, 2 / 5);
    expectPRF(e.agreement.rouge2, 1 / 2, 1 / 4, 1 / 3);
    expectPRF(e.aligned.rouge1, 3 / 4, 1 / 2, 3 / 5);
    expectPRF(e.aligned.rouge2, 3 / 4, 3 / 8, 1 / 2);
  });
});

describe('alignedRouge', () => {
  it('gives a summary one day off from the gold date half weight', () => {
    // One pair, Δ = 1, identical words: every count × ½. Agreement sees no shared date at all.
    const sys = tl({ '2011-02-10': 'Mubarak resigns' });
    const ref = tl({ '2011-02-11': 'Mubarak resigns' });
    expectPRF(alignedRouge(sys, ref, 1), 1 / 2, 1 / 2, 1 / 2);
    expectPRF(alignedRouge(sys, ref, 2), 1 / 2, 1 / 2, 1 / 2);
    expect(agreementRouge(sys, ref, 1)).toEqual(zero);
    expectPRF(concatRouge(sys, ref, 1), 1, 1, 1);
  });

  it('weights by distance across months and years', () => {
    // 2011-12-31 → 2012-01-01 is one day (Δ = 1, weight ½); 2011-02-28 → 2011-03-01 also one day.
    expectPRF(alignedRouge(tl({ '2011-12-31': 'a b' }), tl({ '2012-01-01': 'a b' }), 1), 1 / 2, 1 / 2, 1 / 2);
    expectPRF(alignedRouge(tl({ '2011-02-28': 'a b' }), tl({ '2011-03-01': 'a b' }), 1), 1 / 2, 1 / 2, 1 / 2);
  });

  it('lets content pull a date to a farther reference date', () => {
    // ref 02-01 "army deployed in cairo", 02-05 "mubarak resigns"; sys 02-02 "mubarak resigns".
    // Costs for sys 02-02: to 02-01 (Δ1, no shared word) (1 − ½)·(1 − 0) = ½; to 02-05 (Δ3, same words)
    // (1 − ¼)·(1 − 1) = 0 → 02-05, weight ¼. A date-only alignment would pick 02-01 and score 0.
    // Precision: hits 2·¼ = ½ of 2 words → 1/4.
    // Recall: ref 02-01 → sys 02-02 (the only one), overlap 0; ref 02-05 → sys 02-02, 2·¼ = ½; of 4 + 2 = 6 → 1/12.
    // F1 = 2·(1/48)/(1/3) = 1/8.
    const ref = tl({ '2011-02-01': 'Army deployed in Cairo', '2011-02-05': 'Mubarak resigns' });
    const sys = tl({ '2011-02-02': 'Mubarak resigns' });
    expectPRF(alignedRouge(sys, ref, 1), 1 / 4, 1 / 12, 1 / 8);
  });

  it('maps many system dates to one reference date', () => {
    // sys 01-01 and 01-03 both "a b"; ref 01-02 "a b". Each sys date → 01-02 (Δ1, weight ½): hits 2·½ + 2·½ = 2 of 4
    // → P = 1/2. Recall: ref 01-02 ties at cost 0 with both; nearer is equal, so the earlier (01-01): 2·½ = 1 of 2
    // → R = 1/2. F1 = 1/2.
    const sys = tl({ '2011-01-01': 'a b', '2011-01-03': 'a b' });
    const ref = tl({ '2011-01-02': 'a b' });
    expectPRF(alignedRouge(sys, ref, 1), 1 / 2, 1 / 2, 1 / 2);
  });

  it('prefers the exact date when another date has identical words', () => {
    // sys 01-05 "a b"; ref 01-01 "a b" and 01-05 "a b c d". Both cost 0 (identical words; same date); the nearer
    // (01-05) wins, weight 1: hits 2 of 2 → P = 1. Recall: ref 01-01 → sys 01-05, 2·(1/5); ref 01-05 → sys 01-05, 2;
    // of 2 + 4 = 6 → R = (12/5)/6 = 2/5. F1 = 2·(2/5)/(7/5) = 4/7.
    const sys = tl({ '2011-01-05': 'a b' });
    const ref = tl({ '2011-01-01': 'a b', '2011-01-05': 'a b c d' });
    expectPRF(alignedRouge(sys, ref, 1), 1, 2 / 5, 4 / 7);
  });
});

describe('edge cases', () => {
  const ref = tl({ '2011-01-25': 'Protests begin in Cairo', '2011-02-11': 'Mubarak resigns' });
  const allZero = {
    dates: zero,
    concat: { rouge1: zero, rouge2: zero },
    agreement: { rouge1: zero, rouge2: zero },
    aligned: { rouge1: zero, rouge2: zero },
  };

  it('an empty system or reference timeline scores 0, not NaN', () => {
    expect(evaluateTimeline([], ref)).toEqual(allZero);
    expect(evaluateTimeline(ref, [])).toEqual(allZero);
    expect(evaluateTimeline([], [])).toEqual(allZero);
  });

  it('a timeline scores 1 against itself', () => {
    const e = evaluateTimeline(ref, ref);
    for (const prf of [e.dates, e.concat.rouge1, e.concat.rouge2, e.agreement.rouge1, e.agreement.rouge2, e.aligned.rouge1, e.aligned.rouge2]) {
      expectPRF(prf, 1, 1, 1);
    }
  });

  it('merges entries that share a date', () => {
    // Two entries on 01-25 read as one daily summary "protests begin in cairo".
    const split: Timeline = [
      { date: '2011-02-11', sentences: ['Mubarak resigns'] },
      { date: '2011-01-25', sentences: ['Protests begin'] },
      { date: '2011-01-25', sentences: ['in Cairo'] },
    ];
    expect(evaluateTimeline(split, ref)).toEqual(evaluateTimeline(ref, ref));
  });

  it('rejects an invalid date', () => {
    expect(() => dateF1(ref, tl({ '2011-2-3': 'a' }))).toThrow(/invalid timeline date "2011-2-3"/);
    expect(() => alignedRouge(tl({ '2011-02-30': 'a' }), ref, 1)).toThrow(/invalid timeline date "2011-02-30"/);
  });
});

describe('readers', () => {
  it('read JSONL with string sentences, skipping blank lines', () => {
    const text = '{"date": "2011-01-25", "sentences": ["Protests begin."]}\r\n\n{"date": "2011-02-11", "sentences": []}\n';
    expect(readTimelineJsonl(text)).toEqual([
      { date: '2011-01-25', sentences: ['Protests begin.'] },
      { date: '2011-02-11', sentences: [] },
    ]);
    expect(readTimelineJsonl('')).toEqual([]);
  });

  it('read a JSON array with { text, citations } sentences (newsdesk timeline --json) or strings', () => {
    const text = JSON.stringify([
      { date: '2011-01-25', sentences: [{ text: 'Protests begin.', citations: ['a1'] }, 'In Cairo.'] },
      { date: '2011-02-11', sentences: [{ text: 'Mubarak resigns.', citations: [] }] },
    ]);
    expect(readTimelineJson(text)).toEqual([
      { date: '2011-01-25', sentences: ['Protests begin.', 'In Cairo.'] },
      { date: '2011-02-11', sentences: ['Mubarak resigns.'] },
    ]);
  });

  it('say what is wrong and where', () => {
    const good = '{"date": "2011-01-25", "sentences": ["a"]}';
    expect(() => readTimelineJsonl(`${good}\n{"date": "2011-01-2`)).toThrow(/^line 2: invalid JSON/);
    expect(() => readTimelineJsonl(`${good}\n\n{"sentences": []}`)).toThrow(/^line 3: "date" must be a string/);
    expect(() => readTimelineJsonl('{"date": "2011-02-30", "sentences": []}')).toThrow(/^line 1: invalid date "2011-02-30"/);
    expect(() => readTimelineJsonl('{"date": "25 Jan 2011", "sentences": []}')).toThrow(/^line 1: invalid date/);
    expect(() => readTimelineJsonl('{"date": "2011-01-25", "sentences": "a"}')).toThrow(/^line 1: "sentences" must be an array/);
    expect(() => readTimelineJsonl('{"date": "2011-01-25", "sentences": ["a", 3]}')).toThrow(/^line 1: sentences\[1\] must be a string/);
    expect(() => readTimelineJsonl('["2011-01-25"]')).toThrow(/^line 1: expected an object/);
    expect(() => readTimelineJson('{"date": "2011-01-25", "sentences": []}')).toThrow(/expected a JSON array/);
    expect(() => readTimelineJson('[{"date": "2011-01-25", "sentences": [{"txt": "a"}]}]')).toThrow(/^entry 0: sentences\[0\]/);
    expect(() => readTimelineJson('[')).toThrow(/^invalid JSON/);
  });
});

describe('T17 gold timelines', () => {
  it('the mj gold timeline scores 1 against itself', () => {
    const gold = readTimelineJsonl(readFileSync(`${T17}mj/timeline.jsonl`, 'utf8'));
    expect(gold.length).toBe(38);
    const e = evaluateTimeline(gold, gold);
    expect(e.dates.f1).toBe(1);
    for (const m of [e.concat, e.agreement, e.aligned]) {
      expect(m.rouge1.f1).toBeCloseTo(1, 12);
      expect(m.rouge2.f1).toBeCloseTo(1, 12);
    }
  });

  it('every T17 gold timeline reads and scores 1 against itself (h1n1 repeats dates)', () => {
    for (const topic of T17_TOPICS) {
      const gold = readTimelineJsonl(readFileSync(`${T17}${topic}/timeline.jsonl`, 'utf8'));
      const e = evaluateTimeline(gold, gold);
      expect([e.dates.f1, e.concat.rouge2.f1, e.agreement.rouge2.f1, e.aligned.rouge1.f1, e.aligned.rouge2.f1].map((x) => Math.round(x * 1e12) / 1e12), topic).toEqual([1, 1, 1, 1, 1]);
    }
  });
});
