// The replicated corpus the store benchmark and the 10,000-article tests use: every copy datable (inside the years a
// publication date is read in) and every id once.
import { describe, expect, it } from 'vitest';
import { copyShiftDays, replicatedT17Lines } from '../../src/bench/corpus.js';
import { cleanArticles } from '../../src/clean/index.js';
import type { RawArticle } from '../../src/model.js';
import { T17 } from '../shared.js';

describe('replicated T17 corpus', () => {
  it('moves copies later and earlier in turn, so that 100,000 articles (81 copies) stay within 1800–2200', () => {
    expect([0, 1, 2, 3, 4].map(copyShiftDays)).toEqual([0, 1500, -1500, 3000, -3000]);
    const shifts = Array.from({ length: 81 }, (_, k) => copyShiftDays(k));
    // The original articles' days (copy 0: ids without "~").
    const originals = replicatedT17Lines(T17, 3000)
      .map((l) => JSON.parse(l) as { id: string; published: string })
      .filter((l) => !l.id.includes('~'))
      .map((l) => l.published)
      .sort();
    const moved = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
    expect(moved(originals[0], Math.min(...shifts)) >= '1800-01-01').toBe(true);
    expect(moved(originals[originals.length - 1], Math.max(...shifts)) <= '2200-12-31').toBe(true);
  });

  it('gives each copy ids of its own and dates the cleaner reads', () => {
    const lines = replicatedT17Lines(T17, 3000).map((l) => JSON.parse(l) as { id: string; published: string; text: string });
    expect(new Set(lines.map((l) => l.id)).size).toBe(3000);
    const raws: RawArticle[] = lines.map((l) => ({ id: l.id, source: 'replicated', format: 'jsonl', published: l.published, text: l.text }));
    const { articles, diagnostics } = cleanArticles(raws);
    expect(diagnostics.filter((d) => /publication date/.test(d.reason))).toEqual([]);
    expect(articles.every((a) => a.published)).toBe(true);
  });
});
