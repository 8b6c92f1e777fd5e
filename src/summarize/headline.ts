// The event's headline in the style of the Wikipedia Current Events Portal: one sentence of at most 40 words saying
// what happened, who, where and when. Built from the best lede sentence of the event's reports, then made to stand
// alone: compressed, its relative date ("on Thursday", "June 9") written out as the event's day (no date is added
// where the sentence names none), and a group it names by function ("the defence ministers of Iran, Russia and Syria") given the names
// the reports use for its members.
import type { DateMention, Entity } from '../model.js';
import { countWords } from '../text/index.js';
import { DEMONYMS } from '../understand/index.js';
import { compressSentence } from './compress.js';

/** A headline is at most this many words. */
export const HEADLINE_WORDS = 40;
/** A group named by function gets at most this many names (more reads as a list, not a headline). */
const MAX_GROUP_NAMES = 4;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2016-06-09" → "9 June 2016". */
export function spellDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
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
export function nameGroups(text: string, people: Entity[]): string {
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
    const names = ordered.map((p) => p.name);
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
export function writeOutDay(text: string, dates: DateMention[], day: string | null): string {
  if (!day) return text;
  const spelled = spellDay(day);
  let out = text;
  for (const d of dates) {
    if (d.precision !== 'day' || d.date !== day || !out.includes(d.text)) continue;
    const on = /^on\s/i.test(d.text) ? `${d.text[0]}n ` : '';
    // "Tuesday's earthquake" → "the 12 January 2010 earthquake"; "on Thursday" → "on 9 June 2016".
    const possessive = new RegExp(`${escape(d.text)}['’]s\\b`);
    out = possessive.test(out) ? out.replace(possessive, `the ${spelled}`) : out.replace(d.text, `${on}${spelled}`);
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

/** The headline made from one sentence of the event, with the dates found in that sentence. */
export function composeHeadline(sentence: string, dates: DateMention[], people: Entity[], day: string | null): string {
  const text = writeOutDay(nameGroups(compressSentence(sentence), people), dates, day);
  return fitWords(text);
}
