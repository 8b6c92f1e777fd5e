import { test } from 'vitest';
import { cleanArticles } from '../../src/clean/index.js';
import { t17Raws, T17_TOPICS } from '../shared.js';
import { framingContrasts } from '../../src/compare/framing.js';
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
    const arts = articles.map((a, i) => ({ ...a, sentences: sentences[i].map(s => ({ start: s.start, end: s.end })) }));
    const chars = arts.reduce((n, a) => n + a.text.length, 0);
    const cites = facts.reduce((n, f) => n + f.citations.length, 0);
    const t: number[] = [];
    for (let r = 0; r < 3; r++) {
      let t0 = performance.now(); framingContrasts(arts, outletOf, facts, { maxLearned: 0 }); const d = performance.now() - t0;
      t0 = performance.now(); framingContrasts(arts, outletOf, facts); t.push(d, performance.now() - t0);
    }
    console.log(`== ${topic} chars ${chars} facts ${facts.length} cites ${cites} data/learn ms ${t.map(x => x.toFixed(0)).join(' ')}`);
  }
});
