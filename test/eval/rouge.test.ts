// ROUGE-N and ROUGE-L against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { ngramCounts, overlap, rouge, rougeL, rougeN, rougeTokens } from '../../src/eval/rouge.js';

/** Compares each field with toBeCloseTo, so fractions like 5/6 can be written as such. */
function expectPRF(actual: { precision: number; recall: number; f1: number }, precision: number, recall: number, f1: number) {
  expect(actual.precision).toBeCloseTo(precision, 10);
  expect(actual.recall).toBeCloseTo(recall, 10);
  expect(actual.f1).toBeCloseTo(f1, 10);
}

describe('rougeTokens', () => {
  it('lower-cases and splits into runs of letters and digits', () => {
    expect(rougeTokens('Protesters gather in Tahrir Square, Cairo -- 25 Jan.')).toEqual(['protesters', 'gather', 'in', 'tahrir', 'square', 'cairo', '25', 'jan']);
    // Hyphens and number punctuation split, as in rouge-score.
    expect(rougeTokens('swine-flu: $780,000')).toEqual(['swine', 'flu', '780', '000']);
  });
  it('drops apostrophes inside words but splits on quotes at word edges', () => {
    expect(rougeTokens("Mubarak's")).toEqual(['mubaraks']);
    expect(rougeTokens('Mubarak’s regime')).toEqual(['mubaraks', 'regime']); // U+2019
    expect(rougeTokens("the protesters' 'demands'")).toEqual(['the', 'protesters', 'demands']);
  });
  it('applies NFKC: full-width letters and ligatures fold', () => {
    expect(rougeTokens('ＣＡＩＲＯ ﬁnal')).toEqual(['cairo', 'final']);
  });
  it('keeps non-Latin words whole, combining marks included', () => {
    expect(rougeTokens('Ελλάδα Москва')).toEqual(['ελλάδα', 'москва']);
    expect(rougeTokens('हिन्दी')).toEqual(['हिन्दी']); // vowel signs and virama are \p{M}
  });
  it('does not stem', () => {
    expect(rougeTokens('resigns resigned')).toEqual(['resigns', 'resigned']);
  });
  it('gives nothing for empty or punctuation-only text', () => {
    expect(rougeTokens('')).toEqual([]);
    expect(rougeTokens(' -- ... ')).toEqual([]);
  });
});

describe('ngramCounts and overlap', () => {
  it('count n-grams as a multiset and intersect with clipping', () => {
    const a = ngramCounts(['the', 'cat', 'the', 'cat'], 2); // the cat ×2, cat the ×1
    expect([...a]).toEqual([
      ['the cat', 2],
      ['cat the', 1],
    ]);
    const b = ngramCounts(['the', 'cat', 'sat'], 2); // the cat ×1, cat sat ×1
    expect(overlap(a, b)).toBe(1); // min(2, 1) for "the cat"
    expect(overlap(b, a)).toBe(1);
    expect(ngramCounts(['cat'], 2).size).toBe(0); // shorter than n: no n-grams
  });
  it('reject n < 1', () => {
    expect(() => ngramCounts(['a'], 0)).toThrow(/positive integer/);
  });
});

describe('rougeN and rougeL', () => {
  const sys = 'the cat sat on the mat';
  const ref = 'the cat lay on the mat';

  it('ROUGE-1 of a one-word substitution', () => {
    // sys {the:2, cat, sat, on, mat}, ref {the:2, cat, lay, on, mat}: overlap 2+1+1+1 = 5 of 6 on each side.
    expectPRF(rougeN(sys, ref, 1), 5 / 6, 5 / 6, 5 / 6);
  });
  it('ROUGE-2 of a one-word substitution', () => {
    // sys: the cat, cat sat, sat on, on the, the mat; ref: the cat, cat lay, lay on, on the, the mat.
    // Shared: the cat, on the, the mat = 3 of 5 on each side.
    expectPRF(rougeN(sys, ref, 2), 3 / 5, 3 / 5, 3 / 5);
  });
  it('ROUGE-L of a one-word substitution', () => {
    // LCS = "the cat on the mat" = 5 of 6 on each side.
    expectPRF(rougeL(sys, ref), 5 / 6, 5 / 6, 5 / 6);
  });
  it('clips repeated n-grams', () => {
    // sys the×4, ref {the, cat}: overlap min(4, 1) = 1. P = 1/4, R = 1/2, F1 = 2·(1/8)/(3/4) = 1/3.
    expectPRF(rougeN('the the the the', 'the cat', 1), 1 / 4, 1 / 2, 1 / 3);
  });
  it('is asymmetric in precision and recall', () => {
    const s = 'Police arrest the suspect';
    const r = 'The police arrest a suspect on Friday';
    // ROUGE-1: sys 4 words, ref 7; shared police, arrest, the, suspect = 4. P = 1, R = 4/7, F1 = (8/7)/(11/7) = 8/11.
    expectPRF(rougeN(s, r, 1), 1, 4 / 7, 8 / 11);
    // ROUGE-2: sys police arrest, arrest the, the suspect (3); ref the police, police arrest, arrest a, a suspect,
    // suspect on, on friday (6); shared police arrest = 1. P = 1/3, R = 1/6, F1 = 2·(1/18)/(1/2) = 2/9.
    expectPRF(rougeN(s, r, 2), 1 / 3, 1 / 6, 2 / 9);
    // ROUGE-L: LCS "police arrest suspect" = 3 ("the" comes before "police" in ref). P = 3/4, R = 3/7,
    // F1 = 2·(9/28)/(33/28) = 18/33 = 6/11.
    expectPRF(rougeL(s, r), 3 / 4, 3 / 7, 6 / 11);
    // Swapping system and reference swaps precision and recall.
    expectPRF(rougeN(r, s, 1), 4 / 7, 1, 8 / 11);
  });
  it('accepts token arrays as well as text', () => {
    expect(rougeN(['the', 'cat'], 'The cat', 1)).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
  it('gives 1 for identical texts', () => {
    expect(rouge(sys, sys)).toEqual({
      rouge1: { precision: 1, recall: 1, f1: 1 },
      rouge2: { precision: 1, recall: 1, f1: 1 },
      rougeL: { precision: 1, recall: 1, f1: 1 },
    });
  });
  it('gives 0, not NaN, for an empty side', () => {
    const zero = { precision: 0, recall: 0, f1: 0 };
    expect(rouge('', ref)).toEqual({ rouge1: zero, rouge2: zero, rougeL: zero });
    expect(rouge(sys, '')).toEqual({ rouge1: zero, rouge2: zero, rougeL: zero });
    expect(rouge('', '')).toEqual({ rouge1: zero, rouge2: zero, rougeL: zero });
    // A single word has no bigrams, so ROUGE-2 is 0 even for identical texts.
    expect(rougeN('cat', 'cat', 2)).toEqual(zero);
  });
  it('gives 0 for disjoint texts', () => {
    expect(rouge('alpha beta', 'gamma delta').rougeL).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
  it('composes rouge() from rougeN and rougeL', () => {
    const r = rouge(sys, ref);
    expectPRF(r.rouge1, 5 / 6, 5 / 6, 5 / 6);
    expectPRF(r.rouge2, 3 / 5, 3 / 5, 3 / 5);
    expectPRF(r.rougeL, 5 / 6, 5 / 6, 5 / 6);
  });
});
