// A stored understanding unpacks to exactly what the understanding stage made: on the seeds and a T17 topic.
import { describe, expect, it } from 'vitest';
import { cleanArticles } from '../../src/clean/index.js';
import { readAndClean } from '../../src/pipeline/index.js';
import { understandArticle } from '../../src/understand/index.js';
import { packUnderstanding, unpackUnderstanding } from '../../src/understand/pack.js';
import { SEEDS, t17Raws } from '../shared.js';

describe('packed understanding', () => {
  it('round-trips every article of the seeds and of the mj topic', async () => {
    const articles = [...(await readAndClean([SEEDS])).articles, ...cleanArticles(t17Raws('mj')).articles];
    for (const a of articles) {
      const u = understandArticle(a);
      const packed = packUnderstanding(u);
      expect(unpackUnderstanding(JSON.parse(JSON.stringify(u.article)), packed)).toEqual(u);
      // What an event adds to a stored article is set aside.
      expect(unpackUnderstanding({ ...u.article, mentions: [], duplicateOf: 'x' }, packed)).toEqual(u);
    }
  });

  it('keeps a fraction of what the stage made', async () => {
    const a = (await readAndClean([SEEDS])).articles.find((x) => x.id.startsWith('001'))!;
    const u = understandArticle(a);
    expect(packUnderstanding(u).length).toBeLessThan(JSON.stringify({ sentences: u.sentences, names: u.names }).length / 3);
  });
});
