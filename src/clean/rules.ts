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
