// Datelines and credits: where a report was filed and whom it credits. Agencies put the place and their own name at
// the head of the copy ("TEHRAN – Agence France-Presse", "WASHINGTON (Reuters) -", "Tehran, SANA –"); republishers keep it.
import type { OutletRegistry, OutletProfile } from './registry.js';

const DASH = '(?:\\s+[-–—]{1,2}|[-–—]{2}|\\s*[–—])\\s*';
/** A place: one to four capitalised words ("TEHRAN", "Port-au-Prince", "New York", "RIO DE JANEIRO"); not a byline's "By". */
const PLACE_WORDS = "(?!By\\s)[\\p{Lu}][\\p{L}.'’-]*(?:\\s(?:[\\p{Lu}][\\p{L}.'’-]*|de|del|da|do|al|el|la|au|sur|upon|on)){0,4}";
const PLACE = `(${PLACE_WORDS})`;
/** Places filed from at once: "MEXICO CITY/GENEVA", "ANTAKYA, Turkey/ISTANBUL". */
const PLACES = `(${PLACE_WORDS}(?:\\s*\\/\\s*${PLACE_WORDS})*)`;
const MONTH_DAY = '(?:,\\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2})?';

/** "TEHRAN – Agence France-Presse" alone on a line. */
const DATELINE_LINE = new RegExp(`^${PLACE}${DASH}([\\p{L}][\\p{L}&.'’ -]{1,60}?)\\.?$`, 'u');
/** "WASHINGTON (Reuters) - …", "CAIRO, Egypt (CNN) -- …", "LONDON, June 9 (Reuters) - …". */
const DATELINE_PAREN = new RegExp(`^${PLACES}(?:,\\s*(${PLACE_WORDS}(?:\\s*\\/\\s*${PLACE_WORDS})*))?${MONTH_DAY}\\s*\\(([^()]{2,40})\\)${DASH}`, 'iu');
/** An agency's credit in a dateline anywhere in the first lines ("* Says flu virus is human ROME, April 29 (Reuters) - …"). */
const AGENCY_CREDIT = /\(([^()]{2,40})\)\s*(?:[-–—]{1,2})\s/u;
/** "Tehran, SANA – …", "BEIRUT, Lebanon — …". */
const DATELINE_COMMA = new RegExp(`^${PLACE},\\s*([\\p{L}][\\p{L}&.'’ -]{1,40}?)${DASH}(?=\\S)`, 'u');
/** "BEIRUT — …": a place in capitals alone before a dash. */
const DATELINE_CAPS = new RegExp(`^([\\p{Lu}][\\p{Lu}.'’ -]{2,40}?)${DASH}(?=\\S)`, 'u');

/** Words that make an unknown name look like a news organisation rather than a place or a person. */
const AGENCY_WORDS = /\b(agency|agence|press|presse|news|wire|service|agenzia|agencia|telegraph|tv|radio|times|post|herald|journal|tribune)\b/i;

export interface Dateline {
  /** The dateline as written, to be listed among the removals. */
  text: string;
  place: string;
  credit: string | null;
  /** What remains of the line after the dateline (empty when the dateline was the whole line). */
  rest: string;
}

function titleCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function isOrganisation(name: string, registry: OutletRegistry): boolean {
  return Boolean(registry.lookup(name)) || AGENCY_WORDS.test(name);
}

/** Reads a dateline at the start of a line. Returns null when the line does not start with one. */
export function readDateline(line: string, registry: OutletRegistry): Dateline | null {
  let m = DATELINE_LINE.exec(line);
  if (m && isOrganisation(m[2], registry)) {
    return { text: line, place: titleCase(m[1]), credit: m[2].trim(), rest: '' };
  }
  m = DATELINE_PAREN.exec(line);
  if (m) {
    const credit = m[3].trim();
    // "(CNN)" credits an organisation; "(pictured)" or "(left)" does not.
    if (isOrganisation(credit, registry) || credit === credit.toUpperCase()) {
      return { text: m[0].trim(), place: titleCase(m[1].split('/')[0].trim()), credit, rest: line.slice(m[0].length) };
    }
  }
  m = DATELINE_COMMA.exec(line);
  if (m) {
    if (isOrganisation(m[2], registry)) {
      return { text: m[0].trim(), place: titleCase(m[1]), credit: m[2].trim(), rest: line.slice(m[0].length) };
    }
    if (m[1] === m[1].toUpperCase() && m[1].length > 2) {
      return { text: m[0].trim(), place: titleCase(m[1]), credit: null, rest: line.slice(m[0].length) };
    }
  }
  m = DATELINE_CAPS.exec(line);
  if (m && /\p{Lu}{3}/u.test(m[1]) && !registry.lookup(m[1])) {
    return { text: m[0].trim(), place: titleCase(m[1].trim()), credit: null, rest: line.slice(m[0].length) };
  }
  return null;
}

/** The organisation a dateline inside the first lines credits ("… ROME, April 29 (Reuters) - …"), when the registry
 * knows it or it reads as one. */
export function agencyCreditIn(text: string, registry: OutletRegistry): string | null {
  const m = AGENCY_CREDIT.exec(text);
  return m && isOrganisation(m[1].trim(), registry) ? m[1].trim() : null;
}

const OUTLET_WORDS = "([\\p{Lu}][\\p{L}&.'’-]*(?:\\s+[\\p{Lu}][\\p{L}&.'’-]*){0,2})";
/**
 * How an outlet writes of itself in its own pages: its correspondent by name ("The BBC's Andy Gallacher"), its
 * correspondents, its readers, its comment rules ("The BBC may edit your comments"), a byline naming it ("By David
 * Willis BBC News, Los Angeles"), whom people told or spoke to ("Edmond Mulet told the BBC").
 */
const SELF_REFERENCE = new RegExp(
  `\\b${OUTLET_WORDS}['’]s\\s+(?:[\\p{Ll}]+\\s+)?(?:correspondent\\s+|reporter\\s+|editor\\s+)?\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+|\\b${OUTLET_WORDS}(?:\\s+News)?\\s+(?:correspondents?|reporters?|website|readers|may edit your comments|is not responsible)\\b|\\bBy\\s+\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+){1,2},?\\s+${OUTLET_WORDS}|\\b(?:told|spoke to|speaking to|interviewed by)\\s+(?:the\\s+)?${OUTLET_WORDS}`,
  'gu',
);

/**
 * The outlet whose own pages these are, from how they write of it (`SELF_REFERENCE`): the registry's outlet written
 * of so most often. Weaker than a dateline: "told CNN's Wolf Blitzer" can stand in another outlet's report.
 */
export function selfReferenceIn(text: string, registry: OutletRegistry): string | null {
  const found = new Map<string, number>();
  for (const m of text.matchAll(SELF_REFERENCE)) {
    // The capitalised words caught may run in from before ("Port-au-Prince The BBC's"): the longest run of them the
    // registry knows.
    const words = (m[1] ?? m[2] ?? m[3] ?? m[4]).split(/\s+/);
    let known: OutletProfile | undefined;
    for (let len = words.length; len > 0 && !known; len--) {
      for (let i = 0; i + len <= words.length && !known; i++) known = registry.lookup(words.slice(i, i + len).join(' '));
    }
    if (known) found.set(known.name, (found.get(known.name) ?? 0) + 1);
  }
  // The outlet written of so most often, when no other is as often.
  const [first, second] = [...found].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] > second[1]) ? first[0] : null;
}

/** The registry's canonical name for a credited name, or the name as written when the registry does not know it. */
export function canonicalName(name: string, registry: OutletRegistry): { name: string; profile?: OutletProfile } {
  const profile = registry.lookup(name);
  return profile ? { name: profile.name, profile } : { name };
}

/** Names of registry outlets written inside a credit line ("Reporting by X; additional reporting by Reuters"). */
export function outletsNamedIn(text: string, registry: OutletRegistry): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\p{Lu}][\p{L}&.'’-]*(?:\s+[\p{Lu}][\p{L}&.'’-]*){0,4}/gu)) {
    const words = m[0].split(/\s+/);
    const covered = new Array<boolean>(words.length).fill(false);
    // Longest known name first, so "Agence France-Presse" wins over any shorter name inside it.
    for (let len = words.length; len > 0; len--) {
      for (let i = 0; i + len <= words.length; i++) {
        if (covered.slice(i, i + len).some(Boolean)) continue;
        const p = registry.lookup(words.slice(i, i + len).join(' '));
        if (!p) continue;
        found.add(p.name);
        covered.fill(true, i, i + len);
      }
    }
  }
  return [...found];
}
