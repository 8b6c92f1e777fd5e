// Tokens for comparing texts: lower-cased words without stop words, with a crude plural/possessive fold so that
// "ministers"/"minister" and "Iran's"/"Iran" meet. Fast (one regex pass), because every article and sentence goes through it.
import { loadJson } from '../data.js';

const lists = loadJson<{ en: string[]; reporting: string[] }>('stopwords.json');
export const STOPWORDS: ReadonlySet<string> = new Set([...lists.en, ...lists.reporting]);

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Folds possessives and regular plurals: "ministers" → "minister", "iran's" → "iran"; leaves short words and "-ss" alone. */
export function fold(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w;
}

/** Content tokens of a text, in order. */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0].replace(/’/g, "'");
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    const f = fold(w);
    if (!STOPWORDS.has(f)) out.push(f);
  }
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the code point at `i` is a letter or a digit: ASCII by range, the rest by Unicode property. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * Word count of a text as a reader would count it: the matches of WORD (runs of letters and digits joined by single
 * apostrophes or hyphens), counted in one pass without building the matches — summaries count every sentence.
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair, judged with the first
    if (isWordChar(text, i)) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (c === 39 || c === 0x2019 || c === 45) && i + 1 < text.length && isWordChar(text, i + 1)) {
      // an apostrophe or hyphen inside a word: the word goes on
    } else inWord = false;
  }
  return n;
}
