import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/index.js';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('sentence splitting', () => {
  it('keeps abbreviations, titles and initials inside sentences', () => {
    expect(texts('Gen. Mark Oduya met Dr. Lena Voss in St. Albans on Jan. 5. They spoke for an hour.')).toEqual([
      'Gen. Mark Oduya met Dr. Lena Voss in St. Albans on Jan. 5.',
      'They spoke for an hour.',
    ]);
    expect(texts('President George W. Bush spoke. The crowd cheered.')).toHaveLength(2);
  });
  it('breaks after an abbreviation that ends a sentence only before a sentence opener', () => {
    expect(texts('Talks were held in the U.S. The next round is in May.')).toEqual(['Talks were held in the U.S.', 'The next round is in May.']);
    expect(texts('The U.S. Navy sent a ship.')).toEqual(['The U.S. Navy sent a ship.']);
  });
  it('treats each line as its own unit: headings without punctuation are sentences', () => {
    expect(texts('Talks at the ministry\nUnion leaders met officials. No date was set.')).toEqual([
      'Talks at the ministry',
      'Union leaders met officials.',
      'No date was set.',
    ]);
  });
  it('splits text glued by a scraper', () => {
    expect(texts('“We are ready,” he said.Oduya then left the hall.')).toEqual(['“We are ready,” he said.', 'Oduya then left the hall.']);
  });
  it('keeps closing quotes with their sentence and does not split decimals', () => {
    expect(texts('“It is over.” The vote was 54.3 percent. Really?')).toEqual(['“It is over.”', 'The vote was 54.3 percent.', 'Really?']);
  });
  it('gives offsets that index the text', () => {
    const text = 'First line here.  Second one!\n\nA heading\nLast: “quoted.” End.';
    const sentences = splitSentences(text);
    sentences.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(text.slice(s.start, s.end)).toBe(s.text);
    });
    expect(sentences.map((s) => s.text)).toEqual(['First line here.', 'Second one!', 'A heading', 'Last: “quoted.”', 'End.']);
  });
  it('splits a headline or caption glued to the sentence after it, and only there', () => {
    expect(texts('River bursts its banks over the lower town A record flood hit Kingsford on Thursday night.')).toEqual([
      'River bursts its banks over the lower town',
      'A record flood hit Kingsford on Thursday night.',
    ]);
    expect(texts('Rescuers search flooded streets The regional council opened three shelters for the night.')).toHaveLength(2);
    for (const prose of [
      'The mayor flew to The Hague on Monday to meet the river commission.',
      'Engineers said Plan A is to raise the dyke by a metre before winter.',
      'Doctors warned of Vitamin A deficiency among the evacuated children.',
      'Rain fell; The river rose again on Friday.',
    ]) {
      expect(texts(prose)).toEqual([prose]);
    }
  });
});

describe('an abbreviation opening a paragraph', () => {
  it('is no sentence of its own ("U.S. President … will …" is one sentence); a sentence ending on one still ends', () => {
    expect(splitSentences('U.S. President Ann Price will visit Kingsford. She arrives on Monday.').map((s) => s.text)).toEqual([
      'U.S. President Ann Price will visit Kingsford.',
      'She arrives on Monday.',
    ]);
    expect(splitSentences('The mayor flew to the U.S. He returned on Monday.').map((s) => s.text)).toEqual(['The mayor flew to the U.S.', 'He returned on Monday.']);
    expect(splitSentences('Stop. Look both ways.').map((s) => s.text)).toEqual(['Stop.', 'Look both ways.']);
  });
});
