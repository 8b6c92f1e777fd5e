// Cutting a lede to a headline's length: whole clauses go, what is left is still a sentence; and the compression of a
// lede before it is cut (src/text/compress.ts).
import { describe, expect, it } from 'vitest';
import { clauseCuts, hasFiniteVerb, shortenTo } from '../../src/text/shorten.js';
import { compressSentence } from '../../src/text/compress.js';

describe('hasFiniteVerb', () => {
  it('finds the verb a sentence stands on, not one inside a relative clause', () => {
    expect(hasFiniteVerb('Rescuers have pulled a boy from the ruins.')).toBe(true);
    expect(hasFiniteVerb('Police arrested two men in Kingsford.')).toBe(true);
    expect(hasFiniteVerb('Earthquake hits Port Alder')).toBe(true);
    expect(hasFiniteVerb('The man who was shot in Kingsford')).toBe(false);
    expect(hasFiniteVerb('The aftermath of the storm')).toBe(false);
  });

  it('finds the main verb after a relative clause that has its own ("The firm that insured the concerts has asked …")', () => {
    expect(hasFiniteVerb('The firm that insured the Kingsford concerts has asked a judge')).toBe(true);
    expect(hasFiniteVerb('Fears that the river could burst its banks brought the army to Kingsford')).toBe(true);
    expect(hasFiniteVerb('A flood that has swamped Kingsford')).toBe(false);
    expect(hasFiniteVerb('A flood that swamped Kingsford and reached Port Alder')).toBe(false);
  });
});

describe('shortenTo', () => {
  it('keeps a sentence that fits', () => {
    expect(shortenTo('The dam held.', 16)).toBe('The dam held.');
  });

  it('drops trailing clauses at commas and clause openers, keeping the longest sentence that fits', () => {
    const s = 'Rescuers have pulled a six-year-old boy free from the ruins of a building in Port Alder five days after the earthquake caused the structure to collapse.';
    expect(shortenTo(s, 16)).toBe('Rescuers have pulled a six-year-old boy free from the ruins of a building in Port Alder.');
  });

  it('never leaves a reporting verb without its complement, a list cut short, or a dependent clause alone', () => {
    expect(shortenTo('Police said the man, who was 35 and lived in the lower town near the river bank, was shot twice.', 10)).toBeNull();
    const list = 'The stars of the benefit concert for the flood victims included singers such as Ana Roth, Piet Varga and Lena Ostrova.';
    expect(shortenTo(list, 16) ?? '').not.toMatch(/such as Ana Roth\.$/);
    expect(shortenTo('As the plane began its descent into Port Alder, the lights of the runway were nearly the only illumination in the city.', 8)).toBeNull();
  });

  it('does not cut before the next item of a list ("radio stations, newspapers and leaflets")', () => {
    const s = 'The flood has brought local radio stations, newspapers and council leaflets out in a rash of advice on boiling water.';
    expect(clauseCuts(s).map((i) => s.split(/\s+/)[i])).not.toContain('newspapers');
  });

  it('drops an opening subordinate clause when that makes the sentence fit', () => {
    const s = 'After she abruptly left a rehab facility in Kingsford on Thursday, the singer has checked into a clinic in Port Alder.';
    expect(shortenTo(s, 12)).toBe('The singer has checked into a clinic in Port Alder.');
  });

  it('cuts before a span of time, not between the span and its "after"', () => {
    const s = 'A strong aftershock has rocked Port Alder, sending people running into the streets, eight days after another quake.';
    expect(clauseCuts(s).map((i) => s.split(/\s+/)[i])).not.toContain('after');
  });
});

describe('compression of a lede for a headline', () => {
  it('drops a glued dateline, short parentheses, a trailing attribution and a leading connective', () => {
    expect(compressSentence('KINGSFORD, Calvenia (Dispatch) -- The river burst its banks overnight.')).toBe('The river burst its banks overnight.');
    expect(compressSentence('Minister Ana Roth (R) meets the mayor in Port Alder (Photo by Lumen Wire).')).toBe('Minister Ana Roth meets the mayor in Port Alder.');
    expect(compressSentence('Three bridges were closed on Monday, officials said.')).toBe('Three bridges were closed on Monday.');
    expect(compressSentence('Three bridges were closed, according to the regional transport office.')).toBe('Three bridges were closed.');
    expect(compressSentence('However, the dam held.')).toBe('The dam held.');
  });

  it('never cuts a quotation’s attribution, nor long parentheses, nor a sentence without such parts', () => {
    const quoted = '“We will rebuild every bridge,” the mayor said.';
    expect(compressSentence(quoted)).toBe(quoted);
    const long = 'The council (which had voted twice against the plan in the spring, citing its cost to the towns along the lower river) approved it.';
    expect(compressSentence(long)).toBe(long);
    const plain = 'The river reached 6.4 metres at the Kingsford gauge.';
    expect(compressSentence(plain)).toBe(plain);
  });

  it('drops bullets, live labels, opening attributions and caption positions', () => {
    expect(compressSentence('• The river burst its banks.')).toBe('The river burst its banks.');
    expect(compressSentence('UPDATE: The river burst its banks.')).toBe('The river burst its banks.');
    expect(compressSentence('According to the police, the river burst its banks.')).toBe('The river burst its banks.');
    expect(compressSentence('Marshal Ana Roth, left, and Marshal Piet Varga were arrested.')).toBe('Marshal Ana Roth and Marshal Piet Varga were arrested.');
    expect(compressSentence('KINGSFORD, Jan. 3 (Lumen Wire) -- The river burst its banks.')).toBe('The river burst its banks.');
  });
});
