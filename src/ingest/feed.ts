// Reader for RSS and Atom feeds (.rss, .atom, .xml): one article per item/entry.
//
// Why these rules:
//  - The format is decided by the root element, not the extension (`.xml` is used for both, and for things that are
//    not feeds at all, which are skipped with "not an RSS or Atom feed"). RSS 1.0 (`rdf:RDF`) is read as RSS too:
//    its items carry the same fields.
//  - Parsing is made safe in xml.ts (DOCTYPE cut out, no entity expansion). A DOCTYPE that declared entities gets one
//    warning per file, because text that relied on them is now missing something.
//  - A feed must be parsed whole, so it is read into memory, up to a 100 MB limit (MAX_FEED_BYTES).
//  - Bytes are decoded like any document, with the XML declaration's encoding as the hint for non-UTF-8 bytes.
//  - An item's content is HTML: content:encoded (the full text) is preferred over description (often a teaser);
//    Atom content over summary. Atom text content is escaped into HTML paragraphs; xhtml content is serialized.
//  - Ids: guid/id as given, else the link, else `basename#item-N` (N counts items from 1), so an id is always stable
//    for the same file. Dates are kept as written (pubDate, dc:date, published, updated).
//  - An item with neither description nor content has no body to clean, and is reported and skipped.
import type { PathLike } from 'node:fs';
import type { RawArticle } from '../model.js';
import { decodeBytes, sniffXmlEncoding } from './decode.js';
import { baseName, MAX_FEED_BYTES, readBounded, tooLargeReason, type Emit } from './util.js';
import {
  childrenNamed,
  escapeHtml,
  firstNamed,
  htmlToLine,
  innerHtml,
  isElement,
  lineOf,
  localName,
  parseXml,
  stripDoctype,
  textOf,
  type XElement,
} from './xml.js';

const NOT_A_FEED = 'not an RSS or Atom feed';

/** The name of the first element after the prolog (comments, PIs, whitespace), or null. */
function rootElementName(xml: string): string | null {
  let i = 0;
  for (;;) {
    while (i < xml.length && /[\s\ufeff]/.test(xml[i])) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return null;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return null;
      i = end + 3;
    } else {
      const m = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)[\s/>]/.exec(xml.slice(i, i + 200));
      return m ? m[1] : null;
    }
  }
}

function feedKind(rootName: string | null): 'rss' | 'atom' | null {
  if (!rootName) return null;
  const local = localName(rootName);
  if (local === 'rss' || local === 'RDF') return 'rss';
  if (local === 'feed') return 'atom';
  return null;
}

/** Reads the feed `file`, opened by `fsPath` when its name cannot open it (see walk.ts). */
export async function* readFeed(file: string, emit: Emit, fsPath: PathLike = file): AsyncGenerator<RawArticle> {
  const read = await readBounded(fsPath, MAX_FEED_BYTES);
  if ('error' in read) {
    emit({ source: file, reason: read.error, severity: 'skipped' });
    return;
  }
  if ('tooLarge' in read) {
    emit({ source: file, reason: tooLargeReason('file', read.tooLarge, MAX_FEED_BYTES, 'one feed'), severity: 'skipped' });
    return;
  }
  const decoded = decodeBytes(read.bytes, sniffXmlEncoding(read.bytes));
  if ('error' in decoded) {
    emit({ source: file, reason: decoded.error, severity: 'skipped' });
    return;
  }
  const prepared = stripDoctype(decoded.text);
  if ('error' in prepared) {
    emit({ source: file, reason: prepared.error, severity: 'skipped' });
    return;
  }
  const kind = feedKind(rootElementName(prepared.xml));
  if (!kind) {
    emit({ source: file, reason: NOT_A_FEED, severity: 'skipped' });
    return;
  }
  const root = parseXml(prepared.xml);
  if ('error' in root) {
    emit({ source: file, reason: root.error, severity: 'skipped' });
    return;
  }
  if (prepared.declaresEntities) {
    emit({ source: file, reason: 'feed declares entities in its DOCTYPE; they were not expanded', severity: 'warning' });
  }

  const encoding = decoded.encoding !== 'utf-8' ? decoded.encoding : undefined;
  const base = baseName(file);
  let items: XElement[];
  let outlet: string | undefined;
  let feedAuthors: string[] = [];
  if (kind === 'rss') {
    const channel = firstNamed(root, 'channel');
    // RSS 0.9x/2.0: items inside <channel>; RSS 1.0: items are siblings of <channel>.
    items = [...(channel ? childrenNamed(channel, 'item') : []), ...childrenNamed(root, 'item')];
    outlet = channel ? lineOf(firstNamed(channel, 'title')) : undefined;
  } else {
    items = childrenNamed(root, 'entry');
    const title = firstNamed(root, 'title');
    outlet = title ? atomLine(title) : undefined;
    feedAuthors = atomAuthors(root);
  }
  if (items.length === 0) {
    emit({ source: file, reason: 'feed has no items', severity: 'warning' });
    return;
  }

  for (let n = 1; n <= items.length; n++) {
    const source = `${file}#item-${n}`;
    const item = items[n - 1];
    const article =
      kind === 'rss' ? rssItem(item, source, `${base}#item-${n}`) : atomEntry(item, source, `${base}#item-${n}`, feedAuthors);
    if (!article.html) {
      emit({ source, reason: 'item has no description or content', severity: 'skipped' });
      continue;
    }
    if (outlet !== undefined) article.outlet = outlet;
    if (encoding) article.encoding = encoding;
    yield article;
  }
}

function uniq(names: Array<string | undefined>): string[] {
  return [...new Set(names.filter((s): s is string => !!s))];
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function rssItem(item: XElement, source: string, fallbackId: string): RawArticle {
  const plainLink = item.children.find((c): c is XElement => isElement(c) && c.name === 'link');
  const atomLink = childrenNamed(item, 'link').find((l) => l.attrs.href && (!l.attrs.rel || l.attrs.rel === 'alternate'));
  const guidEl = firstNamed(item, 'guid');
  const guid = lineOf(guidEl);
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  const permalink = guid && guidEl?.attrs.isPermaLink !== 'false' && /^https?:\/\//i.test(guid) ? guid : undefined;
  const url = lineOf(plainLink) ?? nonEmpty(atomLink?.attrs.href) ?? nonEmpty(item.attrs['rdf:about']) ?? permalink;
  const article: RawArticle = { id: guid ?? url ?? fallbackId, source, format: 'rss' };
  if (url) article.url = url;
  const title = lineOf(firstNamed(item, 'title'));
  if (title) article.title = title;
  const published = lineOf(firstNamed(item, 'pubDate', 'date', 'published', 'updated'));
  if (published) article.published = published;
  const content = firstNamed(item, 'encoded');
  const description = firstNamed(item, 'description');
  const html = nonEmpty(content && textOf(content)) ?? nonEmpty(description && textOf(description));
  if (html) article.html = html;
  const authors = uniq(
    childrenNamed(item, 'creator', 'author').map((a) => lineOf(firstNamed(a, 'name')) ?? lineOf(a)),
  );
  if (authors.length) article.authors = authors;
  return article;
}

/** An Atom text construct as one line of plain text. */
function atomLine(el: XElement): string | undefined {
  if ((el.attrs.type ?? 'text') === 'html') return nonEmpty(htmlToLine(textOf(el)));
  return lineOf(el);
}

/** An Atom text construct (content, summary) as HTML, or undefined when it has none we can use. */
function atomHtml(el: XElement | undefined): string | undefined {
  if (!el) return undefined;
  const type = (el.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    // The content is wrapped in one xhtml <div>, which is not part of it.
    const elements = el.children.filter(isElement);
    const onlyDiv = elements.length === 1 && localName(elements[0].name) === 'div' ? elements[0] : undefined;
    const hasText = el.children.some((c) => !isElement(c) && c.text.trim() !== '');
    return nonEmpty(innerHtml(onlyDiv && !hasText ? onlyDiv : el));
  }
  if (type === 'html' || type === 'text/html') return nonEmpty(textOf(el));
  if (type === 'text' || type.startsWith('text/')) {
    const text = textOf(el).trim();
    if (!text) return undefined;
    return text
      .split(/\n\s*\n/)
      .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
      .join('\n');
  }
  return undefined; // base64 media or another type: not an article body
}

function atomAuthors(el: XElement): string[] {
  return uniq(childrenNamed(el, 'author').map((a) => lineOf(firstNamed(a, 'name')) ?? lineOf(a)));
}

function atomEntry(entry: XElement, source: string, fallbackId: string, feedAuthors: string[]): RawArticle {
  const links = childrenNamed(entry, 'link').filter((l) => nonEmpty(l.attrs.href));
  const alternate = links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate');
  const url = nonEmpty(alternate?.attrs.href);
  const id = lineOf(firstNamed(entry, 'id'));
  const article: RawArticle = { id: id ?? url ?? fallbackId, source, format: 'atom' };
  if (url) article.url = url;
  const titleEl = firstNamed(entry, 'title');
  const title = titleEl ? atomLine(titleEl) : undefined;
  if (title) article.title = title;
  const published = lineOf(firstNamed(entry, 'published', 'updated', 'issued', 'modified'));
  if (published) article.published = published;
  const html = atomHtml(firstNamed(entry, 'content')) ?? atomHtml(firstNamed(entry, 'summary'));
  if (html) article.html = html;
  const authors = atomAuthors(entry);
  const credited = authors.length ? authors : feedAuthors;
  if (credited.length) article.authors = credited;
  return article;
}
