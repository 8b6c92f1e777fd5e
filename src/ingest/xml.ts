// Safe XML for feeds: DOCTYPE removal, our own entity decoding, and a small element tree over fast-xml-parser.
//
// Why these rules:
//  - A feed is untrusted input. Its DOCTYPE can declare external entities (`<!ENTITY x SYSTEM "file:///etc/passwd">`,
//    which would leak local files into articles) or nested ones that expand to gigabytes ("billion laughs"). Feeds
//    never need either, so the DOCTYPE, internal subset included, is cut out of the text before any parser sees it,
//    and fast-xml-parser runs with entity processing off. A DOCTYPE found later in the document (malformed anyway)
//    is not cut, but with entity processing off it can do nothing.
//  - Entities are then decoded by us, in one pass: the five XML ones, numeric character references, and HTML's named
//    character references (a fixed table of single characters — many feeds use `&nbsp;` or `&eacute;` undeclared).
//    Any other name (`&xxe;`, `&lol9;`) is undefined after the DOCTYPE is gone, and is left out of the text.
//  - CDATA is kept verbatim (no entity decoding), as XML says. The tree keeps document order, so text and CDATA
//    mixed in one element come out in the right order.
//  - fast-xml-parser's parser is lenient, so documents are checked with its validator first: malformed XML is
//    reported with the validator's reason and position instead of producing half a feed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HTML_ENTITIES } from './entities.js';

export interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XChild[];
}
export type XChild = XElement | { text: string };

export function isElement(c: XChild): c is XElement {
  return (c as XElement).name !== undefined;
}

export interface Prepared {
  /** The document with its DOCTYPE replaced by the newlines it contained (so line numbers stay right). */
  xml: string;
  /** The DOCTYPE declared entities (which were not expanded). */
  declaresEntities: boolean;
}

/** Cuts the DOCTYPE out of the prolog; an error string when the DOCTYPE never ends. */
export function stripDoctype(xml: string): Prepared | { error: string } {
  let i = 0;
  const n = xml.length;
  for (;;) {
    while (i < n && /[\s\ufeff]/.test(xml[i])) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return { xml, declaresEntities: false };
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return { xml, declaresEntities: false };
      i = end + 3;
    } else if (xml.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      break;
    } else {
      return { xml, declaresEntities: false }; // the root element (or junk the validator will name): no DOCTYPE
    }
  }
  const start = i;
  let j = i + 9;
  let inSubset = false;
  let declaresEntities = false;
  while (j < n) {
    const c = xml[j];
    if (c === '"' || c === "'") {
      const end = xml.indexOf(c, j + 1);
      if (end === -1) break;
      j = end + 1;
    } else if (inSubset && xml.startsWith('<!--', j)) {
      const end = xml.indexOf('-->', j + 4);
      if (end === -1) break;
      j = end + 3;
    } else if (inSubset && xml.startsWith('<?', j)) {
      const end = xml.indexOf('?>', j + 2);
      if (end === -1) break;
      j = end + 2;
    } else if (inSubset && xml.startsWith('<!ENTITY', j)) {
      declaresEntities = true;
      j += 8;
    } else if (c === '[' && !inSubset) {
      inSubset = true;
      j++;
    } else if (c === ']' && inSubset) {
      inSubset = false;
      j++;
    } else if (c === '>' && !inSubset) {
      const removed = xml.slice(start, j + 1).replace(/[^\n]/g, '');
      return { xml: xml.slice(0, start) + removed + xml.slice(j + 1), declaresEntities };
    } else {
      j++;
    }
  }
  return { error: 'malformed XML: the DOCTYPE is never closed' };
}

const XML_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Decodes character and entity references in one pass; unknown names are dropped. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z_][\w.-]{0,63}));/g, (_m, dec, hex, name) => {
    if (name !== undefined) return XML_ENTITIES.get(name) ?? HTML_ENTITIES.get(name) ?? '';
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '';
    return String.fromCodePoint(cp);
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 200,
});

type Ordered = Record<string, unknown>;

function toChildren(list: unknown): XChild[] {
  const out: XChild[] = [];
  if (!Array.isArray(list)) return out;
  for (const item of list as Ordered[]) {
    for (const key of Object.keys(item)) {
      if (key === ':@') continue;
      const value = item[key];
      if (key === '#text') out.push({ text: decodeEntities(String(value)) });
      else if (key === '#cdata') {
        // CDATA comes as [{ '#text': raw }]: verbatim, no entity decoding.
        const raw = Array.isArray(value) ? value.map((v: Ordered) => String(v['#text'] ?? '')).join('') : '';
        out.push({ text: raw });
      } else {
        const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
        out.push({ name: key, attrs, children: toChildren(value) });
      }
    }
  }
  return out;
}

/** Validates and parses; returns the root element or the reason the XML is malformed. */
export function parseXml(xml: string): XElement | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    // The validator names unclosed elements as a JSON array; say it in words.
    const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(msg);
    const text = unclosed
      ? `unclosed element(s): ${unclosed[1].replace(/["\s]/g, '').split(',').filter(Boolean).map((t) => `<${t}>`).join(', ')} at the end of the document`
      : `${msg.replace(/\.$/, '')} (line ${line}, column ${col})`;
    return { error: `malformed XML: ${text}` };
  }
  try {
    const root = toChildren(parser.parse(xml)).find(isElement);
    return root ?? { error: 'malformed XML: no root element' };
  } catch (err) {
    return { error: `malformed XML: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The part of a name after its namespace prefix. */
export function localName(name: string): string {
  const i = name.lastIndexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

export function childElements(el: XElement): XElement[] {
  return el.children.filter(isElement);
}

/** Direct children whose local name is one of `names` (an exact prefixed name, e.g. `content:encoded`, also works). */
export function childrenNamed(el: XElement, ...names: string[]): XElement[] {
  return childElements(el).filter((c) => names.includes(c.name) || names.includes(localName(c.name)));
}

export function firstNamed(el: XElement, ...names: string[]): XElement | undefined {
  // Names in order of preference; for each, an exact name (`title`) beats a prefixed one (`media:title`).
  const els = childElements(el);
  for (const name of names) {
    const hit = els.find((c) => c.name === name) ?? els.find((c) => localName(c.name) === name);
    if (hit) return hit;
  }
  return undefined;
}

/** All text below an element (decoded text and CDATA), in document order. */
export function textOf(el: XElement): string {
  let out = '';
  for (const c of el.children) out += isElement(c) ? textOf(c) : c.text;
  return out;
}

/** Text with runs of whitespace collapsed, for one-line fields (titles, names, ids). */
export function lineOf(el: XElement | undefined): string | undefined {
  if (!el) return undefined;
  const s = textOf(el).replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeHtml(s).replace(/"/g, '&quot;');
}

/** Serializes an element's children as HTML (for Atom type="xhtml" content); namespace prefixes and xmlns are dropped. */
export function innerHtml(el: XElement): string {
  let out = '';
  for (const c of el.children) {
    if (!isElement(c)) {
      out += escapeHtml(c.text);
      continue;
    }
    const tag = localName(c.name);
    const attrs = Object.entries(c.attrs)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
      .map(([k, v]) => ` ${localName(k)}="${escapeAttr(v)}"`)
      .join('');
    out += VOID.has(tag.toLowerCase()) && c.children.length === 0 ? `<${tag}${attrs}>` : `<${tag}${attrs}>${innerHtml(c)}</${tag}>`;
  }
  return out;
}

/** Crude HTML → one line of text, for titles given as HTML: tags removed, entities decoded, spaces collapsed. */
export function htmlToLine(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}
