// The summariser's rules on sentences written for these tests: naming a group's members, writing out the day, fitting
// a headline to 40 words, sentences that cannot stand alone (compression: test/text/shorten.test.ts).
import { describe, expect, it } from 'vitest';
import type { DateMention, Entity } from '../../src/model.js';
import { CAPTION_SPEECH, DANGLING_OPENING, HEADLINE_CHROME } from '../../src/summarize/index.js';
import { composeHeadline, dayLast, fitWords, HEADLINE_WORDS, nameGroups, sentenceCase, spellDay, withoutDays, writeOutDay } from '../../src/summarize/headline.js';
import { countWords } from '../../src/text/index.js';

const person = (name: string, roles: string[], mentions = 1): Entity => ({ name, type: 'person', aliases: [name, name.split(' ').pop()!], roles, mentions, articles: ['a'] });

describe('headline rules', () => {
  const ministers = [
    person('Ana Roth', ['Austrian Interior Minister'], 5),
    person('Piet Varga', ['Interior Minister'], 3),
    person('Lena Ostrova', ['Russian Interior Minister'], 4),
    person('Marc Dell', ['Mayor'], 9),
  ];

  it('names the members of a group the sentence names by function, in the order of the countries listed', () => {
    const out = nameGroups('The interior ministers of Russia, Hungary and Austria met in Kingsford.', ministers);
    expect(out).toBe('The interior ministers of Russia, Hungary and Austria (Lena Ostrova, Piet Varga and Ana Roth) met in Kingsford.');
  });

  it('leaves the sentence alone when the members are already named, or when the function matches fewer than two', () => {
    const named = 'Interior ministers Ana Roth and Lena Ostrova met in Kingsford.';
    expect(nameGroups(named, ministers)).toBe(named);
    const mayors = 'The mayors of the river towns met in Kingsford.';
    expect(nameGroups(mayors, ministers)).toBe(mayors);
    const finance = 'The finance ministers met in Kingsford.';
    expect(nameGroups(finance, ministers)).toBe(finance);
  });

  it('writes out the event’s day where the sentence names it, and adds none where it names none', () => {
    const day = '2026-03-12';
    expect(spellDay(day)).toBe('12 March 2026');
    const mention = (text: string, date: string | null): DateMention => ({ text, start: 0, end: 0, sentence: 0, date, precision: 'day' });
    expect(writeOutDay('The river peaked on Thursday at Kingsford.', [mention('on Thursday', day)], day)).toBe('The river peaked on 12 March 2026 at Kingsford.');
    expect(writeOutDay('The river peaked at Kingsford.', [], day)).toBe('The river peaked at Kingsford.');
    // Another day: it may tell what led up to the event; left as written.
    expect(writeOutDay('The rain began on Monday.', [mention('on Monday', '2026-03-09')], day)).toBe('The rain began on Monday.');
    expect(writeOutDay('The river peaked.', [], null)).toBe('The river peaked.');
  });

  it('writes the day without its year in a headline, and in words a reader expects', () => {
    const day = '2026-03-12';
    const mention = (text: string): DateMention => ({ text, start: 0, end: 0, sentence: 0, date: day, precision: 'day' });
    expect(spellDay(day, false)).toBe('12 March');
    expect(writeOutDay('The minister condemned the attacks Thursday.', [mention('Thursday')], day, false)).toBe('The minister condemned the attacks on 12 March.');
    expect(writeOutDay('A man was injured Thursday night after officers fired.', [mention('Thursday')], day, false)).toBe('A man was injured on the night of 12 March after officers fired.');
    expect(writeOutDay("Thursday's flood closed the road.", [mention('Thursday')], day, false)).toBe('the 12 March flood closed the road.'.replace(/^t/, 'T'));
  });

  it('puts the day after the news, and takes no headline that opens on a day', () => {
    expect(dayLast('On 9 June, the ministers met in Tehran.')).toBe('The ministers met in Tehran on 9 June.');
    expect(dayLast('The ministers met in Tehran.')).toBe('The ministers met in Tehran.');
    expect(composeHeadline('On 9 October came the worst shock so far for the markets of the world.', [], [], { day: null, dated: false })).toBeNull();
  });

  it('drops an undated report’s relative days rather than guess them', () => {
    expect(withoutDays('On Thursday, the river burst its banks.')).toBe('The river burst its banks.');
    expect(withoutDays('The river burst its banks on Thursday night, flooding the town.')).toBe('The river burst its banks, flooding the town.');
    expect(withoutDays('The bridge closed last week.')).toBe('The bridge closed.');
    expect(withoutDays('The bridge closed in March.')).toBe('The bridge closed in March.');
  });

  it('takes out a relative day that is not the event\'s, even in a dated report ("last Tuesday\'s quake" a week later)', () => {
    const day = '2026-03-12';
    const mention = (text: string, date: string): DateMention => ({ text, start: 0, end: 0, sentence: 0, date, precision: 'day' });
    expect(writeOutDay("Thousands died in last Thursday's flood in Kingsford.", [mention('Thursday', day)], day, false)).toBe('Thousands died in the 12 March flood in Kingsford.');
    const when = { day, dated: true };
    expect(composeHeadline("Thousands died in last Thursday's flood in Kingsford and the river is still rising.", [mention('Thursday', '2026-03-05')], [], when)).toBe(
      'Thousands died in the flood in Kingsford and the river is still rising.',
    );
    expect(withoutDays("Tuesday's flood closed the road.")).toBe('The flood closed the road.');
  });

  it('makes no headline of a question', () => {
    expect(composeHeadline('Did the flood defences of Kingsford fail because the council cut their budget?', [], [], { day: null, dated: false })).toBeNull();
  });

  it('composes a headline of at most 20 words with a verb, or none', () => {
    const when = { day: null, dated: false };
    const long =
      'A strong aftershock has rocked the coastal town of Port Alder, sending screaming people running into the streets, eight days after another quake devastated the region.';
    const h = composeHeadline(long, [], [], when)!;
    expect(h).toBe('A strong aftershock has rocked the coastal town of Port Alder.');
    expect(composeHeadline('The aftermath of the storm in the valley of the river.', [], [], when)).toBeNull();
    expect(countWords(composeHeadline(`The mayor said the council ${'would very carefully consider '.repeat(5)}the plan.`, [], [], when) ?? '')).toBeLessThanOrEqual(HEADLINE_WORDS);
  });

  it('sets a title-case title in sentence case, keeping names', () => {
    const texts = ['The death toll rises as rescuers search the rubble in Port Alder.'];
    expect(sentenceCase('Death Toll Rises In Port Alder', texts)).toBe('Death toll rises in Port Alder');
    expect(sentenceCase('Death toll rises in Port Alder', texts)).toBe('Death toll rises in Port Alder');
  });

  it('fits a headline to 40 words: trailing clauses first, then before a preposition', () => {
    const long = `The river reached a record ${'very '.repeat(20)}high level at the Kingsford gauge on Thursday, flooding the lower town, closing three bridges and forcing the evacuation of hundreds of homes along the bank.`;
    const fitted = fitWords(long);
    expect(countWords(fitted)).toBeLessThanOrEqual(40);
    expect(fitted.startsWith('The river reached a record')).toBe(true);
    expect(fitWords('A short headline.')).toBe('A short headline.');
  });
});

describe('summary sentences that cannot stand alone or carry chrome', () => {
  it('recognises a dangling opening and leaves a sentence with its own subject', () => {
    for (const t of ['The funeral comes as police search for a suspect.', 'The move came after weeks of talks.', 'This follows a raid on Monday.', 'It was the second such attack this year.']) {
      expect(DANGLING_OPENING.test(t)).toBe(true);
    }
    for (const t of ['The comedian came to Kingsford in 2010.', 'The ministry said it came after talks.', 'Police followed the car to Port Alder.']) {
      expect(DANGLING_OPENING.test(t)).toBe(false);
    }
  });

  it('recognises a timestamp, byline or caption label', () => {
    for (const t of ['Last updated at 10:46 GMT The river burst its banks.', 'By Jane Marlow The river burst its banks.', 'Posted: The river burst its banks.', 'By the Lumen Wire Staff The river rose.']) {
      expect(HEADLINE_CHROME.test(t)).toBe(true);
    }
    expect(HEADLINE_CHROME.test('The river burst its banks at 10:30 p.m. on Thursday.')).toBe(false);
  });

  it('recognises how a caption speaks of its picture ("shown here", "left"), which a lede does not', () => {
    for (const t of ['Tom Hale, shown here in March, lost his herd.', 'Ann Price, left, and Tom Hale inspect the dam.', 'Tom Hale (pictured) lost his herd.']) {
      expect(CAPTION_SPEECH.test(t)).toBe(true);
    }
    for (const t of ['Tom Hale, who farms near Kingsford, lost his herd.', 'The river turned left at the mill and flooded the square.']) expect(CAPTION_SPEECH.test(t)).toBe(false);
  });
});
