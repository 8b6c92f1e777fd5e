// A corpus of hostile inputs, generated at test time (nothing committed): each kind of input a scraper or a stranger
// can hand newsdesk, with what must come of it — the articles it holds that must be kept, and the inputs that must be
// skipped or warned about, each on one line naming the input and the reason. test/reliability/hostile.test.ts ingests
// them all, beside good articles, in one run of the CLI; docs/reliability.md lists them.
import { randomBytes } from 'node:crypto';
import { encode1252, encodeSingleByte } from '../ingest/helpers.js';

export interface HostileCase {
  /** What kind of input it is (the docs table's first column). */
  kind: string;
  /** Files to write, relative to the corpus folder: text (UTF-8) or bytes. */
  files: Record<string, string | Uint8Array>;
  /** Article ids that must be stored. */
  keeps?: string[];
  /** Sources (relative file name, `:line` for JSONL) that must be skipped, with the reason's pattern. */
  skips?: Array<[string, RegExp]>;
  /** Sources that must be warned about (the article kept), with the reason's pattern. */
  warns?: Array<[string, RegExp]>;
  /** Sources whose lines on stderr may vary in number (one line per input is still checked for skips). */
  checks?: (stored: Map<string, { title: string | null; text: string; published: string | null; url?: string | null }>) => void;
}

/** A paragraph of plausible news about `place`: long enough to be an article, distinct for each case. */
export function story(place: string): string {
  return `Officials in ${place} said on Tuesday that repairs to the main bridge would begin next month and take about a year. The regional council approved the budget for the work after a long debate, and residents were told to expect delays on the roads into the town centre.`;
}

const line = (o: Record<string, unknown>) => JSON.stringify(o);

/** Random bytes with NULs: not text in any encoding. */
function binary(size: number): Buffer {
  const b = randomBytes(size);
  b[0] = 0x42;
  for (let i = 1; i < size; i += 61) b[i] = 0;
  return b;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${entities.join('\n')}\n]>\n<rss version="2.0"><channel><title>Laughs</title>
<item><guid>laughs-item</guid><title>&lol9;</title><description>&lol9; ${story('Lolbury')}</description></item></channel></rss>`;
}

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>${items}</channel></rss>`;

export function hostileCases(secretFile: string): HostileCase[] {
  return [
    { kind: 'empty file', files: { 'empty.txt': '' }, skips: [['empty.txt', /empty/]] },
    { kind: 'whitespace only', files: { 'blank.txt': ' \n\t\r\n   \n' }, skips: [['blank.txt', /empty/]] },
    { kind: 'binary data', files: { 'binary.txt': binary(64 * 1024) }, skips: [['binary.txt', /binary/]] },
    { kind: 'NUL bytes in a text file', files: { 'nul.txt': Buffer.concat([Buffer.from(`Nulls in Nulham\n\n${story('Nulham')}`), Buffer.alloc(200, 0)]) }, skips: [['nul.txt', /binary/]] },
    {
      kind: 'truncated UTF-8 (a multi-byte character cut at the end)',
      files: { 'truncated.txt': Buffer.concat([Buffer.from(`Bridge repairs in Zürich\n\n${story('Zürich')} Café`), Buffer.from([0xc3])]) },
      keeps: ['truncated'],
    },
    { kind: 'UTF-16 LE with a byte-order mark', files: { 'utf16le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Bridge works in Łódź\n\n${story('Łódź')}`, 'utf16le')]) }, keeps: ['utf16le-bom'] },
    { kind: 'UTF-16 BE without a byte-order mark', files: { 'utf16be.txt': utf16be(`Bridge works in Ghent\n\n${story('Ghent')}`) }, keeps: ['utf16be'] },
    { kind: 'UTF-16 LE without a byte-order mark', files: { 'utf16le.txt': Buffer.from(`Bridge works in Bruges\n\n${story('Bruges')}`, 'utf16le') }, keeps: ['utf16le'] },
    { kind: 'windows-1252 (curly quotes, accents)', files: { 'cp1252.txt': encode1252(`Café owners in Besançon\n\n“We did not expect this,” said a café owner. ${story('Besançon')}`) }, keeps: ['cp1252'] },
    {
      kind: 'windows-1256 (Arabic)',
      files: { 'cp1256.txt': encodeSingleByte('windows-1256', 'وزير الخارجية يتحدث عن المفاوضات\n\nقال وزير الخارجية يوم الثلاثاء إن المفاوضات مع الدول الأوروبية ستستأنف الأسبوع المقبل في جنيف. وأضاف أن الوفد سيضم خبراء في الشؤون الاقتصادية والقانونية.\n') },
      keeps: ['cp1256'],
    },
    {
      kind: 'windows-1251 (Russian)',
      files: { 'cp1251.txt': encodeSingleByte('windows-1251', 'Министр обороны посетил Тегеран\n\nМинистр обороны России Сергей Шойгу во вторник прибыл в Тегеран для переговоров с коллегами из Ирана и Сирии. Стороны обсудили ситуацию в регионе и дальнейшее сотрудничество.\n') },
      keeps: ['cp1251'],
    },
    { kind: 'ISO-8859-1 (Latin-1)', files: { 'latin1.txt': Buffer.from(`Pont fermé à Besançon\n\nLes travaux du pont commenceront le mois prochain, a déclaré mardi la mairie. Les habitants devront s'attendre à des retards sur les routes du centre-ville pendant un an.`, 'latin1') }, keeps: ['latin1'] },
    {
      kind: 'mixed encodings in one JSONL file (a windows-1252 line among UTF-8 ones)',
      files: {
        'mixed.jsonl': Buffer.concat([
          Buffer.from(`${line({ id: 'mixed-utf8', title: 'Repairs in Köln', text: story('Köln') })}\n`),
          encode1252(`${line({ id: 'mixed-1252', title: 'Repairs in Münster', text: story('Münster') })}\n`),
        ]),
      },
      keeps: ['mixed-utf8', 'mixed-1252'],
      warns: [['mixed.jsonl:2', /UTF-8/]],
    },
    {
      kind: 'a 50 MB single JSONL line',
      files: { 'hugeline.jsonl': Buffer.concat([Buffer.from(`${line({ id: 'before-huge', title: 'Before', text: story('Beforeham') })}\n{"id":"huge","text":"`), Buffer.alloc(50 * 1024 * 1024, 'a'), Buffer.from(`"}\n${line({ id: 'after-huge', title: 'After', text: story('Afterton') })}\n`)]) },
      keeps: ['before-huge', 'after-huge'],
      skips: [['hugeline.jsonl:2', /too (long|large)/]],
    },
    { kind: 'a 50 MB text file', files: { 'huge.txt': Buffer.alloc(50 * 1024 * 1024, 'a') }, skips: [['huge.txt', /too large/]] },
    {
      kind: 'deeply nested HTML (100,000 levels)',
      files: { 'nested.html': `<html><head><title>Deep in Nestford</title></head><body>${'<div>'.repeat(100_000)}<p>${story('Nestford')}</p>${'</div>'.repeat(100_000)}</body></html>` },
      skips: [['nested.html', /nested more than 500 levels/]],
    },
    {
      kind: 'HTML nested 300 levels, scripts full of tags',
      files: { 'deep300.html': `<html><head><title>Repairs in Deepdale</title><script>${'"<div>"+'.repeat(2000)}""</script></head><body>${'<div>'.repeat(300)}<article><h1>Repairs in Deepdale</h1><p>${story('Deepdale')}</p></article>${'</div>'.repeat(300)}</body></html>` },
      keeps: ['deep300'],
    },
    { kind: 'HTML with only scripts', files: { 'scripts.html': `<html><head><script>var a = 1;</script></head><body><script>document.write("x")</script><noscript></noscript></body></html>` }, skips: [['scripts.html', /no text|empty/]] },
    {
      kind: '<base> and <meta refresh> tricks',
      files: {
        'base.html': `<html><head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><title>Repairs in Basel</title></head><body><article><h1>Repairs in Basel</h1><p>${story('Basel')}</p><p><a href="/x">more</a></p></article></body></html>`,
      },
      keeps: ['base'],
    },
    {
      kind: 'RSS with external entities (XXE)',
      files: {
        'xxe.rss': `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY secret SYSTEM "file://${secretFile}">]>\n<rss version="2.0"><channel><title>Feed &xxe;</title><item><guid>xxe-item</guid><title>Leak &secret; here</title><description>${story('Xxeford')} &xxe;&secret;</description></item></channel></rss>`,
      },
      keeps: ['xxe-item'],
      warns: [['xxe.rss', /entit/i]],
    },
    { kind: 'entity expansion ("billion laughs")', files: { 'laughs.rss': billionLaughs() }, keeps: ['laughs-item'], warns: [['laughs.rss', /entit/i]] },
    {
      kind: 'Atom with a DOCTYPE naming an external DTD',
      files: { 'dtd.atom': `<?xml version="1.0"?>\n<!DOCTYPE feed SYSTEM "http://evil.example/feed.dtd">\n<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>dtd-entry</id><title>Repairs in Dover</title><content type="text">${story('Dover')}</content></entry></feed>` },
      keeps: ['dtd-entry'],
    },
    { kind: 'a DOCTYPE that never ends', files: { 'opendoctype.rss': `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY a "b"> ${'x'.repeat(10_000)}` }, skips: [['opendoctype.rss', /DOCTYPE|malformed|XML/i]] },
    { kind: 'malformed XML feed', files: { 'malformed.rss': `<rss version="2.0"><channel><item><title>Unclosed` }, skips: [['malformed.rss', /malformed|XML|no items/i]] },
    { kind: 'an .xml file that is not a feed', files: { 'notafeed.xml': `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>hello</text></svg>` }, skips: [['notafeed.xml', /RSS|Atom|feed/]] },
    {
      kind: 'RSS with CDATA end markers and script in content',
      files: { 'cdata.rss': rss(`<item><guid>cdata-item</guid><title><![CDATA[Repairs in <b>Cardiff</b>]]></title><description><![CDATA[<script>alert(1)</script><p>${story('Cardiff')}</p> ]]]]><![CDATA[> done]]></description></item>`) },
      keeps: ['cdata-item'],
    },
    {
      kind: 'JSONL with broken lines',
      files: { 'broken.jsonl': [line({ id: 'broken-1', text: story('Brokenby') }), '{"id": "cut", "text": "The rest', line({ id: 'broken-2', text: story('Mendham') }), ''].join('\n') },
      keeps: ['broken-1', 'broken-2'],
      skips: [['broken.jsonl:2', /invalid JSON/]],
    },
    {
      kind: 'JSONL with a line that is not an object',
      files: { 'notobject.jsonl': ['[1, 2, 3]', '"a string"', line({ id: 'object-ok', text: story('Objectville') }), ''].join('\n') },
      keeps: ['object-ok'],
      skips: [['notobject.jsonl:1', /object/], ['notobject.jsonl:2', /object/]],
    },
    {
      kind: 'JSONL nested 100,000 levels deep',
      files: { 'deepjson.jsonl': [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, line({ id: 'shallow-ok', text: story('Shallowford') }), ''].join('\n') },
      keeps: ['shallow-ok'],
      skips: [['deepjson.jsonl:1', /object|JSON/]],
    },
    {
      kind: 'JSONL with duplicate ids',
      files: { 'dupes.jsonl': [line({ id: 'dupe', title: 'First', text: story('Firstham') }), line({ id: 'dupe', title: 'Second', text: story('Secondham') }), ''].join('\n') },
      keeps: ['dupe'],
      warns: [['dupes.jsonl:2', /already used/]],
    },
    {
      kind: 'JSONL with wrong types (numbers, arrays, null)',
      files: { 'types.jsonl': [line({ id: 12345, title: ['a', 'b'], text: story('Typeton'), published: null, outlet: 7 }), ''].join('\n') },
      keeps: ['12345'],
    },
    { kind: 'missing date', files: { 'nodate.jsonl': `${line({ id: 'nodate', text: story('Nodaton') })}\n` }, keeps: ['nodate'] },
    { kind: 'invalid date', files: { 'baddate.jsonl': `${line({ id: 'baddate', text: story('Baddaton'), published: 'the day after tomorrow-ish' })}\n` }, keeps: ['baddate'], warns: [['baddate.jsonl:1', /date/]] },
    { kind: 'impossible date (31 February)', files: { 'feb31.jsonl': `${line({ id: 'feb31', text: story('Febton'), published: '2016-02-31' })}\n` }, keeps: ['feb31'], warns: [['feb31.jsonl:1', /date/]] },
    { kind: 'date far in the future', files: { 'future.jsonl': `${line({ id: 'future', text: story('Futureham'), published: '2999-01-01' })}\n` }, keeps: ['future'], warns: [['future.jsonl:1', /date/]] },
    { kind: 'a 100 KB title', files: { 'longtitle.jsonl': `${line({ id: 'longtitle', title: `Repairs ${'very '.repeat(20_000)}long`, text: story('Titleton') })}\n` }, keeps: ['longtitle'] },
    { kind: 'quotes never closed', files: { 'unclosed.txt': `Mayor speaks in Quoteham\n\nThe mayor of Quoteham said: “We will rebuild the bridge and the roads, and we will do it this year. ${story('Quoteham')}` }, keeps: ['unclosed'] },
    {
      kind: 'right-to-left text with bidi controls',
      files: { 'rtl.txt': `\u202eTitle reversed\u202c: repairs in Haifa\n\n\u200fנשיא העירייה אמר ביום שלישי כי העבודות בגשר יתחילו בחודש הבא.\u200f ${story('Haifa')}` },
      keeps: ['rtl'],
    },
    { kind: 'combining characters ("Zalgo")', files: { 'zalgo.txt': `Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o in Zalgoton\n\n${story('Zalgo\u0300\u0301\u0302\u0303ton')} ${'e\u0301'.repeat(500)}` }, keeps: ['zalgo'] },
    { kind: 'control characters', files: { 'control.txt': `Repairs in Ctrlham\x07\n\n${story('Ctrlham')}\x01\x02\x1b[31m red\x1b[0m` }, keeps: ['control'] },
    { kind: 'one 1 MB word', files: { 'longword.txt': `Repairs in Wordham\n\n${story('Wordham')} ${'x'.repeat(1024 * 1024)}` }, keeps: ['longword'] },
    { kind: 'carriage returns only (old Mac line ends)', files: { 'cr.txt': `Repairs in Crewe\r\r${story('Crewe')}\rA second line.\r` }, keeps: ['cr'] },
    { kind: 'a title and nothing else', files: { 'titleonly.txt': 'Just a headline\n' }, skips: [['titleonly.txt', /no text|empty|short/]] },
    {
      kind: 'zero-width characters inside names',
      files: { 'zerowidth.txt': `Defence minister visits Tehran\n\nIran's defence minister Hossein De\u200bhghan met Sergei Sho\u200digu in Tehran on Thursday. ${story('Tehran')}` },
      keeps: ['zerowidth'],
    },
    { kind: 'a JSONL record with a NUL in its text', files: { 'nuljson.jsonl': `${line({ id: 'nuljson', title: 'Nul\u0000 title', text: `${story('Nulton')}\u0000 end` })}\n` }, keeps: ['nuljson'] },
  ];
}
