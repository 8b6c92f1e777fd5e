import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, encodeSingleByte, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Example News &amp; Views</title>
  <link>https://example.test/</link>
  <atom:link href="https://example.test/feed" rel="self"/>
  <item>
    <title>Talks resume in Gen&#232;ve &#x2014; officials</title>
    <link>https://example.test/a</link>
    <guid isPermaLink="false">ex-1</guid>
    <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <dc:creator>John Doe</dc:creator>
    <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
    <content:encoded><![CDATA[<p>Full text & more</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a link</title>
    <link>https://example.test/b</link>
    <dc:date>2025-03-05T08:00:00Z</dc:date>
    <description><![CDATA[<p>Part one]]> &amp; <![CDATA[part two</p>]]></description>
  </item>
  <item>
    <title>Caf&eacute; &amp; bar&nbsp;news</title>
    <description>Plain body</description>
    <author>desk@example.test (News Desk)</author>
  </item>
  <item>
    <guid>https://example.test/permalink</guid>
    <description>Guid as permalink</description>
  </item>
  <item>
    <title>No body at all</title>
    <guid>ex-4</guid>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Atom &lt;i&gt;Wire&lt;/i&gt;</title>
  <author><name>Feed Author</name></author>
  <entry>
    <id>urn:uuid:1</id>
    <title>HTML entry</title>
    <link rel="self" href="https://atom.test/self/1"/>
    <link rel="alternate" type="text/html" href="https://atom.test/1"/>
    <published>2025-03-04T10:00:00Z</published>
    <updated>2025-03-06T10:00:00Z</updated>
    <summary>Summary one</summary>
    <content type="html">&lt;p&gt;Body &amp;amp; soul&lt;/p&gt;</content>
    <author><name>Entry Author</name></author>
  </entry>
  <entry>
    <id>urn:uuid:2</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">XHTML <b>entry</b></div></title>
    <link href="https://atom.test/2"/>
    <updated>2025-03-06T11:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para &amp; <em>more</em><br/>end</p></div></content>
  </entry>
  <entry>
    <title>Text summary only</title>
    <summary>Line one &lt; two

Second paragraph</summary>
  </entry>
</feed>`;

describe('feeds', () => {
  it('reads RSS 2.0 items: ids, links, dates, authors, content:encoded over description, entities and CDATA', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'news.rss');
    fs.writeFileSync(file, RSS);
    const { articles, diagnostics } = await collect([file]);
    expect(articles).toEqual([
      {
        id: 'ex-1',
        source: `${file}#item-1`,
        format: 'rss',
        url: 'https://example.test/a',
        title: 'Talks resume in Genève — officials',
        published: 'Tue, 04 Mar 2025 10:00:00 GMT',
        html: '<p>Full text & more</p>',
        authors: ['Jane Roe', 'John Doe'],
        outlet: 'Example News & Views',
      },
      {
        id: 'https://example.test/b',
        source: `${file}#item-2`,
        format: 'rss',
        url: 'https://example.test/b',
        title: 'Only a link',
        published: '2025-03-05T08:00:00Z',
        html: '<p>Part one & part two</p>',
        outlet: 'Example News & Views',
      },
      {
        id: 'news#item-3',
        source: `${file}#item-3`,
        format: 'rss',
        title: 'Café & bar news', // one-line fields collapse all whitespace, NBSP included
        html: 'Plain body',
        authors: ['desk@example.test (News Desk)'],
        outlet: 'Example News & Views',
      },
      {
        id: 'https://example.test/permalink',
        source: `${file}#item-4`,
        format: 'rss',
        url: 'https://example.test/permalink',
        html: 'Guid as permalink',
        outlet: 'Example News & Views',
      },
    ]);
    expect(diagnostics).toEqual([
      { source: `${file}#item-5`, reason: 'item has no description or content', severity: 'skipped' },
    ]);
  });

  it('reads Atom entries: alternate link, content types html/xhtml/text, feed author as fallback', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wire.atom');
    fs.writeFileSync(file, ATOM);
    const { articles, diagnostics } = await collect([file]);
    expect(diagnostics).toEqual([]);
    expect(articles).toEqual([
      {
        id: 'urn:uuid:1',
        source: `${file}#item-1`,
        format: 'atom',
        url: 'https://atom.test/1',
        title: 'HTML entry',
        published: '2025-03-04T10:00:00Z',
        html: '<p>Body &amp; soul</p>',
        authors: ['Entry Author'],
        outlet: 'Atom Wire',
      },
      {
        id: 'urn:uuid:2',
        source: `${file}#item-2`,
        format: 'atom',
        url: 'https://atom.test/2',
        title: 'XHTML entry',
        published: '2025-03-06T11:00:00Z',
        html: '<p>Para &amp; <em>more</em><br>end</p>',
        authors: ['Feed Author'],
        outlet: 'Atom Wire',
      },
      {
        id: 'wire#item-3',
        source: `${file}#item-3`,
        format: 'atom',
        title: 'Text summary only',
        html: '<p>Line one &lt; two</p>\n<p>Second paragraph</p>',
        authors: ['Feed Author'],
        outlet: 'Atom Wire',
      },
    ]);
  });

  it('sniffs .xml files: RSS and Atom are read, anything else is skipped', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'a.xml': RSS,
      'b.xml': ATOM,
      'c.xml': '<?xml version="1.0"?><urlset><url><loc>https://x.test</loc></url></urlset>',
      'd.xml': '<!-- comment --><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>RDF</title></channel><item rdf:about="https://rdf.test/1"><title>R1</title><description>rdf body</description></item></rdf:RDF>',
    });
    const { articles, diagnostics } = await collect([dir]);
    expect(articles.map((a) => [a.id, a.format])).toEqual([
      ['ex-1', 'rss'],
      ['https://example.test/b', 'rss'],
      ['a#item-3', 'rss'],
      ['https://example.test/permalink', 'rss'],
      ['urn:uuid:1', 'atom'],
      ['urn:uuid:2', 'atom'],
      ['b#item-3', 'atom'],
      ['https://rdf.test/1', 'rss'],
    ]);
    expect(diagnostics).toEqual([
      { source: path.join(dir, 'a.xml#item-5'), reason: 'item has no description or content', severity: 'skipped' },
      { source: path.join(dir, 'c.xml'), reason: 'not an RSS or Atom feed', severity: 'skipped' },
    ]);
  });

  it('does not expand an external entity: the referenced file never appears, one warning, items still read', async () => {
    const dir = tempDir();
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const file = path.join(dir, 'xxe.rss');
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file://${secret}">
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!-- a comment with a ] and a > inside -->
]>
<rss version="2.0"><channel><title>Evil &xxe;</title>
<item><guid>x1</guid><title>Leak &xxe; here</title><description>Body &xxe;&passwd; end</description></item>
<item><guid>x2</guid><title>Clean</title><description>Clean body</description></item>
</channel></rss>`,
    );
    const { articles, diagnostics } = await collect([file]);
    const dump = JSON.stringify(articles);
    expect(dump).not.toContain('TOP-SECRET');
    expect(dump).not.toContain('root:');
    expect(articles.map((a) => [a.id, a.title, a.html, a.outlet])).toEqual([
      ['x1', 'Leak here', 'Body  end', 'Evil'],
      ['x2', 'Clean', 'Clean body', 'Evil'],
    ]);
    expect(diagnostics).toEqual([
      { source: file, reason: 'feed declares entities in its DOCTYPE; they were not expanded', severity: 'warning' },
    ]);
  });

  it('survives a billion-laughs DOCTYPE quickly and without expanding it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lol.atom');
    const decls = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.replace('lol0', 'lol').repeat(10)}">`);
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?>
<!DOCTYPE feed [
  ${decls.join('\n  ')}
]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Laughs</title>
<entry><id>e1</id><title>Ha &lol9;</title><content type="html">&lt;p&gt;&lol9;&lol9;&lt;/p&gt;</content></entry>
<entry><id>e2</id><title>Plain</title><summary>ok</summary></entry>
</feed>`,
    );
    const t0 = Date.now();
    const heap0 = process.memoryUsage().heapUsed;
    const { articles, diagnostics } = await collect([file]);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(100 * 1024 * 1024);
    expect(articles.map((a) => [a.id, a.title, a.html])).toEqual([
      ['e1', 'Ha', '<p></p>'],
      ['e2', 'Plain', '<p>ok</p>'],
    ]);
    expect(diagnostics).toEqual([
      { source: file, reason: 'feed declares entities in its DOCTYPE; they were not expanded', severity: 'warning' },
    ]);
  });

  it('reads a feed whose DOCTYPE only names an external DTD, without a warning', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.rss');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><item><title>T&eacute;l&eacute;</title><link>https://old.test/1</link><description>Vieux</description></item></channel></rss>`,
    );
    const { articles, diagnostics } = await collect([file]);
    expect(diagnostics).toEqual([]);
    expect(articles.map((a) => [a.id, a.title])).toEqual([['https://old.test/1', 'Télé']]);
  });

  it('reports malformed XML, an empty feed and a DOCTYPE that never ends, one diagnostic each', async () => {
    const dir = tempDir();
    writeTree(dir, {
      '1-good.rss': '<rss><channel><title>G</title><item><guid>g1</guid><description>ok</description></item></channel></rss>',
      '2-mismatch.rss': '<rss><channel><item><title>x</title></channel></rss>',
      '3-unclosed.rss': '<rss><channel><item><description>x</description></item>',
      '4-empty.atom': '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing</title></feed>',
      '5-doctype.rss': '<!DOCTYPE rss [ <!ENTITY a "b"> <rss>',
      '6-bare-amp.rss': '<rss><channel><item><description>Fish & chips</description></item></channel></rss>',
      '7-empty.xml': '',
    });
    const { articles, diagnostics } = await collect([dir]);
    expect(articles.map((a) => a.id)).toEqual(['g1']);
    const src = (f: string) => path.join(dir, f);
    expect(diagnostics).toEqual([
      {
        source: src('2-mismatch.rss'),
        reason: "malformed XML: Expected closing tag 'item' (opened in line 1, col 15) instead of closing tag 'channel' (line 1, column 37)",
        severity: 'skipped',
      },
      {
        source: src('3-unclosed.rss'),
        reason: 'malformed XML: unclosed element(s): <rss>, <channel> at the end of the document',
        severity: 'skipped',
      },
      { source: src('4-empty.atom'), reason: 'feed has no items', severity: 'warning' },
      { source: src('5-doctype.rss'), reason: 'malformed XML: the DOCTYPE is never closed', severity: 'skipped' },
      { source: src('6-bare-amp.rss'), reason: "malformed XML: char '&' is not expected (line 1, column 39)", severity: 'skipped' },
      { source: src('7-empty.xml'), reason: 'empty file', severity: 'skipped' },
    ]);
  });

  it('decodes a feed in the encoding its XML declaration names', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ru.rss');
    const xml = `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title><item><guid>r1</guid><title>Переговоры</title><description>Министр заявил во вторник.</description></item></channel></rss>`;
    fs.writeFileSync(file, encodeSingleByte('windows-1251', xml));
    const { articles, diagnostics } = await collect([file]);
    expect(diagnostics).toEqual([]);
    expect(articles).toEqual([
      {
        id: 'r1',
        source: `${file}#item-1`,
        format: 'rss',
        title: 'Переговоры',
        html: 'Министр заявил во вторник.',
        outlet: 'Новости',
        encoding: 'windows-1251',
      },
    ]);
  });
});
