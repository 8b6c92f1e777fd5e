// Bad inputs next to good ones, through the whole CLI: every skipped input named once on stderr with its reason,
// legacy encodings read correctly, hostile feeds defused, exit code 2; and exit 0 when nothing is skipped.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { formatDiagnostic } from '../../src/cli/format.js';
import { encode1252, encodeSingleByte } from '../ingest/helpers.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { lines, run, type CliResult } from './run.js';
import { errorsOf, validateReport } from './schema.js';

afterAll(removeTempDirs);

const GOOD: Record<string, string> = {
  'good-a.txt':
    'Harbour cranes stand idle in Saltmere\n\nDockworkers at the port of Saltmere walked off the job on Monday in a dispute over pay and automation, union leaders said.\nThe strike is expected to last three days.\n',
  'good-b.txt':
    'Flood waters recede in Port Alder\n\nThe River Essow fell by more than a metre overnight, letting hundreds of families return to their homes in Port Alder on Thursday.\n',
  'good-c.txt':
    'Election results announced in Kessaly\n\nThe electoral commission in Kessaly announced on Tuesday that the incumbent had won a second term with a clear majority of the vote.\n',
};

const CP1252_TEXT =
  'Café owners react to new rules\n\n“We did not expect this,” said the owner of a small café in the old town, who asked not to be named. The council says the rules will take effect next month.\n';
const CP1256_TEXT =
  'وزير الخارجية يتحدث عن المفاوضات\n\nقال وزير الخارجية يوم الثلاثاء إن المفاوضات مع الدول الأوروبية ستستأنف الأسبوع المقبل في جنيف.\nوأضاف أن الوفد سيضم خبراء في الشؤون الاقتصادية والقانونية.\n';
const HTML_PARAGRAPH =
  'The mayor of Varrow opened the new bridge over the river on Friday morning, saying it would cut the commute for thousands of residents by half.';
const SECRET = 'newsdesk-secret-7f3a9c';

/** Random bytes with NULs in them: not text in any encoding (and no byte-order mark or known signature at the start). */
function binaryBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes[0] = 0x42;
  bytes[1] = 0x00;
  for (let i = 97; i < size; i += 97) bytes[i] = 0;
  return bytes;
}

function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>
<!DOCTYPE rss [
${entities.join('\n')}
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><guid>lol-item</guid><title>&lol9;</title><description>&lol9; The city council voted on Tuesday to extend the tram line to the airport by the end of next year.</description></item>
</channel></rss>`;
}

describe('a folder of bad inputs among good ones', () => {
  let dir: string;
  let result: CliResult;
  let report: Report;
  let elapsed: number;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = tempDir();
    const secretFile = path.join(tempDir(), 'secret.dat');
    fs.writeFileSync(secretFile, `${SECRET}\n`);
    for (const [name, text] of Object.entries(GOOD)) fs.writeFileSync(file(name), text);
    fs.writeFileSync(file('empty.txt'), '');
    fs.writeFileSync(file('blank.txt'), '  \n\t\n   \r\n');
    fs.writeFileSync(file('x.txt'), binaryBytes(64 * 1024));
    fs.writeFileSync(file('cp1252.txt'), encode1252(CP1252_TEXT));
    fs.writeFileSync(file('cp1256.txt'), encodeSingleByte('windows-1256', CP1256_TEXT));
    fs.writeFileSync(file('huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
    fs.writeFileSync(
      file('broken.html'),
      `<html><head><title>Bridge opens</title><meta charset="utf-8"></head><body></div><div><div class="x"><p>${HTML_PARAGRAPH}</div></div></div></div></span>
<p>Unclosed paragraph <b>bold <i>italic</div><span><ul><li>one<li>two</td></table>`,
    );
    fs.writeFileSync(
      file('wire.jsonl'),
      [
        '{"id":"j-good-1","title":"Storm hits coast","text":"A storm hit the northern coast on Sunday night, cutting power to thousands of homes and closing several roads."}',
        '{"id": "j-broken", "title": "Cut off", "text": "The rest of this line',
        '{"id":"j-good-2","title":"Museum reopens","text":"The national museum reopened on Saturday after a two-year renovation that cost more than ten million thalers."}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      file('xxe.rss'),
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY secret SYSTEM "file://${secretFile}">]>
<rss version="2.0"><channel><title>Evil Feed &xxe;</title>
<item><guid>xxe-item</guid><title>Leak &xxe; here</title><description>The harbour authority said on Monday that the new terminal would open next spring &xxe;&secret; after years of delays.</description></item>
</channel></rss>`,
    );
    fs.writeFileSync(file('laughs.rss'), billionLaughs());

    const started = performance.now();
    result = await run(['analyze', dir, '--json']);
    elapsed = performance.now() - started;
    report = JSON.parse(result.stdout) as Report;
  });

  it('exits 2 (something was skipped) and still prints a valid report', () => {
    expect(result.code).toBe(2);
    expect(validateReport(report), errorsOf(validateReport)).toBe(true);
  });

  it('names each skipped input on exactly one stderr line, with its reason', () => {
    const err = lines(result.stderr);
    const skipped: Array<[string, RegExp]> = [
      [file('empty.txt'), /empty/],
      [file('blank.txt'), /empty/],
      [file('x.txt'), /binary/],
      [file('huge.txt'), /too large.*50\.0 MB/],
      [`${file('wire.jsonl')}:2`, /invalid JSON/],
    ];
    for (const [source, reason] of skipped) {
      const about = err.filter((l) => l.includes(`${source}:`));
      expect(about, `lines about ${source}`).toHaveLength(1);
      expect(about[0].startsWith(`newsdesk: skipped ${source}: `), about[0]).toBe(true);
      expect(about[0]).toMatch(reason);
    }
    expect(err.filter((l) => l.startsWith('newsdesk: skipped ')), 'nothing else skipped').toHaveLength(skipped.length);
    expect(report.diagnostics.filter((d) => d.severity === 'skipped')).toHaveLength(skipped.length);
  });

  it('prints exactly the report diagnostics on stderr, and no stack trace', () => {
    expect(lines(result.stderr)).toEqual(report.diagnostics.map(formatDiagnostic));
    for (const l of lines(result.stderr)) {
      expect(l.startsWith('newsdesk: '), l).toBe(true);
      expect(l).not.toContain('    at ');
    }
  });

  it('keeps every good article', () => {
    const ids = report.articles.map((a) => a.id).sort();
    expect(ids).toEqual(
      ['broken', 'cp1252', 'cp1256', 'good-a', 'good-b', 'good-c', 'j-good-1', 'j-good-2', 'lol-item', 'xxe-item'].sort(),
    );
    const byId = new Map(report.articles.map((a) => [a.id, a]));
    expect(byId.get('good-a')!.text).toContain('Dockworkers at the port of Saltmere walked off the job');
    expect(byId.get('j-good-1')).toMatchObject({ title: 'Storm hits coast', source: `${file('wire.jsonl')}:1` });
    expect(byId.get('j-good-2')).toMatchObject({ title: 'Museum reopens', source: `${file('wire.jsonl')}:3` });
    expect(byId.get('broken')!.text).toContain(HTML_PARAGRAPH);
  });

  it('reads windows-1252 text: curly quotes and accents, nothing garbled', () => {
    const a = report.articles.find((x) => x.id === 'cp1252')!;
    expect(a.title).toBe('Café owners react to new rules');
    expect(a.text).toContain('“We did not expect this,” said the owner of a small café');
    expect(a.text).not.toMatch(/[\u0080-\u009f\ufffd]|Ã/);
  });

  it('reads windows-1256 Arabic text', () => {
    const a = report.articles.find((x) => x.id === 'cp1256')!;
    expect(a.text).toContain('قال وزير الخارجية يوم الثلاثاء');
    expect(a.text).toMatch(/[\u0621-\u064a]{5}/);
    expect(a.text).not.toMatch(/[\u0080-\u00ff\ufffd]/);
  });

  it('reads the feed item with an external entity without fetching it', () => {
    const a = report.articles.find((x) => x.id === 'xxe-item')!;
    expect(a.text).toContain('The harbour authority said on Monday that the new terminal would open next spring');
    const everything = result.stdout + result.stderr;
    expect(everything).not.toContain('root:');
    expect(everything).not.toContain(SECRET);
    expect(lines(result.stderr).filter((l) => l.includes(file('xxe.rss')))).toEqual([
      `newsdesk: warning: ${file('xxe.rss')}: feed declares entities in its DOCTYPE; they were not expanded`,
    ]);
  });

  it('does not expand the billion laughs, and the whole run is fast', () => {
    const a = report.articles.find((x) => x.id === 'lol-item')!;
    expect(a.text).toContain('The city council voted on Tuesday to extend the tram line');
    expect(result.stdout).not.toContain('lollol');
    expect(result.stdout.length).toBeLessThan(1_000_000);
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('exit codes of analyze', () => {
  it('0 when every input is read, with nothing on stderr', async () => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(GOOD)) fs.writeFileSync(path.join(dir, name), text);
    const r = await run(['analyze', dir, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Report).articles).toHaveLength(3);
  });

  it('0 when inputs were only warned about', async () => {
    const dir = tempDir();
    const feed = path.join(dir, 'feed.rss');
    fs.writeFileSync(
      feed,
      '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"><channel><title>Feed</title><item><guid>w1</guid><description>The council approved the budget for the coming year on Monday evening after a long debate.</description></item></channel></rss>',
    );
    const r = await run(['analyze', feed, '--json']);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([`newsdesk: warning: ${feed}: feed declares entities in its DOCTYPE; they were not expanded`]);
  });

  it('2 for a path that does not exist, named with the reason', async () => {
    const missing = path.join(tempDir(), 'missing.txt');
    const r = await run(['analyze', missing]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`newsdesk: skipped ${missing}: no such file or folder`]);
    expect(lines(r.stdout)[0]).toBe('0 articles, 0 events, 1 inputs skipped');
  });
});

describe('analyze - (JSONL on stdin)', () => {
  const record = (id: string, text: string) => JSON.stringify({ id, title: `Title ${id}`, text });

  it('reads the records, sources stdin:LINE', async () => {
    const stdin = `${record('s1', 'The port of Saltmere reopened on Friday after a three-day strike ended with a pay deal.')}\n\n${record('s2', 'The River Essow fell by a metre overnight as the flood waters began to recede from Port Alder.')}\n`;
    const r = await run(['analyze', '-', '--json'], { stdin });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.articles.map((a) => [a.id, a.source, a.title])).toEqual([
      ['s1', 'stdin:1', 'Title s1'],
      ['s2', 'stdin:3', 'Title s2'],
    ]);
  });

  it('skips a broken line, naming it, and reads the rest', async () => {
    const stdin = `${record('s1', 'The port of Saltmere reopened on Friday after a three-day strike ended with a pay deal.')}\nnot json\n${record('s3', 'The electoral commission announced the final results of the presidential vote on Tuesday.')}`;
    const r = await run(['analyze', '-', '--json'], { stdin });
    expect(r.code).toBe(2);
    const err = lines(r.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^newsdesk: skipped stdin:2: invalid JSON/);
    expect((JSON.parse(r.stdout) as Report).articles.map((a) => a.id)).toEqual(['s1', 's3']);
  });

  it('reads stdin together with files', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'good-a.txt'), GOOD['good-a.txt']);
    const r = await run(['analyze', path.join(dir, 'good-a.txt'), '-', '--json'], {
      stdin: record('s1', 'The port of Saltmere reopened on Friday after a three-day strike ended with a pay deal.'),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).articles.map((a) => a.id)).toEqual(['good-a', 's1']);
  });
});
