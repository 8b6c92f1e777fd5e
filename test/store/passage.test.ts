// The passage a PostgreSQL search hit shows (src/store/passage.ts), worked by hand.
import { describe, expect, it } from 'vitest';
import { essentialSpellings, foldForSearch, passage, searchWords } from '../../src/store/passage.js';

describe('passage', () => {
  it('marks a phrase whole, with the words around it and ellipses where the text goes on', () => {
    const text = 'One two three four five six seven eight. The quake struck Port-au-Prince on Tuesday, and the capital lay in ruins for days after the shock.';
    expect(passage(text, [['Port-au-Prince']])).toBe('…The quake struck «Port-au-Prince» on Tuesday, and the capital lay in ruins for days…');
  });

  it('folds case and accents as the index does, and prefers the window holding every group', () => {
    const text = 'Dehghan spoke first. Nothing else happened for a long while in the city that day, people waited and waited. Later Défense minister DEHGHAN met Shoigu in Tehran.';
    expect(passage(text, [['Dehqan', 'Dehghan'], ['defense']])).toBe('…the city that day, people waited and waited. Later «Défense» minister «DEHGHAN» met Shoigu in Tehran.');
    expect(passage(text, [['shoigu'], ['tehran']])).toMatch(/«Shoigu» in «Tehran»\.$/);
  });

  it('prefers the longer of two phrases starting at one word, and gives the text start when nothing matches', () => {
    expect(passage('President Hosni Mubarak resigned.', [['Hosni', 'Hosni Mubarak']])).toBe('President «Hosni Mubarak» resigned.');
    expect(passage('A short text.', [['absent']])).toBe('A short text.');
    expect(passage('', [['x']])).toBe('');
  });

  it('stops reading a long text once a window holds every group, and still says the text goes on', () => {
    const long = `Rescuers reached Léogâne on Friday. ${'Filler words of a very long transcript. '.repeat(5000)}Leogane again.`;
    expect(passage(long, [['Leogane']])).toBe('Rescuers reached «Léogâne» on Friday. Filler words of a very long transcript. Filler words of a…');
    expect(passage(long, [['transcript'], ['leogane']])).toBe('Rescuers reached «Léogâne» on Friday. Filler words of a very long «transcript». Filler words of a…');
    expect(passage(long, [['transcript'], ['again']])).toMatch(/«transcript»\. Leogane «again»\.$/);
  });

  it('reads words as the indexes do', () => {
    expect(searchWords(foldForSearch('São Paulo’s cnn.com 3.5%'))).toEqual(['sao', 'paulo', 's', 'cnn', 'com', '3', '5']);
  });
});

describe('essentialSpellings', () => {
  it('leaves out a spelling that holds another word for word, and repeats', () => {
    expect(essentialSpellings(['Mubarak', 'Hosni Mubarak', 'President Hosni Mubarak', 'Moubarak', 'MUBARAK'])).toEqual(['Mubarak', 'Moubarak']);
    // Words, not letters: "Mubaraks" is not "Mubarak"; "Port-au-Prince" holds "Prince" as a word.
    expect(essentialSpellings(['Mubaraks', 'Mubarak'])).toEqual(['Mubaraks', 'Mubarak']);
    expect(essentialSpellings(['Port-au-Prince', 'Prince'])).toEqual(['Prince']);
    expect(essentialSpellings(['--', 'Tehran'])).toEqual(['Tehran']);
  });
});
