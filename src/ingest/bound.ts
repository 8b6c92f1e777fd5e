// Bounds on one article's shape, applied as it is read, so that the memory every later stage needs for an article is
// bounded whatever the input looks like.
//
// Why these bounds:
//  - The size limit (10 MB a file or JSONL line) does not bound memory: what every stage costs grows with the article's
//    lines and sentences, not its bytes. A 4.9 MB text of a million one-word lines took 1.8 GB (about 1 KB a line
//    kept at once: the cleaner's lines, the sentences with their tokens, the summariser's sentence vectors) and ran a
//    process with a 512 MB heap out of memory; a 9.8 MB page of 900,000 paragraphs did the same in the HTML parser.
//  - So an article keeps at most MAX_ARTICLE_CHARS characters of text, about what the server takes in one POSTed
//    article (a 1 MiB body) and as long as a book, and at most MAX_ARTICLE_LINES lines: reporting averages well
//    over 50 characters a paragraph, so only text of very short lines meets the line bound before the other. A page
//    keeps at most MAX_HTML_ELEMENTS elements, as many as a text may have lines (a page gives at most a line an
//    element; a heavy news page has a few thousand), and MAX_ARTICLE_CHARS characters of text between its tags.
//  - What is over a bound is cut, not refused: the article is kept with its beginning, where a report puts what
//    matters, and a warning names the input, the bound and how much there was.
//  - The cut falls between lines (or, in a page, before a tag) when it can, never inside a surrogate pair.
import type { RawArticle } from '../model.js';
import type { Emit } from './util.js';

export const MAX_ARTICLE_CHARS = 1_000_000;
export const MAX_ARTICLE_LINES = 20_000;
export const MAX_HTML_ELEMENTS = 20_000;

const count = (n: number) => n.toLocaleString('en');
const REST = 'the most one article may have; the rest is left out';

/** A cut before `at` that does not split a surrogate pair. */
function safeEnd(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** Is this UTF-16 code unit a line break as the cleaner reads them (\n, \r, U+0085, U+2028, U+2029)? */
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0b || c === 0xa0 || isBreak(c);
}

/**
 * Plain text within the bounds: the text itself when it is, else its beginning and why it was cut. Lines are counted
 * as the cleaner keeps them: blank lines do not count (\r\n is one break, and a run of breaks ends one line).
 */
export function boundText(text: string): { text: string; cut?: string } {
  let lines = 0;
  let inLine = false;
  let lineCut = -1; // where the line after the last one allowed starts
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) {
      inLine = false;
    } else if (!inLine && !isSpace(c)) {
      inLine = true;
      if (++lines === MAX_ARTICLE_LINES + 1) lineCut = i;
    }
  }
  if (lineCut !== -1 && lineCut <= MAX_ARTICLE_CHARS) {
    return { text: text.slice(0, lineCut).trimEnd(), cut: `text cut to its first ${count(MAX_ARTICLE_LINES)} lines (of ${count(lines)}), ${REST}` };
  }
  if (text.length <= MAX_ARTICLE_CHARS) return { text };
  return {
    text: text.slice(0, cutNear(text, MAX_ARTICLE_CHARS)).trimEnd(),
    cut: `text cut at ${count(MAX_ARTICLE_CHARS)} characters (of ${count(text.length)}), ${REST}`,
  };
}

/** How far back from a limit a cut looks for a line break, then a space, before it cuts where the limit falls. */
const CUT_LOOKBACK = 10_000;

/**
 * Where to cut a text that must end by `limit`: at the last line break shortly before it, else a space, else at the
 * limit; never before `floor`.
 */
function cutNear(text: string, limit: number, floor = 0): number {
  const from = Math.max(floor, limit - CUT_LOOKBACK);
  let space = -1;
  for (let i = limit; i > from; i--) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) return i;
    if (space === -1 && isSpace(c)) space = i;
  }
  return space !== -1 ? space : safeEnd(text, limit);
}

/** Where each kind of markup that is not an element or text ends. */
function skipMarkup(html: string, i: number): number {
  const close = (token: string) => {
    const at = html.indexOf(token, i);
    return at === -1 ? html.length : at + token.length;
  };
  if (html.startsWith('<!--', i)) return close('-->');
  return close('>');
}

/** Elements whose content is not text a reader sees (and may itself be full of `<`), and how each ends. */
const RAW_TEXT = /^<(script|style|textarea|title)[\s/>]/i;
const RAW_TEXT_END: Record<string, RegExp> = {
  script: /<\/script/gi,
  style: /<\/style/gi,
  textarea: /<\/textarea/gi,
  title: /<\/title/gi,
};

/**
 * A page within the bounds: the page itself when it is, else its beginning up to where it went over and why it was
 * cut. One pass over the markup, no DOM (building one is what costs the memory): start tags are counted as elements;
 * text between tags, outside scripts, styles and comments, as characters, spaces left out (indentation is not text).
 */
export function boundHtml(html: string): { html: string; cut?: string } {
  let elements = 0;
  let chars = 0;
  let cutAt = -1;
  let cut = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? html.length : lt;
    for (let k = i; k < textEnd; k++) {
      if (isSpace(html.charCodeAt(k))) continue;
      if (++chars === MAX_ARTICLE_CHARS + 1 && cutAt === -1) {
        // Inside a run of text: cut it there (the parser closes what is open).
        cutAt = cutNear(html, k, i);
        cut = `page cut after ${count(MAX_ARTICLE_CHARS)} characters of text`;
      }
    }
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    const isLetter = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a);
    if (isLetter) {
      if (++elements === MAX_HTML_ELEMENTS + 1 && cutAt === -1) {
        cutAt = lt;
        cut = `page cut after its first ${count(MAX_HTML_ELEMENTS)} elements`;
      }
      const raw = RAW_TEXT.exec(html.slice(lt, lt + 12));
      if (raw) {
        // Skip to the end tag: what is inside is not elements, and not text of the page.
        const end = RAW_TEXT_END[raw[1].toLowerCase()];
        end.lastIndex = lt;
        i = end.exec(html) ? skipMarkup(html, end.lastIndex) : html.length;
        continue;
      }
      i = skipMarkup(html, lt);
    } else if (next === 0x2f || next === 0x21 || next === 0x3f) {
      i = skipMarkup(html, lt); // an end tag, a comment or declaration, a processing instruction
    } else {
      chars++; // a "<" that starts no tag is text
      i = lt + 1;
    }
  }
  if (cutAt === -1) return { html };
  const tally = cut.includes('elements') ? elements : chars;
  return { html: html.slice(0, cutAt), cut: `${cut} (of ${count(tally)}), ${REST}` };
}

/** The article within the bounds; each cut is warned about, naming the article's input. */
export function boundArticle(article: RawArticle, emit: Emit): RawArticle {
  const cuts: string[] = [];
  if (article.text !== undefined) {
    const bounded = boundText(article.text);
    if (bounded.cut) {
      article.text = bounded.text;
      cuts.push(bounded.cut);
    }
  }
  if (article.html !== undefined) {
    const bounded = boundHtml(article.html);
    if (bounded.cut) {
      article.html = bounded.html;
      cuts.push(bounded.cut);
    }
  }
  if (cuts.length) emit({ source: article.source, reason: cuts.join('; '), severity: 'warning' });
  return article;
}

/** The articles of a reader, each within the bounds. */
export async function* bounded(articles: AsyncGenerator<RawArticle>, emit: Emit): AsyncGenerator<RawArticle> {
  for await (const article of articles) yield boundArticle(article, emit);
}
