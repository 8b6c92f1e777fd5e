// Framing: for one referent, the words each outlet chooses — armed groups as "terrorists" or as "rebels", a state's
// rulers as a "regime" or a "government", a city "liberated" or "recaptured" — counted outlet by outlet.
//
// Two sources of word pairs:
//   data    — data/framing.json, pairs from the framing literature and the style guides (see data/README.md);
//   learned — substitutions found by aligning the sentences of a Fact (sentences of different outlets that say the same
//             thing): "air strikes against rebel forces in and around Aleppo" / "airstrikes against Takfiri forces in and
//             around Aleppo" gives rebel / takfiri.
//
// Each article's text is scanned once into word tokens (lower-cased, plural and possessive folded, with the sentence
// they stand in and whether they stand inside quotation marks); terms are matched on tokens through an index by first
// word, longest phrase first, so the cost is one pass over the event's words whatever the number of terms.
//
// Words inside quotation marks are the speaker's, not the outlet's ("the terrorists and their supporters must know",
// said Dehghan; what they call “moderate rebels”): they are not counted unless `includeQuotes` is set.
import type { Article, Citation, Fact, FramingContrast, FramingTerm, SentenceSpan } from '../model.js';
import { loadJson } from '../data.js';
import { STOPWORDS, editDistance, fold, splitSentences, wordCharLength } from '../text/index.js';
import { extractMentions } from '../understand/index.js';

// ---------------------------------------------------------------------------------------------------------------------
// Data

/** One way of putting a referent, and the words that put it so. */
export interface FramingSide {
  label: string;
  terms: string[];
}

/** A referent of data/framing.json. */
export interface FramingReferent {
  referent: string;
  note?: string;
  sides: FramingSide[];
  /** Phrases that hold a term but are not a use of it ("riot police"): matched like terms, never counted. */
  except?: string[];
}

interface FramingData {
  note: string;
  referents: FramingReferent[];
}

/** The referents of data/framing.json. */
export const FRAMING_REFERENTS: readonly FramingReferent[] = loadJson<FramingData>('framing.json').referents;

export interface FramingOptions {
  /** The referents to count (default: data/framing.json). */
  referents?: readonly FramingReferent[];
  /** Count words inside quotation marks too (default false: quoted words are the speaker's, not the outlet's). */
  includeQuotes?: boolean;
  /** At most this many learned contrasts an event (default 10; 0 turns learning off). */
  maxLearned?: number;
}

/** A substitution found by aligning two sentences of one fact from different outlets. */
export interface Substitution {
  /** The two wordings, lower case, as the first aligned pair wrote them. */
  terms: [string, string];
  /** The outlets whose aligned sentences wrote each. */
  outlets: [string[], string[]];
  /** The facts whose sentences showed it. */
  facts: string[];
  /** The aligned sentences that showed it, two by two (first wording, second wording). */
  citations: Citation[];
  /** The data referent that already holds both words (the contrast is counted there), or null. */
  known: string | null;
}

const DEFAULT_MAX_LEARNED = 10;
/** Citations kept a term. */
const MAX_CITATIONS = 3;
/** Words a side of a learned substitution may have. */
const MAX_RUN = 3;
/** Identical words of context a learned substitution needs on each side (one side may be the sentence's edge). */
const MIN_CONTEXT = 2;
/** Sentences longer than this (in words) are not aligned: no fact sentence is, and the table would grow. */
const MAX_ALIGN_WORDS = 160;
/** Distinct wordings of one fact that are aligned (two by two): the first ones cited. */
const MAX_WORDINGS = 8;
/** Sentence pairs aligned an event at most (facts in the order given): the bound on learning's cost. */
const MAX_ALIGNMENTS = 3000;
/** Words two sentences must share, in order, to be aligned for substitutions (and at least half the longer one's). */
const MIN_ALIGNED = 5;
/** Uses in the event each word of a learned pair needs, by the outlets that showed it: a framing is a habit. */
const MIN_USES = 2;

// ---------------------------------------------------------------------------------------------------------------------
// Tokens

/**
 * The words of one text as parallel arrays (a 100-article event has some 100,000 words; an object a word is what the
 * garbage collector would spend its time on).
 */
interface Tokens {
  text: string;
  length: number;
  start: Int32Array;
  end: Int32Array;
  /** Index of the word's sentence. */
  sentence: Int32Array;
  /** PLURAL | JOINED | QUOTED | CAP. */
  flags: Uint8Array;
  /** Lower case, ’ written ', plural and possessive folded (`fold`): "Terrorists" and "terrorist's" → "terrorist". */
  key: string[];
}

/** The word (without a possessive) is a plural form: its key differs from it. */
const PLURAL = 1;
/** Only spaces, hyphens or apostrophes stand between it and the previous word of the same line. */
const JOINED = 2;
/** It stands inside quotation marks. */
const QUOTED = 4;
/** It is written with a capital. */
const CAP = 8;

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** An ASCII lower-case letter or a digit. */
function isSimpleCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}
const UPPER = /\p{Lu}/u;
const LETTERS_ONLY = /[^\p{L}]/gu;

const isApostrophe = (c: number) => c === 39 || c === 0x2019;
/** Characters that may stand between the words of a phrase: spaces, hyphens, apostrophes (“martyrs' square”). */
const isJoiner = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2011 || isApostrophe(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 10 || c === 13;
const isDoubleOpen = (c: number) => c === 0x201c || c === 0x201e || c === 0xab || c === 0x201f; // “ „ « ‟
const isDoubleClose = (c: number) => c === 0x201d || c === 0xbb; // ” »
/** Characters after which a quote mark still opens: `(“`, `—“`, `:“`. */
const BEFORE_OPEN = '([{—–-/:;';
const AFTER_CLOSE = '.,;:!?)]}—–-…';

/**
 * The words of a text with their sentences (`spans`, in order; none: sentence 0). Words are runs of letters and digits,
 * runs joined by apostrophes ("Assad’s", "da'esh"); a hyphen parts words ("rebel-held" → rebel, held). Quotation marks
 * are read paragraph by paragraph, as the quote finder reads them: a quote never runs over a line; a ” or » that opens
 * (`said that ” Iran…`) opens.
 */
function tokenize(text: string, spans: readonly SentenceSpan[] = []): Tokens {
  const n = text.length;
  let capacity = (n >> 3) + 16;
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let sentenceOf = new Int32Array(capacity);
  let flags = new Uint8Array(capacity);
  const key: string[] = [];
  let count = 0;
  let quoted = false;
  let joined = false;
  let sentence = 0;
  let i = 0;
  while (i < n) {
    const first = wordCharLength(text, i);
    if (!first) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        // a space: the words around it may still make a phrase
      } else if (c === 10) {
        quoted = false;
        joined = false;
      } else if (isDoubleOpen(c)) {
        quoted = true;
        joined = false;
      } else if (isDoubleClose(c) || c === 34) {
        const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
        const attachedBefore = !isSpace(prev) && !BEFORE_OPEN.includes(text[i - 1]);
        if (quoted) quoted = false;
        else if (c === 34) quoted = !(attachedBefore && (i + 1 >= n || isSpace(text.charCodeAt(i + 1)) || AFTER_CLOSE.includes(text[i + 1])));
        else quoted = !attachedBefore;
        joined = false;
      } else if (!isJoiner(c)) joined = false;
      i++;
      continue;
    }
    // Words of ASCII lower-case letters, digits and ' (most words) need no lower-casing.
    let simple = isSimpleCode(text.charCodeAt(i));
    let j = i + first;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c < 128) {
        if (isWordCode(c)) {
          if (simple && c >= 65 && c <= 90) simple = false;
          j++;
          continue;
        }
      } else {
        const len = wordCharLength(text, j);
        if (len) {
          simple = false;
          j += len;
          continue;
        }
      }
      const joinedBy = isApostrophe(c) && j + 1 < n ? wordCharLength(text, j + 1) : 0;
      if (!joinedBy) break;
      if (c !== 39) simple = false;
      j += 1 + joinedBy;
    }
    while (sentence + 1 < spans.length && spans[sentence + 1].start <= i) sentence++;
    let lower = text.slice(i, j);
    if (!simple) {
      lower = lower.toLowerCase();
      if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    }
    // fold changes only words ending in s ("terrorists", "Assad's").
    const endsInS = lower.charCodeAt(lower.length - 1) === 115;
    const k = endsInS ? fold(lower) : lower;
    const base = endsInS && lower.endsWith("'s") ? lower.slice(0, -2) : lower;
    const c0 = text.charCodeAt(i);
    const cap = c0 < 128 ? c0 >= 65 && c0 <= 90 : UPPER.test(String.fromCodePoint(text.codePointAt(i)!));
    if (count === capacity) {
      capacity *= 2;
      start = grow(start, capacity);
      end = grow(end, capacity);
      sentenceOf = grow(sentenceOf, capacity);
      const f = new Uint8Array(capacity);
      f.set(flags);
      flags = f;
    }
    start[count] = i;
    end[count] = j;
    sentenceOf[count] = sentence;
    flags[count] = (k !== base ? PLURAL : 0) | (joined ? JOINED : 0) | (quoted ? QUOTED : 0) | (cap ? CAP : 0);
    key.push(k);
    count++;
    joined = true;
    i = j;
  }
  return { text, length: count, start, end, sentence: sentenceOf, flags, key };
}

function grow(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** Word k lower-cased, ’ written ' (not folded). */
function lowerAt(t: Tokens, k: number): string {
  return t.text.slice(t.start[k], t.end[k]).toLowerCase().replace(/’/g, "'");
}

// ---------------------------------------------------------------------------------------------------------------------
// Matching terms

interface PatternWord {
  key: string;
  /** Written in the plural ("authorities"): only plural forms match, so "Palestinian Authority" is not "authorities". */
  pluralOnly: boolean;
}

interface Pattern {
  ref: number;
  /** Index of the side; -1 for an excepted phrase. */
  side: number;
  term: number;
  words: PatternWord[];
}

interface Matcher {
  referents: number;
  /** Patterns by the key of their first word, longest first. */
  byFirst: Map<string, Pattern[]>;
}

/** What the matcher reads of a referent. `anyNumber`: a term written in the plural counts the singular too. */
interface Countable {
  sides: ReadonlyArray<{ terms: readonly string[] }>;
  except?: readonly string[];
  anyNumber?: boolean;
}

/** One index over the terms (and excepted phrases) of several referents. */
function compile(referents: readonly Countable[]): Matcher {
  const byFirst = new Map<string, Pattern[]>();
  referents.forEach((r, ref) => {
    const seen = new Set<string>();
    const add = (side: number, term: number, text: string) => {
      const t = tokenize(text);
      const words = t.key.map((key, k) => ({ key, pluralOnly: !r.anyNumber && (t.flags[k] & PLURAL) !== 0 }));
      const id = words.map((w) => `${w.key}${w.pluralOnly ? '+' : ''}`).join(' ');
      if (!words.length || seen.has(id)) return; // the same words twice: the first place counts
      seen.add(id);
      const list = byFirst.get(words[0].key) ?? [];
      list.push({ ref, side, term, words });
      byFirst.set(words[0].key, list);
    };
    r.sides.forEach((s, side) => s.terms.forEach((t, term) => add(side, term, t)));
    (r.except ?? []).forEach((t, k) => add(-1, k, t));
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { referents: referents.length, byFirst };
}

function fits(p: Pattern, t: Tokens, from: number, to: number): boolean {
  if (from + p.words.length > to) return false;
  for (let k = 0; k < p.words.length; k++) {
    const w = p.words[k];
    const f = t.flags[from + k];
    if (t.key[from + k] !== w.key || (w.pluralOnly && !(f & PLURAL)) || (k > 0 && !(f & JOINED))) return false;
  }
  return true;
}

/**
 * Every match of the matcher's patterns in words [from, to): left to right, within a referent the longest phrase at a
 * position wins and matches do not overlap ("terrorist groups" is not also "terrorist"); referents are independent.
 */
function scan(m: Matcher, t: Tokens, onMatch: (p: Pattern, at: number) => void, from = 0, to = t.length): void {
  const free = new Int32Array(m.referents).fill(from);
  for (let i = from; i < to; i++) {
    const list = m.byFirst.get(t.key[i]);
    if (!list) continue;
    for (const p of list) {
      if (free[p.ref] > i || !fits(p, t, i, to)) continue;
      free[p.ref] = i + p.words.length;
      onMatch(p, i);
    }
  }
}

let dataMatcher: { referents: readonly FramingReferent[]; matcher: Matcher } | null = null;

/** The matcher of the data referents (kept for the default referents). */
function matcherFor(referents: readonly FramingReferent[]): Matcher {
  if (dataMatcher?.referents !== referents) dataMatcher = { referents, matcher: compile(referents) };
  return dataMatcher.matcher;
}

// ---------------------------------------------------------------------------------------------------------------------
// Articles

interface Prepared {
  article: Article;
  outlet: string;
  spans: readonly SentenceSpan[];
  tokens: Tokens;
  /** `firstToken[s]`: index of sentence s's first word (`firstToken[spans.length]` = the number of words). */
  firstToken: Int32Array;
  /** Each sentence's wording number (learning), filled when first asked. */
  wordings?: Int32Array;
}

function prepare(articles: readonly Article[], outletOf: (articleId: string) => string): Prepared[] {
  return articles.map((article) => {
    const spans: readonly SentenceSpan[] = article.sentences ?? splitSentences(article.text);
    const tokens = tokenize(article.text, spans);
    const firstToken = new Int32Array(spans.length + 1).fill(tokens.length);
    for (let k = tokens.length - 1; k >= 0; k--) firstToken[tokens.sentence[k]] = k;
    for (let s = spans.length - 1; s >= 0; s--) if (firstToken[s] > firstToken[s + 1]) firstToken[s] = firstToken[s + 1];
    return { article, outlet: outletOf(article.id), spans, tokens, firstToken };
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Counting

/** The uses of one term: per outlet, the count and the first few sentences. */
interface Uses {
  counts: Map<string, number>;
  cites: Map<string, Citation[]>;
}

/** uses[side][term] of one referent. */
type ReferentUses = Array<Array<Uses | undefined>>;

function record(uses: Uses, outlet: string, citation: Citation): void {
  uses.counts.set(outlet, (uses.counts.get(outlet) ?? 0) + 1);
  let list = uses.cites.get(outlet);
  if (!list) uses.cites.set(outlet, (list = []));
  const last = list[list.length - 1];
  if (list.length < MAX_CITATIONS && !(last && last.article === citation.article && last.sentence === citation.sentence)) list.push(citation);
}

/** Up to MAX_CITATIONS citations, taking each outlet's first before any outlet's second. */
function pickCitations(cites: Map<string, Citation[]>): Citation[] {
  const out: Citation[] = [];
  for (let round = 0; out.length < MAX_CITATIONS; round++) {
    let any = false;
    for (const list of cites.values()) {
      if (round >= list.length) continue;
      any = true;
      if (out.length < MAX_CITATIONS) out.push(list[round]);
    }
    if (!any) break;
  }
  return out;
}

/** Counts the terms of `referents` over the articles in one pass: uses[ref][side][term]. */
function count(prepared: readonly Prepared[], referents: readonly Countable[], matcher: Matcher, includeQuotes: boolean): ReferentUses[] {
  const uses = referents.map((r) => r.sides.map((s) => s.terms.map((): Uses | undefined => undefined)));
  for (const p of prepared) {
    const t = p.tokens;
    scan(matcher, t, (pattern, at) => {
      if (pattern.side < 0) return;
      if (!includeQuotes) for (let k = 0; k < pattern.words.length; k++) if (t.flags[at + k] & QUOTED) return;
      const row = uses[pattern.ref][pattern.side];
      const u = (row[pattern.term] ??= { counts: new Map(), cites: new Map() });
      record(u, p.outlet, { article: p.article.id, sentence: t.sentence[at] });
    });
  }
  return uses;
}

function sumCounts(into: Record<string, number>, counts: Map<string, number>): void {
  for (const [o, n] of counts) into[o] = (into[o] ?? 0) + n;
}

function total(counts: Record<string, number>): number {
  let n = 0;
  for (const v of Object.values(counts)) n += v;
  return n;
}

/** Contrasts of counted referents; referents with no use are left out. */
function contrasts(
  referents: ReadonlyArray<{ referent: string; sides: ReadonlyArray<{ label: string; terms: readonly string[] }> }>,
  uses: readonly ReferentUses[],
  source: FramingContrast['source'],
): FramingContrast[] {
  const out: FramingContrast[] = [];
  referents.forEach((r, ref) => {
    let used = false;
    const sides = r.sides.map((s, side) => {
      const counts: Record<string, number> = {};
      const terms: FramingTerm[] = [];
      s.terms.forEach((term, t) => {
        const u = uses[ref][side][t];
        if (!u) return;
        used = true;
        sumCounts(counts, u.counts);
        terms.push({ term, counts: Object.fromEntries(u.counts), citations: pickCitations(u.cites) });
      });
      terms.sort((a, b) => total(b.counts) - total(a.counts) || a.term.localeCompare(b.term));
      return { label: s.label, terms, counts };
    });
    if (used) out.push({ referent: r.referent, sides, source });
  });
  return out;
}

function sidesUsed(c: FramingContrast): number {
  return c.sides.filter((s) => s.terms.length > 0).length;
}

function usesOf(c: FramingContrast): number {
  return c.sides.reduce((n, s) => n + total(s.counts), 0);
}

// ---------------------------------------------------------------------------------------------------------------------
// Learning substitutions

/** Number, calendar and time words: a substitution of these is a different fact, not a different framing. */
const NOT_TERMS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred ' +
    'thousand million billion dozen half first second third fourth fifth ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december today yesterday tomorrow tonight morning afternoon evening night weekend ' +
    'hour minute day week month year'
  ).split(' '),
);

/** The letters of words [from, to), lower case, without spaces, hyphens or apostrophes. */
function letters(t: Tokens, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += lowerAt(t, k);
  return s.replace(LETTERS_ONLY, '');
}

/** Segments of an alignment: a run of matched words, or a gap (words of A, words of B, either possibly none). */
type Segment = { match: number } | { a: [number, number]; b: [number, number] };

let table = new Uint16Array(0);

/** Word-level LCS alignment of two word ranges by folded key, common prefix and suffix taken first. */
function align(A: Tokens, a0: number, a1: number, B: Tokens, b0: number, b1: number): Segment[] {
  const ka = A.key;
  const kb = B.key;
  let pre = 0;
  while (a0 + pre < a1 && b0 + pre < b1 && ka[a0 + pre] === kb[b0 + pre]) pre++;
  let suf = 0;
  while (a1 - suf > a0 + pre && b1 - suf > b0 + pre && ka[a1 - 1 - suf] === kb[b1 - 1 - suf]) suf++;
  const as = a0 + pre;
  const bs = b0 + pre;
  const n = a1 - suf - as;
  const m = b1 - suf - bs;
  const segments: Segment[] = [];
  if (pre) segments.push({ match: pre });
  // L[i][j] = LCS of A[as+i..) and B[bs+j..) within the ranges, so the walk from the start can take an equal pair.
  const w = m + 1;
  if (table.length < (n + 1) * w) table = new Uint16Array((n + 1) * w);
  const L = table;
  for (let j = 0; j <= m; j++) L[n * w + j] = 0;
  for (let i = n - 1; i >= 0; i--) {
    L[i * w + m] = 0;
    const x = ka[as + i];
    for (let j = m - 1; j >= 0; j--) {
      L[i * w + j] = x === kb[bs + j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  let gapA = 0;
  let gapB = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ka[as + i] === kb[bs + j]) {
      if (i > gapA || j > gapB) segments.push({ a: [as + gapA, as + i], b: [bs + gapB, bs + j] });
      const last = segments[segments.length - 1];
      if (last && 'match' in last) last.match++;
      else segments.push({ match: 1 });
      i++;
      j++;
      gapA = i;
      gapB = j;
    } else if (j >= m || (i < n && L[(i + 1) * w + j] >= L[i * w + j + 1])) i++;
    else j++;
  }
  if (i > gapA || j > gapB) segments.push({ a: [as + gapA, as + i], b: [bs + gapB, bs + j] });
  if (suf) {
    const last = segments[segments.length - 1];
    if (last && 'match' in last) last.match += suf;
    else segments.push({ match: suf });
  }
  return segments;
}

interface Candidate {
  a: [number, number];
  b: [number, number];
}

/** The gaps of an alignment that replace 1–3 words by 1–3 words inside enough identical context. */
function substitutions(A: Tokens, B: Tokens, segments: Segment[]): Candidate[] {
  // A gap whose two sides differ only in spelling ("air strikes" / "airstrikes", "Dehghan" / "Dehqan") is context.
  const kind = segments.map((s): 'match' | 'same' | 'indel' | 'sub' => {
    if ('match' in s) return 'match';
    if (s.a[0] === s.a[1] || s.b[0] === s.b[1]) return 'indel';
    const x = letters(A, s.a[0], s.a[1]);
    const y = letters(B, s.b[0], s.b[1]);
    return x === y || editDistance(x, y, 2) <= 2 ? 'same' : 'sub';
  });
  const context = (g: number, step: -1 | 1): { words: number; edge: boolean } => {
    let words = 0;
    for (let k = g + step; k >= 0 && k < segments.length; k += step) {
      const s = segments[k];
      if ('match' in s) words += s.match;
      else if (kind[k] === 'same') words += 1;
      else return { words, edge: false };
    }
    return { words, edge: true };
  };
  const out: Candidate[] = [];
  segments.forEach((s, g) => {
    if (kind[g] !== 'sub' || 'match' in s) return;
    if (s.a[1] - s.a[0] > MAX_RUN || s.b[1] - s.b[0] > MAX_RUN) return;
    const left = context(g, -1);
    const right = context(g, 1);
    const l = left.words >= MIN_CONTEXT;
    const r = right.words >= MIN_CONTEXT;
    if ((l && r) || (l && right.edge) || (r && left.edge)) out.push({ a: s.a, b: s.b });
  });
  return out;
}

/** Whether a run of words can be a framing term: content words at its ends, no numbers or dates. */
function termLike(t: Tokens, [from, to]: [number, number]): boolean {
  if (STOPWORDS.has(lowerAt(t, from)) || STOPWORDS.has(lowerAt(t, to - 1))) return false;
  for (let k = from; k < to; k++) {
    const key = t.key[k];
    if (/\d/.test(key) || NOT_TERMS.has(key) || key.length < 2) return false;
  }
  return true;
}

function flagged(t: Tokens, [from, to]: [number, number], flag: number, all: boolean): boolean {
  for (let k = from; k < to; k++) if (((t.flags[k] & flag) !== 0) !== all) return !all;
  return all;
}

/** Whether two runs start with the same four letters or more: forms of one word ("forcing" / "forced"). */
function sameStem(x: string, y: string): boolean {
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k >= 4;
}

/** Whether a content word of the run stands in words [o0, o1) of `other`. */
function movedFrom(t: Tokens, [from, to]: [number, number], other: Tokens, o0: number, o1: number): boolean {
  for (let k = from; k < to; k++) {
    if (STOPWORDS.has(lowerAt(t, k))) continue;
    for (let j = o0; j < o1; j++) if (other.key[j] === t.key[k]) return true;
  }
  return false;
}

function runText(t: Tokens, [from, to]: [number, number]): string {
  return t.text.slice(t.start[from], t.end[to - 1]).toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
}

function runId(t: Tokens, [from, to]: [number, number]): string {
  return t.key.slice(from, to).join(' ');
}

/** Data referents (indexes) with a term inside the run. */
function referentsIn(matcher: Matcher, t: Tokens, [from, to]: [number, number]): Set<number> {
  const out = new Set<number>();
  scan(matcher, t, (p) => p.side >= 0 && out.add(p.ref), from, to);
  return out;
}

/** One wording of a fact: a sentence, and the outlets whose sentences say it in the same words. */
interface Wording {
  /** The wording's number: sentences with the same text have the same. */
  id: number;
  p: Prepared;
  s: number;
  citation: Citation;
  outlets: string[];
}

interface Example {
  p: Prepared;
  s: number;
  run: [number, number];
}

/** A substitution found in the facts, before it is checked against the event's counts. */
interface Learned extends Substitution {
  /** Each wording's folded words, which tell the two wordings apart whichever comes first in a pair. */
  ids: [string, string];
  /** Where each wording was first seen, for the name check. */
  examples: [Example, Example];
  /** Its two words as a referent of their own, counted like the data's. */
  pair: { referent: string; sides: Array<{ label: string; terms: string[] }>; anyNumber: true };
}

/**
 * Step 1 of learning: the substitutions of the facts' aligned wordings that could be terms (see learnSubstitutions).
 * `data` tells which are `known`.
 */
function findSubstitutions(prepared: readonly Prepared[], facts: readonly Fact[], data: Matcher, referents: readonly FramingReferent[], includeQuotes: boolean): Learned[] {
  const byId = new Map(prepared.map((p) => [p.article.id, p]));
  // Sentences are known by their text (copies of one wire sentence are one wording); two wordings are aligned once,
  // however many facts cite them.
  const interned = new Map<string, number>();
  const wordingId = (p: Prepared, s: number): number => {
    if (!p.wordings) p.wordings = new Int32Array(p.spans.length).fill(-1);
    if (p.wordings[s] < 0) {
      const text = p.article.text.slice(p.spans[s].start, p.spans[s].end);
      let id = interned.get(text);
      if (id === undefined) interned.set(text, (id = interned.size));
      p.wordings[s] = id;
    }
    return p.wordings[s];
  };
  const aligned = new Map<number, Candidate[]>();
  let alignments = 0;
  const found = new Map<string, Learned>();

  for (const fact of facts) {
    if (alignments >= MAX_ALIGNMENTS) break;
    // The fact's distinct wordings, with the outlets that print each.
    const wordings = new Map<number, Wording>();
    for (const c of fact.citations) {
      const p = byId.get(c.article);
      if (!p || c.sentence < 0 || c.sentence >= p.spans.length) continue;
      if (p.firstToken[c.sentence + 1] - p.firstToken[c.sentence] > MAX_ALIGN_WORDS) continue;
      const id = wordingId(p, c.sentence);
      const w = wordings.get(id);
      if (w) {
        if (!w.outlets.includes(p.outlet)) w.outlets.push(p.outlet);
      } else if (wordings.size < MAX_WORDINGS) {
        wordings.set(id, { id, p, s: c.sentence, citation: { article: c.article, sentence: c.sentence }, outlets: [p.outlet] });
      }
    }
    const items = [...wordings.values()];
    for (let x = 0; x < items.length; x++) {
      for (let y = x + 1; y < items.length; y++) {
        const X = items[x];
        const Y = items[y];
        if (X.outlets.length === 1 && Y.outlets.length === 1 && X.outlets[0] === Y.outlets[0]) continue; // one outlet's two wordings
        const A = X.p.tokens;
        const B = Y.p.tokens;
        const a0 = X.p.firstToken[X.s];
        const a1 = X.p.firstToken[X.s + 1];
        const b0 = Y.p.firstToken[Y.s];
        const b1 = Y.p.firstToken[Y.s + 1];
        // Cached by the pair of wordings, with offsets from the sentences' first words.
        const pair = X.id * 0x200000 + Y.id;
        let relative = aligned.get(pair);
        if (!relative) {
          relative = [];
          const n = a1 - a0;
          const m = b1 - b0;
          // Only near-paraphrases: at least half the longer sentence's words align, so lengths within 2:1.
          if (Math.min(n, m) * 2 >= Math.max(n, m) && Math.min(n, m) >= MIN_ALIGNED && alignments < MAX_ALIGNMENTS) {
            alignments++;
            const segments = align(A, a0, a1, B, b0, b1);
            let matched = 0;
            for (const seg of segments) if ('match' in seg) matched += seg.match;
            if (matched >= MIN_ALIGNED && matched * 2 >= Math.max(n, m)) {
              relative = substitutions(A, B, segments).map((c): Candidate => ({ a: [c.a[0] - a0, c.a[1] - a0], b: [c.b[0] - b0, c.b[1] - b0] }));
            }
          }
          aligned.set(pair, relative);
        }
        for (const r of relative) {
          const c: Candidate = { a: [r.a[0] + a0, r.a[1] + a0], b: [r.b[0] + b0, r.b[1] + b0] };
          if (!termLike(A, c.a) || !termLike(B, c.b)) continue;
          if (!includeQuotes && (flagged(A, c.a, QUOTED, false) || flagged(B, c.b, QUOTED, false))) continue;
          if (flagged(A, c.a, CAP, true) && flagged(B, c.b, CAP, true)) continue; // one name for another
          if (sameStem(letters(A, c.a[0], c.a[1]), letters(B, c.b[0], c.b[1]))) continue;
          // A word of one run standing elsewhere in the other sentence: a phrase moved, not replaced.
          if (movedFrom(A, c.a, B, b0, b1) || movedFrom(B, c.b, A, a0, a1)) continue;
          const ia = runId(A, c.a);
          const ib = runId(B, c.b);
          const key = ia < ib ? `${ia}\u0000${ib}` : `${ib}\u0000${ia}`;
          let l = found.get(key);
          if (!l) {
            const inA = referentsIn(data, A, c.a);
            const inB = referentsIn(data, B, c.b);
            const both = [...inA].find((ref) => inB.has(ref));
            const terms: [string, string] = [runText(A, c.a), runText(B, c.b)];
            l = {
              terms,
              outlets: [[], []],
              facts: [],
              citations: [],
              known: both === undefined ? null : referents[both].referent,
              ids: [ia, ib],
              examples: [
                { p: X.p, s: X.s, run: c.a },
                { p: Y.p, s: Y.s, run: c.b },
              ],
              pair: { referent: `${terms[0]} / ${terms[1]}`, sides: terms.map((t) => ({ label: t, terms: [t] })), anyNumber: true },
            };
            found.set(key, l);
          }
          const [first, second] = l.ids[0] === ia ? [X, Y] : [Y, X];
          for (const o of first.outlets) if (!l.outlets[0].includes(o)) l.outlets[0].push(o);
          for (const o of second.outlets) if (!l.outlets[1].includes(o)) l.outlets[1].push(o);
          if (!l.facts.includes(fact.id)) l.facts.push(fact.id);
          const cites = l.citations;
          const same = (u: Citation, v: Citation) => u.article === v.article && u.sentence === v.sentence;
          let seen = false;
          for (let k = 0; k < cites.length && !seen; k += 2) seen = same(cites[k], first.citation) && same(cites[k + 1], second.citation);
          if (!seen) cites.push(first.citation, second.citation);
        }
      }
    }
  }
  return [...found.values()];
}

/**
 * Steps 2 and 3 of learning, given each candidate's uses over the event. A framing divides the outlets and is a habit:
 * no outlet of the event uses both words, and the outlets whose sentences showed each word use it at least twice
 * (outside quotes, unless `includeQuotes`) — a synonym some outlet writes both ways ("physician" / "doctor") is a
 * matter of style. Then, on the few left, the entity rules: a name is not a framing ("Shoigu" / "the minister").
 * Most facts first, then most uses.
 */
function selectSubstitutions(candidates: readonly Learned[], uses: readonly ReferentUses[]): Array<{ learned: Learned; uses: ReferentUses }> {
  const kept: Array<{ learned: Learned; uses: ReferentUses; n: number }> = [];
  candidates.forEach((l, k) => {
    const ua = uses[k][0][0];
    const ub = uses[k][1][0];
    if (!ua || !ub) return;
    for (const o of ua.counts.keys()) if (ub.counts.has(o)) return;
    let na = 0;
    let nb = 0;
    for (const o of l.outlets[0]) na += ua.counts.get(o) ?? 0;
    for (const o of l.outlets[1]) nb += ub.counts.get(o) ?? 0;
    if (na < MIN_USES || nb < MIN_USES) return;
    let n = 0;
    for (const v of ua.counts.values()) n += v;
    for (const v of ub.counts.values()) n += v;
    kept.push({ learned: l, uses: uses[k], n });
  });
  const names = new Map<string, Array<[number, number]>>(); // `${article}#${sentence}` → name spans (text offsets)
  const named = ({ p, s, run: [from, to] }: Example) => {
    const key = `${p.article.id}#${s}`;
    let spans = names.get(key);
    if (!spans) {
      const { start, end } = p.spans[s];
      const text = p.article.text.slice(start, end);
      spans = extractMentions(text, [{ index: 0, start: 0, end: text.length, text }]).map((m): [number, number] => [start + m.start, start + m.end]);
      names.set(key, spans);
    }
    const a = p.tokens.start[from];
    const b = p.tokens.end[to - 1];
    return spans.some(([x, y]) => x < b && a < y);
  };
  return kept
    .filter((k) => !named(k.learned.examples[0]) && !named(k.learned.examples[1]))
    .sort((a, b) => b.learned.facts.length - a.learned.facts.length || b.n - a.n);
}

const publicSubstitution = ({ terms, outlets, facts, citations, known }: Learned): Substitution => ({ terms, outlets, facts, citations, known });

/**
 * Word substitutions between outlets that report one fact. For each fact (in the order given, up to a bounded number
 * of alignments an event), its distinct wordings (up to 8; copies of one sentence are one wording, printed by all their
 * outlets) are aligned two by two when different outlets print them: LCS over lower-cased, plural-folded words, kept
 * only when at least half the longer sentence's words (and five words) align. A run of 1–3 words replaced by a run of
 * 1–3 words, with at least two identical words of context on each side (or the sentence's edge on one side; a spelling
 * variant such as "air strikes" / "airstrikes" counts as context), is a candidate when both runs could be terms:
 * content words at their ends, no numbers, dates or times, not one capitalised name for another, not inside quotation
 * marks (unless `includeQuotes`), not the same word spelt differently (equal letters or an edit distance of at most 2:
 * "Dehghan" / "Dehqan") or inflected differently (the same first four letters: "forcing" / "forced"), not moved (a
 * word of one run standing elsewhere in the other sentence: "in jail" / "in prison if convicted" after "If
 * convicted,"). A candidate is kept when it divides the outlets and is a habit: no outlet of the event uses both words,
 * and the outlets whose sentences showed each use it at least twice; and when neither run is a name the entity rules
 * find. Most facts first. `known` names the data referent that already holds both words.
 */
export function learnSubstitutions(
  articles: readonly Article[],
  outletOf: (articleId: string) => string,
  facts: readonly Fact[],
  options: Pick<FramingOptions, 'referents' | 'includeQuotes'> = {},
): Substitution[] {
  const referents = options.referents ?? FRAMING_REFERENTS;
  const includeQuotes = options.includeQuotes ?? false;
  const prepared = prepare(articles, outletOf);
  const candidates = findSubstitutions(prepared, facts, matcherFor(referents), referents, includeQuotes);
  const pairs = candidates.map((l) => l.pair);
  const uses = count(prepared, pairs, compile(pairs), includeQuotes);
  return selectSubstitutions(candidates, uses).map((k) => publicSubstitution(k.learned));
}

// ---------------------------------------------------------------------------------------------------------------------
// The contrasts

/**
 * The word choices of an event's outlets: for each referent of data/framing.json that some article names, each side's
 * terms with their uses per outlet (whole words and phrases, case-insensitive, plurals and possessives counted, the
 * longest phrase winning, words inside quotation marks left out unless `includeQuotes`) and up to three citations a
 * term; then up to `maxLearned` contrasts learned from the facts (see learnSubstitutions) whose two words are not
 * already in one data referent, counted the same way. Contrasts with two sides used come first (data before learned),
 * then by uses. One pass over the event's words counts the data's terms and the learned candidates together.
 */
export function framingContrasts(
  articles: Article[],
  outletOf: (articleId: string) => string,
  facts: Fact[],
  options: FramingOptions = {},
): FramingContrast[] {
  const referents = options.referents ?? FRAMING_REFERENTS;
  const includeQuotes = options.includeQuotes ?? false;
  const maxLearned = options.maxLearned ?? DEFAULT_MAX_LEARNED;
  const outlets = new Map<string, string>();
  const outletOfCached = (id: string) => {
    let o = outlets.get(id);
    if (o === undefined) outlets.set(id, (o = outletOf(id)));
    return o;
  };
  const prepared = prepare(articles, outletOfCached);
  const data = matcherFor(referents);
  const candidates = maxLearned > 0 && facts.length ? findSubstitutions(prepared, facts, data, referents, includeQuotes).filter((l) => !l.known) : [];
  const pairs = candidates.map((l) => l.pair);
  const all: Countable[] = pairs.length ? [...referents, ...pairs] : [...referents];
  const uses = count(prepared, all, pairs.length ? compile(all) : data, includeQuotes);
  const out = contrasts(referents, uses.slice(0, referents.length), 'data');
  if (pairs.length) {
    const learned = selectSubstitutions(candidates, uses.slice(referents.length)).slice(0, maxLearned);
    out.push(...contrasts(learned.map((k) => k.learned.pair), learned.map((k) => k.uses), 'learned'));
  }
  const rank = (c: FramingContrast) => (sidesUsed(c) >= 2 ? 0 : 2) + (c.source === 'data' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || usesOf(b) - usesOf(a) || a.referent.localeCompare(b.referent));
}
