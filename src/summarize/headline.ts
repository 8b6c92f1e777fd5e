// The event's headline in the style of the Wikipedia Current Events Portal: one sentence of 8–20 words (aiming at
// 12–16) saying who did what, where. Built from a lede sentence or a title of the event's reports, then made to stand
// alone: compressed, cut to length at a clause boundary (shorten.ts), its relative date ("on Thursday", "June 9")
// written out as the event's day when the reports are dated ("on 9 June"; no date is added where the sentence names
// none, and an undated report's "on Thursday" is dropped), and a group it names by function ("the defence ministers
// of Iran, Russia and Syria") given the names the reports use for its members.
import type { DateMention, Entity } from '../model.js';
import { countWords } from '../text/index.js';
import { DEMONYMS } from '../understand/index.js';
import { compressSentence } from '../text/compress.js';
import { hasFiniteVerb, shortenTo } from '../text/shorten.js';

/** A headline is at most this many words … */
export const HEADLINE_WORDS = 20;
/** … aims at no more than this many (the portal's headlines run 12–16) … */
export const HEADLINE_AIM = 16;
/** … and has at least this many: fewer is a label ("Haiti earthquake"), not a sentence saying who did what. */
export const HEADLINE_MIN = 6;
/** A group named by function gets at most this many names (more reads as a list, not a headline). */
const MAX_GROUP_NAMES = 4;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2016-06-09" → "9 June 2016" (or "9 June": a headline is listed under its day, so the year is noise there). */
export function spellDay(day: string, withYear = true): string {
  const [y, m, d] = day.split('-').map(Number);
  return withYear ? `${d} ${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]}`;
}

function plural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(?:s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A person is named in the text when any of the spellings the reports use for them (of 2+ letters) stands in it. */
function named(text: string, person: Entity): boolean {
  return person.aliases.some((a) => a.length > 2 && new RegExp(`(?<![\\p{L}])${escape(a)}(?![\\p{L}])`, 'u').test(text));
}

/** Where a role places its holder: "Iranian Defense Minister" → Iran (through the demonym), else null. */
function roleCountry(role: string): string | null {
  for (const word of role.split(/\s+/)) {
    const country = DEMONYMS.get(word.replace(/['’]s$/, ''));
    if (country) return country;
  }
  return null;
}

/**
 * "The defense ministers of Iran, Russia and Syria met …" → "The defense ministers of Iran, Russia and Syria (Hossein
 * Dehghan, Sergei Shoigu and Fahad Jassim al-Freij) met …": a plural function word whose singular ends the roles of at
 * least two of the event's people, with every word written before it ("defense") in those roles too, is followed by
 * their names, ordered as the countries listed after it when their roles say which country they serve.
 */
export function nameGroups(text: string, people: Entity[], familyNamesOnly = false): string {
  const byHead = new Map<string, Entity[]>();
  for (const p of people) {
    for (const role of p.roles) {
      const head = /([\p{L}-]+)$/u.exec(role)?.[1].toLowerCase();
      if (!head || head.length < 4) continue;
      const list = byHead.get(head) ?? [];
      if (!list.includes(p)) list.push(p);
      byHead.set(head, list);
    }
  }
  for (const [head, holders] of byHead) {
    if (holders.length < 2) continue;
    const phrase = new RegExp(
      `\\b((?:[\\p{L}-]+\\s+){0,2})${escape(plural(head))}\\b((?:\\s+of\\s+(?:(?:the|allies|its|their)\\s+)?\\p{Lu}[\\p{L}-]*(?:(?:,\\s*|,?\\s+and\\s+)\\p{Lu}[\\p{L}-]*)*)?)`,
      'iu',
    );
    const m = phrase.exec(text);
    if (!m) continue;
    const modifiers = m[1].toLowerCase().split(/\s+/).filter((w) => w && !['the', 'a', 'of', 'their', 'its', 'his', 'her', 'three', 'two', 'four'].includes(w));
    const members = holders.filter((p) => p.roles.some((r) => modifiers.every((w) => r.toLowerCase().includes(w.replace(/s$/, '')))));
    if (members.length < 2 || members.length > MAX_GROUP_NAMES || members.some((p) => named(text, p))) continue;
    const countries = m[2] ? [...m[2].matchAll(/\p{Lu}[\p{L}-]*/gu)].map((c) => c[0]) : [];
    // Each member's place in the list of countries: the one their role names; when exactly one member and one
    // country are left over, that member serves that country.
    const place = new Map<Entity, number>();
    for (const p of members) {
      const k = countries.indexOf(p.roles.map(roleCountry).find((c) => c !== null) ?? '');
      if (k >= 0) place.set(p, k);
    }
    const unplaced = members.filter((p) => !place.has(p));
    const unclaimed = countries.map((_, k) => k).filter((k) => ![...place.values()].includes(k));
    if (unplaced.length === 1 && unclaimed.length === 1) place.set(unplaced[0], unclaimed[0]);
    const rank = (p: Entity) => place.get(p) ?? countries.length;
    const ordered = [...members].sort((a, b) => rank(a) - rank(b) || b.mentions - a.mentions);
    const names = ordered.map((p) => (familyNamesOnly ? p.name.split(/\s+/).pop()! : p.name));
    const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const at = m.index + m[0].length;
    return `${text.slice(0, at)} (${list})${text.slice(at)}`;
  }
  return text;
}

/**
 * Writes out the day: every expression in `dates` that resolves to the event's day (as written in this sentence: "on
 * Thursday", "June 9") becomes "on 9 June 2016". A sentence naming some other day, or none, is left as it is: a date
 * put in front ("On 9 June 2016, the …") read badly whenever the sentence did not open cleanly, and the portal lists
 * its headlines under their day anyway.
 */
export function writeOutDay(text: string, dates: DateMention[], day: string | null, withYear = true): string {
  if (!day) return text;
  const spelled = spellDay(day, withYear);
  let out = text;
  for (const d of dates) {
    if (d.precision !== 'day' || d.date !== day || !out.includes(d.text)) continue;
    // "on Thursday" → "on 9 June"; "Thursday" after a noun → "on 9 June"; after a preposition ("since Thursday")
    // the preposition stays.
    const at = out.indexOf(d.text);
    const before = out.slice(0, at).trimEnd().split(/\s+/).pop() ?? '';
    const preposed = /^(?:on|at|by|since|until|till|before|after|from|through|to|of|that|than|until|and|or)$/i.test(before) || at === 0;
    const on = /^on\s/i.test(d.text) ? `${d.text[0]}n ` : preposed ? '' : 'on ';
    // "Tuesday's earthquake" → "the 12 January earthquake"; "Friday night" → "on the night of 22 January".
    const possessive = new RegExp(`(?:\\b(?:last|this|past)\\s+)?${escape(d.text)}['’]s\\b`, 'i');
    const partOfDay = new RegExp(`${escape(d.text)}\\s+(night|morning|afternoon|evening)\\b`);
    if (possessive.test(out)) out = out.replace(possessive, `the ${spelled}`);
    else if (partOfDay.test(out)) out = out.replace(partOfDay, (_, part: string) => `${on}the ${part} of ${spelled}`);
    else out = out.replace(d.text, `${on}${spelled}`);
    if (at === 0) out = out[0].toUpperCase() + out.slice(1);
  }
  return out;
}

/** At most `max` words: trailing clauses after a comma go first, then the text is cut before a preposition. */
export function fitWords(text: string, max = HEADLINE_WORDS): string {
  let out = text;
  while (countWords(out) > max) {
    const comma = out.lastIndexOf(', ');
    if (comma < 0 || countWords(out.slice(0, comma)) < max / 2) break;
    out = `${out.slice(0, comma)}.`;
  }
  if (countWords(out) <= max) return out;
  // Cut by whitespace, counting as a reader counts ("7.0-magnitude" is two words to countWords, one to split).
  const words = out.split(/\s+/);
  let fits = words.length;
  while (fits > 0 && countWords(words.slice(0, fits).join(' ')) > max) fits--;
  let cut = fits;
  while (cut > fits / 2 && !/^(?:in|on|at|for|after|with|against|to|from|over|amid|as|while|which|who|that)$/i.test(words[cut])) cut--;
  if (cut <= fits / 2) cut = fits;
  return `${words.slice(0, cut).join(' ').replace(/[,;:]$/, '')}${cut === fits ? '…' : '.'}`;
}

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/**
 * An undated report's relative days taken out: "on Thursday" cannot be written out as a day nobody knows, and a
 * headline listed without its day reads wrong with it ("… was arrested on Thursday night" → "… was arrested").
 */
export function withoutDays(text: string): string {
  return text
    .replace(new RegExp(`^(?:(?:On|Late|Early)\\s+)?${WEEKDAY}(?:\\s+(?:night|morning|afternoon|evening))?,\\s+(\\S)`), (_, c: string) => c.toUpperCase())
    .replace(new RegExp(`\\b(?:(?:last|this|past)\\s+)?${WEEKDAY}['’]s\\s+`, 'gi'), 'the ')
    .replace(new RegExp(`,?\\s+(?:(?:on|late|early|last|this)\\s+)?${WEEKDAY}(?:\\s+(?:night|morning|afternoon|evening))?\\b`, 'g'), '')
    .replace(/\s+(?:last|this)\s+(?:night|week|weekend|month)\b/g, '')
    .replace(/\s+(?:yesterday|today|tonight)\b/gi, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** A pronoun or demonstrative opening a sentence: its subject is in a sentence before it. */
const POINTING_OPENING = /^(?:That|This|These|Those|It|He|She|They|His|Her|Their|Its|There)\s/;

/** "On 9 June, the ministers met in Tehran." → "The ministers met in Tehran on 9 June.": the news before the day. */
export function dayLast(text: string): string {
  const m = /^On (\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)),\s+(\S)(.*?)([.!?]?)$/u.exec(text);
  return m ? `${m[2].toUpperCase()}${m[3]} on ${m[1]}${m[4] || '.'}` : text;
}

/** Where a headline's day comes from: the event's day, and whether the reports were dated by their outlets. */
export interface HeadlineDay {
  day: string | null;
  /** The reports carry their publication dates (given or in page metadata): only then is a day written out. */
  dated: boolean;
}

/**
 * The headline made from one sentence of the event, with the dates found in that sentence; null when the sentence
 * cannot be made a headline (too long to cut at a clause, no verb of its own).
 */
export function composeHeadline(sentence: string, dates: DateMention[], people: Entity[], when: HeadlineDay): string | null {
  const compressed = compressSentence(sentence);
  // A relative day that is not the event's ("last Tuesday's quake" in a report of the week after) is taken out too: a
  // headline is read on any day, and "Tuesday" then means another one.
  const dayed = dayLast(withoutDays(when.dated && when.day ? writeOutDay(compressed, dates, when.day, false) : compressed));
  // A headline says who did what first: "On 9 October came the worst shock" (no subject before its verb) is no headline,
  // nor one that points at a sentence not shown ("That is the news from …", "He said …"), nor a participle's phrase
  // ("Founded by freed slaves from …"), nor a question ("Did you read them, or use them for a sun hat?").
  if (!dayed || /\?["”’]?$/.test(dayed.trim()) || /^On \d/.test(dayed) || POINTING_OPENING.test(dayed) || /^\p{Lu}\p{Ll}+ed\s+(?:by|in|on|at|to|from|with|as)\s/u.test(dayed)) return null;
  const short = shortenTo(dayed, HEADLINE_AIM, HEADLINE_MIN) ?? shortenTo(dayed, HEADLINE_WORDS, HEADLINE_MIN);
  // A sentence opening in lower case is a fragment the sentence splitter left ("authored the 1991 legislation …").
  if (!short || countWords(short) < HEADLINE_MIN || !hasFiniteVerb(short) || !/^[\p{Lu}\p{N}"“‘']/u.test(short)) return null;
  for (const named of [nameGroups(short, people), nameGroups(short, people, true)]) {
    if (countWords(named) <= HEADLINE_WORDS) return named;
  }
  return short;
}

/**
 * A title written in title case ("Haiti Earthquake Death Toll Rises To 200,000") in sentence case, as the portal
 * writes headlines: a capitalised word after the first goes to lower case when the reports write it in lower case
 * more often than capitalised inside a sentence. A title already in sentence case is returned as it is.
 */
export function sentenceCase(title: string, texts: string[]): string {
  const words = title.split(/\s+/);
  const capitalised = words.slice(1).filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length;
  const lettered = words.slice(1).filter((w) => /^\p{L}/u.test(w)).length;
  if (lettered < 3 || capitalised < 0.6 * lettered) return title;
  const counts = new Map<string, { lower: number; upper: number }>();
  for (const w of words.slice(1)) if (/^\p{Lu}\p{Ll}+$/u.test(w.replace(/[^\p{L}]/gu, ''))) counts.set(w.replace(/[^\p{L}]/gu, ''), { lower: 0, upper: 0 });
  for (const text of texts) {
    for (const m of text.matchAll(/(?<=[\p{Ll},;]\s)(\p{L}+)/gu)) {
      const key = m[1][0].toUpperCase() + m[1].slice(1);
      const c = counts.get(key);
      if (!c) continue;
      if (m[1] === key) c.upper++;
      else if (m[1] === key.toLowerCase()) c.lower++;
    }
  }
  return words
    .map((w, i) => {
      if (i === 0) return w;
      const key = w.replace(/[^\p{L}]/gu, '');
      const c = counts.get(key);
      // A word the reports never use inside a sentence is a common word written in title case ("Rises", "To").
      return c && (c.lower > c.upper || (c.lower === 0 && c.upper === 0 && /^(?:A|An|The|And|Or|Of|To|In|On|At|For|With|From|By|As|After|Over|Is|Are|Was|Were|Be|Has|Have|Had)$/.test(key))) ? w.replace(key, key.toLowerCase()) : w;
    })
    .join(' ');
}
