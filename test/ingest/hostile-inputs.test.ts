// Inputs shaped to hurt the readers, found by independent testing (issue 17): articles of a million tiny lines or
// sentences (bounded by src/ingest/bound.ts), archives named .jsonl, file names that are not UTF-8, blank ids.
// Every input is generated here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { boundHtml, boundText, MAX_ARTICLE_CHARS, MAX_ARTICLE_LINES, MAX_HTML_ELEMENTS } from '../../src/ingest/bound.js';
import { collect, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** Lines of the text as the cleaner keeps them (blank ones dropped). */
const linesOf = (text: string) => text.split(/\r\n?|\n/).filter((l) => l.trim() !== '');

describe('an article too big in shape, not in bytes, is cut with one warning', () => {
  it('keeps the first 20,000 lines of a text of a million one-word lines (4.9 MB)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'l.txt');
    const words = Array.from({ length: 1_000_000 }, (_, i) => `w${i % 1000}`);
    fs.writeFileSync(file, `T\n${words.join('\n')}\n`);
    const { articles, diagnostics } = await collect([dir]);
    expect(articles).toHaveLength(1);
    const lines = linesOf(articles[0].text!);
    expect(lines).toHaveLength(MAX_ARTICLE_LINES);
    expect(lines.slice(0, 3)).toEqual(['T', 'w0', 'w1']);
    expect(diagnostics).toEqual([
      { source: file, reason: 'text cut to its first 20,000 lines (of 1,000,001), the most one article may have; the rest is left out', severity: 'warning' },
    ]);
  });

  it('keeps the first 1,000,000 characters of one 10 MB line of sentences, cut between them', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'one.jsonl');
    const text = 'Ab! '.repeat(2_500_000);
    fs.writeFileSync(file, `${JSON.stringify({ id: 'one', text })}\n`);
    const { articles, diagnostics } = await collect([file]);
    const kept = articles[0].text!;
    expect(kept.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(kept.length).toBeGreaterThan(MAX_ARTICLE_CHARS - 10);
    expect(kept.endsWith('Ab!')).toBe(true);
    expect(diagnostics).toEqual([
      { source: `${file}:1`, reason: 'text cut at 1,000,000 characters (of 10,000,000), the most one article may have; the rest is left out', severity: 'warning' },
    ]);
  });

  it('keeps the first 20,000 elements of a 9.8 MB page of 900,000 paragraphs', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.html');
    const paragraphs = Array.from({ length: 900_000 }, (_, i) => `<p>w${i % 1000}</p>`);
    fs.writeFileSync(file, `<html><body><h1>T</h1>${paragraphs.join('')}</body></html>`);
    const { articles, diagnostics } = await collect([file]);
    const kept = articles[0].html!;
    // <html>, <body> and <h1> are three of the elements kept.
    expect(kept.match(/<p>/g)).toHaveLength(MAX_HTML_ELEMENTS - 3);
    expect(kept.endsWith('</p>')).toBe(true);
    expect(diagnostics).toEqual([
      { source: file, reason: 'page cut after its first 20,000 elements (of 900,003), the most one article may have; the rest is left out', severity: 'warning' },
    ]);
  });
});

describe('the bounds', () => {
  it('leave text within them as it is: blank lines do not count, CRLF is one break', () => {
    const text = Array.from({ length: MAX_ARTICLE_LINES }, (_, i) => `Line ${i}.`).join('\r\n\r\n\n');
    expect(boundText(text)).toEqual({ text });
    expect(boundText(`${text}\nOne more.`).text).toBe(text);
  });

  it('never cut a surrogate pair, even inside one endless word', () => {
    const text = `x${'😀'.repeat(MAX_ARTICLE_CHARS)}`; // the limit falls between the halves of a pair
    const kept = boundText(text).text;
    expect(kept.length).toBe(MAX_ARTICLE_CHARS - 1);
    expect(kept.endsWith('😀')).toBe(true);
  });

  it('count neither what scripts, styles and comments hold, nor indentation, as the elements or text of a page', () => {
    const markup = '<div>x</div>'.repeat(MAX_HTML_ELEMENTS);
    const html = [
      '<html><head><title>Quiet page</title>',
      `<script>var s = "${markup}";</script>`,
      `<STYLE>/* ${markup} */</STYLE>`,
      `<!-- ${markup} -->`,
      '</head><body>',
      `${' '.repeat(MAX_ARTICLE_CHARS)}\n<p>${'word '.repeat(MAX_ARTICLE_CHARS / 10)}</p>`,
      '</body></html>',
    ].join('\n');
    expect(boundHtml(html)).toEqual({ html });
  });

  it('cut a page of one endless paragraph after 1,000,000 characters of text, at a space', () => {
    const html = `<html><body><p>${'Ab! '.repeat(MAX_ARTICLE_CHARS / 2)}</p></body></html>`;
    const bounded = boundHtml(html);
    expect(bounded.cut).toBe('page cut after 1,000,000 characters of text (of 1,500,000), the most one article may have; the rest is left out');
    const text = bounded.html.slice('<html><body><p>'.length);
    expect(text.replace(/\s/g, '').length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(text.replace(/\s/g, '').length).toBeGreaterThan(MAX_ARTICLE_CHARS - 10);
    expect(text.endsWith('Ab!')).toBe(true);
  });
});

describe('an archive named .jsonl', () => {
  const records = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `a${i}`, text: `Report number ${i} about the bridge.` })).join('\n');

  /** A ZIP archive holding one deflated file, as `zip` writes it (local header, data, central directory, end). */
  function zipOf(name: string, content: string): Buffer {
    const data = deflateRawSync(content);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(Buffer.byteLength(content), 22);
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, Buffer.from(name), data]);
  }

  it('is refused with one line naming what it is, not one line a binary "line"', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.jsonl'), gzipSync(records));
    fs.writeFileSync(path.join(dir, 'b.jsonl'), zipOf('b.jsonl', records));
    fs.writeFileSync(path.join(dir, 'c.ndjson'), Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)));
    const { articles, diagnostics } = await collect([dir]);
    expect(articles).toEqual([]);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'a.jsonl'), reason: 'binary file (gzip archive)', severity: 'skipped' },
      { source: path.join(dir, 'b.jsonl'), reason: 'binary file (ZIP archive or Office document)', severity: 'skipped' },
      { source: path.join(dir, 'c.ndjson'), reason: expect.stringMatching(/^binary file \(\d+% control bytes\)$/), severity: 'skipped' },
    ]);
  });

  it('is refused on stdin too, however the stream is chunked', async () => {
    const gz = gzipSync(records);
    const chunks = Array.from({ length: Math.ceil(gz.length / 7) }, (_, i) => gz.subarray(i * 7, i * 7 + 7));
    const { articles, diagnostics } = await collect(['-'], { stdin: Readable.from(chunks) });
    expect(articles).toEqual([]);
    expect(diagnostics).toEqual([{ source: 'stdin', reason: 'binary file (gzip archive)', severity: 'skipped' }]);
  });

  it('is not confused with a JSONL file that has a stray NUL on one line: only that line is lost', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nul.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: 'a', text: 'First.' })}\n{"id":"b","text":"Nul\u0000here."}\n${JSON.stringify({ id: 'c', text: 'Third.' })}\n`);
    const { articles, diagnostics } = await collect([file]);
    expect(articles.map((a) => a.id)).toEqual(['a', 'c']);
    expect(diagnostics.map((d) => d.source)).toEqual([`${file}:2`]);
  });
});

describe('a file name that is not valid UTF-8', () => {
  const named = (dir: string, ...parts: Array<string | number[]>) =>
    Buffer.concat([Buffer.from(dir), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);

  it('is read, shown with its bad bytes escaped, and told apart from a name that differs in them only', async () => {
    const dir = tempDir();
    fs.writeFileSync(named(dir, '/bad', [0xff], '.txt'), 'Bridge opens in Aldport\nThe bridge opened on Monday.\n');
    fs.writeFileSync(named(dir, '/bad', [0xfe], '.txt'), 'Road closes in Brennick\nThe road closed on Tuesday.\n');
    fs.mkdirSync(named(dir, '/caf', [0xe9])); // Latin-1 "café"
    fs.writeFileSync(named(dir, '/caf', [0xe9], '/r', [0xe9], 'sum', [0xe9], '.jsonl'), `${JSON.stringify({ text: 'Summary.' })}\n`);
    fs.writeFileSync(path.join(dir, 'ünicode.txt'), 'Valid name\nValid text.\n');
    const { articles, diagnostics } = await collect([dir]);
    expect(diagnostics).toEqual([]);
    expect(articles.map((a) => [a.id, a.source])).toEqual([
      ['bad\\xfe', `${dir}/bad\\xfe.txt`],
      ['bad\\xff', `${dir}/bad\\xff.txt`],
      ['r\\xe9sum\\xe9-1', `${dir}/caf\\xe9/r\\xe9sum\\xe9.jsonl:1`],
      ['ünicode', `${dir}/ünicode.txt`],
    ]);
    expect(articles[1].text).toBe('Bridge opens in Aldport\nThe bridge opened on Monday.\n');
  });
});

describe('a JSONL record with a blank id', () => {
  it('says the id is blank, and uses the generated one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: '   ', text: 'Body.' })}\n`);
    const { articles, diagnostics } = await collect([file]);
    expect(articles.map((a) => a.id)).toEqual(['x-1']);
    expect(diagnostics).toEqual([{ source: `${file}:1`, reason: 'id ignored (it is blank); using x-1', severity: 'warning' }]);
  });
});
