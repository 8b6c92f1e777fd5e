// An event's card on the front page: its headline, then a line of its summary that says more than the headline.
import { describe, expect, it } from 'vitest';
import { cardOf, type Event } from '../../src/model.js';

const event = (headline: string, summary: string[]) =>
  ({ id: 'e1', headline, start: '2026-03-12', end: '2026-03-12', articles: [{ id: 'a1' }], entities: [], summary: summary.map((text) => ({ text, sources: ['a1'] })) }) as unknown as Event;

describe('the card of an event', () => {
  it('lines up the first summary sentence that does not restate the headline', () => {
    const card = cardOf(
      event('Another fifteen cases of river fever were confirmed on 12 March by the Kingsford health board.', [
        'Another fifteen cases of river fever were confirmed yesterday by the Kingsford health board, bringing the total to 244.',
        'Two of the patients are in hospital in Port Alder.',
      ]),
    );
    expect(card.lede).toBe('Two of the patients are in hospital in Port Alder.');
  });

  it('has no line when every summary sentence restates the headline, and the first sentence when none does', () => {
    expect(cardOf(event('The Alder burst its banks at Kingsford.', ['The Alder burst its banks at Kingsford on Thursday.'])).lede).toBeUndefined();
    expect(cardOf(event('Kingsford flooded.', ['Three shelters opened in the town hall.'])).lede).toBe('Three shelters opened in the town hall.');
  });
});
