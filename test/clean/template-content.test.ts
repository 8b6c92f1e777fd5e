// Corpus statistics (lines that recur across an outlet's pages are its template) must not take what an article says:
// thirteen briefs whose one body line was the same were all dropped as boilerplate, and the same brief cleaned with
// other files or alone came out different (or not at all).
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import type { RawArticle } from '../../src/model.js';

const registry = OutletRegistry.load();
const SHARED = 'Markets in Port Elmar closed higher on Monday as the harbour reopened after the storm.';

function brief(i: number, text: string): RawArticle {
  return { id: `b${i}`, source: `briefs/${i}.txt`, format: 'text', outlet: 'Elmar Courier', text };
}

describe('template lines and the content of an article', () => {
  const briefs = Array.from({ length: 13 }, (_, i) => brief(i, `Market report number ${i + 1}\n${SHARED}`));

  it('keeps the one line of briefs that all say it', () => {
    const { articles, diagnostics } = cleanArticles(briefs, { registry });
    expect(diagnostics).toEqual([]);
    expect(articles).toHaveLength(13);
    for (const a of articles) expect(a.text).toBe(SHARED);
  });

  it('gives a brief the same text whether it is cleaned with the others or alone', () => {
    const together = cleanArticles(briefs, { registry }).articles.find((a) => a.id === 'b4');
    const alone = cleanArticles([briefs[4]], { registry }).articles[0];
    expect(together?.text).toBe(alone.text);
    expect(together?.removed).toEqual(alone.removed);
  });

  it('still removes a recurring line from articles that say more', () => {
    const stories = Array.from({ length: 13 }, (_, i) =>
      brief(
        i,
        [
          `Story number ${i + 1} from the harbour`,
          `Dockers in Port Elmar unloaded ${100 + i} containers of grain on Monday, the port authority said in its daily note.`,
          `The harbour master said ship number ${i + 1} would leave on the evening tide once the cranes were repaired.`,
          'Sign up for our newsletter to get the harbour news every morning in your inbox.',
        ].join('\n'),
      ),
    );
    const { articles } = cleanArticles(stories, { registry });
    expect(articles).toHaveLength(13);
    for (const a of articles) {
      expect(a.text).not.toContain('newsletter');
      expect(a.text.split('\n')).toHaveLength(2);
    }
  });
});
