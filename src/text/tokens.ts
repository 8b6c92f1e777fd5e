// Tokens for comparing texts: lower-cased words without stop words, with a crude plural/possessive fold so that
// "ministers"/"minister" and "Iran's"/"Iran" meet. Fast (one regex pass), because every article and sentence goes through it.
import { loadJson } from '../data.js';
import { WordTable } from './word-table.js';

const lists = loadJson<{ en: string[]; reporting: string[] }>('stopwords.json');
export const STOPWORDS: ReadonlySet<string> = new Set([...lists.en, ...lists.reporting]);

// A word: a run of letters and digits, runs joined by single apostrophes or hyphens — /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/u,
// found by scanning characters (contentTokens, countWords) rather than by matching, which allocates a match a word.

/** Folds possessives and regular plurals: "ministers" → "minister", "iran's" → "iran"; leaves short words and "-ss" alone. */
export function fold(word: string): string {
  // endsWith rather than regular expressions: this runs on every word of every article.
  let w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w;
}

/** Whether a word is all digits ("2010"): numbers are not content for comparing texts. */
function isNumber(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The content token of a word as written in lower case (`raw`), or null when it is none (a stop word, a number). */
function contentToken(raw: string): string | null {
  const w = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
  if (w.length < 2 || STOPWORDS.has(w) || isNumber(w)) return null;
  const f = fold(w);
  return STOPWORDS.has(f) ? null : f;
}

/** Words met before (in lower case) → their content token, or null when they have none. */
const contentTokenOf = new WordTable<string | null>(1 << 17);

/**
 * Content tokens of a text, in order: its words (see above), lower-cased, without stop words and numbers, folded. Words
 * are found by one pass over the characters rather than by matching (no match objects to allocate), and each is
 * looked up in the table of words met before.
 */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const first = wordCharLength(lower, i);
    if (!first) {
      i++;
      continue;
    }
    let j = i + first;
    while (j < n) {
      const len = wordCharLength(lower, j);
      if (len) {
        j += len;
        continue;
      }
      const c = lower.charCodeAt(j);
      const joined = (c === 39 || c === 0x2019 || c === 45) && j + 1 < n ? wordCharLength(lower, j + 1) : 0;
      if (!joined) break;
      j += 1 + joined;
    }
    const slot = contentTokenOf.slotOf(lower, i, j);
    let token: string | null;
    if (contentTokenOf.keyAt(slot) !== undefined) token = contentTokenOf.valueAt(slot);
    else {
      const raw = lower.slice(i, j);
      token = contentToken(raw);
      contentTokenOf.add(slot, raw, token);
    }
    i = j;
    if (token !== null) out.push(token);
  }
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The length in UTF-16 units of the letter or digit at `i` (2 for one outside the BMP), or 0 when it is neither. */
export function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  // General punctuation (’ “ ” – — …), the no-break space, « » and lone low surrogates are never letters.
  if ((c >= 0x2000 && c <= 0x206f) || c === 0xa0 || c === 0xab || c === 0xbb || (c >= 0xdc00 && c <= 0xdfff)) return 0;
  const cp = text.codePointAt(i)!;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Whether the code point at `i` is a letter or a digit. */
function isWordChar(text: string, i: number): boolean {
  return wordCharLength(text, i) > 0;
}

/**
 * Word count of a text as a reader would count it: its words (see above), counted in one pass — summaries count
 * every sentence.
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
