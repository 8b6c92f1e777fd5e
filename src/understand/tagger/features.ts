// What the entity tagger (perceptron.ts, index.ts) sees of each token: the text cut into tokens with their character
// offsets, and for every token a list of feature names (strings; the model maps them to weights).
//
// The tokens follow the CoNLL-2003 conventions, so that the spans of its annotated names fall on token boundaries
// (all but one of its 23,499 training names do): words and numbers whole with their inner hyphens, full stops and
// apostrophes ("all-rounder", "1996-08-30", "U.S.", "O'Neill"); the clitics of English split off ("England" "'s",
// "do" "n't"); a full stop split from its word unless the word is a known abbreviation ("Corp.", "Mr.") — and at the
// end of a line always, as the sentence ends there.
//
// The features, for each token (strings "family=value"; see lineFeatures):
//   the word and its neighbours (−2…+2), their lower-case forms, shapes ("Xxxx", "dd-dd"), prefixes and suffixes;
//   the line: all in capitals (a headline or dateline, where a capital is no evidence), a dateline, short lines of
//     results tables, the token's position;
//   lexicons from data/: places, regions, demonyms, outlets and aliases (longest phrase match), common English words,
//     the words of data/entity-words.json (titles before a name, heads that end organisation and place names);
//   knowledge learned from the training split and kept in the model (`TaggerKnowledge`): names annotated there with
//     their types, first names of people;
//   document memory: how the same word is written elsewhere in the document (a headline in capitals is read in the
//     case the story writes it: "ROMANIA" as "Romania", "BEAT" as "beat"), whether it stands elsewhere as the first or
//     last word of a longer name ("Simmons" after "Phil Simmons"), and, for the second pass, the types the first pass
//     gave it elsewhere in the document.
import { loadJson } from '../../data.js';
import { isSpaceCode } from '../../text/spaces.js';

export interface Token {
  text: string;
  /** Character offsets in the document text, end exclusive. */
  start: number;
  end: number;
}

/** One line of a document (a sentence in CoNLL-2003), cut into tokens. */
export interface TokenLine {
  tokens: Token[];
  /** Written all in capitals (headlines, datelines): capitalisation tells nothing on such a line. */
  allCaps: boolean;
}

/** Abbreviations whose full stop belongs to the word in CoNLL-2003 ("Corp.", "Mr."), lower case, without the stop. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'gov', 'sen', 'rep', 'rev', 'fr', 'sr', 'jr',
  'st', 'inc', 'ltd', 'co', 'corp', 'no', 'vs', 'v', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'bros', 'mt', 'ft', 'adm', 'cmdr', 'plc', 'pty', 'ag', 'sa', 'nv', 'bhd', 'cie',
]);

// Initialisms ("U.S.", "p.m."), a lone initial before a space ("J. Smith"), numbers with their inner separators and
// letters ("1996-08-30", "31st", "1,200"), words with inner hyphens, apostrophes, ampersands and stops ("AT&T",
// "O'Neill") and a possible final stop (decided below), runs of stops or dashes, and any other single character.
const TOKEN_PATTERN =
  /(?:\p{L}\.){2,}|\p{Lu}\.(?=\s|$)|\d[\p{L}\p{N}]*(?:[.,:/-][\p{L}\p{N}]+)*|[\p{L}\p{N}]+(?:[-'’&.][\p{L}\p{N}]+)*\.?|\.{2,}|-{2,}|\S/gu;
const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m|’s)$/i;

function pushWord(tokens: Token[], line: string, start: number, end: number, offset: number): void {
  const text = line.slice(start, end);
  // Only a word with an apostrophe can end in a clitic: the pattern is not tried on the others.
  const clitic = text.includes("'") || text.includes('’') ? CLITIC.exec(text) : null;
  if (clitic && /\p{L}/u.test(clitic[1])) {
    const cut = start + clitic[1].length;
    tokens.push({ text: clitic[1], start: offset + start, end: offset + cut });
    tokens.push({ text: line.slice(cut, end), start: offset + cut, end: offset + end });
    return;
  }
  tokens.push({ text, start: offset + start, end: offset + end });
}

/** The token pattern anchored where it is tried: `test` then leaves `lastIndex` at the token's end, so reading a line
 * makes no match objects (two in three of the tagger's allocations were matchAll's). */
const TOKEN_AT = new RegExp(TOKEN_PATTERN.source, 'uy');

/** The tokens of one line; `offset` is where the line starts in the document. */
export function tokenizeLine(line: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const lineEnd = line.trimEnd().length;
  for (let at = 0; at < line.length; ) {
    if (isSpaceCode(line.charCodeAt(at))) {
      at++;
      continue;
    }
    TOKEN_AT.lastIndex = at;
    TOKEN_AT.test(line);
    const start = at;
    const end = (at = TOKEN_AT.lastIndex);
    const last = line.charCodeAt(end - 1);
    const endsInStop = end - start > 1 && last === 46 && !/^\.+$/.test(line.slice(start, end));
    // Sentence end: at the end of a line the full stop is the sentence's, even after an abbreviation ("… Corp.").
    // Mid-line, a word's final stop is kept only for known abbreviations and initialisms.
    let splitStop = false;
    if (endsInStop) {
      const text = line.slice(start, end);
      splitStop = end === lineEnd || (/^[\p{L}\p{N}]/u.test(text) && !/^(?:\p{L}\.)+$/u.test(text) && !ABBREVIATIONS.has(text.slice(0, -1).toLowerCase()));
    }
    if (splitStop) {
      pushWord(tokens, line, start, end - 1, offset);
      tokens.push({ text: '.', start: offset + end - 1, end: offset + end });
    } else {
      pushWord(tokens, line, start, end, offset);
    }
  }
  return tokens;
}

/** A line is in capitals when it has at least two letters and none of them is lower case. */
export function isAllCaps(line: string): boolean {
  return !/\p{Ll}/u.test(line) && (line.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/** The document's non-empty lines, cut into tokens with offsets into `text`. */
export function tokenizeDocument(text: string): TokenLine[] {
  const lines: TokenLine[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const tokens = tokenizeLine(line, offset);
    if (tokens.length) lines.push({ tokens, allCaps: isAllCaps(line) });
    offset += line.length + 1;
  }
  return lines;
}

/** "Xxxx", "dd-dd", "X.X.": upper case X, lower case x, digits d, anything else itself. */
export function wordShape(word: string): string {
  let shape = '';
  for (const ch of word) {
    const c = ch.charCodeAt(0);
    // ASCII by code (most tokens), the rest by Unicode category.
    if (c >= 65 && c <= 90) shape += 'X';
    else if (c >= 97 && c <= 122) shape += 'x';
    else if (c >= 48 && c <= 57) shape += 'd';
    else if (c < 128) shape += ch;
    else if (/\p{Lu}/u.test(ch)) shape += 'X';
    else if (/\p{L}/u.test(ch)) shape += 'x';
    else if (/\p{N}/u.test(ch)) shape += 'd';
    else shape += ch;
  }
  return shape;
}

/** The shape with runs of one character squeezed to one: "Xxxx" → "Xx", "dd-dd" → "d-d". */
export function compressedShape(word: string): string {
  return wordShape(word).replace(/(.)\1+/g, '$1');
}

export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
export const hasLetter = (word: string) => /\p{L}/u.test(word);
export const startsInLowerCase = (word: string) => /^\p{Ll}/u.test(word);

// ---------------------------------------------------------------------------------------------------------------
// Lexicons from data/

/** What the lexicons say of a phrase (a place, a country, an outlet…): a phrase may be several. */
type LexiconLabel = 'country' | 'city' | 'region' | 'demonym' | 'outlet' | 'alias-org' | 'alias-place';

export interface Lexicons {
  /** Phrases (tokens joined by one space) and what they are. */
  phrases: Map<string, LexiconLabel[]>;
  /** The longest phrase, in tokens (matches are looked for up to it). */
  longestPhrase: number;
  /** Words usually written in lower case (lower case). */
  common: Set<string>;
  /** How often a lower-case word occurs in film subtitles: everyday English. */
  frequency: Map<string, number>;
  titles: Set<string>;
  organizationHeads: Set<string>;
  placeHeads: Set<string>;
  particles: Set<string>;
  calendarWords: Set<string>;
  groupAdjectives: Set<string>;
  sentenceOpeners: Set<string>;
}

/** Phrases longer than this many tokens are not matched (none of the lexicons' names are). */
export const LONGEST_PHRASE = 6;

let lexicons: Lexicons | undefined;

/** The lexicons of data/, read on first use. */
export function loadLexicons(): Lexicons {
  if (lexicons) return lexicons;
  const phrases = new Map<string, LexiconLabel[]>();
  let longestPhrase = 1;
  const add = (name: string, label: LexiconLabel) => {
    const tokens = tokenizeLine(name).map((t) => t.text);
    if (!tokens.length || tokens.length > LONGEST_PHRASE || !isCapitalised(tokens[0])) return;
    const key = tokens.join(' ');
    const labels = phrases.get(key) ?? [];
    if (!labels.includes(label)) labels.push(label);
    phrases.set(key, labels);
    longestPhrase = Math.max(longestPhrase, tokens.length);
  };
  const places = loadJson<{ places: Record<string, { type: string }>; demonyms: Record<string, string> }>('gazetteer/places.json');
  for (const [name, place] of Object.entries(places.places)) add(name, place.type === 'country' ? 'country' : 'city');
  for (const demonym of Object.keys(places.demonyms)) add(demonym, 'demonym');
  for (const name of loadJson<{ places: string[] }>('gazetteer/regions.json').places) add(name, 'region');
  for (const outlet of loadJson<{ outlets: Array<{ name: string; fullName?: string; aliases?: string[] }> }>('outlets.json').outlets) {
    for (const name of [outlet.name, outlet.fullName, ...(outlet.aliases ?? [])]) if (name) add(name, 'outlet');
  }
  for (const entity of loadJson<{ entities: Array<{ name: string; type: string; aliases: string[] }> }>('aliases.json').entities) {
    for (const name of [entity.name, ...entity.aliases]) add(name, entity.type === 'organization' ? 'alias-org' : 'alias-place');
  }
  const words = loadJson<Record<string, string[]>>('entity-words.json');
  const set = (key: string) => new Set((words[key] ?? []).map((w) => w.toLowerCase()));
  lexicons = {
    phrases,
    longestPhrase,
    common: new Set(loadJson<{ words: string[] }>('gazetteer/common-words.json').words),
    frequency: new Map(Object.entries(loadJson<{ words: Record<string, number> }>('gazetteer/word-frequencies.json').words)),
    titles: set('titles'),
    organizationHeads: set('organizationHeads'),
    placeHeads: set('placeHeads'),
    particles: set('particles'),
    calendarWords: set('calendarWords'),
    groupAdjectives: set('groupAdjectives'),
    sentenceOpeners: set('sentenceOpeners'),
  };
  return lexicons;
}

// ---------------------------------------------------------------------------------------------------------------
// Knowledge learned from the training split

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** Names seen annotated in training text, kept in the model. */
export interface TaggerKnowledge {
  /** Annotated names (tokens joined by one space) and the types they were given at least a third of the time. */
  names: Map<string, EntityType[]>;
  /** First words of people's names of two words or more ("Phil" of "Phil Simmons"), not common words. */
  firstNames: Set<string>;
}

export const emptyKnowledge = (): TaggerKnowledge => ({ names: new Map(), firstNames: new Set() });

/** A name's share of one type needed for the name to count as of that type ("Leicestershire": ORG and LOC). */
const NAME_TYPE_SHARE = 1 / 3;

/** Knowledge from annotated documents: each annotated name with its types, and first names. */
export function learnKnowledge(docs: Array<{ text: string; entities: Array<{ start: number; end: number; type: string }> }>): TaggerKnowledge {
  const common = loadLexicons().common;
  const counts = new Map<string, Map<EntityType, number>>();
  const firstNames = new Set<string>();
  for (const doc of docs) {
    for (const e of doc.entities) {
      const tokens = tokenizeLine(doc.text.slice(e.start, e.end)).map((t) => t.text);
      // Only names opening with a capital are looked up (phraseMatches), so only they are kept.
      if (!tokens.length || tokens.length > LONGEST_PHRASE || !isCapitalised(tokens[0])) continue;
      const key = tokens.join(' ');
      const byType = counts.get(key) ?? new Map<EntityType, number>();
      byType.set(e.type as EntityType, (byType.get(e.type as EntityType) ?? 0) + 1);
      counts.set(key, byType);
      if (e.type === 'PER' && tokens.length >= 2 && isCapitalised(tokens[0]) && tokens[0].length > 1 && !tokens[0].includes('.')) {
        if (!common.has(tokens[0].toLowerCase())) firstNames.add(tokens[0]);
      }
    }
  }
  const names = new Map<string, EntityType[]>();
  for (const [key, byType] of counts) {
    let total = 0;
    for (const n of byType.values()) total += n;
    const types = ENTITY_TYPES.filter((t) => (byType.get(t) ?? 0) >= NAME_TYPE_SHARE * total);
    names.set(key, types);
  }
  return { names, firstNames };
}

// ---------------------------------------------------------------------------------------------------------------
// Document memory

/** What the document says about its words, read before tagging any line. */
export interface DocumentMemory {
  /** For a lower-case word, the way it is most often written on lines not in capitals, not opening the line. */
  usualForm: Map<string, string>;
  /** Lower-case words written with a capital inside a line (not its first word) somewhere in the document. */
  capitalisedInside: Set<string>;
  /** Lower-case words written in lower case somewhere in the document. */
  writtenLower: Set<string>;
  /** Lower-case words seen as the first, the last, or an inner word of a run of two or more capitalised words. */
  runPosition: Map<string, Set<'first' | 'last' | 'inner'>>;
}

/** What the document memory reads of a word: its form, lower case, and how it is written. */
export interface MemoryWord {
  word: string;
  lower: string;
  hasLetter: boolean;
  capitalised: boolean;
  startsInLowerCase: boolean;
}

/** A token's MemoryWord, from its text. */
export function memoryWord(word: string): MemoryWord {
  return { word, lower: word.toLowerCase(), hasLetter: hasLetter(word), capitalised: isCapitalised(word), startsInLowerCase: startsInLowerCase(word) };
}

/** The memory of a document from its tokens. */
export function documentMemory(lines: TokenLine[]): DocumentMemory {
  return memoryOfWords(lines.map((line) => (line.allCaps ? null : line.tokens.map((t) => memoryWord(t.text)))));
}

/** The memory of a document from the words of its lines, null for a line in capitals (nothing is read from it). The
 * compiled tagger (compiled.ts) passes its cached word forms; training, views made from the tokens. */
export function memoryOfWords(lines: Array<readonly MemoryWord[] | null>): DocumentMemory {
  const forms = new Map<string, Map<string, number>>();
  const capitalisedInside = new Set<string>();
  const writtenLower = new Set<string>();
  const runPosition = new Map<string, Set<'first' | 'last' | 'inner'>>();
  const notePosition = (word: string, position: 'first' | 'last' | 'inner') => {
    const set = runPosition.get(word) ?? new Set();
    set.add(position);
    runPosition.set(word, set);
  };
  for (const words of lines) {
    if (!words) continue;
    let runStart = -1;
    for (let i = 0; i <= words.length; i++) {
      const w = words[i] as MemoryWord | undefined;
      const capital = w !== undefined && w.capitalised && w.hasLetter;
      if (w?.hasLetter) {
        if (i > 0) {
          const byForm = forms.get(w.lower) ?? new Map<string, number>();
          byForm.set(w.word, (byForm.get(w.word) ?? 0) + 1);
          forms.set(w.lower, byForm);
          if (capital) capitalisedInside.add(w.lower);
        }
        if (w.startsInLowerCase) writtenLower.add(w.lower);
      }
      if (capital && runStart < 0) runStart = i;
      if (!capital && runStart >= 0) {
        // A run of capitalised words: "Phil Simmons", "Nasser Hussain"; the line's first word counts only when the
        // run goes on after it.
        if (i - runStart >= 2) {
          for (let j = runStart; j < i; j++) notePosition(words[j].lower, j === runStart ? 'first' : j === i - 1 ? 'last' : 'inner');
        }
        runStart = -1;
      }
    }
  }
  // Forms seen only at the start of lines still beat guessing: "Essex" opening every line it is on.
  for (const words of lines) {
    const first = words?.[0];
    if (first?.hasLetter && !forms.has(first.lower)) forms.set(first.lower, new Map([[first.word, 0.5]]));
  }
  const usualForm = new Map<string, string>();
  for (const [lower, byForm] of forms) {
    let best = '';
    let bestCount = -1;
    for (const [form, count] of byForm) if (count > bestCount) [best, bestCount] = [form, count];
    usualForm.set(lower, best);
  }
  return { usualForm, capitalisedInside, writtenLower, runPosition };
}

// ---------------------------------------------------------------------------------------------------------------
// Features

/** A capitals line read in the case the document writes it: its usual form in the story, else lower case for a common
 * word, else the initial capital of a name; short words not known in lower case stay in capitals ("UN", "EU"). */
export function readCase(word: string, memory: DocumentMemory, lex: Lexicons): string {
  if (!hasLetter(word)) return word;
  const lower = word.toLowerCase();
  const usual = memory.usualForm.get(lower);
  if (usual) return usual;
  if (lex.common.has(lower)) return lower;
  if (word.length <= 3 && !word.includes('.')) return word;
  return word[0] + word.slice(1).toLowerCase();
}

/** A frequency band of a word in everyday English: 0 unseen, then by powers of ten. */
export function frequencyBand(lower: string, lex: Lexicons): number {
  const n = lex.frequency.get(lower) ?? 0;
  return n === 0 ? 0 : Math.min(6, 1 + Math.floor(Math.log10(n)));
}

/** A dateline: a place in capitals then a date ("LONDON 1996-08-30", "WASHINGTON 1996-08-29"). */
const DATELINE = /^\p{Lu}[\p{Lu}\p{N} .,'&-]*\s\d{4}-\d{2}-\d{2}$/u;

/** Whether a line is a dateline (only a line in capitals can be). */
export function isDateline(line: TokenLine): boolean {
  return line.allCaps && DATELINE.test(line.tokens.map((t) => t.text).join(' '));
}

/** Bands of a line's length in tokens: results tables have short lines. */
export const LENGTH_BANDS = ['short', 'table', 'medium', 'long'] as const;

/** The band of a line of `n` tokens. */
export function lineLengthBand(n: number): (typeof LENGTH_BANDS)[number] {
  return n <= 2 ? 'short' : n <= 5 ? 'table' : n <= 12 ? 'medium' : 'long';
}

/** The phrase matches on a line: for each token, labels with the token's place in the phrase ("city:B", "city:I"). The
 * longest phrase starting at a token is taken, and the search goes on after it. */
function phraseMatches(words: string[], longest: number, lookup: (key: string) => readonly string[] | undefined): string[][] {
  const marks: string[][] = words.map(() => []);
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    if (isCapitalised(words[i])) {
      let key = '';
      const keys: string[] = [];
      for (let n = 1; n <= longest && i + n <= words.length; n++) {
        key = n === 1 ? words[i] : `${key} ${words[i + n - 1]}`;
        keys.push(key);
      }
      for (let n = keys.length; n >= 1; n--) {
        const labels = lookup(keys[n - 1]);
        if (!labels || !labels.length) continue;
        for (let j = 0; j < n; j++) {
          const place = n === 1 ? 'U' : j === 0 ? 'B' : j === n - 1 ? 'L' : 'I';
          for (const label of labels) marks[i + j].push(`${label}:${place}`);
        }
        matched = n;
        break;
      }
    }
    i += Math.max(1, matched);
  }
  return marks;
}

/**
 * The features of every token of a line. `memory` is the document's (documentMemory); `knowledge` the names learned
 * from training text (for training documents, learned without them: see train.ts).
 */
export function lineFeatures(line: TokenLine, memory: DocumentMemory, knowledge: TaggerKnowledge): string[][] {
  const lex = loadLexicons();
  const raw = line.tokens.map((t) => t.text);
  const n = raw.length;
  // On a line in capitals the words are read in the case the story writes them.
  const words = line.allCaps ? raw.map((w) => readCase(w, memory, lex)) : raw;
  const lowers = words.map((w) => w.toLowerCase());
  const shapes = words.map(compressedShape);
  const caps = line.allCaps ? 'C' : 'c';
  const dateline = isDateline(line);
  const lengthBand = lineLengthBand(n);
  const lexMarks = phraseMatches(words, lex.longestPhrase, (key) => lex.phrases.get(key));
  const nameMarks = phraseMatches(words, LONGEST_PHRASE, (key) => knowledge.names.get(key));
  const word = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : lowers[i]);
  const shape = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : shapes[i]);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const lower = lowers[i];
    const f: string[] = [
      'bias',
      `w=${w}`,
      `lw=${lower}`,
      `sh=${wordShape(w)}`,
      `csh=${shapes[i]}`,
      `csh|caps=${shapes[i]}|${caps}`,
      `caps=${caps}`,
      `w-1=${word(i - 1)}`,
      `w+1=${word(i + 1)}`,
      `w-2=${word(i - 2)}`,
      `w+2=${word(i + 2)}`,
      `w-1|w=${word(i - 1)}|${lower}`,
      `w|w+1=${lower}|${word(i + 1)}`,
      `w-2|w-1=${word(i - 2)}|${word(i - 1)}`,
      `w+1|w+2=${word(i + 1)}|${word(i + 2)}`,
      `sh-1=${shape(i - 1)}`,
      `sh+1=${shape(i + 1)}`,
      `sh-2=${shape(i - 2)}`,
      `sh+2=${shape(i + 2)}`,
      `sh-1|sh|sh+1=${shape(i - 1)}|${shapes[i]}|${shape(i + 1)}`,
      `sh-1|sh=${shape(i - 1)}|${shapes[i]}`,
      `sh|sh+1=${shapes[i]}|${shape(i + 1)}`,
      `w-1|sh=${word(i - 1)}|${shapes[i]}`,
      `sh|w+1=${shapes[i]}|${word(i + 1)}`,
      `len=${lengthBand}`,
      `freq=${frequencyBand(lower, lex)}`,
    ];
    // Prefixes and suffixes: "-shire", "-burg", "-ov", "Mc-", "-ski", "-Corp".
    for (let k = 1; k <= 4 && k <= w.length; k++) f.push(`p${k}=${w.slice(0, k)}`, `s${k}=${w.slice(-k)}`);
    // Where the token stands: openers are capitalised whatever they are.
    if (i === 0) f.push('first', `first|csh=${shapes[i]}`);
    if (i === 1) f.push('second');
    if (i === n - 1) f.push('last');
    if (dateline) f.push('dateline');
    if (w.length === 1 && !hasLetter(w)) f.push(`punct=${w}`);
    // Everyday words: capitalised at the start of a line they are probably not names ("The", "Their").
    if (lex.common.has(lower)) f.push('common', `common|first=${i === 0}`, `common|csh=${shapes[i]}`);
    if (lex.titles.has(lower)) f.push('title');
    if (i > 0 && lex.titles.has(lowers[i - 1])) f.push('after-title');
    if (lex.organizationHeads.has(lower)) f.push('org-head');
    if (lex.placeHeads.has(lower)) f.push('place-head');
    if (lex.particles.has(lower)) f.push('particle');
    if (lex.calendarWords.has(lower)) f.push('calendar');
    if (lex.groupAdjectives.has(lower)) f.push('group-adjective');
    if (lex.sentenceOpeners.has(lower)) f.push('opener-word');
    // An organisation head within the capitalised words that follow: "Bank of England", "Leicester City Council".
    for (let j = i + 1; j < n && j <= i + 4 && (isCapitalised(words[j]) || lowers[j] === 'of' || lowers[j] === '&'); j++) {
      if (lex.organizationHeads.has(lowers[j])) {
        f.push('org-head-ahead');
        break;
      }
    }
    for (const mark of lexMarks[i]) f.push(`lex=${mark}`);
    for (const mark of nameMarks[i]) f.push(`name=${mark}`);
    if (knowledge.firstNames.has(w)) f.push('first-name');
    if (i > 0 && knowledge.firstNames.has(words[i - 1])) f.push('after-first-name');
    // Document memory.
    if (hasLetter(w)) {
      if (line.allCaps) {
        const usual = memory.usualForm.get(lower);
        f.push(`story-case=${usual ? compressedShape(usual) : 'none'}`);
      } else if (isCapitalised(w)) {
        if (memory.writtenLower.has(lower)) f.push('also-lower');
        if (i === 0) f.push(`first|capitalised-inside=${memory.capitalisedInside.has(lower)}`);
      }
      const positions = memory.runPosition.get(lower);
      if (positions) for (const p of positions) f.push(`in-run=${p}`);
    }
    out.push(f);
  }
  return out;
}

/** Where the first pass put names in a document: for each lower-case word, the types it was given and where. */
export type FirstPassTypes = Map<string, Array<{ type: EntityType; line: number; index: number }>>;

/** The first pass's types by word, from its tags (BIO or BILOU) for each line. */
export function firstPassTypes(lines: TokenLine[], tags: string[][]): FirstPassTypes {
  const lineStart = [0];
  const flatTags: string[] = [];
  const tokens: Token[] = [];
  lines.forEach((line, l) => {
    line.tokens.forEach((token, i) => {
      flatTags.push(tags[l][i]);
      tokens.push(token);
    });
    lineStart.push(tokens.length);
  });
  return firstPassTypesBy(
    lineStart,
    (t) => (flatTags[t] === 'O' ? '' : (flatTags[t].slice(2) as EntityType)),
    (t) => tokens[t].text.toLowerCase(),
  );
}

/** The first pass's types by word, from a document's tokens numbered line after line (line l's from lineStart[l]):
 * `typeAt(t)`, the type token t was given ('' for none), `lowerAt(t)` its text in lower case. */
export function firstPassTypesBy(lineStart: ArrayLike<number>, typeAt: (t: number) => EntityType | '', lowerAt: (t: number) => string): FirstPassTypes {
  const types: FirstPassTypes = new Map();
  for (let line = 0; line + 1 < lineStart.length; line++) {
    for (let t = lineStart[line]; t < lineStart[line + 1]; t++) {
      const type = typeAt(t);
      if (!type) continue;
      const lower = lowerAt(t);
      if (!hasLetter(lower)) continue;
      const seen = { type, line, index: t - lineStart[line] };
      const list = types.get(lower);
      if (list) list.push(seen);
      else types.set(lower, [seen]);
    }
  }
  return types;
}

/**
 * The second pass's features of a line's tokens (added to lineFeatures'): the types the first pass gave the same word
 * elsewhere in the document (this occurrence left out), and whether that type was the commonest. Names keep one type
 * through a story: "Leicestershire" as a team in one line is a team in the next.
 */
export function secondPassFeatures(line: TokenLine, lineIndex: number, seen: FirstPassTypes): string[][] {
  return line.tokens.map((token, i) => {
    const f: string[] = [];
    const elsewhere = seen.get(token.text.toLowerCase());
    if (!elsewhere) return f;
    const counts = new Map<EntityType, number>();
    let total = 0;
    for (const s of elsewhere) {
      if (s.line === lineIndex && s.index === i) continue;
      counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
      total++;
    }
    for (const [type, count] of counts) f.push(`doc-type=${type}`, `doc-type=${type}|${count * 2 > total ? 'most' : 'some'}`);
    return f;
  });
}
