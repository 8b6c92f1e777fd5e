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
/** The people an outlet employs, named by their work ("a BBC radio presenter", "BBC World Service Director"). */
const STAFF = '(?:[Cc]orrespondents?|[Rr]eporters?|[Pp]resenters?|[Ee]ditors?|[Pp]roducers?|[Dd]irectors?|[Jj]ournalists?|[Hh]osts?|[Aa]nchors?)';
/**
 * How an outlet writes of itself in its own pages: its correspondent by name ("The BBC's Andy Gallacher"), its
 * correspondents, presenters and site, its readers, its comment rules ("The BBC may edit your comments"), a byline
 * naming it ("By David Willis BBC News, Los Angeles"), whom people told or spoke to ("Edmond Mulet told the BBC"); its
 * staff introducing themselves or introduced by their post ("I'm Fergus Walsh, the BBC's medical correspondent",
 * "Ros Atkins, a BBC radio presenter", "Peter Horrocks, BBC World Service Director"), its blogs and experts ("the BBC's
 * TV blog"), its newsroom at work ("BBC News looks back", "BBC News online put your questions", "the BBC has been
 * tracking", "the BBC understands"), and its help pages ("Visit BBC Webwise"). A scraper may drop the apostrophe of a
 * possessive ("the BBC s former Beijing correspondent").
 */
const SELF_REFERENCE = new RegExp(
  [
    `\\b${OUTLET_WORDS}['’]s\\s+(?:[\\p{Ll}]+\\s+)?(?:correspondent\\s+|reporter\\s+|editor\\s+)?\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+`,
    `\\b${OUTLET_WORDS}(?:\\s+\\d+)?(?:\\s+News)?\\s+(?:correspondents?|reporters?|presenters?|journalists|website|online|blogs?|readers|listeners|viewers|may edit your comments|is not responsible|looks back|(?:is|has been) (?:tracking|following)|understands|has (?:learned|learnt|seen|obtained|been told))\\b`,
    `\\bBy\\s+\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+){1,2},?\\s+${OUTLET_WORDS}`,
    `\\b(?:told|spoke to|speaking to|interviewed by)\\s+(?:the\\s+|an?\\s+)?${OUTLET_WORDS}`,
    `\\b${OUTLET_WORDS}(?:['’]\\s?|\\s)s\\s+(?:[\\p{L}]+\\s+){0,2}(?:correspondent|reporter|presenter|editor|blog|website|archive|experts)\\b`,
    `\\b\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+){1,2},\\s+(?:an?\\s+|the\\s+)?${OUTLET_WORDS}(?:['’]s)?(?:\\s+[\\p{Ll}\\d]+){0,2}\\s+${STAFF}\\b`,
    `\\b(?:I['’ ]?m|I am)\\s+\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+){1,2},\\s+(?:the\\s+|an?\\s+)?${OUTLET_WORDS}`,
    `\\bVisit\\s+${OUTLET_WORDS}`,
    `\\b[Oo]ur\\s+${OUTLET_WORDS}\\s+(?:Twitter|Facebook|Flickr|YouTube|website|site|page|blog|app|newsletter)\\b`,
  ].join('|'),
  'gu',
);

/**
 * Page templates that belong to one outlet: the stamps its pages carry in their head. The BBC News site stamped its
 * pages "Page last updated at 14:47 GMT, Wednesday, 28 September 2011" (to 2011) and "24 June 2010 Last updated at
 * 14:59 GMT" (from 2010, before its "Help" link), its blogs "Fergus Walsh | 18:17 UK time, Tuesday, 16 June 2009".
 * Other sites write their stamps otherwise ("Last updated: 7:42PM BST 13 Jun 2009").
 */
const TEMPLATE_STAMPS: Array<{ outlet: string; stamp: RegExp; footer?: boolean }> = [
  {
    outlet: 'BBC',
    footer: true,
    // The footer of the BBC's blogs (2008–2010): "You can stay up to date with Fergus's Medical Files via these feeds.
    // These are some of the popular topics this blog covers."
    stamp: /\bYou can stay up to date with [^\n]{2,80} via these feeds\.\s+These are some of the popular topics this blog covers\./,
  },
  {
    outlet: 'BBC',
    stamp: /(?:^|\n)(?:[^\n]{0,200}\s)?(?:Page last updated at \d{1,2}:\d\d GMT, (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4} Last updated at \d{1,2}:\d\d(?: GMT)?\b|[^\n|]{2,60} \| \d{1,2}:\d\d UK time, (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4})/,
  },
];

/** The outlet whose page template stamps the head of these pages (or, for a footer, the page as far as it is given) (`TEMPLATE_STAMPS`), when the registry knows it. */
export function templateOutletIn(head: string, registry: OutletRegistry): string | null {
  const top = head.slice(0, 2_000);
  for (const t of TEMPLATE_STAMPS) if (t.stamp.test(t.footer ? head : top)) return registry.lookup(t.outlet)?.name ?? null;
  return null;
}

/**
 * The outlet whose own pages these are, from how they write of it (`SELF_REFERENCE`): the registry's outlet written
 * of so most often. Weaker than a dateline: "told CNN's Wolf Blitzer" can stand in another outlet's report.
 */
export function selfReferenceIn(text: string, registry: OutletRegistry): string | null {
  const found = new Map<string, number>();
  for (const m of text.matchAll(SELF_REFERENCE)) {
    // The capitalised words caught may run in from before ("Port-au-Prince The BBC's"): the longest run of them the
    // registry knows.
    const words = m.slice(1).find((g) => g !== undefined)!.split(/\s+/).map((w) => w.replace(/['’]s$/, '')); // "BBC's TV blog"
    let known: OutletProfile | undefined;
    for (let len = words.length; len > 0 && !known; len--) {
      for (let i = 0; i + len <= words.length && !known; i++) known = registry.lookup(words.slice(i, i + len).join(' '));
    }
    // An account's name: the outlet and an edition in capitals ("our GuardianUS Twitter page").
    for (const w of words) known ??= /^\p{Lu}\p{Ll}{2,}\p{Lu}{1,3}$/u.test(w) ? registry.lookup(w.replace(/\p{Lu}+$/u, '')) : undefined;
    // The page speaking of itself in the first person ("our GuardianUS Twitter page", "I'm Fergus Walsh, the BBC's
    // medical correspondent") weighs more than a name another outlet could write too ("Ros Atkins, a BBC presenter").
    const weight = /^(?:[Oo]ur|I\b)/.test(m[0]) ? 2 : 1;
    if (known) found.set(known.name, (found.get(known.name) ?? 0) + weight);
  }
  // The outlet written of so most often, when no other is as often.
  const [first, second] = [...found].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] > second[1]) ? first[0] : null;
}

/** An outlet opening a sentence as the one acting: "The BBC has started broadcasting…", "BBC launches…". */
const OUTLET_OPENS = /^(?:The\s+)?([\p{Lu}][\p{L}&.'’-]*(?:\s+[\p{Lu}][\p{L}&.'’-]*){0,3})\s+(?:has|have|is|are|was|were|will|\p{Ll}+s|\p{Ll}+ed)\b/u;
/** How often an outlet must be named in a page that tells its own news. */
const OWN_NEWS_MENTIONS = 3;

/**
 * The outlet whose own news a page tells: its first sentence has the outlet acting ("The BBC has started broadcasting
 * radio programs in Creole…"), the page names it again and again, and names no other outlet. Outlets announce their
 * own doings on their own pages; another outlet's report of them names its sources. The weakest reading of all: it is
 * asked only when nothing else names the page's outlet.
 */
export function ownNewsIn(text: string, head: string, registry: OutletRegistry): string | null {
  const first = text.slice(0, 300);
  const m = OUTLET_OPENS.exec(first);
  const profile = m ? registry.lookup(m[1]) : undefined;
  if (!profile) return null;
  const named = outletsNamedIn(head, registry);
  if (named.length !== 1 || named[0] !== profile.name) return null;
  const names = [profile.name, profile.fullName, ...(profile.aliases ?? [])].filter((x): x is string => Boolean(x));
  const mentions = names.reduce((k, name) => k + (head.match(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'))?.length ?? 0), 0);
  return mentions >= OWN_NEWS_MENTIONS ? profile.name : null;
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
