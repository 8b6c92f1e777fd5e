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

/** Word count of a text as a reader would count it. */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}
