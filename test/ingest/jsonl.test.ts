import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return `invalid JSON (${(err as Error).message})`;
  }
  throw new Error('expected invalid JSON');
}

describe('JSONL', () => {
  it('reads good lines around broken ones, naming each broken line with its number', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'feed.jsonl');
    const lines = [
      '{"id":"a1","title":"First","text":"Body one","url":"https://x.test/1","published":"2025-03-04","outlet":"X"}',
      '{"id":"a2", "text": "unterminated',
      '',
      '   ',
      '[1,2,3]',
      '{"id":"a3","title":"No body"}',
      '{"id":"a4","text":42}',
      '"just a string"',
      '{"id":"a5","html":"<p>Body five</p>","author":"Jane Roe"}',
      '{"id":"a6","text":"   ","html":""}',
      '{"text":"No id here","authors":["A. One",{"name":"B. Two"}]}',
      'null',
    ];
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
    const { articles, diagnostics } = await collect([file]);
    expect(articles).toEqual([
      {
        id: 'a1',
        source: `${file}:1`,
        format: 'jsonl',
        title: 'First',
        text: 'Body one',
        url: 'https://x.test/1',
        published: '2025-03-04',
        outlet: 'X',
      },
      { id: 'a5', source: `${file}:9`, format: 'jsonl', html: '<p>Body five</p>', authors: ['Jane Roe'] },
      { id: 'feed-11', source: `${file}:11`, format: 'jsonl', text: 'No id here', authors: ['A. One', 'B. Two'] },
    ]);
    expect(diagnostics).toEqual([
      { source: `${file}:2`, reason: jsonError(lines[1]), severity: 'skipped' },
      { source: `${file}:5`, reason: 'not a JSON object (got an array)', severity: 'skipped' },
      { source: `${file}:6`, reason: 'no text or html field', severity: 'skipped' },
      { source: `${file}:7`, reason: 'text is not a string (got a number)', severity: 'skipped' },
      { source: `${file}:8`, reason: 'not a JSON object (got string)', severity: 'skipped' },
      { source: `${file}:10`, reason: 'text and html are empty', severity: 'skipped' },
      { source: `${file}:12`, reason: 'not a JSON object (got null)', severity: 'skipped' },
    ]);
    expect(diagnostics[0].reason).toMatch(/^invalid JSON \(.+\)$/);
  });

  it('coerces numbers, keeps unknown fields in extra, and warns once per line about fields it drops', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.ndjson');
    const lines = [
      '{"id":12345,"text":"t","published":1741082400,"lang":"en","tags":["a","b"],"meta":{"k":1},"__proto__":{"polluted":true}}',
      '{"id":{"nested":1},"title":["not","a","string"],"text":"t2","html":7,"author":true}',
    ];
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const { articles, diagnostics } = await collect([file]);
    expect(articles).toHaveLength(2);
    expect(articles[0]).toMatchObject({ id: '12345', published: '1741082400', text: 't' });
    expect(articles[0].extra).toEqual(JSON.parse('{"lang":"en","tags":["a","b"],"meta":{"k":1},"__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(articles[0].extra)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(articles[1]).toEqual({ id: 'x-2', source: `${file}:2`, format: 'jsonl', text: 't2' });
    expect(diagnostics).toEqual([
      {
        source: `${file}:2`,
        reason:
          'html ignored (expected a string, got a number); id ignored (expected a string or number, got an object); using x-2; ' +
          'title ignored (expected a string, got an array); author ignored (expected names as strings)',
        severity: 'warning',
      },
    ]);
  });

  it('reads a line that is not valid UTF-8 with replacement characters, and says so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"id":"ok","text":"fine"}\n{"id":"latin","text":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}\n'),
      ]),
    );
    const { articles, diagnostics } = await collect([file]);
    expect(articles.map((a) => [a.id, a.text])).toEqual([
      ['ok', 'fine'],
      ['latin', 'caf\ufffd'],
    ]);
    expect(diagnostics).toEqual([
      { source: `${file}:2`, reason: 'not valid UTF-8; undecodable bytes were replaced with U+FFFD', severity: 'warning' },
    ]);
  });

  it('skips a 50 MB line by its size and still reads the lines around it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.jsonl');
    const size = 50 * 1024 * 1024;
    const head = Buffer.from('{"id":"huge","text":"');
    const tail = Buffer.from('"}');
    const huge = Buffer.alloc(size, 0x61);
    head.copy(huge, 0);
    tail.copy(huge, size - tail.length);
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '{"id":"before","text":"one"}\n');
    fs.writeSync(fd, huge);
    fs.writeSync(fd, '\n{"id":"after","text":"two"}\n{"id":"last","text":"three"}');
    fs.closeSync(fd);

    const t0 = Date.now();
    const { articles, diagnostics } = await collect([file]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(articles.map((a) => [a.id, a.source])).toEqual([
      ['before', `${file}:1`],
      ['after', `${file}:3`],
      ['last', `${file}:4`],
    ]);
    expect(diagnostics).toEqual([
      { source: `${file}:2`, reason: 'line too large: 50.0 MB, over the 10 MB limit for one article', severity: 'skipped' },
    ]);
  });

  it('reads a JSONL file inside a folder with ids from its base name', async () => {
    const dir = tempDir();
    writeTree(dir, { 'wire/2025-03-04.jsonl': '{"text":"a"}\n\n{"text":"b"}\n' });
    const { articles, diagnostics } = await collect([dir]);
    expect(diagnostics).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(['2025-03-04-1', '2025-03-04-3']);
  });

  it('refuses a UTF-16 JSONL file with one diagnostic', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wide.jsonl');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"text":"a"}\n', 'utf16le')]));
    const { articles, diagnostics } = await collect([file]);
    expect(articles).toEqual([]);
    expect(diagnostics).toEqual([
      { source: file, reason: 'JSONL must be UTF-8 (the input starts with a UTF-16 byte-order mark)', severity: 'skipped' },
    ]);
  });
});
