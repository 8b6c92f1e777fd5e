// Reports whose outlet could not be read: counted as one "unidentified" row of the comparison, with how many they are,
// not as one outlet each (a story of 57 such reports showed 57 columns headed "unidentified (a00433)").
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model.js';
import { outletCoverage, UNIDENTIFIED, writeNote } from '../../src/compare/index.js';

function article(id: string, outlet: string | null): Article {
  return { id, source: id, url: null, outlet, title: null, published: '2024-03-01', agencies: [], credits: [], dateline: null, publishedFrom: 'given', language: 'en', text: 'x', removed: [] } as Article;
}

describe('reports of unidentified outlets', () => {
  const articles = [article('a', 'Wire One'), article('b', null), article('c', null), article('d', 'Daily Two'), article('e', null)];
  const outlets = outletCoverage(articles);

  it('are one row of the comparison, holding all of them', () => {
    expect(outlets.map((o) => o.outlet)).toEqual(['Wire One', UNIDENTIFIED, 'Daily Two']);
    expect(outlets.find((o) => !o.identified)!.articles).toEqual(['b', 'c', 'e']);
  });

  it('are counted in the note apart from the outlets', () => {
    const [opening] = writeNote({ outlets, facts: [], quotes: [], framing: [] } as unknown as Parameters<typeof writeNote>[0]);
    expect(opening.text).toBe('2 outlets reported this event: Wire One and Daily Two; so did 3 reports whose outlets could not be identified.');
    const alone = writeNote({ outlets: outletCoverage([article('b', null), article('c', null)]), facts: [], quotes: [], framing: [] } as unknown as Parameters<typeof writeNote>[0]);
    expect(alone[0].text).toBe('Only 2 reports whose outlets could not be identified told this event here.');
  });
});
