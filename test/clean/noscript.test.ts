// A page whose story stands inside <noscript> (an app shell with a server-rendered copy for readers without scripts)
// was skipped as empty: the text there is read when the page has no other.
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import { extractHtml } from '../../src/clean/html.js';

const registry = OutletRegistry.load();
const PARAGRAPHS = [
  'The river rose two metres overnight and the mayor of Port Elmar ordered the old town cleared before dawn.',
  'Boats from the harbour carried about 400 residents to the school on the hill, the fire brigade said.',
  'Forecasters expect more rain on Thursday, and the dykes upstream are being reinforced with sandbags.',
];
const story = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');

describe('text inside <noscript>', () => {
  it('is read when the page shows nothing else', () => {
    const html = `<!doctype html><html><head><title>Flood in Port Elmar</title></head><body><div id="app"></div>
      <noscript><article><h1>Flood in Port Elmar</h1>${story}</article></noscript><script>render()</script></body></html>`;
    expect(extractHtml(html).text.split('\n')).toEqual(expect.arrayContaining(PARAGRAPHS));
    const { articles, diagnostics } = cleanArticles([{ id: 'n', source: 'n.html', format: 'html', html }], { registry });
    expect(diagnostics).toEqual([]);
    expect(articles[0].text.split('\n')).toEqual(PARAGRAPHS);
  });

  it('is read when a short teaser stands outside it', () => {
    const html = `<html><body><p>Loading the latest news…</p><noscript><div>${story}</div></noscript></body></html>`;
    expect(extractHtml(html).text).toContain(PARAGRAPHS[2]);
  });

  it('is left out of a page that reads well without it (a note to turn scripts on, a tracking frame)', () => {
    const html = `<html><head><title>Flood in Port Elmar</title></head><body><article>${story}${story}</article>
      <noscript>Please turn on JavaScript to see comments.</noscript><noscript><iframe src="https://tracker.example/ns"></iframe></noscript></body></html>`;
    const text = extractHtml(html).text;
    expect(text).toContain(PARAGRAPHS[0]);
    expect(text).not.toContain('JavaScript');
  });
});
