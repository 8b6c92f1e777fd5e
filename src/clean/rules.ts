// Line rules, in the manner of Readability's heuristics: each is named, says why it exists, and returns the reason
// a line is not reporting. Pattern groups (page furniture, comment forms, players, promos) are data: data/boilerplate.json.
import { loadJson } from '../data.js';
import { wordCount } from './normalize.js';

interface PatternGroupSpec {
  reason: string;
  maxWords: number;
  unanchored?: boolean;
  /** A group of leading parts of lines (see leadingStamp), not of whole lines. */
  leading?: boolean;
  /** A leading group also looked for within the first words of a line, after the page's head (see datedStampAt). */
  inside?: boolean;
  /** Unanchored groups: a line is tested only when it contains one of these words. */
  triggers?: string[];
  patterns: string[];
}
interface PatternGroup {
  name: string;
  reason: string;
  maxWords: number;
  triggers: RegExp | null;
  regex: RegExp;
}

const spec = loadJson<Record<string, PatternGroupSpec | string>>('boilerplate.json');

/**
 * Each group compiles to one alternation, so a line costs one regex test per group. The `u` flag is set only for
 * groups that need Unicode classes: case-insensitive Unicode matching is several times slower in V8.
 */
const GROUPS: PatternGroup[] = Object.entries(spec)
  .filter((entry): entry is [string, PatternGroupSpec] => typeof entry[1] === 'object' && !entry[1].leading)
  .map(([name, g]) => {
    const flags = g.patterns.some((p) => p.includes('\\p{')) ? 'iu' : 'i';
    return {
      name,
      reason: g.reason,
      maxWords: g.maxWords,
      triggers: g.unanchored && g.triggers ? new RegExp(`\\b(?:${g.triggers.join('|')})\\b`, 'i') : null,
      regex: g.unanchored
        ? new RegExp(g.patterns.map((p) => `(?:${p})`).join('|'), flags)
        : new RegExp(`^(?:${g.patterns.join('|')})\\s*[.:!|»›>-]*$`, flags),
    };
  });

export const TEASER_MARKER = 'teaserMarker';

/** Any unanchored group's trigger word: one scan tells whether any of those groups needs a look. */
const ANY_TRIGGER = new RegExp(
  `\\b(?:${GROUPS.flatMap((g) => (g.triggers ? (spec[g.name] as PatternGroupSpec).triggers! : [])).join('|')})\\b`,
  'i',
);

/**
 * The pattern group a line belongs to, if any. `words` counts the line's words; it is called only when a pattern
 * matched (most lines match none, and counting words costs more than an anchored regex that fails at once).
 */
export function matchPatternGroup(line: string, words: () => number): PatternGroup | undefined {
  let triggered: boolean | undefined;
  for (const g of GROUPS) {
    if (g.triggers && !(triggered ??= ANY_TRIGGER.test(line))) continue;
    if (g.triggers && !g.triggers.test(line)) continue;
    if (g.regex.test(line) && words() <= g.maxWords) return g;
  }
  return undefined;
}

/** The leading groups: parts a scraper glued to the start of a line (page timestamps), each one regex. */
const LEADING = Object.values(spec)
  .filter((g): g is PatternGroupSpec => typeof g === 'object' && Boolean(g.leading))
  .map((g) => ({ reason: g.reason, regex: new RegExp(`^(?:${g.patterns.join('|')})\\s*`, g.patterns.some((p) => p.includes('\\p{')) ? 'iu' : 'i') }));

/**
 * A page stamp glued to the start of a line ("Page last updated at 23:19 GMT, Tuesday, 19 January 2010 …",
 * "WASHINGTON | Mon May 11, 2009 5:40 pm EDT WASHINGTON (Reuters) - …"): the stamp, its reason, and the rest of the line.
 */
export function leadingStamp(line: string): { text: string; reason: string; rest: string } | null {
  for (const g of LEADING) {
    const m = g.regex.exec(line);
    if (m && m[0].trim()) return { text: m[0].trim(), reason: g.reason, rest: line.slice(m[0].length) };
  }
  return null;
}

/** A line that ends like a sentence: final punctuation, possibly inside closing quotes or brackets. */
const TERMINAL = /[.!?…:;](?:\s?["'”’»)\]])*$/;
export function endsLikeSentence(line: string): boolean {
  return TERMINAL.test(line);
}

/**
 * Headline-shaped: short, starts with a capital or digit, no final punctuation. Titles, subheadings and teaser links
 * look like this; reporting paragraphs do not. Whether such a line is kept depends on where it stands (see index.ts).
 */
export function isHeadlineShaped(line: string, words = wordCount(line)): boolean {
  return words >= 2 && words <= 20 && /^["“‘']?[\p{Lu}\p{N}]/u.test(line) && !endsLikeSentence(line);
}

// Photo captions and credits. A caption is a description of a picture, not reporting, even when it states facts
// (they repeat the text); its credit tells who took the picture, which we keep as a credit.
const CAPTION_TRAILING_CREDIT = /\((?:(?:file |archive )?(?:photo|photograph|picture|image|video)s?(?:\s+by|\s*:|\s+credit:?|\s+courtesy(?: of)?)|courtesy(?: of)?|credit:?)\s*([^()]{2,60})\)\s*\.?$/i;
const CAPTION_LEADING_CREDIT = /^(?:(?:file|archive)\s+)?(?:photo|photograph|picture|image)s?\s*(?:by|:|credit:?|courtesy(?: of)?)\s*(.{2,60}?)\.?$/i;
const CAPTION_NAME_PHOTO = /^((?:[\p{Lu}][\p{L}.&'-]*\s+){0,3}[\p{Lu}][\p{L}.&'-]*)\s+(?:file\s+)?(?:[Pp]hoto|[Pp]hotograph|[Pp]icture|[Ii]mage)s?\.?$/u;
const CAPTION_PHOTO_AGENCY = /(?:\s|\/|\()(?:getty images|afp via getty images|shutterstock|epa-efe|ap photo\/[^)]{2,40}|reuters\/[^)]{2,40})\)?\.?$/i;

export function photoCaption(line: string, words: () => number): { credit: string | null } | null {
  // Credits and agency marks stand at the end of a caption: testing the tail is enough, and cheap on long paragraphs.
  const tail = line.slice(-80);
  let m = CAPTION_TRAILING_CREDIT.exec(tail);
  if (m && words() <= 80) return { credit: m[1].trim() };
  const agencyMark = CAPTION_PHOTO_AGENCY.test(tail);
  if (line.length > 120) return agencyMark && words() <= 60 ? { credit: null } : null;
  m = CAPTION_LEADING_CREDIT.exec(line) ?? CAPTION_NAME_PHOTO.exec(line);
  if (m && words() <= 12) return { credit: m[1].trim() };
  return agencyMark ? { credit: null } : null;
}

/** "By Press TV", "By Amir Ahmed, CNN": the names after "By", split on commas, "and", "|" and "/". */
const BYLINE = /^by\s+([^.!?]{2,100}?)\.?$/i;
export function byline(line: string, words: () => number): string[] | null {
  const m = BYLINE.exec(line);
  if (!m || words() > 12) return null;
  const names = m[1].split(/\s*(?:,|\||\/|\band\b|&)\s*/i).map((s) => s.trim()).filter(Boolean);
  // Every part must look like a name ("Amir Ahmed", "CNN"), or "By Friday night, the protesters…" would pass.
  return names.every((s) => /^[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}$/u.test(s)) ? names : null;
}

/**
 * An author signature closing an agency report: initials or given names joined by slashes ("Manar / Ghossoun",
 * "H. Said / A. Nasr"). Only trusted near the end of an article, where agencies put them.
 */
const NAME_PART = "[\\p{Lu}][\\p{L}.'-]*(?:\\s[\\p{Lu}][\\p{L}.'-]*){0,2}";
const SIGNATURE = new RegExp(`^${NAME_PART}(?:\\s*/\\s*${NAME_PART})+$`, 'u');
export function isSignature(line: string, words: () => number): boolean {
  return line.length <= 80 && SIGNATURE.test(line) && words() <= 8;
}

/**
 * An image's file name glued to the end of a sentence by a scraper that dropped the <img> tag:
 * "…he said.Shamkhani-al-Freij-Iran-Syria 1". Hyphen-joined words with no spaces, after a sentence end, at the end of a line.
 */
const GLUED_FILENAME = /(?<=[.!?…]["'”’»)]?)\s*([\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+){2,}(?:[ _-]?\d{1,3})?(?:\.(?:jpe?g|png|gif|webp|avif))?)$/u;
const FILENAME_LINE = /^[\p{L}\p{N}_-]+\.(?:jpe?g|png|gif|webp|avif|svg)$/iu;

export function splitGluedFilename(line: string): { kept: string; filename: string } | null {
  const tail = line.slice(-100);
  if (!tail.includes('-') && !tail.includes('_')) return null; // no chain of joined words: skip the costly look-behind
  const m = GLUED_FILENAME.exec(tail);
  if (!m) return null;
  return { kept: line.slice(0, line.length - tail.length + m.index).trimEnd(), filename: m[1] };
}
export function isFilenameLine(line: string): boolean {
  return FILENAME_LINE.test(line);
}

// Bylines as pages write them, alone on their line or glued to what follows ("By Peter Bowes BBC News, Los Angeles
// Jackson was due to play…"): "By Jane Marlow", "By: Jane Marlow", "By Amir Ahmed, CNN", "By Tarek Osman, Special to
// CNN", "By Bryony Jones for CNN", "By Elise Labott, CNN's Senior State Department Producer", "By Maggie Fox, Health
// and Science Editor", "By Jonathan Marcus BBC Diplomatic Correspondent", "By David Willis BBC News, Los Angeles",
// "January 25, 2011 | By Amir Ahmed, CNN", "By the CNN Wire Staff". Nothing marks where a glued byline ends but its
// grammar: names of two words (three with an initial or before a comma), then the outlet, a role ending in a word
// such as "Correspondent", or a place after the outlet's desk. What follows is left as it was.

/** What a byline credits: the people it names (the article's authors) and the organisations (outlets, desks). */
export interface BylineRead {
  /** The byline as written, to be listed among the removals. */
  text: string;
  people: string[];
  outlets: string[];
  /** What follows the byline on its line (empty when the byline is the whole line). */
  rest: string;
}

const BYLINE_DATE = /^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4})\s*\|\s*/i;
const BYLINE_HEAD = /^(?:By|BY|From)\s*:?\s+/;
const BYLINE_NAME = /^[\p{Lu}][\p{L}'’.-]*$/u;
const BYLINE_INITIAL = /^\p{Lu}\.$/u;
const BYLINE_PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'al', 'bin', 'el', 'da', 'di', 'la', 'le', 'du', 'dos', 'del']);
/** Words that end a role ("Senior State Department Producer", "Health and Science Editor"). */
const BYLINE_ROLE = /^(?:correspondents?|editors?|producers?|reporters?|writers?|columnists?|contributors?|analysts?|commentators?|presenters?|hosts?|anchors?|directors?|chief|staff|journalists?|photographers?|researchers?|economists?)$/i;
/** Capitalised words that open sentences or name times, never a person's name in a byline ("By Friday night, …"). */
const BYLINE_NOT_NAME = new Set(
  'the a an in on at for after as when while with by during since this it there he she they we his her its their our one two three some many more most police officials monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today yesterday now new update updated posted'.split(' '),
);
const ALL_CAPS_WORD = /^[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*$/u;

let knownPlaces: Set<string> | undefined;
/** Places from the gazetteer, read when a byline first names a desk's place ("BBC News, Los Angeles"). */
function isKnownPlace(name: string): boolean {
  if (!knownPlaces) {
    const places = loadJson<{ places: Record<string, unknown> }>('gazetteer/places.json').places;
    const regions = loadJson<{ places: string[] }>('gazetteer/regions.json').places;
    knownPlaces = new Set([...Object.keys(places), ...regions].map((p) => p.toLowerCase()));
  }
  return knownPlaces.has(name.toLowerCase());
}

/**
 * A byline at the start of `line` (after a "January 25, 2011 |" date), with the people and organisations it names
 * and what follows it; null when the line does not open with one. `isOutlet` says whether a name is a known outlet.
 */
export function readByline(line: string, isOutlet: (name: string) => boolean): BylineRead | null {
  const date = BYLINE_DATE.exec(line);
  const from = date ? date[0].length : 0;
  const head = BYLINE_HEAD.exec(line.slice(from));
  if (!head) return null;
  // "From Hada Messia, CNN" is a byline only with its outlet or its date; "From New York, …" is not one.
  const from_ = head[0].startsWith('From');
  const tokens = [...line.slice(from + head[0].length).matchAll(/\S+/g)].map((m) => ({ text: m[0], end: from + head[0].length + m.index! + m[0].length }));
  const n = tokens.length;
  const word = (j: number) => (j < n ? tokens[j].text.replace(/[,;:]$/, '') : '');
  const endsComma = (j: number) => j < n && /,$/.test(tokens[j].text);
  const people: string[] = [];
  const outlets: string[] = [];
  /** The longest run of 1–4 words from j that names a known outlet ("BBC News", "CNN's"): its end, or -1. */
  const outletAt = (j: number): number => {
    for (let len = Math.min(4, n - j); len > 0; len--) {
      const words = tokens.slice(j, j + len).map((t) => t.text);
      if (words.slice(0, -1).some((w) => /[,;:]$/.test(w))) continue;
      const name = words.join(' ').replace(/[,;:]$/, '').replace(/['’]s$/, '');
      if (/^\p{Lu}/u.test(name) && isOutlet(name)) {
        outlets.push(name);
        return j + len;
      }
    }
    return -1;
  };
  /** A role of capitalised words ending in a word such as "Editor": its end, or -1. */
  const roleAt = (j: number): number => {
    for (let k = j; k < Math.min(n, j + 6); k++) {
      const w = word(k);
      if (BYLINE_ROLE.test(w)) return k + 1; // "BBC North America editor" writes its role in lower case
      if (!(/^\p{Lu}/u.test(w) || (k > j && /^(?:and|of|for|&)$/.test(w)))) return -1;
      if (endsComma(k)) return -1;
    }
    return -1;
  };
  /** A desk's place after the outlet ("Los Angeles"): the longest known place of up to three words, else one word. */
  const placeAt = (j: number): number => {
    for (let len = 3; len > 0; len--) {
      if (j + len > n) continue;
      const name = tokens.slice(j, j + len).map((t) => t.text).join(' ').replace(/[,;:.]$/, '');
      if (tokens.slice(j, j + len - 1).some((t) => /[,;:]$/.test(t.text))) continue;
      if (isKnownPlace(name)) return j + len;
    }
    return /^\p{Lu}/u.test(word(j)) && !BYLINE_NOT_NAME.has(word(j).toLowerCase()) ? j + 1 : -1;
  };
  /** A person's name from j: its end, or -1. */
  const nameAt = (j: number): number => {
    let k = j;
    while (k < n && k - j < 4) {
      const w = word(k);
      const count = k - j;
      const isName = BYLINE_NAME.test(w) || (count > 0 && count < 3 && BYLINE_PARTICLES.has(w));
      if (!isName || BYLINE_NOT_NAME.has(w.toLowerCase())) break;
      // A word in capitals after a name is a dateline ("… Noel Randewich MEXICO CITY (Reuters)"); an outlet ends it too.
      if (count > 0 && ((ALL_CAPS_WORD.test(w) && !BYLINE_INITIAL.test(w)) || isOutlet(w))) break;
      k++;
      if (endsComma(k - 1)) break;
      // Two words make a name; a third only after an initial ("John D. Sutter") or when the name plainly ends after it.
      if (k - j >= 2 && !BYLINE_INITIAL.test(w) && !BYLINE_INITIAL.test(word(k - 2))) {
        const next = word(k);
        const after = word(k + 1);
        const endsAfterNext = endsComma(k) || /^(?:and|&|\|)$/.test(after) || k + 1 >= n;
        if (!(k - j < 3 && BYLINE_NAME.test(next) && !BYLINE_NOT_NAME.has(next.toLowerCase()) && endsAfterNext && !isOutlet(next))) break;
      }
    }
    const count = k - j;
    if (count < 2) return -1;
    people.push(tokens.slice(j, k).map((t) => t.text).join(' ').replace(/[,;:]$/, ''));
    return k;
  };

  let end: number;
  // "By the CNN Wire Staff", "By The Associated Press".
  if (/^the$/i.test(word(0))) {
    const staff = tokens.slice(1, 6).findIndex((t) => /^staff[,.]?$/i.test(t.text));
    if (staff >= 0 && tokens.slice(1, staff + 1).every((t) => /^\p{Lu}/u.test(t.text))) {
      const desk = tokens.slice(1, staff + 1).map((t) => t.text).filter((w) => !/^Wires?$/.test(w)).join(' ');
      if (desk) outlets.push(desk);
      end = staff + 2;
    } else {
      end = outletAt(1);
      if (end < 0) return null;
    }
  } else {
    // "By Press TV", "By CNN": the outlet alone.
    end = BYLINE_NAME.test(word(1)) && !isOutlet(`${word(0)} ${word(1)}`) ? -1 : outletAt(0);
    if (end < 0) end = nameAt(0);
    if (end < 0) return null;
    for (let guard = 0; guard < 6 && end < n; guard++) {
      const w = word(end);
      if (/^(?:and|&)$/.test(w)) {
        const next = nameAt(end + 1);
        if (next < 0) break;
        end = next;
      } else if (endsComma(end - 1)) {
        // After a comma: another name, "Special to CNN", "For CNN", the outlet (and its role), or a role.
        let next = -1;
        if (/^special$/i.test(w) && /^to$/i.test(word(end + 1))) next = outletAt(end + 2);
        else if (/^for$/i.test(w)) next = outletAt(end + 1);
        if (next < 0) next = outletAt(end);
        if (next >= 0 && /['’]s$/.test(tokens[next - 1].text)) next = Math.max(next, roleAt(next));
        else if (next >= 0 && !endsComma(next - 1)) next = Math.max(next, roleAt(next));
        if (next < 0) next = roleAt(end);
        if (next < 0 && (endsComma(end + 1) || /^(?:and|&)$/.test(word(end + 2)) || /^(?:and|&)$/.test(word(end + 3)))) next = nameAt(end);
        if (next < 0) break;
        end = next;
      } else if (/^for$/.test(w)) {
        const next = outletAt(end + 1);
        if (next < 0) break;
        end = next;
      } else {
        // Straight after the name: the outlet's desk and a role or a place ("BBC Diplomatic Correspondent", "BBC
        // News, Los Angeles").
        let next = outletAt(end);
        if (next < 0) break;
        const role = roleAt(next);
        if (role >= 0) next = role;
        else if (endsComma(next - 1)) next = Math.max(next, placeAt(next));
        end = next;
        break;
      }
    }
  }
  if (from_ && !date && outlets.length === 0) return null;
  // "By Frank Ahrens | December 20, 2009; 11:55 PM ET | Permalink": a bar and what follows close a byline line.
  const bar = end < n && word(end) === '|';
  const at = end > 0 ? tokens[end - 1].end : from + head[0].length;
  const rest = bar ? '' : line.slice(at).trim();
  return { text: (bar ? line : line.slice(0, at)).trim(), people, outlets, rest };
}

/**
 * Chrome a page template glued to the start of a line, cut like a stamp: a server's error message in place of an
 * included part ("(an error occurred while processing this directive)"), a story's tabs, a section's promotion.
 */
const LEADING_CHROME: Array<{ reason: string; regex: RegExp }> = [
  { reason: 'page template error message', regex: /^[([]?an error occurred while processing this directive[)\]]?\s*/i },
  // "" This Story: Read + | Watch + | Talk + |": a story's tabs.
  { reason: 'page furniture (story tabs)', regex: /^["“]?\s*This Story:(?:\s*(?:Read|Watch|Talk|View All Items in This Story)\s*\+?\s*\|?)+\s*/i },
  // "For the latest political news: www.CNNPolitics.com": a promotion of the site's section.
  { reason: 'promotion of a section of the site', regex: /^For the latest [\p{L} ]{2,40}:\s*(?:https?:\/\/)?(?:www\.)?\S+\.(?:com|org|net|co\.uk)\S*\s+/iu },
];
export function leadingChrome(line: string): { text: string; reason: string; rest: string } | null {
  for (const c of LEADING_CHROME) {
    const m = c.regex.exec(line);
    if (m) return { text: m[0].trim(), reason: c.reason, rest: line.slice(m[0].length) };
  }
  return null;
}

/**
 * The title of a broadcast transcript from its header: "Interview With Hillary Clinton; Interviews With Senators
 * McCain, Schumer Aired January 30, 2011 - 09:00 ET THIS IS A RUSH TRANSCRIPT…" lists the show's segments before the
 * air date; the first segment names the transcript.
 */
const TRANSCRIPT_HEADER = /^(.{8,400}?)\s+Aired\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\b/;
export function transcriptTitle(line: string): string | null {
  const m = TRANSCRIPT_HEADER.exec(line);
  return m ? m[1].split(/\s*;\s*/)[0].trim() || null : null;
}

/** A bullet opening a summary point: an asterisk or a bullet sign, or "cents", which an ASCII transliteration makes of
 * the bullet sign ("cents BA cabin steward in isolation ward cents Mexico invokes special measures …"). */
const POINT_MARK = '(?:[*•·¢]|cents)';
const SUMMARY_POINTS = new RegExp(`^(?:\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*)?${POINT_MARK}\\s+(.+?)\\s+${POINT_MARK}\\s+`);
const POINT_OPENING = new RegExp(`^${POINT_MARK}\\s+`);
const POINT_BETWEEN = new RegExp(`\\s+${POINT_MARK}\\s+`);

/** Summary points a wire puts before its story ("* Mexican government announces fatal swine flu outbreak * New
 * mixture of viruses never seen before * …"): the first of them, when the line opens with them. */
export function firstSummaryPoint(line: string): string | null {
  const m = SUMMARY_POINTS.exec(line);
  return m ? m[1].trim() : null;
}

/** The summary points a stretch of text opening with a bullet holds ("• A • B" → ["A", "B"]); null when it opens
 * with none. */
export function summaryPoints(text: string): string[] | null {
  const open = POINT_OPENING.exec(text);
  if (!open) return null;
  return text.slice(open[0].length).split(POINT_BETWEEN).map((s) => s.trim()).filter(Boolean);
}

/** The `inside` leading groups of data/boilerplate.json, as one pattern to find within a line. */
const STAMP_INSIDE = new RegExp(
  `\\s(?:${Object.values(spec)
    .filter((g): g is PatternGroupSpec => typeof g === 'object' && Boolean(g.leading && g.inside))
    .flatMap((g) => g.patterns)
    .join('|')})`,
  'i',
);
/** How far into a line a page's head may run before its stamp. */
const STAMP_INSIDE_CHARS = 600;

/** A page's dated stamp after its headline and standfirst, as the Guardian prints it ("… if virus stops tests Tuesday 5
 * May 2009 21.31 BST Exam boards are …"): where it starts in `line`, or -1 (the `inside` groups of boilerplate.json). */
export function datedStampAt(line: string): number {
  const m = STAMP_INSIDE.exec(line.slice(0, STAMP_INSIDE_CHARS));
  return m ? m.index + 1 : -1;
}

/** Where a dated byline stands inside a line ("Analysis: U.S. stuck between support and concern January 26, 2011 | By
 * Elise Labott, CNN's …"): what comes before it is the page's headline. -1 when there is none. */
const DATED_BYLINE = /\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\s*\|\s*(?:By|From)\s/i;
export function datedBylineAt(line: string): number {
  const m = DATED_BYLINE.exec(line.slice(0, 400));
  return m ? m.index + 1 : -1;
}
