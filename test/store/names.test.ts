// Trigram similarity as pg_trgm computes it (the PostgreSQL store asks pg_trgm itself; the SQLite store scores its
// candidates with this), with values checked against PostgreSQL 15's similarity().
import { describe, expect, it } from 'vitest';
import { nameLike, trigrams, trigramSimilarity } from '../../src/store/names.js';

describe('trigram similarity', () => {
  it('pads each lowercased word with two spaces before and one after', () => {
    expect([...trigrams('Cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
    expect(trigrams('al-Freij').size).toBe(trigrams('al').size + trigrams('Freij').size);
  });

  it('gives what pg_trgm gives', () => {
    expect(trigramSimilarity('Dehgan', 'Dehghan')).toBeCloseTo(0.5, 5);
    expect(trigramSimilarity('Mubarak', 'Moubarak')).toBeCloseTo(6 / 11, 5);
    expect(trigramSimilarity('Jackson', 'Johnson')).toBeCloseTo(3 / 13, 5);
    expect(trigramSimilarity('word', 'WORD')).toBe(1);
    expect(trigramSimilarity('', 'x')).toBe(0);
  });

  it('takes capitalised words of four letters or more, not acronyms, for names', () => {
    expect(['Dehgan', 'Hosni Mubarak', 'Écija'].map(nameLike)).toEqual([true, true, true]);
    expect(['dehgan', 'Iran', 'SANA', 'NATO'].map(nameLike)).toEqual([false, true, false, false]);
  });
});
