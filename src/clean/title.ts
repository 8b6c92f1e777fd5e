// A title glued to the text. Scraped pages often arrive as one line holding the headline, sometimes a photo caption,
// and the first paragraph ("Many feared dead in Haiti quake A major loss of life is feared in Haiti after an
// earthquake struck…"; "U.S. Seizes Control of AIG With $85 Billion Emergency Loan Invoking extraordinary powers…").
// Nothing in the characters marks where the headline ends, but much in the words does: headlines are short, often in
// title case, end on a noun rather than "the" or "of", carry no full stop; a paragraph opens with words that open
// sentences ("A", "The", "Police", "Officials") followed by words in lower case, or with a dateline ("WASHINGTON
// (Reuters) -"). A model weighs these cues at every place the headline could end and takes the best-scored place
// when it scores high enough; a line that opens with a sentence gets no title rather than a wrong one.
//
// Weights, threshold and the table of sentence openers are data (data/title-model.json), learned by
// `npm run train:titles` (src/clean/train-title.ts) from titles and first paragraphs of the development sets, glued as
// pages glue them.
import { readFileSync } from 'node:fs';

export interface TitleModel {
  /** Feature → weight: the cues of `cutFeatures` by name, and words and shapes on either side of the cut. */
  weights: Record<string, number>;
  /** A headline is cut off the line when its best cut scores at least this much above leaving the line whole. */
  threshold: number;
  /** Lower-cased word → log-odds that, written with a capital, it opens a sentence rather than stands inside one. */
  openers: Record<string, number>;
  trainedOn?: unknown;
}

/** A headline has at least this many words and at most this many. */
export const MIN_TITLE_WORDS = 2;
export const MAX_TITLE_WORDS = 25;
/** What follows must be at least this long to be a paragraph rather than the rest of a long headline. */
const MIN_REST_WORDS = 6;

const FUNCTION_WORDS = new Set(
  'a an the of to in on at for with by from and or but as is are was were be been that this these those its their his her our your my into over after before about than then so if not no'.split(' '),
);
const OPENING_FUNCTION = new Set('a an the in on at for after as when while with by during since this it there he she they we two three one some many more most police officials authorities'.split(' '));
const MONTH_OR_DAY = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|posted|updated|published|last)\b/i;
const LETTERS = /\p{L}/u;
const UPPER_START = /^["“‘'`(]?\p{Lu}/u;
const LOWER_START = /^["“‘'`(]?\p{Ll}/u;
const ALL_CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
const QUOTE_END = /["”’'`]$/;
const SENTENCE_END = /[!?]["”’']?$|[^.\p{Lu}][.]["”’']?$/u;

/** Words headlines leave out ("Many feared dead in Haiti quake"): a paragraph writes them. */
const HEADLINESE_DROPS = new Set('a an the is are was were has have had been be will would'.split(' '));

/** A word's stem for "said again": its first five letters ("quake" in "earthquake" is not caught; "shooting" and
 * "shootings" are). */
const stem = (word: string) => word.slice(0, 5);

const bare = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();

export const TITLE_FEATURES = [
  'bias',
  'title of 2 words or fewer',
  'title of 3–5 words',
  'title of 6–10 words',
  'title of 11–16 words',
  'title of more than 16 words',
  'title words capitalised (share)',
  'title words in capitals (share)',
  'a sentence ends inside the title',
  'title ends on a function word',
  'title ends in lower case',
  'title ends on a quotation mark',
  'title ends on a comma, colon or dash',
  'title ends on a number',
  'next word capitalised',
  'next word in lower case',
  'next word a capitalised opener (The, A, In, Police…)',
  'next word in capitals (a dateline)',
  'next word a number',
  'next word opens a quotation',
  'next word a month, weekday or page stamp',
  'next word "By" and a name (a byline)',
  'a parenthesis after the next word (a dateline\'s agency)',
  'words after the next in lower case (share)',
  'next words capitalised (share)',
  'the next word opens sentences (log-odds)',
  'the next word is known as an opener or not',
  'a name goes on across the cut',
  'title case ends at the cut (title capitalised × next words in lower case)',
  'articles and auxiliaries in the title (share)',
  'title words the text repeats (share)',
  'the title\'s last word repeated in the text',
  'title case goes on across the cut (title capitalised × next words capitalised)',
  'a quotation is open at the cut',
  'a dateline follows (capitalised words, then a parenthesis or a dash)',
] as const;

/** The words of a line with where each starts. */
export function tokensOf(line: string): Array<{ text: string; start: number }> {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index! }));
}

/** What the cues read of each word of a line, worked out once a line (every cut asks). */
interface LineInfo {
  bare: string[];
  upper: boolean[];
  lower: boolean[];
  /** Counts over the first i words (index i): words with letters, capitalised in title case, in capitals, dropped by
   * headlines. */
  worded: Int32Array;
  capitalised: Int32Array;
  capitals: Int32Array;
  drops: Int32Array;
  /** The first word that ends a sentence (-1: none). */
  firstEnd: number;
  /** Each stem and the last place it stands. */
  lastAt: Map<string, number>;
}

const lineInfos = new WeakMap<string[], LineInfo>();
function lineInfo(tokens: string[]): LineInfo {
  let info = lineInfos.get(tokens);
  if (info) return info;
  const n = tokens.length;
  info = {
    bare: tokens.map(bare),
    upper: tokens.map((t) => UPPER_START.test(t)),
    lower: tokens.map((t) => LOWER_START.test(t)),
    worded: new Int32Array(n + 1),
    capitalised: new Int32Array(n + 1),
    capitals: new Int32Array(n + 1),
    drops: new Int32Array(n + 1),
    firstEnd: tokens.findIndex((t) => SENTENCE_END.test(t) && t.length > 3),
    lastAt: new Map(),
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const b = info.bare[i];
    const worded = LETTERS.test(t) ? 1 : 0;
    info.worded[i + 1] = info.worded[i] + worded;
    info.capitalised[i + 1] = info.capitalised[i] + (worded && (info.upper[i] || FUNCTION_WORDS.has(b)) ? 1 : 0);
    info.capitals[i + 1] = info.capitals[i] + (worded && ALL_CAPS.test(t) && b.length > 1 ? 1 : 0);
    info.drops[i + 1] = info.drops[i] + (worded && HEADLINESE_DROPS.has(b) ? 1 : 0);
    info.lastAt.set(stem(b), i);
  }
  lineInfos.set(tokens, info);
  return info;
}

/** The features of a cut before token `j` of `tokens` (the title is tokens[0..j)), in the order of TITLE_FEATURES. */
export function cutFeatures(tokens: string[], j: number, openers: Record<string, number>): number[] {
  const info = lineInfo(tokens);
  const end = Math.min(tokens.length, j + 6);
  const last = tokens[j - 1];
  const next = tokens[j];
  const n = j;
  const lastBare = info.bare[j - 1];
  const nextBare = info.bare[j];
  const opener = openers[nextBare];
  const leftShare = (counts: Int32Array) => (info.worded[j] ? counts[j] / info.worded[j] : 0);
  const rightWorded = info.worded[end] - info.worded[j];
  const leftCaps = leftShare(info.capitalised);
  let lowerAfter = 0;
  let afterWorded = 0;
  for (let i = j + 1; i < end; i++) {
    if (!LETTERS.test(tokens[i])) continue;
    afterWorded++;
    if (info.lower[i]) lowerAfter++;
  }
  const nextLower = afterWorded ? lowerAfter / afterWorded : 0;
  let content = 0;
  let repeated = 0;
  for (let i = 0; i < j; i++) {
    const b = info.bare[i];
    if (b.length <= 3 || FUNCTION_WORDS.has(b)) continue;
    content++;
    if (info.lastAt.get(stem(b))! >= j) repeated++;
  }
  const nextUpper = info.upper[j];
  let open = 0;
  for (let i = 0; i < j; i++) {
    const t = tokens[i];
    if (/^["“‘]/.test(t)) open++;
    if (/["”’]$/.test(t) && open > 0) open--;
  }
  let dateline = false;
  for (let i = j; i < Math.min(j + 5, tokens.length); i++) {
    const t = tokens[i];
    if (i > j && (/^\(/.test(t) || /^[—–-]{1,2}$/.test(t))) {
      dateline = true;
      break;
    }
    if (!info.upper[i]) break;
  }
  const rightCaps = rightWorded ? (info.capitalised[end] - info.capitalised[j]) / rightWorded : 0;
  return [
    1,
    n <= 2 ? 1 : 0,
    n >= 3 && n <= 5 ? 1 : 0,
    n >= 6 && n <= 10 ? 1 : 0,
    n >= 11 && n <= 16 ? 1 : 0,
    n > 16 ? 1 : 0,
    leftCaps,
    leftShare(info.capitals),
    info.firstEnd >= 0 && info.firstEnd < j - 1 ? 1 : 0,
    FUNCTION_WORDS.has(lastBare) ? 1 : 0,
    info.lower[j - 1] ? 1 : 0,
    QUOTE_END.test(last) ? 1 : 0,
    /[,:;–—-]$/.test(last) ? 1 : 0,
    /^\p{N}/u.test(lastBare) ? 1 : 0,
    nextUpper ? 1 : 0,
    info.lower[j] ? 1 : 0,
    nextUpper && OPENING_FUNCTION.has(nextBare) ? 1 : 0,
    ALL_CAPS.test(next) && nextBare.length > 1 ? 1 : 0,
    /^\p{N}/u.test(next) ? 1 : 0,
    /^["“‘]/.test(next) ? 1 : 0,
    MONTH_OR_DAY.test(next) ? 1 : 0,
    nextBare === 'by' && j + 1 < tokens.length && info.upper[j + 1] ? 1 : 0,
    tokens[j + 1]?.startsWith('(') ? 1 : 0,
    nextLower,
    rightCaps,
    nextUpper ? (opener ?? 0) : 0,
    nextUpper && opener !== undefined ? 1 : 0,
    info.upper[j - 1] && nextUpper && !FUNCTION_WORDS.has(lastBare) && !OPENING_FUNCTION.has(nextBare) && !/[.,:;!?"”’']$/.test(last) ? 1 : 0,
    leftCaps * nextLower,
    leftShare(info.drops),
    content ? repeated / content : 0,
    lastBare.length > 3 && info.lastAt.get(stem(lastBare))! >= j ? 1 : 0,
    leftCaps * rightCaps,
    open > 0 ? 1 : 0,
    dateline ? 1 : 0,
  ];
}

/** The places a headline could end in a line of `count` words. */
export function cutCandidates(count: number): number[] {
  const out: number[] = [];
  for (let j = MIN_TITLE_WORDS; j <= Math.min(MAX_TITLE_WORDS, count - MIN_REST_WORDS); j++) out.push(j);
  return out;
}

/** A word's shape: "Aa" capitalised, "A" in capitals, "a" lower case, "0" a number, "." punctuation; quotes apart. */
function shape(token: string | undefined): string {
  if (token === undefined) return '∅';
  const b = bare(token);
  const core = !b ? '.' : /^\p{N}/u.test(b) ? '0' : ALL_CAPS.test(token) && b.length > 1 ? 'A' : UPPER_START.test(token) ? 'Aa' : 'a';
  const open = /^["“‘'`(]/.test(token) ? '(' : '';
  const close = /[.,:;!?]["”’']?$/.test(token) ? token.replace(/["”’']$/, '').slice(-1) : /["”’'`)]$/.test(token) ? ')' : '';
  return open + core + close;
}

/** The features of a cut before token `j`, named (sparse): the cues, and the words and shapes around the cut. */
export function cutFeatureNames(tokens: string[], j: number, openers: Record<string, number>): Map<string, number> {
  const dense = cutFeatures(tokens, j, openers);
  const out = new Map<string, number>();
  TITLE_FEATURES.forEach((name, i) => dense[i] && out.set(name, dense[i]));
  const last = tokens[j - 1];
  const next = tokens[j];
  out.set(`last ${bare(last)}`, 1);
  out.set(`next ${bare(next)}`, 1);
  out.set(`next two ${bare(next)} ${bare(tokens[j + 1] ?? '')}`, 1);
  out.set(`shapes ${shape(tokens[j - 2])} ${shape(last)} | ${shape(next)} ${shape(tokens[j + 1])}`, 1);
  out.set(`shape ${shape(last)} | ${shape(next)}`, 1);
  out.set(`words ${Math.min(j, 20)}`, 1);
  return out;
}

export function cutScore(model: TitleModel, x: Map<string, number>): number {
  let z = 0;
  for (const [f, v] of x) z += (model.weights[f] ?? 0) * v;
  return z;
}

/** The best place for a headline glued to the start of a line of `tokens` to end, and its score (null: too short). */
export function bestCut(tokens: string[], model: TitleModel): { at: number; score: number } | null {
  let best: { at: number; score: number } | null = null;
  for (const j of cutCandidates(tokens.length)) {
    const score = cutScore(model, cutFeatureNames(tokens, j, model.openers));
    if (!best || score > best.score) best = { at: j, score };
  }
  return best;
}

/**
 * The headline glued to the start of `line` and what follows it, or null when the line opens with its text (no cut
 * scores the threshold).
 */
export function gluedTitle(line: string, model: TitleModel = shippedTitleModel()): { title: string; rest: string; score: number } | null {
  const tokens = tokensOf(line);
  const best = bestCut(tokens.map((t) => t.text), model);
  if (!best || best.score < model.threshold) return null;
  const cut = tokens[best.at].start;
  return { title: line.slice(0, cut).trim(), rest: line.slice(cut).trim(), score: best.score };
}

/** Words that name a site rather than end a headline ("… - KATV - Breaking News, Weather and Razorback Sports"). */
const SITE_WORDS = /\.(?:com|net|org|co\.uk|co|tv|info|us)\b|\b(?:news|weather|sports?|tv|radio|online|daily|times|post|herald|tribune|journal|gazette|channel|network|press|media|breaking|continuous)\b/i;
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A page's <title> without the site's name and slogan: trailing parts after a spaced dash, bar or "::" are cut while
 * they name the site — its host or outlet name, or words sites call themselves by ("News", "Weather", ".com") — and at
 * least three words are left. "Syria crisis - the latest" keeps its part; "… - LEX18.com | Continuous News and
 * StormTracker Weather" does not.
 */
export function withoutSiteName(title: string, site: { host?: string | null; outlet?: string | null } = {}): string {
  const parts = title.split(/(\s+[|–—-]\s+|\s+::\s+)/);
  const names = [site.host?.replace(/\.[a-z.]+$/, ''), site.outlet].filter((n): n is string => Boolean(n)).map(squash).filter((n) => n.length >= 3);
  const siteLike = (part: string) => SITE_WORDS.test(part) || names.some((n) => squash(part).includes(n) || n.includes(squash(part)));
  while (parts.length >= 3) {
    const last = parts[parts.length - 1];
    const rest = parts.slice(0, -2).join('');
    if (!siteLike(last) || last.split(/\s+/).length > 10 || rest.split(/\s+/).length < 3) break;
    parts.splice(-2);
  }
  return parts.join('').trim();
}

let shipped: TitleModel | undefined;
export function shippedTitleModel(): TitleModel {
  return (shipped ??= JSON.parse(readFileSync(new URL('../../data/title-model.json', import.meta.url), 'utf8')) as TitleModel);
}
