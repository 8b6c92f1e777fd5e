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
import { dependentAlone, ENDS_OPEN, hasFiniteVerb, isListItem, looksFinite, shortenTo } from '../text/shorten.js';
import { readFileSync } from 'node:fs';
import { loadJson } from '../data.js';
import { wordCount } from './normalize.js';
import { splitSentences } from '../text/sentences.js';

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
 * scores the threshold: the model's own, or a lower one where a headline is known to stand).
 */
export function gluedTitle(line: string, model: TitleModel = shippedTitleModel(), threshold = model.threshold): { title: string; rest: string; score: number } | null {
  const tokens = tokensOf(line);
  const best = bestCut(tokens.map((t) => t.text), model);
  if (!best || best.score < threshold) return null;
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

// Titles found in the text and titles made from the lede.
//
// A line taken for a title is shown wherever the report is named (sources, citations, the web), so a wrong one costs
// more than none: a byline, a page stamp, a menu or a cut-off caption read as a headline misleads at a glance.
// `plausibleFoundTitle` is the guard every title found in the text passes. When a report has no title at all, its
// first sentence stands in for one (`ledeTitle`): news writes its first sentence to say who did what, where, and a
// short one reads as a headline; a long one is shortened only by cuts that leave a sentence's own words in order and
// lose no part of its main clause (a dateline, an attribution, a parenthesis, a trailing clause).

const MONTH_NAMES = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A time of day, a zone, "last updated": page stamps, never headlines. */
const TITLE_STAMP = new RegExp(
  `\\b\\d{1,2}[:.]\\d\\d\\s*(?:[ap]\\.?m\\b|gmt|bst|utc|e[sd]t|c[sd]t|p[sd]t|uk\\b|jst|ist)|\\b\\d{1,2}:\\d\\d\\b|\\b(?:gmt|bst|utc|edt|est)\\b|\\b(?:last )?updated\\b|\\bposted\\b|^(?:${MONTH_NAMES} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH_NAMES} \\d{4})\\b`,
  'i',
);
/** "By Jane Marlow", "Posted by", "| By …": a byline. */
const TITLE_BYLINE = /^(?:By|BY)\s*:?\s+(?:the\s+)?\p{Lu}|\|\s*By\s|\bPosted by\b/u;
/** "WASHINGTON (Reuters) -", "CAIRO --", "(CNN) -": a dateline. */
const TITLE_DATELINE = /^(?:[\p{Lu}][\p{Lu}\p{N} .,'’/-]{1,60}?\s*)?\([^()]{2,40}\)\s*[-–—]|^[\p{Lu}][\p{Lu} .,'’/-]{2,60}?\s*(?:,\s*[\p{L} .]{2,30})?\s*(?:[-–—]{2}|[–—])/u;
/** Addresses, handles, photo credits and server messages: page chrome. */
const TITLE_CHROME = /\bwww\.|https?:|\.(?:com|org|net|co\.uk)\b|@\w|\b(?:handout|getty images|photo(?:graph)?:|file photo|click here|read more|full article|subscribe|sign up|error occurred|javascript|flash player|rush transcript|not responsible for the content)\b|\p{L}[\\/]\p{Lu}/iu;
/** Words a finished headline does not end on: it was cut inside a sentence ("… spoke with CNN s"). */
const TRUNCATED_END = /(?:^|\s)(?:a|an|the|of|to|in|on|at|for|with|by|from|and|or|but|as|that|which|who|whose|its|their|his|her|our|s|is|are|was|were|be|will|would|has|have|had|than|into|already|still|also|just|even|only|otherwise)$/i;
/** A cut one word or two past a colon: what the colon introduces is cut off ("… into the Great Depression: One"). */
const CUT_AFTER_COLON = /:\s*\S+(?:\s+\S+)?$/;

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/**
 * Whether a line found in the text can be taken for the report's title: at least four words, and not a dateline, a
 * byline, a page stamp, a menu ("Home | News | …"), chrome (an address, a photo credit, a server message), a
 * parenthesis, or a headline cut off inside a sentence (ending on "the", a comma or an open quotation). A plain-text
 * page's first line is its title by convention: there `minWords` may be lower.
 */
export function plausibleFoundTitle(title: string, { minWords = 4 }: { minWords?: number } = {}): boolean {
  const t = title.trim();
  const words = t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < minWords) return false;
  if (!/^["“‘'`]?\s?[\p{Lu}\p{N}]/u.test(t)) return false; // lower case or a parenthesis: the middle of something
  if (t.includes('|') || /\s\+\s*$|\bRead \+/.test(t)) return false; // a menu or a bar of links
  if (TITLE_BYLINE.test(t) || TITLE_STAMP.test(t) || TITLE_DATELINE.test(t) || TITLE_CHROME.test(t)) return false;
  if (/(?:\.\.\.|…|[,:;\-–—(`])$/.test(t) || /(?:^|\s)["“‘`]$/.test(t) || TRUNCATED_END.test(t.replace(/[.!?]$/, ''))) return false;
  if (count(t, /\(/g) !== count(t, /\)/g) || count(t, /“/g) > count(t, /”/g) || count(t, /"/g) % 2 === 1) return false;
  return true;
}

/** A headline made from the lede is at most this long: a line one reads at a glance (~16 words; issue 18 asks headlines
 * of 12–16 words, and a title shown in lists of sources should be no longer). */
export const LEDE_TITLE_MAX_WORDS = 20;
/** The length a lede title is cut towards first; only a lede no cut brings this short may keep up to the maximum. */
const LEDE_TITLE_AIM_WORDS = 16;
/** And at least this long once cut: fewer words say too little to name the report. */
const LEDE_TITLE_MIN_WORDS = 5;
/** A leading dateline, agency credit or update marker: "CAIRO (Reuters) -", "(CNN) --", "NEW:", "(Update 3 p.m.)". */
const LEDE_LEAD = /^(?:[\p{Lu}][\p{Lu}\p{N} .,'’/-]{1,60}?\s*(?:,\s*[\p{L}\p{N} .]{2,30}?)?\s*(?:\([^()]{2,40}\)\s*)?[-–—]{1,2}\s+|\([^()]{2,40}\)\s*[-–—]{1,2}\s+|(?:NEW|UPDATE|UPDATED|BREAKING):\s+|\(update[^()]{0,80}\)\s*|[-–—]{1,2}\s+|\d{4} \d{1,2} \d{1,2} \d{1,2}:\d\d [A-Z]{2,4}\s+|(?:AM|PM|BST|GMT|EDT|EST)\s+(?=\p{Lu}\p{Ll})|[\p{Lu}]{3,}(?: [\p{Lu}]{3,})?:\s+(?=\p{Lu})|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4};\s+(?:Page\s+[A-Z]?\d+|\d{1,2}:\d\d\s*[AP]M(?:\s+[A-Z]{2,4})?)\s+)/u;
/** A speaker's label opening a transcript's line ("CANDY CROWLEY, HOST:"). */
const SPEAKER_LABEL = /^[\p{Lu}][\p{Lu} .,'’-]{2,60}:\s/u;
/** A quotation: the sentence opens with one, or ends with what someone said ("… once said, "Those who …""). */
const QUOTATION = /^["“‘'`]|(?:said|says|say|told \S+|asked|declared|wrote|chanted|added)[,:]?\s*["“‘'`][^"”’']*["”’']?[.!?]?["”’']?$/i;
/** ", the World Health Organization said on Monday." — who said it, at the end: cut, the statement stays. */
const ATTRIBUTION_END = /,\s+(?:[^,"“”]{1,70}?\s)?(?:said|says|say|reported|reports|warned|warns|announced|announces|confirmed|added|(?:has |have |had )?heard|told\s[^,"“”]{1,40}?|according to\s[^,"“”]{1,60}?)(?:\s+(?:on|late|early|in|last|this)\s+\w+(?:\s+\w+)?|\s+\w+day|\s+yesterday|\s+today|\s+tonight)?(?=[.!?]?$|,\s)/i;
/** Words that open a clause hung on the main one after a comma or a dash: the main clause may end before them. */
const TRAILING_CLAUSE = /^(?:which|who|whom|whose|where|when|as|after|while|but|and|amid|despite|following|prompting|causing|leaving|saying|adding|bringing|making|sending|forcing|raising|with|before|although|though|because|since|even|just|including|according|so|yet|until|unless|if|in\s+(?:a|an|the)\s+(?:move|bid|sign|effort|attempt))\b/i;
/** A time at the end of a sentence (" on Monday", " on February 5", " yesterday", " last week"): when, not what. */
const TRAILING_TIME = /\s+(?:(?:on|late|early|by)\s+)?(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?|(?:on\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:\s+\d{4})?|yesterday|today|tonight|last\s+(?:week|month|night|year)|this\s+(?:week|month|year|morning))$/i;
/** A name, then what it is between commas, then the verb: "Randy Jackson, brother of the late pop star Michael
 * Jackson, has been admitted…". The description goes; the name and its verb stay. */
const APPOSITIVE = /^((?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}[\p{Lu}][\p{L}.'’-]*),\s+[^,"“”]{3,90}?,\s+(?=(?:has|have|had|is|are|was|were|will|would|could|can|said|says|told|\p{Ll}+ed|\p{Ll}+s)\b)/u;
/** ", Margaret Chan, " between a lower-case noun and the verb: a name naming what comes before it. */
const NAME_APPOSITIVE = /(?<=\p{Ll})\s*,\s+(?:\p{Lu}[\p{L}.'’-]+\s+){1,3}\p{Lu}[\p{L}.'’-]+,\s+(?!and\b|or\b|but\b)(?=\p{Ll})/u;
/** The same, without a comma, only the words that cannot go on the main clause's object ("… alert level as Mexico
 * is shut down …"; not "as many as", "known as", "such as"). */
const BARE_CLAUSE = /\s(?:as|after|amid|while|following|despite|prompting|because|before|since|when)\s(?=(?:the|a|an|his|her|its|their|it|he|she|they|\p{Lu})\S*\s)/gu;
const NO_BARE_BEFORE = /\b(?:such|known|same|well|so|as|just|soon|long|much|many|far|even|shortly|right|only|just)$/i;
/** A sentence that opens with a subordinate clause: what comes before its comma is not the main clause. */
const SUBORDINATE_OPENING = /^(?:when|while|as|after|although|though|if|since|because|with|without|now that|despite|once|until|before|unless|even|just|whether|in|on|at|for|from|during|amid|following)\b/i;

const wordsIn = wordCount;
const tidy = (s: string) => s.replace(/\s+/g, ' ').replace(/\s*[,;:–—-]+\s*$/, '').replace(/\.$/, '').trim();

/**
 * The first sentence of a body made into a title when the report has none: short enough to read at a glance (at
 * most `LEDE_TITLE_MAX_WORDS` words), or made so by safe cuts — a leading dateline or agency credit, parentheses, an
 * attribution at the end (", health officials said on Monday"), then a clause hung on the main one after a comma or a
 * dash (", prompting …", " -- perhaps …"). Not a quotation, a transcript's speaker line, a byline, a stamp or chrome;
 * null when no such title can be made (the report is then shown by its first words). The sentence stays in the body.
 *
 * Why: a report without a title was shown by its id; news writes its first sentence to say who did what, where, so
 * that sentence, short, is what an editor would put on a list of reports.
 */
export function ledeTitle(body: string): string | null {
  // The first sentence of the first paragraphs, in turn, while what stands before is no lede: a photo caption, a
  // teaser, a quotation or a transcript's speaker line may come first.
  const paragraphs = body.split('\n').filter((l) => l.trim()).slice(0, LEDE_PARAGRAPHS);
  for (const paragraph of paragraphs) {
    const title = ledeTitleOf(paragraph);
    if (title) return title;
    // A paragraph of reporting that makes no title is the lede: what follows it is not what the report is about.
    if (wordsIn(paragraph) >= NOT_A_LEDE_WORDS && !SPEAKER_LABEL.test(paragraph.trim()) && !QUOTATION.test(paragraph.trim())) return null;
  }
  return null;
}

/** A first paragraph shorter than this that makes no title is a caption, a teaser or a headline, not the lede. */
const NOT_A_LEDE_WORDS = 25;

/** How many paragraphs from the top a lede title is looked for in. */
const LEDE_PARAGRAPHS = 3;

function ledeTitleOf(firstLine: string): string | null {
  let s = splitSentences(firstLine.trim())[0]?.text ?? '';
  for (let i = 0; i < 3; i++) {
    const lead = LEDE_LEAD.exec(s);
    if (!lead) break;
    s = s.slice(lead[0].length).trim();
  }
  if (!s || SPEAKER_LABEL.test(s) || QUOTATION.test(s) || !/^["“‘']?[\p{Lu}\p{N}]/u.test(s)) return null;
  // A first "sentence" that runs on into highlights glued without stops ("… "time is over"NEW: Video footage …").
  s = s.split(/(?<=\S)\s*NEW:\s/)[0];
  // A caption or headline glued before the lede ("… offering takeaway food Restaurants and cafes have …"): the lede
  // is what follows; what stands before it is tried when the lede makes no title.
  const glued = gluedSentenceStart(s);
  const short = (t: string) => shortLede(t, LEDE_TITLE_AIM_WORDS) ?? shortLede(t, LEDE_TITLE_MAX_WORDS);
  if (glued > 0) return short(s.slice(glued)) ?? short(s.slice(0, glued));
  // A headline in title case glued before the lede ("Obama Blueprint Deepens Federal Role in Markets President Obama is
  // expected …"): the headline is the title.
  const headline = titleCaseHead(s);
  if (headline && plausibleFoundTitle(headline)) return headline;
  // A photo caption glued before the lede with no stop ("Michael Jackson died in June 2009 aged 50 Executors of Michael
  // Jackson's estate have asked …"): the lede after it is the title, or none — never the two read as one sentence. A
  // headline in title case stands there when there is one, not a caption.
  const caption = headline ? -1 : captionEnd(s);
  if (caption > 0) {
    const lede = s.slice(caption);
    return short(lede) ?? shortLede(lede, LEDE_TITLE_LONG_WORDS);
  }
  // A lede with no safe cut to 20 words is the title whole up to LEDE_TITLE_LONG_WORDS: long for a title, but what the
  // report says it is about, where no title at all would show its first words cut anywhere.
  return short(s) ?? shortLede(s, LEDE_TITLE_LONG_WORDS);
}

/** Words a headline in title case leaves in lower case. */
const TITLE_CASE_LOWER = new Set('a an the and but or nor for of in on at to by with up as from into over via vs per off out'.split(' '));
/** Functions written before a name ("President", "Secretary"): the lede's subject, not the headline's last word. */
let personTitles: Set<string> | undefined;
const isPersonTitle = (w: string) => (personTitles ??= new Set(loadJson<{ titles: string[]; ranks: string[] }>('entity-words.json').titles)).has(w);

/**
 * A headline in title case at the start of a sentence, glued to the lede after it, or null. Title case shows in common
 * words capitalised where prose has them in lower case ("Scrambling to Clean Up After A Category 4 Financial Storm"),
 * at least TITLE_CASE_COMMON of them; the headline ends where the lede's subject begins: the names (and a function
 * before them: "President Obama") just before the first word in lower case that title case would not leave so.
 */
export function titleCaseHead(sentence: string): string | null {
  const tokens = tokensOf(sentence);
  const words = tokens.map((t) => bareWord(t.text));
  const lower = tokens.findIndex((t, i) => /^\p{Ll}/u.test(t.text) && !TITLE_CASE_LOWER.has(words[i]));
  if (lower < TITLE_CASE_MIN_WORDS + 1) return null;
  let cut = lower;
  while (cut > 0 && (TITLE_CASE_LOWER.has(words[cut - 1]) && /^\p{Ll}/u.test(tokens[cut - 1].text))) cut--;
  let subject = cut;
  const namePart = (i: number) => /^\p{Lu}\.$/u.test(tokens[i].text) || !isCommonWord(words[i]) || isPersonTitle(words[i]);
  // The word before the verb is the subject's, whatever it is ("Ann Price says"); the names and functions before it too.
  while (subject > 0 && /^\p{Lu}/u.test(tokens[subject - 1].text) && (subject === cut || namePart(subject - 1))) subject--;
  // A function may carry whose it is: a possessive up to three words before it ("Italy's Finance Minister Giulio
  // Tremonti"). An organisation's name before it ("Federal Reserve Chairman") is not told from the headline's end.
  if (subject < cut && isPersonTitle(words[subject])) {
    for (let i = subject - 1; i >= Math.max(1, subject - 3) && capitalisedWord(tokens[i].text) && !TITLE_CASE_FUNCTION.has(words[i]); i--) {
      if (/['’]s$/.test(tokens[i].text) && i >= TITLE_CASE_MIN_WORDS) {
        subject = i;
        break;
      }
    }
  }
  // Prose before a name ends on a word in lower case ("The United Nations Security Council on Monday voted").
  if (subject === cut || subject < TITLE_CASE_MIN_WORDS || /^\p{Ll}/u.test(tokens[subject - 1].text)) return null;
  const capitalised = (i: number) => /^\p{Lu}\p{Ll}*$/u.test(tokens[i].text.replace(/[^\p{L}]+$/u, ''));
  let common = 0;
  let functional = 0;
  for (let i = 1; i < subject; i++) {
    if (!capitalised(i)) continue;
    if (TITLE_CASE_FUNCTION.has(words[i])) functional++;
    else if (isCommonWord(words[i])) common++;
  }
  // Names are made of common words too ("International Monetary Fund"); only title case capitalises "After", "Could".
  if (common < TITLE_CASE_COMMON || functional === 0) return null;
  return tidy(sentence.slice(0, tokens[subject].start));
}

const capitalisedWord = (token: string) => /^\p{Lu}/u.test(token) && !/[,:;]$/.test(token);
/** Words that title case capitalises and names hardly ever hold capitalised. */
const TITLE_CASE_FUNCTION = new Set('a an after as at but by for from in into is are was were be could will would can may must should its his her their to up with over out off on no not than that this says say said of and the'.split(' '));
/** The fewest words of a title-case headline, and of common words capitalised in it past its first. */
const TITLE_CASE_MIN_WORDS = 4;
const TITLE_CASE_COMMON = 3;

/** The most words of a lede sentence taken whole as a title when no cut makes it shorter. */
export const LEDE_TITLE_LONG_WORDS = 25;

/** The least score of the glued-title model for a caption's end where nothing else says the caption is there. */
const CAPTION_CUT_SCORE = 1;

/**
 * Where the lede starts after a photo caption glued before it with no stop, or -1 (callers first rule out a headline in
 * title case: titleCaseHead). A caption ends on a word that closes
 * a phrase (a noun, a number: "… his containment efforts", "… aged 50") and the lede opens with a capital; the place is
 * the glued-title model's (gluedTitle above, trained on headlines glued to ledes, which captions resemble) and it must
 * score CAPTION_CUT_SCORE, or else the caption is shown by what captions do: it names whom the lede names again
 * ("… the Darfur crisis Hollywood actor George Clooney is to …") or doubles the lede's first word ("… in Mexico Mexico
 * has begun …"). A word that wants an object ("who helped fight SARS") or a name's next part is no caption's end.
 */
export function captionEnd(sentence: string, model: TitleModel = shippedTitleModel()): number {
  // A sentence opening with a subordinate clause ("When newly appointed White House chief of staff Joshua B. Bolten
  // tried …") is no caption.
  if (SUBORDINATE_OPENING.test(sentence)) return -1;
  const tokens = tokensOf(sentence);
  const texts = tokens.map((t) => t.text);
  let best: { at: number; score: number } | null = null;
  for (const j of cutCandidates(texts.length)) {
    if (j < MIN_CAPTION_WORDS) continue;
    const prev = texts[j - 1];
    const word = texts[j];
    if (!/^\p{Lu}/u.test(word) || /[.,;:!?"”’')\]]$/.test(prev)) continue;
    const prevBare = bareWord(prev);
    const wordBare = bareWord(word);
    // The lede's first word doubling the caption's last ("… in Mexico Mexico has begun", "… to Syria Syrian President").
    const [shorter, longer] = prevBare.length <= wordBare.length ? [prevBare, wordBare] : [wordBare, prevBare];
    const doubled = shorter.length >= 4 && longer.startsWith(shorter) && longer.length - shorter.length <= 3;
    if (!doubled && !/^[\p{Ll}\p{N}]/u.test(prev)) continue;
    if (prevBare.length < 2 || FUNCTION_BEFORE_NAME.has(prevBare) || ENDS_OPEN.has(prevBare) || PHRASE_PREPOSITIONS.test(prevBare) || looksFinite(prevBare)) continue;
    // The lede opens with its subject and verb: its first clause holds a finite verb ("Mexican authorities have taken
    // …"), where a cut inside a sentence leaves a phrase ("H1N1 flu on Thursday, and …").
    const lede = sentence.slice(tokens[j].start);
    const opening = lede.split(/\s+/).slice(0, LEDE_VERB_WITHIN).join(' ').split(/,\s+(?:and|but|or)\s|;\s/)[0];
    if (!hasFiniteVerb(opening)) continue;
    // Inside a list of names ("Christina Aguilera, Cee Lo Green and Motown veteran Smokey Robinson are …").
    const head = sentence.slice(0, tokens[j].start);
    if (/,\s[^,]*\s(?:and|or)\s[^,]*$/.test(head)) continue;
    // An aside opened by a comma before the place and closed by one after it is an appositive, not a caption's end:
    // "Randy Jackson, brother of the late pop star Michael Jackson, has been admitted …".
    if (head.includes(', ') && /^[^,]*,\s/.test(lede) && !hasFiniteVerb(lede.split(',')[0])) continue;
    const score = cutScore(model, cutFeatureNames(texts, j, model.openers));
    const named = new Set(texts.slice(0, j).filter((t, i) => /^\p{Lu}\p{Ll}{2,}/u.test(t) && (i > 0 || !isCommonWord(bareWord(t)))).map(bareWord));
    const repeated = texts.slice(j).some((t) => /^\p{Lu}/u.test(t) && named.has(bareWord(t)));
    if (score < CAPTION_CUT_SCORE && !doubled && !repeated) continue;
    if (!best || score > best.score) best = { at: j, score };
  }
  return best ? tokens[best.at].start : -1;
}

/**
 * A photo caption glued before the lede at the start of a paragraph (see captionEnd): the caption and the paragraph
 * from the lede on, or null. The cleaner cuts such a caption as it cuts a caption on a line of its own.
 */
export function gluedCaption(paragraph: string): { caption: string; rest: string } | null {
  const first = splitSentences(paragraph)[0];
  if (!first || first.start !== 0 || titleCaseHead(first.text)) return null;
  const at = captionEnd(first.text);
  if (at <= 0) return null;
  return { caption: paragraph.slice(0, at).trim(), rest: paragraph.slice(at).trim() };
}

/** How far into a lede its first finite verb is looked for (past a subject with an appositive). */
const LEDE_VERB_WITHIN = 16;

/** The fewest words a photo caption glued before a lede is taken to have. */
const MIN_CAPTION_WORDS = 4;

/** A sentence made a title: as it is when short, else by the cuts of `ledeTitle`; null when none makes it fit. */
function shortLede(sentence: string, max: number): string | null {
  let s = sentence.trim();
  if (!s || QUOTATION.test(s) || !/^["“‘']?[\p{Lu}\p{N}]/u.test(s)) return null;
  const whole = s;
  const long = () => wordsIn(s) > max;
  if (long()) s = s.replace(/\s*\([^()]{0,120}\)/g, '');
  if (long()) {
    const attribution = ATTRIBUTION_END.exec(s);
    if (attribution && wordsIn(s.slice(0, attribution.index)) >= LEDE_TITLE_MIN_WORDS) s = s.slice(0, attribution.index);
  }
  if (long()) s = s.replace(APPOSITIVE, '$1 ');
  // A name set off by commas after the noun it names ("The head of the World Health Organisation, Margaret Chan,
  // yesterday suggested …"): the noun carries the sentence; not an item of a list (", Alexandria, and …").
  if (long()) s = s.replace(NAME_APPOSITIVE, ' ');
  if (long()) {
    const bare = s.replace(/[.!?]$/, '');
    const time = TRAILING_TIME.exec(bare);
    if (time && wordsIn(bare.slice(0, time.index)) >= LEDE_TITLE_MIN_WORDS) s = bare.slice(0, time.index);
  }
  // The main clause as this file cuts it, else as a headline is cut (src/text/shorten.ts: whole clauses, a verb kept).
  if (long()) s = mainClause(s, max) ?? shortenTo(s, max, LEDE_TITLE_MIN_WORDS) ?? '';
  const title = tidy(s);
  const n = wordsIn(title);
  if (n < LEDE_TITLE_MIN_WORDS || n > max) return null;
  if (!plausibleLedeTitle(title, title !== tidy(whole))) return null;
  return title;
}

/** Words that open a clause's subject after "that" (lower case): a determiner, a pronoun. */
const SUBJECT_OPENING = /^(?:the|a|an|this|these|those|his|her|its|their|our|he|she|it|they|we|i|you|there|some|many|most|no|every|all)$/;
/** Words after which "that" opens what was said or thought, a complement the sentence needs. */
const SAYING_BEFORE_THAT = /^(?:said|says|say|told|tell|warned|warns|announced|announces|reported|reports|believe|believes|think|thinks|claimed|claims|insisted|insists|added|adds|confirmed|confirms|denied|denies|suggested|suggests|argued|argues|admitted|admits|acknowledged|acknowledges|noted|notes|stated|states|showed|shows|found|finds|feared|fears|hoped|hopes|expected|expects|knew|know|knows|learned|realized|predicted|predicts|estimated|estimates|concluded|concludes|agreed|agrees|ruled|rules|so|such|now|given|fact|sign|hope|fear|evidence|news|word|report|reports|concern|concerns|possibility|idea|belief|view|assurance|assurances|guarantee|promise)$/;
/** An object before "to" is the verb's ("ordered him to clean up"): the infinitive completes the verb. */
const OBJECT_PRONOUN = /^(?:him|her|them|us|me|it|you|people|others|everyone|residents|citizens)$/;
/** Words after "to" that make it a preposition ("to the country"), not an infinitive's mark. */
const DETERMINER_AFTER_TO = /^(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|be|some|many|more|most|all|every|each|no|one|two|three|\d.*)$/;
/** Verbs, adjectives and nouns whose complement is the infinitive after them: the cut would leave them wanting it. */
const CONTROL_BEFORE_TO = /^(?:want|wants|wanted|plans|planned|is|are|was|were|be|been|being|expected|likely|unlikely|able|unable|going|set|due|has|have|had|used|ought|need|needs|needed|try|tries|tried|seek|seeks|sought|agree|agreed|agrees|decide|decided|decides|refuse|refused|refuses|hope|hopes|hoped|vow|vowed|vows|promise|promised|promises|threaten|threatened|threatens|continue|continued|continues|begin|began|begins|appear|appears|appeared|seem|seems|seemed|ready|willing|about|allowed|asked|urged|forced|told|called|moved|moves|move|order|ordered|orders|fail|failed|fails|help|helped|helps|attempt|attempts|attempted|bid|effort|efforts|right|way|decision|plan|ability|chance|pledged|pledges|pledge|voted|votes|vote|intends|intend|intended|managed|prepared|prepares|prepare|struggled|struggles|struggle|worked|works|work|rushed|rush|rushes|scrambled|scrambling|working|trying|seeking|racing|raced|race|enough|first|last|only|next|how|what|where|whether|when|who)$/;

/** Prepositions whose phrase may close a sentence and go with what follows it ("… killed up to 60 people in Mexico"). */
const PHRASE_PREPOSITIONS = /^(?:in|at|on|for|from|with|by|during|near|across|over|under|outside|inside|amid|after|before|since|until|around|through|throughout|into|against|between|among|following|despite|without|within|because|about|toward|towards|via|ahead)$/i;
const PARTICIPLES_EN = new Set('taken given written driven beaten shaken chosen stolen spoken broken seen eaten hidden forgotten frozen known shown drawn thrown overtaken undertaken'.split(' '));
/** A relative pronoun followed by its verb ("a compound which appears", "flu that has killed"): a clause on a noun. */
const RELATIVE_AT = /^(?:which|who|that|where)$/i;

const bareWord = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’-]+$/gu, '').toLowerCase().replace(/['’]s$/, '');

/** Whether the start of a sentence, cut there, still reads as a sentence of a title's length. */
function standsAsTitle(head: string, max: number, needVerb = true): boolean {
  const n = wordsIn(head);
  if (n < LEDE_TITLE_MIN_WORDS || n > max) return false;
  // It must close its quotations and parentheses: a cut inside one leaves half a quotation.
  if (count(head, /"/g) % 2 === 1 || count(head, /\(/g) !== count(head, /\)/g) || count(head, /“/g) > count(head, /”/g)) return false;
  const words = head.trim().split(/\s+/);
  const last = bareWord(words[words.length - 1]);
  if (ENDS_OPEN.has(last) || /^\d{1,2}$/.test(last) || (last.length > 5 && last.endsWith('ing'))) return false;
  // A pair left unfinished ("will plummet southward and combine" wants its "with …").
  if (/\s(?:and|or)\s+\p{Ll}\S*$/u.test(head.trim())) return false;
  // A dash opened and not closed: the cut fell inside an aside ("sites -- when not blocked").
  if (count(head, /\s(?:--|[–—])\s/g) % 2 === 1) return false;
  // The last part after a comma, when a conjunction or subordinator opens it, must be a clause of its own ("…, but for
  // demonstrators outside Egypt's Embassy" is not), and not a list's last item ("swamped Cairo, Alexandria").
  const tail = head.split(/,\s+/);
  if (tail.length > 1) {
    const part = tail[tail.length - 1];
    if (/^(?:but|and|or|as|while|when|after|before|which|who|where|since|because|although|though|so|yet)\b/i.test(part) && (!hasFiniteVerb(part.replace(/^\S+\s*/, '')) || wordsIn(part) <= 2)) return false;
    if (wordsIn(part) <= 3 && /^\p{Lu}/u.test(part) && /^\p{Lu}/u.test(tail[tail.length - 2].split(/\s+/).pop() ?? '')) return false;
  }
  // A subordinate clause alone ("When Ros Atkins, a BBC radio presenter, came back to the UK"): after its last comma
  // comes its own predicate, not a main clause.
  if (dependentAlone(head)) return false;
  // A reporting verb or a "that" keeps what it introduces whole: "The United Nations says that its headquarters" lacks it.
  for (let i = words.length - 1; i >= 0; i--) {
    const w = bareWord(words[i]);
    if (/^(?:said|says|say|announced|reported|warned|warns|believes?|thinks?|claimed|claims|insisted|added|that)$/.test(w) && (w !== 'that' || i > 0)) {
      // Its complement may be a phrase: "warned on Monday of a possible pandemic", "warns against travel".
      const after = words.slice(i + 1).join(' ').replace(/^(?:on\s+\S+day|yesterday|today|on\s+\S+)\s+/i, '');
      if (!hasFiniteVerb(after) && !(w !== 'that' && /^(?:of|about|against|over)\s/i.test(after))) return false;
      break;
    }
  }
  return !needVerb || hasFiniteVerb(head);
}

/** Capitalised words that open a sentence and, straight after a word, can only open one ("… Port-au-Prince With up
 * to 50,000 …"). */
const GLUED_OPENERS = new Set('With In On At As After When While For From It He She They We But There Some Many Most Thousands Hundreds Dozens Police Officials'.split(' '));
const FUNCTION_BEFORE_NAME = new Set('the a an of in on at to for from by with and or as said says told than into'.split(' '));
let commonWords: Set<string> | undefined;
const isCommonWord = (w: string) => (commonWords ??= new Set(loadJson<{ words: string[] }>('gazetteer/common-words.json').words)).has(w);

/**
 * Where a sentence glued without a stop after a caption or headline begins, or -1: a word that opens sentences
 * ("With", "Police") straight after a word, or a word usually written in lower case, capitalised after a content word
 * in lower case and followed by one ("takeaway food Restaurants and cafes"). "the White House" is a name, not a start.
 */
export function gluedSentenceStart(sentence: string): number {
  const tokens = [...sentence.matchAll(/\S+/g)];
  for (let i = 3; i < tokens.length - 4; i++) {
    const prev = tokens[i - 1][0];
    const word = tokens[i][0];
    const next = tokens[i + 1][0];
    if (/[.!?:;,"”’'`)]$/.test(prev) || !/^\p{Ll}/u.test(next)) continue;
    const opener = GLUED_OPENERS.has(word);
    const common = /^\p{Lu}\p{Ll}+$/u.test(word) && /^\p{Ll}+$/u.test(prev) && !FUNCTION_BEFORE_NAME.has(prev) && isCommonWord(word.toLowerCase());
    if (opener || common) return tokens[i].index!;
  }
  return -1;
}

/**
 * The longest start of a sentence, short enough, that ends where a part hung on its main clause begins: a clause after
 * a comma or a dash (", prompting …", " -- perhaps …"), a clause opened by "as", "after", "while" (" as Mexico is shut
 * down"), a relative clause on a noun (" which appears …", " that has killed …"), a phrase closing the sentence (" in
 * an Oval Office ceremony …"). What is left must hold its own finite verb and not end on a word that opens something.
 */
function mainClause(sentence: string, max: number): string | null {
  // A sentence that opens with a subordinate clause ("When X, Y, which …") is cut only after the main clause began.
  const from = SUBORDINATE_OPENING.test(sentence) ? sentence.indexOf(', ') + 2 : 0;
  if (from === 1) return null;
  const cuts: number[] = [];
  /** Cuts before a participle's clause (", calling for …"): what precedes it is a whole clause even when its verb is one
   * the verb test does not know ("Demonstrators protest in central Cairo"). */
  const participial = new Set<number>();
  for (const m of sentence.matchAll(/(?:,|;|\s--|\s[–—])\s+/g)) {
    const after = sentence.slice(m.index! + m[0].length);
    const opener = after.split(/\s/)[0];
    // After a comma: a clause hung on the main one, a participle (", calling for …"), a phrase (", for causing …").
    const hung = TRAILING_CLAUSE.test(after) || (/^\p{Ll}{3,}ing$/u.test(opener) && opener !== 'nothing' && opener !== 'something') || PHRASE_PREPOSITIONS.test(opener);
    if (m.index! > from && (m[0].trim() !== ',' || hung)) cuts.push(m.index!);
    if (/^\p{Ll}{3,}ing$/u.test(opener) && !/^(?:including|according|nothing|something|during)$/.test(opener)) participial.add(m.index!);
  }
  for (const m of sentence.matchAll(BARE_CLAUSE)) if (m.index! > from && !NO_BARE_BEFORE.test(sentence.slice(0, m.index!))) cuts.push(m.index!);
  // A second clause or predicate joined by "and" or "but" ("… has killed up to 60 people in Mexico and spread into the
  // United States"); not inside a pair ("between police and protesters", "both … and …").
  for (const m of sentence.matchAll(/\s(?:and|but)\s(?!also\b|not\b|for\b|rather\b|then\b)/g)) {
    const before = sentence.slice(0, m.index!);
    // Nor the last item of a list ("… brought Japanese TV shows, newspapers and government ads"): a short part after a
    // comma, without a verb of its own, is an item.
    const item = /,\s+([^,]+)$/.exec(before)?.[1];
    if (item !== undefined && isListItem(item)) continue;
    if (m.index! > from && !/\b(?:between|both|either|neither)\s+(?:\S+\s+){0,3}\S+$/i.test(before)) cuts.push(m.index!);
  }
  for (const m of sentence.matchAll(/\s+(?=(\S+)\s+(\S+))/g)) {
    const at = m.index!;
    if (at <= from) continue;
    const word = bareWord(m[1]);
    const next = bareWord(m[2]);
    const before = bareWord(sentence.slice(0, at).split(/\s+/).pop() ?? '');
    if (RELATIVE_AT.test(word) && looksFinite(next) && !/^(?:said|says|told|warned|announced|reported|believe|believes|think|thinks|so|such|now|given|fact|sign|hope|fears?)$/.test(before)) cuts.push(at);
    // A clause with its own subject on a noun ("a possible swine flu pandemic that the most populous countries … would
    // be ill-prepared to handle", "its claim that the pop star swallowed …"): the noun closes the sentence.
    else if (word === 'that' && SUBJECT_OPENING.test(next) && !looksFinite(before) && !SAYING_BEFORE_THAT.test(before)) cuts.push(at);
    // A purpose on a noun ("samples of the new virus to make a new vaccine"), not a verb's or an adjective's complement
    // ("plans to", "is expected to", "able to").
    else if (word === 'to' && /^\p{Ll}+$/u.test(m[2]) && !DETERMINER_AFTER_TO.test(next) && !looksFinite(before) && !CONTROL_BEFORE_TO.test(before) && !OBJECT_PRONOUN.test(before)) cuts.push(at);
    // Not the agent of a passive ("flanked by …"): the participle needs it.
    else if (PHRASE_PREPOSITIONS.test(m[1]) && !(/^by$/i.test(m[1]) && (/ed$/.test(before) || PARTICIPLES_EN.has(before)))) cuts.push(at);
  }
  let best: string | null = null;
  for (const at of cuts) {
    const head = sentence.slice(0, at);
    if (standsAsTitle(head, max, !participial.has(at)) && (!best || head.length > best.length)) best = head;
  }
  return best;
}

const CAPTION_DATE = new RegExp(`\\b${MONTH_NAMES}\\s+\\d{1,2},\\s+\\d{4}\\b`, 'i');

/** A lede title passes what a found title passes, but may end as its sentence ends ("… it has ever been involved
 * in"); only a cut one must not end on a word that leaves it hanging. */
function plausibleLedeTitle(title: string, cut: boolean): boolean {
  if (title.includes('|') || TITLE_BYLINE.test(title) || TITLE_DATELINE.test(title) || TITLE_CHROME.test(title)) return false;
  // A quotation glued to the next sentence ("… had "been through a lot"A six-year-old girl …").
  if (/[\p{L}.!?]["”’]\p{Lu}/u.test(title)) return false;
  // A press release's cut title ("… Mexican H1N1 ` Swine... * Reuters is not responsible"), a button's instructions.
  if (/\.\.\.|…|\s\*\s|\bclick\b|\binstall\b/i.test(title)) return false;
  // A photo's caption dated as captions are ("… in Kobe, western Japan, May 17, 2009").
  if (CAPTION_DATE.test(title)) return false;
  if (/\b\d{1,2}:\d\d\b|\b(?:gmt|bst|utc)\b|\blast updated\b/i.test(title)) return false;
  if (count(title, /\(/g) !== count(title, /\)/g) || count(title, /"/g) % 2 === 1) return false;
  return !cut || (!TRUNCATED_END.test(title) && !CUT_AFTER_COLON.test(title));
}
