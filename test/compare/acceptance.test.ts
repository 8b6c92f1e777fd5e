// Issue 6's acceptance on the real seeds and the T17 corpora: the outlets with their kinds, what only one outlet
// reported, the quotes each carried or left out, the words each chose, and a note whose every sentence cites.
import { describe, expect, it } from 'vitest';
import type { Article, Comparison, Event } from '../../src/model.js';
import { OutletRegistry, cleanArticles } from '../../src/clean/index.js';
import { analyzeArticles, readAndClean } from '../../src/pipeline/index.js';
import { splitSentences } from '../../src/text/index.js';
import { SEEDS, T17_TOPICS, t17Raws } from '../shared.js';

const registry = OutletRegistry.load();
const profileOf = (name: string) => registry.lookup(name);
const { articles: seedArticles } = await readAndClean([SEEDS]);
const seeds = analyzeArticles(seedArticles, { profileOf });
const tehran = seeds.events.find((e) => e.articles.length === 4)!;
const c = tehran.comparison!;

/** Every citation of the comparison names an article of the event and one of its sentences. */
function checkCitations(e: Event, articles: Article[]): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const split = new Map<string, ReturnType<typeof splitSentences>>();
  const sentencesOf = (id: string) => split.get(id) ?? split.set(id, splitSentences(byId.get(id)!.text)).get(id)!;
  const comparison = e.comparison as Comparison;
  const all = [...comparison.facts.flatMap((f) => f.citations), ...comparison.note.flatMap((s) => s.citations), ...comparison.framing.flatMap((f) => f.sides.flatMap((s) => s.terms.flatMap((t) => t.citations)))];
  for (const cite of all) {
    expect(e.articles).toContain(cite.article);
    expect(sentencesOf(cite.article)[cite.sentence], `${cite.article} sentence ${cite.sentence}`).toBeDefined();
  }
}

const onlyIn = (outlet: string) => c.facts.filter((f) => f.outlets.length === 1 && f.outlets[0] === outlet).map((f) => f.text);

describe('the Tehran event compared across outlets', () => {
  it('lists the four outlets, with the kinds the registry gives', () => {
    expect(c.outlets).toHaveLength(4);
    const kinds = Object.fromEntries(c.outlets.map((o) => [o.outlet, o.kind]));
    expect(kinds).toMatchObject({ AFP: 'wire agency', 'Press TV': 'state-controlled', SANA: 'wire agency' });
    expect(c.outlets.filter((o) => !o.identified).map((o) => o.articles)).toEqual([[expect.stringMatching(/^000/)]]);
  });

  it('finds what only one outlet reported', () => {
    expect(onlyIn('Press TV').some((t) => /Israel/.test(t) && /patroni[sz]/.test(t))).toBe(true);
    expect(onlyIn('AFP').some((t) => /Palmyra/.test(t) && /Tabqa/.test(t))).toBe(true);
    expect(onlyIn('SANA').some((t) => /Shamkhani/.test(t) && /Frei?j/.test(t) && /Friday/.test(t))).toBe(true);
  });

  it('finds what several outlets reported together', () => {
    const shared = c.facts.filter((f) => f.outlets.length >= 2);
    expect(shared.length).toBeGreaterThanOrEqual(5);
    expect(shared.some((f) => /cease-?fire/.test(f.text))).toBe(true);
  });

  it('shows who carried the cease-fire quote, who left it out, and how its wording differs', () => {
    const q = c.quotes.find((x) => /guaranteed cease-?fire/.test(x.text))!;
    expect(q).toBeDefined();
    expect(q.carriedBy.sort()).toEqual(['AFP', 'Press TV']);
    expect(q.leftOutBy).toContain('SANA');
    expect(q.wordings.length).toBe(2);
    expect(q.differences.join(' ')).toMatch(/cease-fire/);
    expect(q.differences.join(' ')).toMatch(/ceasefire/);
    // Each wording cites the sentence where it stands.
    for (const w of q.wordings) {
      for (const cite of w.citations) {
        const text = seeds.articles.find((a) => a.id === cite.article)!.text;
        expect(splitSentences(text)[cite.sentence].text).toMatch(/guaranteed cease-?fire/);
      }
    }
  });

  it('counts the words each outlet chooses: terrorists against rebels, regime against government', () => {
    const armed = c.framing.find((f) => f.source === 'data' && f.sides.some((s) => s.terms.some((t) => /^terrorists?$/.test(t.term))))!;
    expect(armed).toBeDefined();
    const [terror, rebels] = [armed.sides.find((s) => s.terms.some((t) => /terror/.test(t.term)))!, armed.sides.find((s) => s.terms.some((t) => /rebel/.test(t.term)))!];
    expect(terror.counts['Press TV']).toBeGreaterThan(0);
    expect(terror.counts.SANA).toBeGreaterThan(0);
    expect(rebels.counts.AFP).toBeGreaterThan(0);
    const state = c.framing.find((f) => f.sides.some((s) => s.terms.some((t) => t.term === 'regime')))!;
    expect(state).toBeDefined();
    expect(state.sides.every((s) => Object.keys(s.counts).length > 0)).toBe(true);
  });

  it('writes a note whose every sentence cites the articles it rests on', () => {
    expect(c.note.length).toBeGreaterThanOrEqual(4);
    for (const s of c.note) expect(s.citations.length).toBeGreaterThan(0);
    const text = c.note.map((s) => s.text).join(' ');
    expect(text).toMatch(/Press TV \(state-controlled/);
    expect(text).toMatch(/Only (AFP|Press TV|SANA) reported/);
    checkCitations(tehran, seeds.articles);
  });
});

describe('comparisons on the T17 corpora', () => {
  for (const topic of T17_TOPICS) {
    it(`${topic}: every event compared, every citation valid`, () => {
      const { articles } = cleanArticles(t17Raws(topic));
      const analysis = analyzeArticles(articles, { profileOf });
      for (const e of analysis.events) {
        expect(e.comparison).toBeDefined();
        expect(e.comparison!.outlets.reduce((n, o) => n + o.articles.length, 0)).toBe(e.articles.length);
        checkCitations(e, analysis.articles);
      }
    });
  }
});
