// Names in an article: the learned tagger (tagger/) finds most of them — where each name is and whether it is a
// person, an organisation or a place — and the rules (entities.ts) stand where they read structure the tagger, trained
// on Reuters news of 1996, never saw or cannot see:
//   - the curated alias table's names (ISIL, Daesh, "Islamic State of Iraq and the Levant", al-Nusra Front): a name the
//     table knows keeps the table's type, except that a place may be an organisation in context (the table's place
//     "New York" is a team in "New York beat Chicago", a city's name a company's) — the one ambiguity the tagger reads
//     better than a list;
//   - an organisation closed by its head word ("Russian Defense Ministry", "Supreme National Security Council");
//   - a person named after a title, whose title the rules keep out of the name and read as the role ("Iranian Defense
//     Minister Hossein Dehghan"), and names with Arabic particles ("Fahd Jassem al-Freij", "al-Freij"), which the
//     tagger cuts apart;
//   - the role written with every person the tagger found ("Walid al-Muallem, Syria’s foreign minister,").
// Everything else the rules alone found — table headers, bylines, sentence openers, nationalities, a city's name taken
// for a surname — is left out. On the CoNLL-2003 development split the rules alone scored F1 0.68 (organisations
// 0.28), the tagger 0.94 (src/bench/entities-quality.ts).
import type { EntityType, Sentence } from '../model.js';
import { extractMentions, roleOfName, type NameMention } from './entities.js';
import { COMMON_WORDS, HONORIFICS, isKnownPlace, lookupAlias, ORG_HEADS, TITLES } from './lexicon.js';
import { sameNamePart } from '../text/index.js';
import { initialsOf } from './resolve.js';
import { loadEntityModel, tagEntities, type TaggedEntity } from './tagger/index.js';

const TYPE_OF: Partial<Record<TaggedEntity['type'], EntityType>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

/** The index of the sentence holding offset `at` (sentences in text order), or the last one before it. */
function sentenceAt(sentences: Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * A name without the titles opening it ("President Barack Obama" → "Barack Obama"): honorifics always ("Mr", "Dr"),
 * which also make it a person's whatever the tagger said ("Dr Murray" read as an organisation); other titles unless the
 * word is a first name the tagger learned ("Dean Jones"). Organisations and places keep other titles ("General Motors").
 */
function withoutTitles(text: string, span: TaggedEntity, firstNames: ReadonlySet<string>): TaggedEntity {
  let { start, type } = span;
  for (;;) {
    const word = /^[\p{L}.’'-]+\s+/u.exec(text.slice(start, span.end));
    if (!word) break;
    const key = word[0].trim().toLowerCase().replace(/\.$/, '');
    if (HONORIFICS.has(key)) type = 'PER';
    else if (type !== 'PER' || firstNames.has(word[0].trim()) || !TITLES.has(key)) break;
    start += word[0].length;
  }
  return start === span.start ? span : { start, end: span.end, type, text: text.slice(start, span.end) };
}

/** A word that makes what precedes it a modifier of the name after it: "Washington-based", "Qatar-backed". */
const MODIFIER = /^[\p{L}.'’-]+-(?:based|born|backed|led|owned|run|funded|controlled|linked|allied|affiliated)$/iu;
/** Capitals closing a span before a colon, after a word in lower case: a speaker label run into the line before. */
const SPEAKER_LABEL = /(?<=\p{Ll}\S*\s+)(\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+)*)(?=\s*(?:\([^)]*\))?:)/u;

/** Whether `text` holds the character `code` between `from` and `to`: a cheap test before a pattern that needs it
 * (bounded, where indexOf would read on to the article's end for every name). */
function holds(text: string, code: number, from: number, to: number): boolean {
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** Whether a colon follows the name ending at `end` ("BLITZER:", "ZAKARIA (voice-over):"): a speaker label. */
const labelsSpeech = (text: string, end: number) => /^\s*(?:\([^)]*\))?:/u.test(text.slice(end, end + 20));

/** Where a speaker label run into the name at `start`–`end` begins, if one is. */
function speakerLabelAt(text: string, start: number, end: number): number | undefined {
  if (!holds(text, 58 /* : */, start, end + 16)) return undefined;
  const label = SPEAKER_LABEL.exec(text.slice(start, end + 16));
  return label && label.index > 0 && label.index + label[1].length <= end - start ? start + label.index : undefined;
}

/**
 * Words before a name that put it on a map: a name the gazetteer knows after them is the place, whatever else it
 * could name ("in Port au Prince", read as an organisation for its "Port"). Not "to" or "from": teams lose to teams.
 */
const IN_PLACE = /\b(?:in|near|outside|inside|across|throughout|around|within)\s+$/u;

/** Numbers written out, which open sentences ("Seventeen United Nations workers died"). */
const NUMBER_WORDS = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\p{L}+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?)$/iu;

/** Where a name starts past its modifiers: "the Washington-based International Monetary Fund" is the Fund. */
function afterModifiers(text: string, start: number, end: number): number {
  if (!holds(text, 45 /* - */, start, end)) return start;
  const modifier = [...text.slice(start, end).matchAll(/\S+\s+/gu)].filter((m) => MODIFIER.test(m[0].trim())).pop();
  return modifier ? start + modifier.index! + modifier[0].length : start;
}

/**
 * The tagger's spans made names: each cut where a sentence starts inside it (the tagger reads a line as one sequence:
 * "Thanks, Nic. Seventeen United Nations workers"), without a leading article ("The British Red Cross"), without a
 * modifier and what precedes it ("San Francisco-based Twitter"), and without an everyday word that only opens the
 * sentence ("Seventeen United Nations", "Incoming White House") when the rest is a name the article writes on its own
 * or the alias table knows. A transcript's speaker label ("BLITZER:" opening a line) is a person.
 */
function cleanSpans(text: string, spans: TaggedEntity[], sentences: Sentence[], firstNames: ReadonlySet<string>): TaggedEntity[] {
  const cut: TaggedEntity[] = [];
  for (const span of spans) {
    let from = span.start;
    // The name is the part in the sentence where the span ends; what the tagger ran in from the sentence before is
    // left to the rules.
    for (let i = sentenceAt(sentences, span.start) + 1; i < sentences.length && sentences[i].start < span.end; i++) {
      if (sentences[i].start > from) from = sentences[i].start;
    }
    let start = from === span.start ? from : from + /^[\s"“”'‘’(]*/u.exec(text.slice(from, span.end))![0].length;
    if (!/^\p{Lu}/u.test(text[start] ?? '')) continue;
    // A transcript's speaker label run into the line before ("… leader Mohamed ElBaradei CROWLEY: Joining me…"): the
    // capitals before the colon are a name of their own.
    const label = speakerLabelAt(text, start, span.end);
    if (label !== undefined) {
      const head = text.slice(start, label).trimEnd();
      cut.push({ start, end: start + head.length, type: span.type, text: head });
      start = label;
    }
    cut.push(start === span.start ? span : { start, end: span.end, type: span.type, text: text.slice(start, span.end) });
  }
  const written = new Set(cut.map((s) => `${s.type}:${s.text}`));
  const opensSentence = (at: number) => {
    const s = sentences[sentenceAt(sentences, at)];
    return at === s.start || /^[\s"“”'‘’(\-—–]*$/u.test(text.slice(s.start, at)) || /(^|\n)[\s"“”'‘’(]*$/u.test(text.slice(Math.max(0, at - 4), at));
  };
  return cut.map((span) => {
    let { start, type } = span;
    const rest = () => text.slice(start, span.end);
    const lead = () => /^(\S+)\s+/u.exec(rest());
    for (let w = lead(); w; w = lead()) {
      const word = w[1];
      // People keep every word (first names are everyday words: "Dick Morris"), places their article ("The Hague").
      const everyday =
        type !== 'PER' &&
        (COMMON_WORDS.has(word.toLowerCase()) || NUMBER_WORDS.test(word)) &&
        opensSentence(start) &&
        !firstNames.has(word) &&
        !/^the$/i.test(word) &&
        (written.has(`${type}:${rest().slice(w[0].length)}`) || lookupAlias(rest().slice(w[0].length))?.type === TYPE_OF[type]);
      if (!((/^the$/i.test(word) && type !== 'LOC') || everyday)) break;
      start += w[0].length;
    }
    start = afterModifiers(text, start, span.end);
    if (/^\p{Lu}[\p{Lu}\s.'’-]*$/u.test(rest()) && labelsSpeech(text, span.end) && /(^|\n)\s*$/u.test(text.slice(Math.max(0, start - 3), start))) type = 'PER';
    if (type !== 'LOC' && type !== 'PER' && IN_PLACE.test(text.slice(Math.max(0, start - 12), start)) && isKnownPlace(rest())) type = 'LOC';
    return start === span.start && type === span.type ? span : { start, end: span.end, type, text: rest() };
  });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Whether any of the first `count` names overlaps `span`. */
function overlapsAny(names: readonly NameMention[], count: number, span: { start: number; end: number }): boolean {
  for (let i = 0; i < count; i++) if (overlaps(names[i], span)) return true;
  return false;
}

/** Words with an Arabic article or patronymic particle ("al-Freij", "bin Laden"'s "bin"): the tagger splits such names. */
const ARABIC_PARTICLE = /(?:^|\s)(?:al|el|ad|as|ash|at|az|ar|an|ul|bin|ibn|abu|abd)[-\s]\p{L}/iu;

/**
 * A rule reading the tagger is not to overrule (see the file's head), with the type it stands for; undefined for the
 * rest. `covering`: the tagger's name that spans it whole (the same span or a longer name: "U.S." in "U.S. Treasuries",
 * "West Bank" read by the rules as a bank), if any — a longer name the tagger read stands over a reading inside it.
 */
function ruleReading(r: NameMention, covering: TaggedEntity | undefined): NameMention | undefined {
  const alias = lookupAlias(r.text);
  const exact = covering && covering.start === r.start && covering.end === r.end;
  if (alias) {
    if (covering && !exact) return undefined;
    // A place named as an organisation (a team, a company) is one there.
    if (alias.type === 'place' && covering && TYPE_OF[covering.type] === 'organization') return undefined;
    return { ...r, type: alias.type };
  }
  if (covering) return undefined;
  const words = r.text.split(/\s+/);
  const last = words[words.length - 1];
  if (r.type === 'organization' && words.length >= 2 && /^\p{Lu}/u.test(last) && ORG_HEADS.has(last.toLowerCase())) return r;
  if (r.type === 'person' && r.role) return r;
  if ((r.type === 'person' || r.type === 'unknown') && ARABIC_PARTICLE.test(r.text)) return r;
  return undefined;
}

/**
 * The names of an article, typed, each with its sentence (and a person's role where the text gives one). `found`: what
 * the rules read in it (extractMentions), when the caller has it already.
 */
export function findNames(text: string, sentences: Sentence[], found = extractMentions(text, sentences)): NameMention[] {
  if (!sentences.length) return [];
  const { firstNames } = loadEntityModel().knowledge;
  const tagged = cleanSpans(text, tagEntities(text), sentences, firstNames).map((t) => withoutTitles(text, t, firstNames));
  const rules = found.map((r) => {
    let start = afterModifiers(text, r.start, r.end);
    // "Baroness Valerie Amos": an honorific is never part of the name.
    for (let w = /^([\p{L}.]+)\s+(?=\p{Lu})/u.exec(text.slice(start, r.end)); w && HONORIFICS.has(w[1].toLowerCase().replace(/\.$/, '')); w = /^([\p{L}.]+)\s+(?=\p{Lu})/u.exec(text.slice(start, r.end))) {
      start += w[0].length;
    }
    const label = speakerLabelAt(text, start, r.end);
    const end = label === undefined ? r.end : start + text.slice(start, label).trimEnd().length;
    return start === r.start && end === r.end ? r : { ...r, start, end, text: text.slice(start, end) };
  });
  const ruleAt = new Map(rules.map((r) => [`${r.start}:${r.end}`, r]));
  const names: NameMention[] = [];
  for (const r of rules) {
    const reading = ruleReading(r, tagged.find((t) => t.start <= r.start && r.end <= t.end));
    // Readings are kept whole and apart: the first of two that overlap (in text order) stands.
    if (reading && !overlapsAny(names, names.length, reading)) names.push(reading);
  }
  const byRules = names.length;
  const people = tagged.filter((t) => t.type === 'PER');
  for (const t of tagged) {
    const type = TYPE_OF[t.type];
    if (!type || overlapsAny(names, byRules, t)) continue;
    const sentence = sentenceAt(sentences, t.start);
    // A role is read from the words around this person's name, and is never another person's name ("leader Mohamed
    // ElBaradei" before a speaker label); a speaker label has none.
    const read = type === 'person' && !labelsSpeech(text, t.end) ? (ruleAt.get(`${t.start}:${t.end}`)?.role ?? roleOfName(text, sentences[sentence], t.start, t.end)) : undefined;
    const role = read && !people.some((p) => p !== t && read.includes(p.text)) ? read : undefined;
    names.push({ start: t.start, end: t.end, text: t.text, type, sentence, ...(role ? { role } : {}) });
  }
  // A single word the rules found and the tagger did not call a name (or called a nationality, an event), which is
  // the family name of a person the article names in full: that person, as the resolver will read it ("Freij" after
  // "Fahd Jassem al-Freij").
  const surnames = names.filter((n) => n.type === 'person' && /\s/.test(n.text)).map((n) => n.text.split(/\s+/).pop()!);
  for (const r of rules) {
    if (r.type !== 'unknown' || /\s/.test(r.text) || names.some((n) => overlaps(n, r))) continue;
    if (surnames.some((s) => sameNamePart(s, r.text))) names.push({ ...r, type: 'person' });
  }
  // An acronym the tagger did not read, standing for an organisation the article names in full ("HRW" after "Human
  // Rights Watch"): that organisation, as the resolver will join it.
  const initials = new Set(names.filter((n) => n.type === 'organization').map((n) => initialsOf(n.text)).filter(Boolean));
  for (const r of rules) {
    const acronym = r.text.replace(/\./g, '');
    if (!/^\p{Lu}{2,7}$/u.test(acronym) || !initials.has(acronym) || names.some((n) => overlaps(n, r))) continue;
    names.push({ ...r, type: 'organization' });
  }
  for (const n of names) if (n.type === 'place' && AFTER_LOCATIVE.test(text.slice(Math.max(0, n.start - 16), n.start))) n.placed = true;
  return names.sort((a, b) => a.start - b.start);
}

/**
 * A preposition that puts what follows on a map ("in", "near", "at"; "in the"). Not "to" or "from", which take drugs
 * and brands too ("resistant to Tamiflu").
 */
const AFTER_LOCATIVE = /\b(?:in|near|at|into|outside|inside|across|throughout|around|within)\s+(?:the\s+)?$/iu;
