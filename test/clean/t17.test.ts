// The cleaner on real articles from the Timeline17 corpus: everything is read, the corpus's own boilerplate goes
// (transcript headers, comment policies, player placeholders, template lines), and reporting stays.
import { describe, expect, it } from 'vitest';
import { cleanArticles, lineKey } from '../../src/clean/index.js';
import { T17_TOPICS, t17Raws } from '../shared.js';

describe.each(T17_TOPICS)('cleaning T17 %s', (topic) => {
  const raws = t17Raws(topic);
  const { articles, diagnostics } = cleanArticles(raws);

  it('accounts for every article: cleaned, or skipped with a reason because nothing but boilerplate was left', () => {
    expect(articles.length + diagnostics.filter((d) => d.severity === 'skipped').length).toBe(raws.length);
    for (const d of diagnostics) expect(d.reason).toMatch(/no text left after cleaning/);
    expect(diagnostics.length).toBeLessThanOrEqual(Math.ceil(raws.length * 0.01));
  });

  it('removes the corpus boilerplate', () => {
    for (const a of articles) {
      expect(a.text).not.toMatch(/Download PDF maps|THIS IS A RUSH TRANSCRIPT|Comments are not pre-screened|JavaScript must be turned on|Your comments may be published|Views expressed in the comments/);
    }
  });

  it('removes lines as template only when they recur across articles', () => {
    const occurrences = new Map<string, number>();
    for (const r of raws) for (const k of new Set(r.text!.split('\n').map(lineKey))) occurrences.set(k, (occurrences.get(k) ?? 0) + 1);
    for (const a of articles) {
      for (const r of a.removed.filter((x) => x.reason.startsWith('recurs'))) {
        expect(occurrences.get(lineKey(r.line)) ?? 0, r.line).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('keeps the reporting: under 10% of lines removed, and long unique sentences only by a named pattern', () => {
    const total = raws.reduce((n, r) => n + r.text!.split('\n').filter((l) => l.trim()).length, 0);
    const removed = articles.reduce((n, a) => n + a.removed.length, 0);
    expect(removed / total).toBeLessThan(0.1);
    for (const a of articles) {
      for (const r of a.removed) {
        if (r.line.split(' ').length < 25 || r.reason === 'title') continue;
        // A long line may only go by a rule that names what it is (transcript header, comment form, caption…).
        expect(r.reason, r.line).not.toMatch(/related-story headline|teaser/);
      }
    }
  });

  it('keeps the given publication dates and detects the language', () => {
    for (const a of articles) {
      expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.publishedFrom).toBe('given');
    }
    const english = articles.filter((a) => a.language === 'en').length;
    expect(english / articles.length).toBeGreaterThan(0.97);
  });
});
