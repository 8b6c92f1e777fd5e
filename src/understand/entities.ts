// Names in an article: people, organisations and places, found by rules over a tokenizer (no model can be had here).
//
// A sentence is cut into tokens; tokens that can belong to a name (capitalised words, acronyms, "al-" forms,
// particles between capitalised words) make runs; lists ("Iran, Russia and Syria") fall apart into runs by
// themselves. Each run is then read, in this order:
//   1. a title inside the run splits it: what follows the last title is a person, what precedes is the role
//      ("Iranian Defense Minister General Hossein Dehghan" → Hossein Dehghan, role "Iranian Defense Minister");
//   2. an organisation head ends an organisation ("Russian Defense Ministry", "al-Nusra Front"), and a name after
//      it in the same run is a person whose role runs back to the title before ("Secretary of Iran's Supreme National
//      Security Council Ali Shamkhani");
//   3. the curated alias table and the gazetteers name organisations and places;
//   4. two to four name-like words are a person; a single unknown word is kept as an unresolved name, which the
//      resolver links to a person's surname or a place's spelling, or types by its context (after "in": a place;
//      before "said": a person).
import type { EntityType, Mention, Sentence } from '../model.js';
import { isSpaceCode, STOPWORDS } from '../text/index.js';
import {
  ALIAS_PHRASES,
  CALENDAR,
  DEMONYMS,
  GROUP_ADJECTIVES,
  HONORIFICS,
  LOCATIVES,
  ORG_HEADS,
  PARTICLES,
  PLACE_HEADS,
  PLACES,
  RANKS,
  TITLES,
  isCommonWord,
  isOpenerWord,
  isSentenceOpener,
  lookupAlias,
  COUNTRY_NAMES,
  COMPOUND_TITLES,
  REGION_NAMES,
} from './lexicon.js';

/** A mention the rules could not type alone: a single unknown name ("Dehqan", "Teheran"), resolved at event level. */
export interface NameMention extends Omit<Mention, 'type'> {
  type: EntityType | 'unknown';
  /** For unknown names: what the context suggests. */
  hint?: EntityType;
  /** Written after a preposition of place ("in Jacmel", "from Homs"): the resolver's evidence that a word is a place. */
  placed?: true;
}

interface Token {
  text: string;
  start: number;
  end: number;
  kind: 'cap' | 'acronym' | 'alname' | 'particle' | 'lower' | 'num' | 'punct' | 'poss';
  /** What the word lists say of its text (factsOf), once asked; -1 before. */
  facts: number;
}

// A token is, at the first of these that matches: an acronym with full stops ("U.S.", "U.N"), a word (letters, marks and
// digits after a letter, parts joined by hyphens or apostrophes: "al-Assad", "Iran’s"), a number ("1,200", "3.5"), or
// any other character but a space —
//   /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}][\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,]\p{N}+)*|\S/gu —
// found by scanning characters (tokenEnd) rather than by matching: every sentence of every article is tokenized, and a
// match object a token was most of the rules' time. ASCII is settled by character codes, the rest by these
// properties, tested in place (sticky) at a code point.
const UPPER_AT = /\p{Lu}/uy;
const LETTER_AT = /\p{L}/uy;
const NUMBER_AT = /\p{N}/uy;
const WORD_PART_AT = /[\p{L}\p{M}\p{N}]/uy;

function testAt(property: RegExp, text: string, i: number): boolean {
  property.lastIndex = i;
  return property.test(text);
}
/** The length of the code point at `i` in UTF-16 units: 2 for a surrogate pair, else 1. */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}
function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 65 && c <= 90 : testAt(UPPER_AT, text, i);
}
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : testAt(LETTER_AT, text, i);
}
function isNumberAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 48 && c <= 57 : testAt(NUMBER_AT, text, i);
}
/** A letter, mark or number: what continues a word. */
function isWordPartAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : testAt(WORD_PART_AT, text, i);
}

/** Where the token starting at `i` (not a space) ends: the alternatives above, tried in their order. */
function tokenEnd(text: string, i: number): number {
  const n = text.length;
  const first = i + codePointLength(text, i);
  if (isUpperAt(text, i)) {
    // An acronym: capitals joined by full stops, with its final stop.
    let j = first;
    while (j + 1 < n && text.charCodeAt(j) === 46 && isUpperAt(text, j + 1)) j += 1 + codePointLength(text, j + 1);
    if (j > first) return j < n && text.charCodeAt(j) === 46 ? j + 1 : j;
  }
  if (isLetterAt(text, i)) {
    let j = first;
    for (;;) {
      while (j < n && isWordPartAt(text, j)) j += codePointLength(text, j);
      const c = text.charCodeAt(j);
      // A hyphen or apostrophe goes on the word only with a letter, mark or digit after it.
      if (j + 1 < n && (c === 45 || c === 39 || c === 0x2019) && isWordPartAt(text, j + 1)) j += 1;
      else return j;
    }
  }
  if (isNumberAt(text, i)) {
    let j = first;
    for (;;) {
      while (j < n && isNumberAt(text, j)) j += codePointLength(text, j);
      const c = text.charCodeAt(j);
      if (j + 1 < n && (c === 46 || c === 44) && isNumberAt(text, j + 1)) j += 1;
      else return j;
    }
  }
  return first;
}
const AL_NAME = /^(?:al|el|ad|as|ash|at|az|ar|an|ul|bin|ibn|abu|abd)-\p{L}/iu;
const SPEECH_AFTER = /^\s*(?:also\s+|later\s+|earlier\s+|further\s+|then\s+)?(?:said|says|told|added|noted|stressed|warned|insisted|explained|declared|announced|urged|argued|claimed|affirmed|underlined|described|reiterated|denounced|accused|expressed|thanked|hailed|welcomed|condemned|criticized|criticised|called|met|made)\b/;

function tokenize(sentence: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const n = sentence.length;
  for (let at = 0, to = 0; at < n; at = to) {
    if (isSpaceCode(sentence.charCodeAt(at))) {
      to = at + 1;
      continue;
    }
    to = tokenEnd(sentence, at);
    let text = sentence.slice(at, to);
    let start = offset + at;
    const first = text[0];
    const code = text.charCodeAt(0);
    // ASCII by range (most tokens), the rest by Unicode property.
    const letter = code < 128 ? (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : /[\p{L}]/u.test(first);
    if (letter) {
      // Split a possessive off its word: "Iran’s" → "Iran" + "’s".
      if (text.length > 2 && text.endsWith('s') && (text.charCodeAt(text.length - 2) === 39 || text.charCodeAt(text.length - 2) === 0x2019)) {
        const word = text.slice(0, -2);
        tokens.push(classify(word, start));
        tokens.push({ text: text.slice(-2), start: start + word.length, end: start + text.length, kind: 'poss', facts: -1 });
        continue;
      }
      // Keep the full stop of a title abbreviation with it: "Dr.", "Gen.".
      const after = sentence[at + text.length];
      if (after === '.' && TITLES.has(text.toLowerCase()) && text.length <= 5) text += '.';
      tokens.push(classify(text, start));
    } else if ((code >= 48 && code <= 57) || (code >= 128 && /\p{N}/u.test(first))) {
      tokens.push({ text, start, end: start + text.length, kind: 'num', facts: -1 });
    } else {
      tokens.push({ text, start, end: start + text.length, kind: 'punct', facts: -1 });
    }
    start += text.length;
  }
  return tokens;
}

/** "I'm", "We're", "You'll": contractions are not names even when capitalised. */
const CONTRACTION = /['’](?:m|re|ve|ll|d|t)$/i;

function classify(text: string, start: number): Token {
  return { text, start, end: start + text.length, kind: kindOf(text), facts: -1 };
}

/**
 * The lengths of the particles by their first letter, one bit a length ("al", "abu", "abdul": bits 2, 3 and 5 for a):
 * a lower-case word of a length no particle of its first letter has ("the", "to", "and") is not looked up.
 */
const PARTICLE_LENGTHS = new Uint32Array(128);
for (const p of PARTICLES) if (p.charCodeAt(0) < 128 && p.length < 32) PARTICLE_LENGTHS[p.charCodeAt(0)] |= 1 << p.length;
/** Whether a word starting with a-z may be a particle (PARTICLES.has settles it). */
const mayBeParticle = (text: string) => text.length >= 32 || (PARTICLE_LENGTHS[text.charCodeAt(0)] & (1 << text.length)) !== 0;
/** Kinds of the words not in lower case, by text: settled once a word (the tests below are regexes and lookups). */
const kinds = new Map<string, Token['kind']>();

function kindOf(text: string): Token['kind'] {
  const c = text.charCodeAt(0);
  // Most tokens are lower-case words: settle them with a character test, not a regex.
  if (c >= 97 && c <= 122) {
    if (text.length > 3 && text.charCodeAt(2) === 45 && AL_NAME.test(text)) return 'alname';
    if (text.length > 3 && text.charCodeAt(3) === 45 && AL_NAME.test(text)) return 'alname';
    return mayBeParticle(text) && PARTICLES.has(text) ? 'particle' : 'lower';
  }
  let kind = kinds.get(text);
  if (kind === undefined) {
    kind = kindOfWritten(text);
    if (kinds.size > 100_000) kinds.clear();
    kinds.set(text, kind);
  }
  return kind;
}

function kindOfWritten(text: string): Token['kind'] {
  if (CONTRACTION.test(text) || /\p{N}/u.test(text)) return 'lower';
  if (/^\p{Lu}(?:\.\p{Lu})+\.?$/u.test(text)) return 'acronym';
  if (/^\p{Lu}{2,}s?$/u.test(text)) {
    // Capitals: an acronym when short or known ("UN", "ISIL"); a longer word in capitals ("AZUZ" in a transcript's
    // speaker label) is a capitalised word, and a common word in capitals ("NEWS", "THE") is no name at all.
    if (lookupAlias(text) || (text.length <= 3 && !isCommonWord(text.toLowerCase()))) return 'acronym';
    if (isCommonWord(text.toLowerCase()) || TITLES.has(text.toLowerCase())) return 'lower';
    return 'cap';
  }
  if (/^\p{Lu}/u.test(text)) return 'cap';
  if (AL_NAME.test(text)) return 'alname';
  if (PARTICLES.has(text.toLowerCase())) return 'particle';
  return 'lower';
}

/** A token's word in lower case without a final full stop ("Gen." → "gen"). */
const key = (t: Token) => {
  const lower = t.text.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
};

// What the word lists say of a token's text, one bit each, worked out once a distinct text: the rules ask the same
// questions of a token many times over (a title? an organisation head? a demonym?), each a lower-casing and a lookup.
const TITLE = 1;
const ORG_HEAD = 2;
const PLACE_HEAD = 4;
/** A demonym or group adjective by the word lists (those learned from the article are asked apart: demonymsHere). */
const LISTED_DEMONYM = 8;
const CALENDAR_WORD = 16;
const STOPWORD = 32;
const OPENER_WORD = 64;
const COMMON_WORD = 128;
const SENTENCE_OPENER = 256;
const wordFacts = new Map<string, number>();

function factsOf(t: Token): number {
  if (t.facts >= 0) return t.facts;
  let facts = wordFacts.get(t.text);
  if (facts === undefined) {
    const text = t.text;
    const k = key(t);
    facts =
      (TITLES.has(k) ? TITLE : 0) |
      (ORG_HEADS.has(k) ? ORG_HEAD : 0) |
      (PLACE_HEADS.has(k) ? PLACE_HEAD : 0) |
      (DEMONYMS.has(text) || DEMONYMS.has(text.replace(/s$/, '')) || GROUP_ADJECTIVES.has(k) || (/-/.test(text) && text.split('-').every((p) => DEMONYMS.has(p) || PLACES.has(p))) ? LISTED_DEMONYM : 0) |
      (CALENDAR.has(k) ? CALENDAR_WORD : 0) |
      (STOPWORDS.has(k) ? STOPWORD : 0) |
      (isOpenerWord(k) ? OPENER_WORD : 0) |
      (isCommonWord(k) ? COMMON_WORD : 0) |
      (isSentenceOpener(k) ? SENTENCE_OPENER : 0);
    if (wordFacts.size > 100_000) wordFacts.clear();
    wordFacts.set(text, facts);
  }
  t.facts = facts;
  return facts;
}

const isTitle = (t: Token) => (t.kind === 'cap' || t.kind === 'lower') && (factsOf(t) & TITLE) !== 0;
const isOrgHead = (t: Token) => t.kind === 'cap' && (factsOf(t) & ORG_HEAD) !== 0;
const isPlaceHead = (t: Token) => t.kind === 'cap' && (factsOf(t) & PLACE_HEAD) !== 0;
/** "Iranian", "Syrians", "Arab", "Western", "Takfiri": adjectives and group words, never a name by themselves. */
const isDemonym = (t: Token) => t.kind === 'cap' && ((factsOf(t) & LISTED_DEMONYM) !== 0 || demonymsHere.has(t.text));
const isCalendar = (t: Token) => t.kind === 'cap' && (factsOf(t) & CALENDAR_WORD) !== 0;
/** Whether the token's word (lower case, no final stop) is a common word: isCommonWord(key(t)). */
const isCommon = (t: Token) => (factsOf(t) & COMMON_WORD) !== 0;
/** Could this token be part of a person's name? Not a title, head, demonym or (lone) common word. */
function nameLike(t: Token): boolean {
  if (t.kind === 'alname' || t.kind === 'particle') return true;
  if (t.kind !== 'cap') return false;
  return !isTitle(t) && !isOrgHead(t) && !isPlaceHead(t) && !isDemonym(t) && !isCalendar(t);
}

/**
 * Could these tokens be one person's name? One to four words (particles aside), none of them a function word or a
 * sentence opener: a title-cased headline ("Obama Did Speak About Democracy …") is not a name.
 */
function personShaped(toks: Token[]): boolean {
  const words = toks.filter((t) => t.kind !== 'particle');
  if (!words.length || words.length > 4) return false;
  return toks.every((t) => nameLike(t) && (factsOf(t) & (STOPWORD | OPENER_WORD)) === 0);
}

/** Most letters in capitals: a headline or transcript line in upper case, where capitalisation says nothing. */
function shouting(sentence: string): boolean {
  let upper = 0;
  let lower = 0;
  const n = sentence.length;
  for (let i = 0; i < n; i++) {
    // Settled early for most sentences: once even every character left being a capital would not make capitals 60% of
    // the letters (upper > 1.5 lower), the sentence is not shouting.
    if ((i & 15) === 15 && upper + (n - i) <= 1.5 * lower) return false;
    const c = sentence.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = sentence[i];
      if (ch !== ch.toLowerCase()) upper++;
      else if (ch !== ch.toUpperCase()) lower++;
    }
  }
  return upper + lower > 12 && upper / (upper + lower) > 0.6;
}

/** A role written after the name: "Walid al-Muallem, Syria’s foreign minister, …" */
const TITLE_ALTERNATION = [...TITLES].filter((t) => t.length > 2).sort((a, b) => b.length - a.length).join('|');
const APPOSITIVE_ROLE = new RegExp(
  `^,\\s+(?:the\\s+|a\\s+|an\\s+)?((?:[\\p{L}’'-]+\\s+){0,5}?(?:${TITLE_ALTERNATION})(?:\\s+(?:of|for|to)\\s+[^,.;:“”"]{2,60}?)?)\\s*[,.;]`,
  'iu',
);

/**
 * Demonyms of places the gazetteer does not know, learned from the text itself: "Calvenian" is an adjective when
 * "Calvenia" is written too ("Syrian"/"Syria", "Tesmaran"/"Tesmara").
 */
function localDemonyms(text: string): Set<string> {
  const words = new Set(text.match(/\b\p{Lu}\p{Ll}{2,}\b/gu) ?? []);
  const found = new Set<string>();
  for (const w of words) if (w.endsWith('n') && (words.has(w.slice(0, -1)) || words.has(w.slice(0, -2)))) found.add(w);
  return found;
}
let demonymsHere: Set<string> = new Set();

export function extractMentions(text: string, sentences: Sentence[]): NameMention[] {
  const out: NameMention[] = [];
  demonymsHere = localDemonyms(text);
  for (const s of sentences) {
    if (shouting(s.text)) continue;
    const taken: Array<[number, number]> = [];
    // Multi-word aliases with lower-case words inside ("Islamic State of Iraq and the Levant") come first. By exec on
    // the one global pattern, not matchAll, which copies the pattern (all its phrases) for every sentence.
    ALIAS_PHRASES.lastIndex = 0;
    for (let m = ALIAS_PHRASES.exec(s.text); m; m = ALIAS_PHRASES.exec(s.text)) {
      const entry = lookupAlias(m[0]);
      if (!entry) continue;
      const lead = /^the\s+/i.exec(m[0])?.[0].length ?? 0; // "the United Nations": the article is not the name
      const start = s.start + m.index! + lead;
      const name = m[0].slice(lead);
      out.push({ start, end: start + name.length, text: name, type: entry.type, sentence: s.index });
      taken.push([start, start + name.length]);
    }
    const all = tokenize(s.text, s.start);
    const tokens = taken.length ? all.filter((t) => !taken.some(([a, b]) => t.start >= a && t.end <= b)) : all;
    for (const run of runs(tokens)) readRun(run, tokens, text, s.index, out);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Maximal runs of name tokens, with the index of the run's first token in `tokens`. */
function runs(tokens: Token[]): Array<{ from: number; to: number }> {
  const found: Array<{ from: number; to: number }> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const starts = t.kind === 'cap' || t.kind === 'acronym' || t.kind === 'alname';
    if (!starts) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const u = tokens[j];
      if (u.kind === 'cap' || u.kind === 'acronym' || u.kind === 'alname') j++;
      else if (u.kind === 'particle' && nameLike(tokens[j - 1]) && tokens[j + 1] && ['cap', 'alname'].includes(tokens[j + 1].kind)) j++;
      else if ((u.text === 'for' || u.text === 'of') && isOrgHead(tokens[j - 1])) {
        // "Center for Policy Research", "Ministry of Foreign Affairs": the name goes on after its head.
        const k = tokens[j + 1]?.text === 'the' ? j + 2 : j + 1;
        if (tokens[k]?.kind === 'cap') j = k;
        else break;
      }
      else if (u.kind === 'lower' && ORG_HEADS.has(u.text) && (j - i >= 2 || lookupAlias(`${tokens[i].text} ${u.text}`))) {
        // "Russian Defense ministry": a lower-case head after a capitalised run of two or more words still ends it
        // ("Syrian government" does not: a demonym and a common noun name no organisation).
        j++;
        break;
      } else break;
    }
    found.push({ from: i, to: j });
    i = j;
  }
  return found;
}

function spanText(text: string, a: Token, b: Token): string {
  return text.slice(a.start, b.end);
}

function push(out: NameMention[], text: string, toks: Token[], type: NameMention['type'], sentence: number, extra: Partial<NameMention> = {}): void {
  if (!toks.length) return;
  const first = toks[0];
  const last = toks[toks.length - 1];
  const name = spanText(text, first, last);
  if (name.length < 2) return;
  out.push({ start: first.start, end: last.end, text: name, type, sentence, ...extra });
}

/** The role that ends right before `from` in `tokens`: back to the nearest title, across "of", "’s", "for", "and". */
function roleBefore(tokens: Token[], from: number, text: string): string | undefined {
  // "A spokeswoman for Dr Murray", "the son of Joe Jackson": the function is someone else's, held for this person.
  let just = from - 1;
  while (just >= 0 && HONORIFICS.has(tokens[just].text.toLowerCase().replace(/\.$/, ''))) just--;
  if (just >= 0 && ['for', 'of', 'to', 'by', 'with'].includes(tokens[just].text)) return undefined;
  let k = from - 1;
  let titleAt = -1;
  for (let steps = 0; k >= 0 && steps < 14; k--, steps++) {
    const t = tokens[k];
    if (t.kind === 'punct' && t.text !== '-') break;
    if (t.kind === 'lower' && !['of', 'for', 'and', 'the', 'in'].includes(t.text) && !TITLES.has(t.text)) break;
    // "President Barack Obama and U.S. Representative Paul Ryan": a role never reaches back across another name.
    if (t.text === 'and' && titleAt >= 0) break;
    if (isTitle(t)) titleAt = k;
  }
  if (titleAt < 0) return undefined;
  // Demonyms and capitalised words just before the title belong to it: "Iranian Deputy Foreign Minister".
  let start = titleAt;
  while (start > 0 && (tokens[start - 1].kind === 'cap' || tokens[start - 1].kind === 'acronym') && start > k + 1) start--;
  return trimRole(tokens.slice(start, from), text);
}

/** A role without trailing ranks ("Defense Minister General" → "Defense Minister") and edge connectors. */
function trimRole(toks: Token[], text: string): string | undefined {
  let a = 0;
  let b = toks.length;
  const compound = (i: number) => i > 0 && COMPOUND_TITLES.has(`${key(toks[i - 1])} ${key(toks[i])}`);
  while (b > a && ((RANKS.has(key(toks[b - 1])) && !compound(b - 1)) || ['of', 'for', 'and', 'the', 'in'].includes(toks[b - 1].text) || toks[b - 1].kind === 'poss' || toks[b - 1].kind === 'punct')) b--;
  // "But President", "When President", "Tuesday Singer": what opened the sentence is not part of the role.
  while (a < b && !isTitle(toks[a]) && !isDemonym(toks[a]) && (toks[a].kind !== 'cap' || (factsOf(toks[a]) & OPENER_WORD) !== 0 || isCalendar(toks[a]) || ['the', 'a', 'an'].includes(key(toks[a])))) a++;
  if (b <= a || !toks.slice(a, b).some(isTitle)) return undefined;
  return spanText(text, toks[a], toks[b - 1]);
}

function placeOrAlias(name: string): { type: EntityType } | undefined {
  const alias = lookupAlias(name);
  if (alias) return { type: alias.type };
  if (PLACES.has(name)) return { type: 'place' };
  return undefined;
}

function readRun(run: { from: number; to: number }, tokens: Token[], text: string, sentence: number, out: NameMention[]): void {
  let toks = tokens.slice(run.from, run.to);
  // A capitalised common word opening a sentence ("The", "During", "According") is not part of a name.
  const opensSentence = run.from === 0 || (tokens[run.from - 1].kind === 'punct' && /[“"‘(:—–-]/.test(tokens[run.from - 1].text));
  const head = toks[0];
  if (opensSentence && head.kind === 'cap' && (factsOf(head) & SENTENCE_OPENER) !== 0 && (factsOf(head) & TITLE) === 0 && !lookupAlias(head.text) && !PLACES.has(head.text)) {
    toks = toks.slice(1);
  }
  while (toks.length && (toks[toks.length - 1].kind === 'particle' || isCalendar(toks[toks.length - 1]))) toks = toks.slice(0, -1);
  while (toks.length && isCalendar(toks[0])) toks = toks.slice(1);
  if (!toks.length) return;
  const base = tokens.indexOf(toks[0]);

  // 1. A title inside the run: the person follows the last title.
  let lastTitle = -1;
  for (let i = 0; i < toks.length; i++) if (isTitle(toks[i])) lastTitle = i;
  if (lastTitle >= 0 && lastTitle < toks.length - 1) {
    const nameToks = toks.slice(lastTitle + 1);
    if (personShaped(nameToks)) {
      const before = toks.slice(0, lastTitle + 1);
      // An organisation inside the role ("Secretary of Iran’s Supreme National Security Council Ali Shamkhani").
      const orgEnd = before.map(isOrgHead).lastIndexOf(true);
      if (orgEnd > 0) readRun({ from: base, to: base + orgEnd + 1 }, tokens, text, sentence, out);
      const role = trimRole(before, text) && roleBefore(tokens, base + lastTitle + 1, text);
      push(out, text, nameToks, 'person', sentence, role ? { role } : {});
      return;
    }
  }
  if (lastTitle === toks.length - 1 && toks.length <= 3) return; // only a title ("President", "Defense Minister")

  // 2. An organisation head: the organisation ends there; a name after it in the run is a person.
  let headAt = toks.map((t, i) => isOrgHead(t) || (t.kind === 'lower' && ORG_HEADS.has(t.text) && i > 0)).lastIndexOf(true);
  // The name goes on after its head ("Center for Policy Research"): the whole run is the organisation.
  if (headAt >= 0 && (toks[headAt + 1]?.text === 'for' || toks[headAt + 1]?.text === 'of')) headAt = toks.length - 1;
  if (headAt >= 0) {
    const orgToks = toks.slice(0, headAt + 1);
    const rest = toks.slice(headAt + 1);
    const orgName = spanText(text, orgToks[0], orgToks[orgToks.length - 1]);
    const alias = lookupAlias(orgName);
    if (orgToks.length > 1 || alias) push(out, text, orgToks, alias?.type ?? 'organization', sentence);
    if (rest.length >= 1 && rest.every(nameLike)) {
      const role = roleBefore(tokens, base + headAt + 1, text);
      push(out, text, rest, rest.length >= 2 ? 'person' : 'unknown', sentence, role ? { role } : {});
    }
    return;
  }

  if (toks.length === 1 && (isDemonym(toks[0]) || isCalendar(toks[0]))) return;

  // 3. The alias table and the gazetteers: the whole run, else a place head ("Tahrir Square").
  const whole = spanText(text, toks[0], toks[toks.length - 1]);
  const known = placeOrAlias(whole);
  if (known) {
    // A city's name alone may be a person's surname ("Jackson", "Obama"): the resolver decides, a place by default.
    const city = toks.length === 1 && known.type === 'place' && !COUNTRY_NAMES.has(PLACES.get(whole) ?? '') && !REGION_NAMES.has(whole) && !lookupAlias(whole);
    push(out, text, toks, city ? 'unknown' : known.type, sentence, city ? { hint: 'place' } : {});
    return;
  }
  if (isPlaceHead(toks[toks.length - 1]) && toks.length > 1) {
    push(out, text, toks, 'place', sentence);
    return;
  }
  // A demonym opening the run qualifies what follows ("Syrian Foreign Ministry" is handled above; "Iranian Hossein" is rare).
  if (isDemonym(toks[0])) {
    if (toks.length === 1) return;
    toks = toks.slice(1);
    if (toks.length === 1 && placeOrAlias(toks[0].text)) {
      push(out, text, toks, placeOrAlias(toks[0].text)!.type, sentence);
      return;
    }
  }

  // 4. People: two to four name-like words; else single names, typed later.
  let nameToks = toks.filter((t) => t.kind !== 'poss');
  // Words before a long name that are not part of it ("African Affairs Hossein Jaberi Ansari" after "Minister for Arab and").
  while (nameToks.length >= 4 && (isDemonym(nameToks[0]) || (nameToks[0].kind === 'cap' && isCommon(nameToks[0])))) nameToks = nameToks.slice(1);
  while (nameToks.length >= 2 && (isDemonym(nameToks[0]) || nameToks[0].kind === 'particle' || key(nameToks[0]) === 'the')) nameToks = nameToks.slice(1);
  // A country opening the run ("Egypt Looking …" in a headline) is the country, not a first name.
  if (nameToks.length >= 2 && PLACES.has(nameToks[0].text) && PLACES.get(nameToks[0].text) === nameToks[0].text && COUNTRY_NAMES.has(nameToks[0].text)) {
    push(out, text, [nameToks[0]], 'place', sentence);
    nameToks = nameToks.slice(1);
    if (nameToks.length === 1) return readRun({ from: tokens.indexOf(nameToks[0]), to: tokens.indexOf(nameToks[0]) + 1 }, tokens, text, sentence, out);
  }
  // A run ending in a known place after common words ("Operation Blessing Port-au-Prince") is no person.
  const endsInPlace = nameToks.length >= 2 && PLACES.has(nameToks[nameToks.length - 1].text) && nameToks.slice(0, -1).every((t) => t.kind === 'cap' && isCommon(t));
  if (nameToks.length >= 2 && personShaped(nameToks) && !endsInPlace) {
    const allCommon = nameToks.every((t) => t.kind === 'cap' && isCommon(t));
    if (!allCommon) {
      const role = roleBefore(tokens, tokens.indexOf(nameToks[0]), text) ?? appositiveRole(text, nameToks[nameToks.length - 1].end);
      push(out, text, nameToks, 'person', sentence, role ? { role } : {});
      return;
    }
  }
  // Runs of several known places or aliases written together ("Tehran Damascus" is rare; split to their parts).
  for (const t of nameToks) {
    if (t.kind === 'acronym') {
      const alias = lookupAlias(t.text);
      push(out, text, [t], alias?.type ?? 'organization', sentence);
      continue;
    }
    if (nameToks.length > 1 && !placeOrAlias(t.text)) continue;
    if (isDemonym(t) || isCalendar(t)) continue;
    const hit = placeOrAlias(t.text);
    if (hit && (hit.type !== 'place' || COUNTRY_NAMES.has(PLACES.get(t.text) ?? '') || lookupAlias(t.text) || REGION_NAMES.has(t.text))) {
      push(out, text, [t], hit.type, sentence);
      continue;
    }
    if (hit) {
      // A city's name alone may be a person's surname ("Obama", "Clinton"): the resolver decides, a place by default.
      push(out, text, [t], 'unknown', sentence, { hint: 'place' });
      continue;
    }
    if (t.kind === 'cap' && isCommon(t)) continue;
    if (t.kind === 'particle') continue;
    const at = tokens.indexOf(t);
    const prev = tokens[at - 1];
    const hint: EntityType | undefined =
      prev && (prev.kind === 'lower' || prev.kind === 'particle') && LOCATIVES.has(prev.text)
        ? 'place'
        : SPEECH_AFTER.test(text.slice(t.end, t.end + 40))
          ? 'person'
          : undefined;
    const role = roleBefore(tokens, at, text);
    push(out, text, [t], 'unknown', sentence, { ...(hint ? { hint } : {}), ...(role ? { role } : {}) });
  }
}

function appositiveRole(text: string, end: number): string | undefined {
  const m = APPOSITIVE_ROLE.exec(text.slice(end, end + 120));
  // A role is a function, not another name: "Mubarak, Arab League Secretary-General Amre Moussa, …" is a list.
  return m && !/\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u.test(m[1].trim()) ? m[1].trim() : undefined;
}

/**
 * The role written with a person named at `start`–`end` in a sentence: before the name, back to its title ("Iranian
 * Defense Minister Hossein Dehghan"), else after it between commas ("Walid al-Muallem, Syria’s foreign minister,").
 */
export function roleOfName(text: string, sentence: Sentence, start: number, end: number): string | undefined {
  const tokens = tokenize(sentence.text, sentence.start);
  const at = tokens.findIndex((t) => t.start >= start);
  return (at >= 0 ? roleBefore(tokens, at, text) : undefined) ?? appositiveRole(text, end);
}
