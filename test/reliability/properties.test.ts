// Property-based tests (fast-check): arbitrary Unicode and arbitrary bytes never make a stage throw, every offset a
// stage gives indexes the text it came from, and ingesting the same input twice changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawArticle } from '../../src/model.js';
import { cleanArticles } from '../../src/clean/index.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { readInputs } from '../../src/ingest/index.js';
import { splitSentences } from '../../src/text/index.js';
import { understandArticle } from '../../src/understand/index.js';
import { findQuotes } from '../../src/understand/quotes.js';
import { ingestIntoStore } from '../../src/service/ingest.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs per property: enough to find the edge cases these stages have had, within a CI budget. */
const RUNS = { numRuns: 300 };

/** Text as scraped pages give it: any Unicode (astral, combining, RTL, controls, NUL), news-like words, quote marks,
 * line breaks and sentence ends mixed in. */
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('Hossein Dehghan', 'Sergei Shoigu', 'Tehran', 'on Thursday', 'June 9', 'said', '“', '”', '"', "'", '«', '»', '. ', '? ', '! ', '\n', '\n\n', '\r\n', 'Mr. ', 'U.S. ', '(AP) — ', 'TEHRAN, June 9 (Reuters) - ', '\u0000', '\u202e', '\u200b', 'e\u0301', '😀', '...'),
);
const newsText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

const raw = (text: string, title: string | undefined, published: string | undefined, id = 'p'): RawArticle => ({ id, source: `${id}.jsonl`, format: 'jsonl', text, title, published });

describe('properties', () => {
  it('the sentence splitter never throws, and its spans index the text in order without overlap', () => {
    fc.assert(
      fc.property(newsText, (text) => {
        const sentences = splitSentences(text);
        let last = 0;
        sentences.forEach((s, i) => {
          expect(s.index).toBe(i);
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(s.start, s.end)).toBe(s.text);
          last = s.end;
        });
      }),
      RUNS,
    );
  });

  it('the cleaner never throws: each raw article comes out cleaned or with one diagnostic naming it', () => {
    fc.assert(
      fc.property(newsText, fc.option(newsText, { nil: undefined }), fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (text, title, published) => {
        const { articles, diagnostics } = cleanArticles([raw(text, title, published)]);
        const skipped = diagnostics.filter((d) => d.severity === 'skipped');
        expect(articles.length + skipped.length).toBe(1);
        for (const d of diagnostics) expect(d.source).toBe('p.jsonl');
        for (const a of articles) {
          expect(typeof a.text).toBe('string');
          expect(a.text.trim().length).toBeGreaterThan(0);
          if (a.published) expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      RUNS,
    );
  });

  it('the cleaner never throws on arbitrary HTML', () => {
    const tag = fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<script>', '</script>', '<base href="x">', '<meta http-equiv="refresh" content="0">', '<title>', '</title>', '<!--', '-->', '<![CDATA[', ']]>', '<a href="javascript:x">', '</a>', '&amp;', '&#0;', '&#x110000;', '<');
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, piece), { maxLength: 50 }), (parts) => {
        const html = parts.join('');
        const { articles, diagnostics } = cleanArticles([{ id: 'h', source: 'h.html', format: 'html', html }]);
        expect(articles.length + diagnostics.filter((d) => d.severity === 'skipped').length).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('names, dates and quotes never throw, and their offsets index the cleaned text', () => {
    fc.assert(
      fc.property(newsText, fc.constantFrom(undefined, '2016-06-09', '2010-01-12'), (text, published) => {
        const { articles } = cleanArticles([raw(`Title line\n\n${text}`, undefined, published)]);
        for (const a of articles) {
          const u = understandArticle(a);
          for (const n of u.names) {
            expect(n.start).toBeGreaterThanOrEqual(0);
            expect(n.end).toBeLessThanOrEqual(a.text.length);
            expect(n.start).toBeLessThan(n.end);
            expect(n.sentence).toBeLessThan(u.sentences.length);
          }
          for (const d of u.article.dates ?? []) {
            expect(a.text.slice(d.start, d.end)).toBe(d.text);
            expect(d.sentence).toBeLessThan(u.sentences.length);
          }
          for (const q of findQuotes(a.text, u.sentences, [])) {
            expect(q.start).toBeGreaterThanOrEqual(0);
            expect(q.end).toBeLessThanOrEqual(a.text.length);
            expect(q.start).toBeLessThanOrEqual(q.end);
            expect(q.sentence).toBeLessThan(u.sentences.length);
          }
        }
      }),
      RUNS,
    );
  });

  it('decoding never throws: arbitrary bytes are text or a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.constantFrom('utf-8', 'windows-1252', 'nonsense', 'utf-16le'), { nil: undefined }), (bytes, declared) => {
        const r = decodeBytes(bytes, declared);
        expect('text' in r ? typeof r.text : typeof r.error).toBe('string');
      }),
      RUNS,
    );
  });

  it('the readers never throw: arbitrary bytes in a .jsonl, .txt, .html or .rss file give articles or diagnostics', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('jsonl', 'txt', 'html', 'rss', 'xml'), async (bytes, ext) => {
        const file = path.join(dir, `arbitrary-${n++}.${ext}`);
        writeFileSync(file, bytes);
        const diagnostics: unknown[] = [];
        for await (const a of readInputs([file], { onDiagnostic: (d) => diagnostics.push(d) })) expect(a.source.startsWith(file)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('ingest is idempotent: the same articles again change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(newsText, fc.constantFrom('2016-06-09', '2016-06-10', undefined)), { minLength: 1, maxLength: 6 }), async (items) => {
        const raws = items.map(([text, published], i) => raw(`Report ${i}\n\nOfficials said on Tuesday that ${text}`, undefined, published, `a${i}`));
        const { articles } = cleanArticles(raws);
        const store = SqliteStore.open(path.join(dir, `idem-${Math.random().toString(36).slice(2)}.db`));
        try {
          await ingestIntoStore(store, articles);
          const before = await store.events();
          const again = await ingestIntoStore(store, articles);
          expect(again).toMatchObject({ added: 0, updated: 0 });
          expect(await store.events()).toEqual(before);
          expect(await store.countArticles()).toBe(articles.length);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
