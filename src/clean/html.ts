// HTML pages: the main text through Mozilla Readability on linkedom (about 3 ms a page), page metadata read before
// Readability rewrites the document, and paragraph structure kept as lines so the line rules can run on it.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

export interface HtmlExtract {
  title: string | null;
  /** Paragraphs, headings, list items and captions, one per line. */
  text: string;
  siteName: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  lang: string | null;
}

/** Elements whose text starts a new line. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD',
  'TH', 'TR', 'UL',
]);
/** Elements whose content is never reading text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);
/** Page chrome dropped when Readability finds no article and we fall back to the whole body. */
const CHROME = 'nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]';

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The text of a DOM subtree with a line break around every block element. Iterative: deep nesting cannot overflow the stack. */
export function blockText(root: DomNode): string {
  const out: string[] = [];
  const stack: Array<DomNode | '\n'> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === '\n') {
      out.push('\n');
      continue;
    }
    if (node.nodeType === 3) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) {
      out.push('\n');
      stack.push('\n');
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out.join('').replace(/[ \t]*\n[ \t\n]*/g, '\n').trim();
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

/** schema.org NewsArticle data in JSON-LD: datePublished, headline, publisher name. */
function jsonLd(doc: Doc): { published?: string; headline?: string; publisher?: string } {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const parsed: unknown = JSON.parse(script.textContent ?? '');
      const items = (Array.isArray(parsed) ? parsed : [parsed]).flatMap((x) =>
        x && typeof x === 'object' && Array.isArray((x as { '@graph'?: unknown[] })['@graph']) ? (x as { '@graph': unknown[] })['@graph'] : [x],
      ) as Array<Record<string, unknown>>;
      for (const item of items) {
        if (!item || typeof item !== 'object' || !item.datePublished) continue;
        const publisher = item.publisher as { name?: unknown } | undefined;
        return {
          published: String(item.datePublished),
          headline: typeof item.headline === 'string' ? item.headline : undefined,
          publisher: typeof publisher?.name === 'string' ? publisher.name : undefined,
        };
      }
    } catch {
      // Broken JSON-LD is common and carries nothing we need: ignore it.
    }
  }
  return {};
}

/** Strips a site-name suffix or prefix from a <title>: "Talks end | Example News" → "Talks end". */
function stripSiteName(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|–—:·•]\s+|\s+-\s+/);
  if (parts.length < 2) return title;
  if (siteName) {
    const rest = parts.filter((p) => p.trim().toLowerCase() !== siteName.trim().toLowerCase());
    if (rest.length && rest.length < parts.length) return rest.join(' - ');
  }
  // Without a site name, the longest part is the headline (site names are short).
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

/** linkedom builds no <body> for a bare fragment (a feed item's content): give it one. */
function asDocument(html: string): string {
  return /<(?:html|body)[\s>]/i.test(html.slice(0, 5000)) ? html : `<!doctype html><html><body>${html}</body></html>`;
}

/** Deepest element nesting read: real pages stay far below it (a few dozen levels); Readability's cost grows about
 * with the cube of the depth (500 levels: under a second; 1,000: 4 s; 2,000: 42 s), so a deeper page is refused
 * rather than left to hang the run. */
export const MAX_NESTING = 500;

/** Elements that hold nothing, or whose end tag browsers imply: they do not deepen the nesting. */
const FLAT = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

/** The deepest element nesting of a page, read from its tags alone (one pass, no DOM); stops counting past `limit`. */
export function nestingDepth(html: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  // Markup inside scripts, styles and comments is not nesting.
  const tags = html.replace(/<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');
  for (const m of tags.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const name = m[2].toLowerCase();
    if (FLAT.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > deepest && (deepest = depth) > limit) break;
  }
  return deepest;
}

export function extractHtml(input: string, url?: string): HtmlExtract {
  const depth = nestingDepth(input, MAX_NESTING);
  if (depth > MAX_NESTING) throw new Error(`HTML nested more than ${MAX_NESTING} levels deep (not a page a browser would show; refused so as not to hang)`);
  const html = asDocument(input);
  const { document } = parseHTML(html);
  const ld = jsonLd(document);
  const siteName = meta(document, 'meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]') ?? ld.publisher ?? null;
  const published =
    meta(
      document,
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publish-date"]',
      'meta[name="date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dc.date"]',
      'meta[name="parsely-pub-date"]',
      'meta[name="sailthru.date"]',
      'time[datetime]',
    ) ?? ld.published ?? null;
  const pageUrl = meta(document, 'link[rel="canonical"]', 'meta[property="og:url"]') ?? url ?? null;
  const author = meta(document, 'meta[name="author"]', 'meta[property="article:author"]');
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  const rawTitle = meta(document, 'meta[property="og:title"]', 'meta[name="twitter:title"]') ?? ld.headline ?? document.querySelector('title')?.textContent?.trim() ?? null;

  let title = rawTitle ? stripSiteName(rawTitle, siteName) : null;
  let read = readText(document, html, false);
  if (read.text.length < 200 && /<noscript/i.test(html)) {
    // A page that shows its story only to readers without scripts (an app shell whose server-rendered copy sits in
    // <noscript>): read again with that content in the page. Only then, so that no page that reads well without it
    // gains a "please enable JavaScript" line or a second copy of its text.
    const withNoscript = readText(parseHTML(html).document, html, true);
    if (withNoscript.text.length > read.text.length) read = withNoscript;
  }
  if (!title && read.title) title = stripSiteName(read.title, siteName);
  return { title: title || null, text: read.text, siteName, published, url: pageUrl, author, lang };
}

/** Replaces each <noscript> by what it holds (linkedom parses its content as elements, as a browser without scripts does). */
function unwrapNoscript(doc: Doc): void {
  for (const el of [...doc.querySelectorAll('noscript')]) {
    // One child at a time, not replaceWith(...children): a spread of a hundred thousand arguments overflows the stack.
    const parent = el.parentNode;
    if (!parent) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    el.remove();
  }
}

/** The main text of a parsed page: Readability's article, else the body minus page chrome. */
function readText(document: Doc, html: string, withNoscript: boolean): { text: string; title: string | null } {
  let text = '';
  let title: string | null = null;
  if (withNoscript) unwrapNoscript(document);
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      text = blockText(content.body as unknown as DomNode);
      title = article.title || null;
    }
  } catch {
    // Readability gives up on some malformed pages; the fallback below still reads them.
  }
  if (text.length < 200) {
    // Too little for Readability to call an article (a short item, a feed fragment): take the body minus page chrome.
    const { document: whole } = parseHTML(html);
    if (withNoscript) unwrapNoscript(whole);
    for (const el of whole.querySelectorAll(CHROME)) el.remove();
    const body = (whole.body ?? whole.documentElement) as unknown as DomNode | null;
    const fallback = body ? blockText(body) : '';
    if (fallback.length > text.length) text = fallback;
  }
  return { text, title };
}
