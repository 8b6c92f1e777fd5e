// Timelines: dates chosen by how many reports refer to them (not only by when they were published), each summarised
// from sentences about that date, citing real sentences; on our own fixture and on the T17 corpora.
import { describe, expect, it } from 'vitest';
import type { Article, RawArticle } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { timelineOf } from '../../src/pipeline/index.js';
import { rankDates } from '../../src/timeline/index.js';
import { understandArticle } from '../../src/understand/index.js';
import { splitSentences } from '../../src/text/index.js';
import { compressSentence } from '../../src/summarize/index.js';
import { T17_TOPICS, t17Raws } from '../shared.js';

const raw = (id: string, published: string, text: string): RawArticle => ({ id, source: `${id}.jsonl`, format: 'jsonl', published, text });

// A made-up flood: the river peaks on Thursday 12 March; reports on later days keep referring back to that day.
const FLOOD: RawArticle[] = [
  raw('f1', '2026-03-12', 'The Alder river burst its banks at Kingsford on Thursday after three days of heavy rain in the hills.\nHundreds of homes in the lower town were flooded on Thursday and three bridges were closed.'),
  raw('f2', '2026-03-13', 'Rescue teams in Kingsford worked through the night after the Alder river burst its banks on Thursday.\nThe regional council said on Friday that 400 people had spent the night in emergency shelters.'),
  raw('f3', '2026-03-15', 'Residents of Kingsford returned to their flooded homes on Sunday, three days after the Alder river burst its banks on March 12.\nInsurers estimated the damage at 40 million euros.'),
  raw('f4', '2026-03-15', 'The Kingsford flood of March 12 was the worst on the Alder river since records began, the regional hydrology office said on Sunday.\nThe office said the river had peaked at 6.4 metres at the Kingsford gauge.'),
];

function understood(raws: RawArticle[]): Article[] {
  return cleanArticles(raws).articles.map((a) => understandArticle(a).article);
}

describe('date selection', () => {
  it('ranks first the day most reports refer to, above days that only have reports published on them', () => {
    const ranked = rankDates(understood(FLOOD));
    expect(ranked[0].date).toBe('2026-03-12');
    expect(ranked.map((r) => r.date)).toContain('2026-03-15');
    // Every report names the 12th; the 15th has two reports published and one "on Sunday" each.
    expect(ranked[0].score).toBeGreaterThan(ranked.find((r) => r.date === '2026-03-15')!.score);
  });

  it('ignores days after the report that names them, and days long before the reports', () => {
    const ranked = rankDates(understood([
      raw('p1', '2026-03-12', 'The council will vote on the flood defences on March 30, the mayor said after the flood on Thursday.'),
      raw('p2', '2026-03-13', 'The last flood of this size at Kingsford was on June 3, 1998, the hydrology office said.'),
    ]));
    expect(ranked.map((r) => r.date)).not.toContain('2026-03-30');
    expect(ranked.map((r) => r.date)).not.toContain('1998-06-03');
  });
});

describe('timeline of the flood', () => {
  const articles = cleanArticles(FLOOD).articles;
  const timeline = timelineOf(articles, { dates: 2, sentences: 2 });

  it('gives the asked number of dates in order, each with at most the asked sentences', () => {
    expect(timeline.map((e) => e.date)).toEqual([...timeline.map((e) => e.date)].sort());
    expect(timeline.length).toBe(2);
    expect(timeline[0].date).toBe('2026-03-12');
    for (const e of timeline) expect(e.sentences.length).toBeGreaterThanOrEqual(1);
    for (const e of timeline) expect(e.sentences.length).toBeLessThanOrEqual(2);
  });

  it('tells a date with sentences about it, citing the reports that say the same', () => {
    const first = timeline[0].sentences[0];
    expect(first.text).toMatch(/burst its banks|flooded/);
    expect(new Set(first.citations.map((c) => c.article)).size).toBeGreaterThanOrEqual(2);
  });
});

describe('timelines on the T17 corpora', () => {
  for (const topic of T17_TOPICS) {
    it(`${topic}: dates in the corpus's span, sentences taken from the cited sentences, nothing repeated`, () => {
      const { articles } = cleanArticles(t17Raws(topic));
      const timeline = timelineOf(articles, { dates: 10, sentences: 2 });
      expect(timeline.length).toBe(10);
      const byId = new Map(articles.map((a) => [a.id, a]));
      const published = articles.map((a) => a.published!).sort();
      const texts = new Set<string>();
      for (const e of timeline) {
        expect(e.date <= published[published.length - 1]).toBe(true);
        for (const s of e.sentences) {
          expect(texts.has(s.text), `"${s.text}" once`).toBe(false);
          texts.add(s.text);
          const [own] = s.citations;
          const sentence = splitSentences(byId.get(own.article)!.text)[own.sentence];
          expect(compressSentence(sentence.text)).toBe(s.text);
          for (const c of s.citations) expect(splitSentences(byId.get(c.article)!.text)[c.sentence]).toBeDefined();
        }
      }
    });
  }
});
