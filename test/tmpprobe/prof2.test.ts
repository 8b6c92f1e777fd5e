import { test } from 'vitest';
import { cleanArticles } from '../../src/clean/index.js';
import { t17Raws } from '../shared.js';
import { framingContrasts } from '../../src/compare/framing.js';
import { SentenceSpace, splitSentences } from '../../src/text/index.js';
import type { Fact } from '../../src/model.js';
import { Session } from 'node:inspector/promises';
test('prof', async () => {
  const { articles: all } = cleanArticles(t17Raws('egypt'));
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
  for (let r = 0; r < 3; r++) framingContrasts(arts, outletOf, facts);
  const session = new Session(); session.connect();
  await session.post('Profiler.enable'); await session.post('Profiler.start');
  for (let r = 0; r < 10; r++) framingContrasts(arts, outletOf, facts);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas!; const samples = profile.samples!;
  for (let i = 0; i < samples.length; i++) { const n: any = nodes.get(samples[i]); const k = `${n.callFrame.functionName}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt[i] / 1000); }
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${(v/10).toFixed(1)}ms ${k}`).join('\n'));
});
