// Sentence splitting with offsets into the cleaned text. Each line of the cleaned text is a paragraph, a heading or a
// subheading: lines never share a sentence, so a heading without final punctuation is a sentence of its own.
import type { Sentence } from '../model.js';
import { loadJson } from '../data.js';

const abbr = loadJson<{ titles: string[]; other: string[]; sentenceStarters: string[] }>('abbreviations.json');
const TITLES = new Set(abbr.titles);
const OTHER_ABBREVIATIONS = new Set(abbr.other);
const STARTERS = new Set(abbr.sentenceStarters);

const ENDS = '.!?…';
const CLOSERS = `"'”’»)]`;
const OPENERS = `"'“‘«([`;

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** The word just before position `dot` (letters and inner dots), e.g. "U.S" or "Gen". */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  return text.slice(i, dot);
}

function wordAt(text: string, i: number): string {
  const m = /^[\p{L}]+/u.exec(text.slice(i, i + 40));
  return m ? m[0] : '';
}

/** "U.S", "a.m", "Jan": a word whose full stop may not end a sentence. */
function isAbbreviation(word: string): boolean {
  return OTHER_ABBREVIATIONS.has(word.toLowerCase().replace(/\./g, '')) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** Whether the full stop at `dot` ends a sentence, given that the next word starts at `next` (after a space). */
function fullStopEnds(text: string, dot: number, next: number): boolean {
  const before = wordBefore(text, dot);
  const key = before.toLowerCase().replace(/\./g, '');
  if (TITLES.has(key)) return false; // "Gen. Hossein Dehghan"
  if (/^\p{Lu}$/u.test(before)) return false; // an initial: "George W. Bush"
  if (isAbbreviation(before)) {
    // "U.S.", "a.m.", "Jan.": a break only before a word that typically opens a sentence.
    return STARTERS.has(wordAt(text, next).toLowerCase());
  }
  return true;
}

/** `.`, `!`, `?`, `…`: what may end a sentence. */
const END_CHAR = /[.!?…]/g;

/**
 * Where the next `.`, `!`, `?` or `…` at or after `from` is in the line, or -1: found by the regex engine's scan
 * rather than by a test of every character in script, and by `test` (no match object).
 */
function nextEnd(line: string, from: number): number {
  END_CHAR.lastIndex = from;
  return END_CHAR.test(line) ? END_CHAR.lastIndex - 1 : -1;
}

/** Splits one line (paragraph) into sentence spans [start, end) relative to the line. */
function splitLine(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let i = nextEnd(line, 0); i >= 0; i = nextEnd(line, i + 1)) {
    let j = i + 1;
    while (j < line.length && (ENDS.includes(line[j]) || CLOSERS.includes(line[j]))) j++;
    if (j >= line.length) break;
    let boundary = false;
    if (line[j] === ' ') {
      let k = j;
      while (k < line.length && line[k] === ' ') k++;
      const next = line[k] ?? '';
      const opensSentence = isUpper(next) || /\d/.test(next) || OPENERS.includes(next);
      // An abbreviation alone is no sentence: "U.S. President Barack Obama will …" opening a paragraph is one sentence.
      const alone = line[i] === '.' && !/\s/.test(line.slice(start, i).trim()) && isAbbreviation(wordBefore(line, i));
      boundary = opensSentence && !alone && (line[i] !== '.' || fullStopEnds(line, i, OPENERS.includes(next) ? k + 1 : k));
    } else if (line[i] === '.' || (j > i + 1 && CLOSERS.includes(line[j - 1]))) {
      // Glued by a scraper: "…he said.Shamkhani underlined…": a lower-case word, a stop, then a capitalised word.
      boundary = isLower(line[i - 1] ?? '') && isLower(line[i - 2] ?? '') && isUpper(line[j]) && isLower(line[j + 1] ?? '');
    }
    if (boundary) {
      spans.push([start, j]);
      start = j;
      i = j - 1;
    }
  }
  spans.push([start, line.length]);
  return spans;
}

/**
 * A headline, caption or byline glued by a scraper to the sentence after it, with no stop between them: "… outside
 * Port-au-Prince An estimated 200,000 people …". In prose a capitalised "The", "An" or "A" followed by a lower-case
 * word or a number comes after a stop or a colon, never straight after a word; "A" only counts after a lower-case word ("Plan A
 * is", "Vitamin A deficiency" are names). Both sides must be long enough to stand alone (3 and 6 words).
 */
const GLUED_OPENER = /(?<=[\p{L}\p{N}'’)\]])( +)(?:The|An|(?<=(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]* +)A) (?=[\p{Ll}\p{N}])/gu;

/** " The ", " A " or " An " (one regex test is quicker than three searches of the line). */
const ARTICLE_WORD = / (?:The|An?) /;

function splitGluedOpeners(line: string, [start, end]: [number, number]): Array<[number, number]> {
  const text = line.slice(start, end);
  if (!ARTICLE_WORD.test(text)) return [[start, end]];
  const out: Array<[number, number]> = [];
  let from = 0;
  for (const m of text.matchAll(GLUED_OPENER)) {
    const at = m.index! + m[1].length;
    const before = text.slice(from, m.index);
    if (before.split(/\s+/).length >= 3 && text.slice(at).split(/\s+/).length >= 6) {
      out.push([start + from, start + m.index!]);
      from = at;
    }
  }
  out.push([start + from, end]);
  return out;
}

/** The sentences of a cleaned text, numbered from 0, with offsets into it. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    // Only a line with " The ", " A " or " An " in it may hold a glued opener: the others' spans stand as they are.
    const mayBeGlued = ARTICLE_WORD.test(line);
    for (const span of splitLine(line)) {
      if (!mayBeGlued) addSentence(sentences, line, lineStart, span[0], span[1]);
      else for (const [s, e] of splitGluedOpeners(line, span)) addSentence(sentences, line, lineStart, s, e);
    }
    lineStart += line.length + 1;
  }
  return sentences;
}

/** The span [s, e) of the line starting at `lineStart` as the next sentence, its spaces trimmed; nothing when blank. */
function addSentence(sentences: Sentence[], line: string, lineStart: number, s: number, e: number): void {
  const raw = line.slice(s, e);
  const body = raw.trim();
  if (!body) return;
  const lead = raw.length - raw.trimStart().length;
  const start = lineStart + s + lead;
  sentences.push({ index: sentences.length, start, end: start + body.length, text: body });
}
