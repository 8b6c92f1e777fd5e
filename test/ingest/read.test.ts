import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.js';
import { readInputs } from '../../src/ingest/index.js';
import { collect, encode1252, encodeSingleByte, removeTempDirs, tempDir, utf16, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><guid>rss-1</guid><title>One</title><description>&lt;p&gt;First&lt;/p&gt;</description></item>
<item><guid>rss-2</guid><title>Two</title><description>Second</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><id>urn:atom:1</id><title>Atomic</title><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>`;

describe('readInputs: folders and formats', () => {
  it('reads a folder mixing txt/html/jsonl/rss/atom, nested folders, in sorted order, skipping dotfiles and node_modules', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'a.txt': 'Alpha story.\nSecond line.',
      'b.html': '<html><head><title>Bee</title></head><body><p>Bee body</p></body></html>',
      'c.jsonl': '{"id":"j1","text":"Line one"}\n{"title":"No id","html":"<p>two</p>"}\n',
      'd.rss': RSS,
      'e.atom': ATOM,
      'notes.md': '# not news',
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      '.hidden.txt': 'hidden',
      '.git/x.txt': 'git',
      'node_modules/pkg/readme.txt': 'nope',
      'sub/deeper/f.txt': 'Deep',
      'sub/g.htm': '<p>Gee</p>',
      'sub/Z.TXT': 'Upper-case extension',
    });
    const { articles, diagnostics } = await collect([dir]);
    expect(diagnostics).toEqual([]);
    expect(articles.map((a) => [a.id, a.format, path.relative(dir, a.source)])).toEqual([
      ['a', 'text', 'a.txt'],
      ['b', 'html', 'b.html'],
      ['j1', 'jsonl', 'c.jsonl:1'],
      ['c-2', 'jsonl', 'c.jsonl:2'],
      ['rss-1', 'rss', 'd.rss#item-1'],
      ['rss-2', 'rss', 'd.rss#item-2'],
      ['urn:atom:1', 'atom', 'e.atom#item-1'],
      ['Z', 'text', path.join('sub', 'Z.TXT')],
      ['f', 'text', path.join('sub', 'deeper', 'f.txt')],
      ['g', 'html', path.join('sub', 'g.htm')],
    ]);
    expect(articles[0]).toEqual({ id: 'a', source: path.join(dir, 'a.txt'), format: 'text', text: 'Alpha story.\nSecond line.' });
    expect(articles[1].html).toContain('<p>Bee body</p>');
    expect(articles[1].title).toBeUndefined();
    expect(articles[3]).toMatchObject({ title: 'No id', html: '<p>two</p>' });
    expect(articles[4]).toMatchObject({ title: 'One', html: '<p>First</p>', outlet: 'Wire' });
    expect(articles[6]).toMatchObject({ title: 'Atomic', html: '<p>Body</p>', outlet: 'Atom Wire' });
  });

  it('follows symbolic links but reads a folder reached through a loop only once', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a/one.txt': 'One', 'b/two.txt': 'Two' });
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'b', 'two.txt'), path.join(dir, 'a', 'linked.txt'));
    fs.symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'a', 'dangling.txt'));
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'a', 'dangling.md'));
    const { articles, diagnostics } = await collect([path.join(dir, 'a')]);
    expect(articles.map((a) => [a.id, a.text])).toEqual([
      ['linked', 'Two'],
      ['one', 'One'],
    ]);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'a', 'dangling.txt'), reason: 'broken symbolic link', severity: 'skipped' },
    ]);
  });

  it('reads explicitly named files, and reports a missing path and an unsupported file type', async () => {
    const dir = tempDir();
    writeTree(dir, { 'one.txt': 'One', 'data.csv': 'a,b', 'README': 'x' });
    const missing = path.join(dir, 'nope', 'gone.txt');
    const { articles, diagnostics } = await collect([
      path.join(dir, 'one.txt'),
      missing,
      path.join(dir, 'data.csv'),
      path.join(dir, 'README'),
    ]);
    expect(articles.map((a) => a.id)).toEqual(['one']);
    expect(diagnostics).toEqual([
      { source: missing, reason: 'no such file or folder', severity: 'skipped' },
      { source: path.join(dir, 'data.csv'), reason: 'unsupported file type (.csv)', severity: 'skipped' },
      { source: path.join(dir, 'README'), reason: 'unsupported file type (no extension)', severity: 'skipped' },
    ]);
  });

  it('reads JSONL from stdin with "-", across chunk boundaries, naming lines stdin:LINE', async () => {
    const dir = tempDir();
    writeTree(dir, { 'x.txt': 'file text' });
    const line3 = Buffer.from('{"text":"café au lait"}\n');
    const cut = line3.indexOf(0xc3) + 1; // split inside the two bytes of "é"
    const stdin = Readable.from([
      Buffer.from('{"id":"s1","text":"one"}\n\n'),
      line3.subarray(0, cut),
      line3.subarray(cut),
      Buffer.from('not json\n{"id":7,"text":"seven"}'),
    ]);
    const { articles, diagnostics } = await collect(['-', path.join(dir, 'x.txt')], { stdin });
    expect(articles.map((a) => [a.id, a.source, a.text])).toEqual([
      ['s1', 'stdin:1', 'one'],
      ['stdin-3', 'stdin:3', 'café au lait'],
      ['7', 'stdin:5', 'seven'],
      ['x', path.join(dir, 'x.txt'), 'file text'],
    ]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].source).toBe('stdin:4');
    expect(diagnostics[0].severity).toBe('skipped');
    expect(diagnostics[0].reason).toMatch(/^invalid JSON \(.+\)$/);
  });

  it('decodes .txt and .html files: BOMs, UTF-16, legacy code pages, and records the encoding', async () => {
    const dir = tempDir();
    const western = '“Déjà vu,” said the café’s owner in Bogotá — naïve, but honest. The mayor’s office did not reply.';
    const arabic = 'قال وزير الخارجية يوم الثلاثاء إن المفاوضات مع الدول الأوروبية ستستأنف الأسبوع المقبل في جنيف.';
    const russian = 'Министр иностранных дел заявил во вторник, что переговоры возобновятся на следующей неделе в Женеве.';
    writeTree(dir, {
      'bom8.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('UTF-8 with a BOM: é')]),
      'cp1251.txt': encodeSingleByte('windows-1251', russian),
      'cp1252.txt': encode1252(western),
      'cp1256.txt': encodeSingleByte('windows-1256', arabic),
      'meta.html': Buffer.concat([
        Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'),
        encodeSingleByte('windows-1251', 'Привет'),
        Buffer.from('</p></body></html>'),
      ]),
      'u16be.txt': utf16('Big-endian, no BOM: Genève', 'be', false),
      'u16le.html': utf16('<p>Little-endian with BOM: Genève</p>', 'le', true),
    });
    const { articles, diagnostics } = await collect([dir]);
    expect(diagnostics).toEqual([]);
    const byId = Object.fromEntries(articles.map((a) => [a.id, a]));
    expect(Object.keys(byId)).toEqual(['bom8', 'cp1251', 'cp1252', 'cp1256', 'meta', 'u16be', 'u16le']);
    expect(byId.bom8).toEqual({ id: 'bom8', source: path.join(dir, 'bom8.txt'), format: 'text', text: 'UTF-8 with a BOM: é' });
    expect(byId.cp1251).toMatchObject({ text: russian, encoding: 'windows-1251' });
    expect(byId.cp1252).toMatchObject({ text: western, encoding: 'windows-1252' });
    expect(byId.cp1256).toMatchObject({ text: arabic, encoding: 'windows-1256' });
    expect(byId.meta).toMatchObject({ html: '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>', encoding: 'windows-1251' });
    expect(byId.u16be).toMatchObject({ text: 'Big-endian, no BOM: Genève', encoding: 'utf-16be' });
    expect(byId.u16le).toMatchObject({ html: '<p>Little-endian with BOM: Genève</p>', encoding: 'utf-16le' });
  });
});

describe('readInputs: bad inputs give exactly one diagnostic each, and the rest still comes through', () => {
  it('skips empty, whitespace-only and binary files', async () => {
    const dir = tempDir();
    writeTree(dir, {
      '1-good.txt': 'Good one',
      '2-empty.txt': '',
      '3-blank.html': '   \n\t \r\n ',
      '4-binary.txt': Buffer.from([0x41, 0x42, 0x00, 0x00, 0x07, 0x00, 0xff, 0x00, 0x00, 0x01, 0x43]),
      '5-good.html': '<p>Good two</p>',
    });
    const { articles, diagnostics } = await collect([dir]);
    expect(articles.map((a) => a.id)).toEqual(['1-good', '5-good']);
    expect(diagnostics).toEqual([
      { source: path.join(dir, '2-empty.txt'), reason: 'empty file', severity: 'skipped' },
      { source: path.join(dir, '3-blank.html'), reason: 'empty file', severity: 'skipped' },
      { source: path.join(dir, '4-binary.txt'), reason: 'binary file (NUL bytes)', severity: 'skipped' },
    ]);
  });

  it('skips a 50 MB .txt without reading it, naming its size and the limit', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'Small', 'big.txt': Buffer.alloc(50 * 1024 * 1024, 0x61), 'c.txt': 'Also small' });
    const before = process.memoryUsage().arrayBuffers;
    const { articles, diagnostics } = await collect([dir]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
    expect(articles.map((a) => a.id)).toEqual(['a', 'c']);
    expect(diagnostics).toEqual([
      {
        source: path.join(dir, 'big.txt'),
        reason: 'file too large: 50.0 MB, over the 10 MB limit for one article',
        severity: 'skipped',
      },
    ]);
  });

  it('honours maxArticleBytes', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'x'.repeat(3000), 'b.txt': 'y'.repeat(100) });
    const { articles, diagnostics } = await collect([dir], { maxArticleBytes: 2048 });
    expect(articles.map((a) => a.id)).toEqual(['b']);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'a.txt'), reason: 'file too large: 2.9 KB, over the 2 KB limit for one article', severity: 'skipped' },
    ]);
  });

  it('reports a file that disappears between listing the folder and reading it', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'A', 'b.txt': 'B', 'c.txt': 'C' });
    const diagnostics: Diagnostic[] = [];
    const it = readInputs([dir], { onDiagnostic: (d) => diagnostics.push(d) });
    const ids: string[] = [];
    const first = await it.next();
    if (!first.done) ids.push(first.value.id);
    fs.unlinkSync(path.join(dir, 'c.txt')); // the folder was listed before the first article came out
    for (let r = await it.next(); !r.done; r = await it.next()) ids.push(r.value.id);
    expect(ids).toEqual(['a', 'b']);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'c.txt'), reason: 'could not read the file: it no longer exists', severity: 'skipped' },
    ]);
  });

  // Root can read a chmod 000 file, so this only runs for an ordinary user; the vanished-file test above covers
  // the I/O error path when running as root.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable file (permission denied)', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'A', 'locked.txt': 'secret' });
    fs.chmodSync(path.join(dir, 'locked.txt'), 0o000);
    const { articles, diagnostics } = await collect([dir]);
    fs.chmodSync(path.join(dir, 'locked.txt'), 0o644);
    expect(articles.map((a) => a.id)).toEqual(['a']);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'locked.txt'), reason: 'could not read the file: permission denied', severity: 'skipped' },
    ]);
  });

  it('passes an exception from onDiagnostic back to the caller', async () => {
    const boom = new Error('caller bug');
    const run = async () => {
      for await (const _ of readInputs(['/definitely/not/here'], { onDiagnostic: () => { throw boom; } })) {
        // nothing
      }
    };
    await expect(run()).rejects.toBe(boom);
  });

  it('never throws without onDiagnostic', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': '', 'b.rss': '<rss><channel>', 'c.jsonl': 'nope\n{"text":"ok"}\n' });
    const { articles } = await collect([dir, '/definitely/not/here']);
    expect(articles.map((a) => a.id)).toEqual(['c-2']);
    const silent: string[] = [];
    for await (const a of readInputs([dir])) silent.push(a.id);
    expect(silent).toEqual(['c-2']);
  });
});
