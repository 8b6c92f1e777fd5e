import { test } from 'vitest';
import { cleanArticles } from '../../src/clean/index.js';
import { t17Raws, T17_TOPICS } from '../shared.js';
import { framingContrasts, learnSubstitutions } from '../../src/compare/framing.js';
import { SentenceSpace, splitSentences } from '../../src/text/index.js';
import type { Fact } from '../../src/model.js';
test('t17', () => {
  for (const topic of T17_TOPICS) {
    const { articles: all } = cleanArticles(t17Raws(topic));
    const articles = all.slice(0, 100);
    const om = new Map(articles.map(a => [a.id, a.outlet ?? `unidentified (${a.id})`]));
    const outletOf = (id: string) => om.get(id)!;
    const sentences = articles.map(a => splitSentences(a.text));
    const space = new SentenceSpace(articles, sentences);
    const facts: Fact[] = [];
    for (const [q, list] of space.supportOf(space.sentences.map((_, i) => i), 0.5)) {
      if (!list.length) continue;
      const s = space.sentences[q];
      facts.push({ id: `f${q}`, text: s.sentence.text, citations: [{ article: articles[s.article].id, sentence: s.sentence.index }, ...list.map(c => ({ article: c.article, sentence: c.sentence }))], outlets: [], salience: 1 });
    }
    const arts = articles.map(a => ({ ...a, sentences: sentences[articles.indexOf(a)].map(s => ({ start: s.start, end: s.end })) }));
    const t0 = performance.now();
    const c = framingContrasts(arts, outletOf, facts);
    const t1 = performance.now();
    framingContrasts(arts, outletOf, facts);
    console.log(`== ${topic} articles ${articles.length} facts ${facts.length} outlets ${new Set(om.values()).size} ms ${(t1 - t0).toFixed(1)} warm ${(performance.now() - t1).toFixed(1)}`);
    for (const x of c.slice(0, 6)) console.log(`  ${x.source} ${x.referent}: ` + x.sides.map(s => `${s.label} ${Object.values(s.counts).reduce((a, b) => a + b, 0)} [${s.terms.slice(0, 4).map(t => t.term).join(', ')}]`).join(' | '));
    for (const s of learnSubstitutions(arts, outletOf, facts).slice(0, 25)) {
      const a = arts.find(x => x.id === s.citations[0].article)!; const sp = a.sentences![s.citations[0].sentence];
      const b = arts.find(x => x.id === s.citations[1].article)!; const sq = b.sentences![s.citations[1].sentence];
      console.log(`  SUB ${s.terms.join(' / ')} facts=${s.facts.length} known=${s.known}\n      A: ${a.text.slice(sp.start, sp.end).slice(0, 200)}\n      B: ${b.text.slice(sq.start, sq.end).slice(0, 200)}`);
    }
  }
});
