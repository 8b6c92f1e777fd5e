// The cleaning stage: RawArticle → Article. Finds the body, title, outlet, credits, dateline, date and language, and
// removes every line that is not reporting, listing each removal with the rule that made it.
//
// Two passes over a batch: `prepare` turns each input into normalised lines; `RecurringLines.learn` finds the lines
// that recur across an outlet's pages; `cleanPrepared` applies the rules. `cleanArticles` does all three.
import type { Article, Credit, Diagnostic, RawArticle, Removal } from '../model.js';
import { RecurringLines } from './corpus.js';
import { agencyCreditIn, canonicalName, outletsNamedIn, ownNewsIn, readDateline, selfReferenceIn, templateOutletIn } from './credits.js';
import { findDateInText, readGivenDate } from './dates.js';
import { extractHtml } from './html.js';
import { reachableId } from './id.js';
import { detectLanguage, languageFromTag } from './language.js';
import { lineKey, normalizeText, toLines, wordCount } from './normalize.js';
import { OutletRegistry, hostOf } from './registry.js';
import { gluedCaption, gluedTitle, ledeTitle, plausibleFoundTitle, withoutSiteName } from './title.js';
import {
  TEASER_MARKER,
  byline,
  endsLikeSentence,
  isFilenameLine,
  isHeadlineShaped,
  isSignature,
  leadingChrome,
  leadingStamp,
  matchPatternGroup,
  photoCaption,
  readByline,
  datedBylineAt,
  datedStampAt,
  firstSummaryPoint,
  summaryPoints,
  splitGluedFilename,
  transcriptTitle,
  type BylineRead,
} from './rules.js';

export { OutletRegistry, type OutletProfile, type OutletKind } from './registry.js';
export { RecurringLines } from './corpus.js';
export { normalizeText, repairMojibake, lineKey } from './normalize.js';
export { parseGivenDate, readGivenDate, type GivenDate } from './dates.js';

/** An input turned into normalised lines, with what its source said about it. */
export interface Prepared {
  raw: RawArticle;
  lines: string[];
  /** How lines are compared across articles: template lines repeat verbatim, so only case is folded. */
  templateKeys: string[];
  /** Title given by the input or found in the page's metadata. */
  title: string | null;
  /** Where `title` came from: the input's title field, or the page's <title>/og:title. */
  titleFrom: 'given' | 'metadata' | null;
  siteName: string | null;
  published: string | null;
  url: string | null;
  lang: string | null;
  /** Corpus statistics compare articles within this group (outlet, else web host, else one group). */
  group: string;
}

export interface CleanContext {
  registry: OutletRegistry;
  recurring: RecurringLines;
}

/** How far from the top a dateline or byline may stand, and how far from the bottom a byline or signature. */
const HEAD_LINES = 4;
const TAIL_LINES = 4;
/** Signatures close the copy, but teaser lists and widgets may follow them. */
const SIGNATURE_TAIL_LINES = 10;
/** Teaser lists under "Check Also"/"Related" are short. */
const MAX_TEASERS = 6;
/** At most this many headline-shaped lines at the very end are taken for related-story links. */
const MAX_TRAILING_HEADLINES = 3;
/** A title this long that reads as a sentence is the lede, kept in the body too. */
const LEDE_TITLE_WORDS = 12;
/** Fewer words than this left once the template lines are gone is no article: it keeps them (see cleanPrepared). */
const MIN_BODY_WORDS = 20;
/** How far into each of the first lines a dateline is looked for when none opens them. */
const HEAD_CHARS = 400;
/** A title alone stands for a report only when it says something: "Video" or "Photos" does not. */
const MIN_TITLE_ONLY_WORDS = 4;
/** Credits that can name the outlet itself (a photo's or a credit line's name the source of a part). */
const OUTLET_VIAS = new Set<Credit['via']>(['given', 'feed', 'metadata', 'url', 'byline', 'dateline']);
/** How far into a page its outlet's references to itself are looked for (captions and comment rules included). */
const SELF_REFERENCE_CHARS = 20_000;
/** A first line is cut at most this many times looking for a glued headline (a byline or stamp may come first). */
const GLUED_PARTS = 3;
/** The place and bar of a wire's page stamp ("KANSAS CITY | Fri May 1, 2009 …"): what stands before it in the stamp is
 * a headline or a byline glued to it. */
const WIRE_STAMP_PLACE = /(?:[\p{Lu}][\p{Lu}.'’-]*[ ,/]+)*[\p{Lu}][\p{Lu}.'’-]*\s*\|\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/u;
/** A byline inside a stretch of text: "By" and a capitalised word. */
const BYLINE_INSIDE = /(?:^|\s)By:?\s+(?:the\s+)?\p{Lu}/u;
/** What a headline never holds and a page stamp does: a time of day, a weekday opening it, a bar closing it. */
const STAMP_LIKE = /\b\d{1,2}[:.]\d\d\b|\|\s*$|^\W*(?:mon|tue|wed|thu|fri|sat|sun)(?:day|nesday|urday|sday)?\b\.?,?\s/i;
/** The least score of the glued-title model (src/clean/title.ts) for a cut between a headline and its standfirst. */
const PAGE_HEAD_CUT_SCORE = 0;
/** The most words of a page's head taken whole as its headline. */
const PAGE_HEAD_TITLE_WORDS = 16;

/**
 * What a page prints above its dated stamp: summary points (the first is the title when one is wanted, all are kept), a
 * headline alone, or a headline glued to its standfirst (the standfirst is kept). Kept parts are paragraphs of reporting.
 */
function pageHead(head: string, wantTitle: boolean): { title: string | null; kept: string[] } {
  if (!head) return { title: null, kept: [] };
  const points = summaryPoints(head);
  if (points) return { title: wantTitle && points[0] && plausibleFoundTitle(points[0]) ? points[0] : null, kept: points };
  if (!wantTitle) return { title: null, kept: [head] };
  // A headline and a standfirst are what stands there, so the cut between them needs less evidence than a cut in any
  // first line (PAGE_HEAD_CUT_SCORE against the model's threshold); a head that is one short line is the headline.
  const glued = gluedTitle(head, undefined, PAGE_HEAD_CUT_SCORE);
  if (glued && plausibleFoundTitle(glued.title)) return { title: glued.title, kept: [glued.rest] };
  if (wordCount(head) <= PAGE_HEAD_TITLE_WORDS && plausibleFoundTitle(head)) return { title: head, kept: [] };
  return { title: null, kept: [head] };
}

/** A bare outlet credit on its own line: "(AFP)", "— Reuters", "[SANA]". */
const BARE_CREDIT = /^[([—–-]?\s*([\p{L}][\p{L}&.' -]{1,40}?)\s*[)\]]?\.?$/u;


export function prepare(raw: RawArticle, registry: OutletRegistry): Prepared {
  let text = raw.text ?? '';
  let title = raw.title?.trim() || null;
  let titleFrom: Prepared['titleFrom'] = title ? 'given' : null;
  let siteName: string | null = null;
  let published: string | null = null;
  let url = raw.url ?? null;
  let lang: string | null = null;
  if (!raw.text && raw.html) {
    const page = extractHtml(raw.html, raw.url);
    text = page.text;
    if (!title && page.title) {
      title = page.title;
      titleFrom = 'metadata';
    }
    siteName = page.siteName;
    published = page.published;
    url ??= page.url;
    lang = page.lang;
  }
  const lines = toLines(normalizeText(text).text);
  const given = raw.outlet ?? siteName;
  if (title) title = withoutSiteName(normalizeText(title).text.replace(/\s+/g, ' ').trim(), { host: hostOf(url), outlet: given }) || null;
  if (!title) titleFrom = null;
  const group = given ? canonicalName(given, registry).name : (hostOf(url) ?? '');
  return { raw, lines, templateKeys: lines.map((l) => l.toLowerCase()), title, titleFrom, siteName, published, url, lang, group };
}

export function cleanPrepared(p: Prepared, ctx: CleanContext): { article: Article | null; diagnostics: Diagnostic[] } {
  const { registry, recurring } = ctx;
  const { raw } = p;
  const diagnostics: Diagnostic[] = [];
  const lines = [...p.lines];
  const n = lines.length;
  // Word counts are needed for few lines (those a pattern matched, title and teaser candidates): count on demand.
  const wordCache = new Int32Array(n).fill(-1);
  const words = (i: number) => (wordCache[i] >= 0 ? wordCache[i] : (wordCache[i] = wordCount(lines[i])));
  const reason: Array<string | null> = new Array(n).fill(null);
  const extraRemovals = new Map<number, Removal[]>(); // parts cut from kept lines (datelines, glued file names)
  const credits: Credit[] = [];
  const credit = (name: string, via: Credit['via']) => {
    const canonical = canonicalName(name, registry).name;
    if (!credits.some((c) => c.name === canonical && c.via === via)) credits.push({ name: canonical, via });
  };
  const kept = () => lines.map((_, i) => i).filter((i) => reason[i] === null);
  const authors: string[] = [];
  const isOutlet = (name: string) => Boolean(registry.lookup(name));
  /** A byline's people become the authors; the outlets it names that the registry knows, credits. */
  const takeByline = (by: Pick<BylineRead, 'people' | 'outlets'>) => {
    for (const person of by.people) if (!registry.lookup(person) && !authors.includes(person)) authors.push(person);
    for (const name of by.outlets) if (registry.lookup(name)) credit(name, 'byline');
  };
  const cutPart = (i: number, line: string, why: string) => extraRemovals.set(i, [...(extraRemovals.get(i) ?? []), { line, reason: why }]);
  /**
   * The start of line `i`, read as pages glue it: page stamps, bylines and a template's error message are cut off as
   * what they are, and (when `wantTitle`) a headline glued to the first paragraph is cut off and returned. A wire's
   * stamp may carry a headline and a byline before it ("New flu has been around for years in pigs: study By Maggie Fox,
   * Health and Science Editor WASHINGTON | Thu Jun 11, 2009 6:08 pm EDT …"). A cut that would leave a wrong title (a
   * caption cut short, a menu) is not made: the line is left whole.
   */
  const readHead = (i: number, wantTitle: boolean): string | null => {
    let found: string | null = null;
    for (let tries = 0; tries < GLUED_PARTS + 3; tries++) {
      // A newspaper's dated stamp after its headline and standfirst or summary points ("Swine flu plan to award GCSEs
      // without exam Exam boards may … Tuesday 5 May 2009 21.31 BST Exam boards are …"): the stamp goes, the headline
      // is the title, and the standfirst or points open a paragraph of their own before the lede.
      const stampAt = datedStampAt(lines[i]);
      const datedStamp = stampAt > 0 ? leadingStamp(lines[i].slice(stampAt)) : null;
      if (datedStamp) {
        const head = pageHead(lines[i].slice(0, stampAt).trim(), wantTitle && !found);
        if (head.title) {
          found = head.title;
          cutPart(i, head.title, 'title (glued to the first paragraph)');
        }
        cutPart(i, datedStamp.text, datedStamp.reason);
        lines[i] = [...head.kept, datedStamp.rest.trim()].filter(Boolean).join('\n');
        continue;
      }
      // A stamp the rules know is cut by them, to its last word ("… 09:40 GMT Help").
      const known = leadingStamp(lines[i]) ?? leadingChrome(lines[i]);
      if (known?.rest.trim()) {
        let stamp = known.text;
        const place = WIRE_STAMP_PLACE.exec(stamp);
        if (place && place.index > 0) {
          const before = stamp.slice(0, place.index).trim();
          stamp = stamp.slice(place.index);
          const at = before.search(BYLINE_INSIDE);
          const headline = (at >= 0 ? before.slice(0, at) : before).trim();
          const by = at >= 0 ? readByline(before.slice(at).trim(), isOutlet) : null;
          if (headline && wantTitle && !found && plausibleFoundTitle(headline)) {
            found = headline;
            cutPart(i, headline, 'title (glued to the first paragraph)');
          } else if (headline) cutPart(i, headline, known.reason);
          if (by) {
            takeByline(by);
            cutPart(i, before.slice(at).trim(), 'byline');
          } else if (at >= 0) cutPart(i, before.slice(at).trim(), known.reason);
        }
        cutPart(i, stamp, known.reason);
        lines[i] = known.rest.trim();
        continue;
      }
      // A headline before a dated byline ("… in the Middle East January 26, 2011 | By Elise Labott, CNN's …").
      const dated: number = wantTitle && !found ? datedBylineAt(lines[i]) : -1;
      if (dated > 0) {
        const headline: string = lines[i].slice(0, dated).trim();
        const after = readByline(lines[i].slice(dated), isOutlet);
        if (after && plausibleFoundTitle(headline)) {
          found = headline;
          cutPart(i, headline, 'title (glued to the first paragraph)');
          lines[i] = lines[i].slice(dated);
          continue;
        }
      }
      const by = readByline(lines[i], isOutlet);
      if (by?.rest) {
        takeByline(by);
        cutPart(i, by.text, 'byline');
        lines[i] = by.rest;
        continue;
      }
      if (found || !wantTitle) break;
      // A line opening with its dateline has no headline before it.
      if (readDateline(lines[i], registry)) break;
      const glued = gluedTitle(lines[i]);
      // A cut holding a dateline's credit ("CHICAGO (Reuters) - Using a new…") took the paragraph's start.
      if (!glued || agencyCreditIn(`${glued.title} `, registry)) break;
      // A byline the rules do not read whole is a byline still.
      const names = byline(glued.title, () => wordCount(glued.title)) ?? (/^(?:By|From)\s+\p{Lu}/u.test(glued.title) ? [] : null);
      const stamp = names ? null : (leadingStamp(glued.title)?.reason ?? (STAMP_LIKE.test(glued.title) ? 'page timestamp' : null));
      // An abbreviation closing the cut opens the paragraph instead: "… makes Haiti earthquake statement US | President
      // Barack Obama has vowed …" is cut before "US".
      const acronym = /\s(\p{Lu}{2,4})$/u.exec(glued.title);
      if (acronym && !/\s(?:in|to|from|by|of|for|with|at|on|and|the)\s\S+$/i.test(glued.title) && /^\p{Lu}/u.test(glued.rest)) {
        glued.title = glued.title.slice(0, acronym.index).trim();
        glued.rest = `${acronym[1]} ${glued.rest}`;
      }
      if (!names && !stamp && !plausibleFoundTitle(glued.title)) break;
      cutPart(i, glued.title, names ? 'byline' : (stamp ?? 'title (glued to the first paragraph)'));
      lines[i] = glued.rest;
      if (names) takeByline({ people: names, outlets: [...names, ...outletsNamedIn(glued.title, registry)] });
      if (!names && !stamp) found = glued.title;
    }
    return found;
  };

  // 1. Rules that judge a line on its own (and its distance from the ends).
  const markers: number[] = [];
  let templateRemoved = false;
  let transcriptHeader: number | null = null;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    const w = () => words(i);
    const group = matchPatternGroup(line, w);
    if (group) {
      reason[i] = group.reason;
      if (group.name === TEASER_MARKER) markers.push(i);
      else if (group.name === 'transcript' && i < HEAD_LINES) transcriptHeader ??= i;
      else if (group.name === 'reportingCredit') for (const o of outletsNamedIn(line, registry)) credit(o, 'credit-line');
      continue;
    }
    const caption = photoCaption(line, w);
    if (caption) {
      reason[i] = 'photo caption or credit';
      if (caption.credit) credit(caption.credit, 'photo-credit');
      continue;
    }
    if (isFilenameLine(line)) {
      reason[i] = 'image file name';
      continue;
    }
    const nearEdge = i < HEAD_LINES || i >= n - TAIL_LINES;
    const whole = nearEdge ? readByline(line, isOutlet) : null;
    const names = whole && !whole.rest ? null : nearEdge ? byline(line, w) : null;
    if ((whole && !whole.rest) || names) {
      reason[i] = 'byline';
      takeByline(whole && !whole.rest ? whole : { people: names!, outlets: names! });
      continue;
    }
    if (i >= n - SIGNATURE_TAIL_LINES && isSignature(line, w)) {
      reason[i] = 'author signature';
      continue;
    }
    const bare = line.length <= 60 ? BARE_CREDIT.exec(line) : null;
    if (bare && w() <= 5 && registry.lookup(bare[1]) && (nearEdge || /^[([—–-]/.test(line))) {
      reason[i] = 'credit line';
      credit(bare[1], 'credit-line');
      continue;
    }
    if (recurring.has(p.group, p.templateKeys[i])) {
      reason[i] = "recurs across this outlet's pages (template)";
      templateRemoved = true;
    }
  }

  // A copyright line names whose the page is ("© 2016 KHOU", "Copyright 2011 The Associated Press"): the outlet, or
  // the agency whose copy it carries.
  for (let i = 0; i < n; i++) if (reason[i] === 'copyright notice') for (const name of outletsNamedIn(lines[i], registry)) credit(name, 'copyright');

  // 2. The title: given or from the page's metadata; else a headline line found in the text — the first line that is
  // not boilerplate (plain text, or headline-shaped), a headline glued to the first paragraph on the first line, a
  // transcript's header, a wire's first summary point; else (below, once the body is known) the lede's first sentence,
  // short (title.ts). A found title must be plausible (`plausibleFoundTitle`): a report without a recognisable title
  // gets none rather than a wrong one. Bylines and stamps glued to the first lines are cut on the way.
  let title = p.title;
  let titleFrom: Article['titleFrom'] = p.titleFrom;
  {
    // A first line that reads as a sentence is the lede, not a title: the lede rule below makes its title.
    const canTake = (i: number) => {
      const count = wordCount(lines[i]); // counted afresh: cutting a byline or stamp changes the line
      const lede = endsLikeSentence(lines[i]) && count > LEDE_TITLE_WORDS;
      // A plain-text page's first line is what the page showed first, its title by convention, however short.
      return !lede && (raw.format === 'text' || isHeadlineShaped(lines[i], count)) && plausibleFoundTitle(lines[i], { minWords: raw.format === 'text' ? 2 : 4 });
    };
    const take = (i: number) => {
      title = lines[i];
      titleFrom = 'text';
      reason[i] = 'title';
      // The line after a title line may open with a byline or a stamp.
      const next = kept()[0];
      if (next !== undefined && next <= HEAD_LINES) readHead(next, false);
    };
    const first = kept()[0];
    if (!title && first !== undefined && canTake(first)) take(first);
    else if (first !== undefined && first < HEAD_LINES) {
      // Bylines and stamps glued to the start of the first line are cut whether or not a title is still wanted.
      const glued = readHead(first, !title && first === 0);
      if (glued) {
        title = glued;
        titleFrom = 'text';
      } else if (!title && lines[first] && canTake(first)) take(first); // what a byline left: "Egyptians in the US join the protests"
    }
    // A transcript is named by its header's first segment; a wire story by its first summary point (kept in the body).
    const named = !title && transcriptHeader !== null ? transcriptTitle(p.lines[transcriptHeader]) : null;
    const head = kept()[0];
    const point = !title && !named && head !== undefined && head < HEAD_LINES ? firstSummaryPoint(lines[head]) : null;
    for (const candidate of [named, point]) {
      if (candidate && plausibleFoundTitle(candidate)) {
        title = candidate;
        titleFrom = 'text';
        break;
      }
    }
  }
  if (title) {
    const key = lineKey(title);
    let seen = reason.includes('title');
    for (const i of kept()) {
      // Case and punctuation may differ ("TITLE", "Title:"), length barely: compare keys only for lines of about that length.
      if (Math.abs(lines[i].length - title.length) > 8 || lineKey(lines[i]) !== key) continue;
      reason[i] = seen ? 'repeated title' : 'title';
      seen = true;
    }
  }

  // 3. Page stamps glued to the start of the first lines ("Last updated at 14:59 GMT", "LONDON | Wed Jun 10, 2009 2:10
  // pm EDT"), then the dateline: alone on its line, or leading the first paragraph.
  for (const i of kept().slice(0, 3)) {
    const stamp = leadingStamp(lines[i]);
    if (!stamp) continue;
    if (!stamp.rest.trim()) {
      reason[i] = stamp.reason;
      continue;
    }
    lines[i] = stamp.rest.trim();
    extraRemovals.set(i, [...(extraRemovals.get(i) ?? []), { line: stamp.text, reason: stamp.reason }]);
  }
  let dateline: string | null = null;
  for (const i of kept().slice(0, 3)) {
    const dl = readDateline(lines[i], registry);
    if (!dl) continue;
    dateline = dl.place;
    if (dl.credit) credit(dl.credit, 'dateline');
    if (dl.rest.trim()) {
      lines[i] = dl.rest.trim();
      extraRemovals.set(i, [...(extraRemovals.get(i) ?? []), { line: dl.text, reason: 'dateline' }]);
    } else {
      reason[i] = 'dateline';
    }
    break;
  }
  // A dateline further into the first lines (after summary bullets, a stamp the rules do not know) still credits its
  // agency.
  if (!dateline) {
    const agency = agencyCreditIn(kept().slice(0, 2).map((i) => lines[i].slice(0, HEAD_CHARS)).join(' '), registry);
    if (agency) credit(agency, 'dateline');
  }

  // A photo caption glued before the lede in the first paragraph ("Michael Jackson died in June 2009 aged 50 Executors
  // of Michael Jackson's estate have asked …"): cut as a caption on its own line is, so that the lede reads alone.
  const lede = kept()[0];
  if (lede !== undefined && lede < HEAD_LINES) {
    const caption = gluedCaption(lines[lede]);
    if (caption) {
      lines[lede] = caption.rest;
      extraRemovals.set(lede, [...(extraRemovals.get(lede) ?? []), { line: caption.caption, reason: 'photo caption (glued to the lede)' }]);
    }
  }

  // 4. Teaser headlines listed under a "Check Also" / "Related" marker.
  for (const m of markers) {
    let taken = 0;
    for (let i = m + 1; i < n && taken < MAX_TEASERS; i++) {
      if (reason[i] !== null) continue;
      if (!isHeadlineShaped(lines[i], words(i))) break;
      reason[i] = `teaser headline (under "${lines[m]}")`;
      taken++;
    }
  }

  // 5. Related-story headlines left at the very end of the page: headline-shaped lines after the last sentence.
  const rest = kept();
  for (let t = 0; t < MAX_TRAILING_HEADLINES && rest.length > 3; t++) {
    const last = rest[rest.length - 1];
    const before = rest[rest.length - 2];
    if (!isHeadlineShaped(lines[last], words(last)) || !endsLikeSentence(lines[before])) break;
    reason[last] = 'related-story headline at the end of the page';
    rest.pop();
  }

  // 6. Image file names glued to the end of a sentence.
  for (const i of kept()) {
    const glued = splitGluedFilename(lines[i]);
    if (!glued) continue;
    lines[i] = glued.kept;
    extraRemovals.set(i, [...(extraRemovals.get(i) ?? []), { line: glued.filename, reason: 'image file name glued to the text' }]);
  }

  const removed: Removal[] = [];
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    removed.push(...(extraRemovals.get(i) ?? []));
    if (reason[i] === null) body.push(lines[i]);
    else removed.push({ line: p.lines[i], reason: reason[i]! });
  }
  let text = body.join('\n');
  // A page that was only chrome (a video playlist, a tweet widget, a gallery) under a title its outlet gave: the title
  // is what it reports, kept as its text rather than the report lost.
  if (!text && title && (titleFrom === 'given' || titleFrom === 'metadata') && wordCount(title) >= MIN_TITLE_ONLY_WORDS) {
    text = title;
    diagnostics.push({ source: raw.source, reason: 'no text left after cleaning (only boilerplate): its title kept as its text', severity: 'warning' });
  }
  // No title given, in the page's metadata or found in its first lines: the lede's first sentence, short (title.ts).
  if (!title && text) {
    title = ledeTitle(text);
    titleFrom = title ? 'lede' : null;
  }
  if (templateRemoved && wordCount(text) < MIN_BODY_WORDS) {
    // Corpus statistics judge a line by the other pages it recurs on, and what those are depends on which files are
    // cleaned together: they must not take what the article says. Thirteen briefs whose one line was the same were all
    // dropped as template. An article they would leave (nearly) empty is cleaned without them.
    const without = cleanPrepared(p, { ...ctx, recurring: RecurringLines.none() });
    if (without.article && wordCount(without.article.text) > wordCount(text)) return without;
  }
  if (!text) {
    diagnostics.push({ source: raw.source, reason: 'no text left after cleaning (only boilerplate or empty)', severity: 'skipped' });
    return { article: null, diagnostics };
  }

  // Outlet: as given, else the page's site name, else the web host, else whom the byline or dateline credits.
  if (raw.outlet) credit(raw.outlet, raw.format === 'rss' || raw.format === 'atom' ? 'feed' : 'given');
  else if (p.siteName) credit(p.siteName, 'metadata');
  // The web host names the outlet too when the registry does not know it ("lex18.com"): a site is an outlet.
  const fromUrl = p.url ? (registry.lookupUrl(p.url)?.name ?? hostOf(p.url)) : undefined;
  if (fromUrl) credit(fromUrl, 'url');
  if (!credits.some((c) => OUTLET_VIAS.has(c.via))) {
    // The page's head only: joining a whole page of many thousand lines to read its first characters is waste.
    let head = '';
    for (const line of p.lines) {
      if (head.length >= SELF_REFERENCE_CHARS) break;
      head += `${line}\n`;
    }
    const self = templateOutletIn(head, registry) ?? selfReferenceIn(head.slice(0, SELF_REFERENCE_CHARS), registry) ?? ownNewsIn(text, head, registry);
    if (self) credit(self, 'self-reference');
  }
  const outletCredit =
    credits.find((c) => c.via === 'given' || c.via === 'feed' || c.via === 'metadata') ??
    credits.find((c) => c.via === 'url') ??
    credits.find((c) => c.via === 'byline') ??
    credits.find((c) => c.via === 'dateline') ??
    credits.find((c) => c.via === 'copyright' && registry.lookup(c.name)?.kind !== 'wire agency') ??
    credits.find((c) => c.via === 'self-reference');
  const agencies = [
    ...new Set(
      credits
        .filter((c) => c.via === 'dateline' || c.via === 'credit-line' || c.via === 'byline' || c.via === 'copyright')
        .filter((c) => {
          const kind = registry.lookup(c.name)?.kind;
          return kind === 'wire agency' || (kind === undefined && c.via !== 'byline');
        })
        .map((c) => c.name),
    ),
  ];

  // Publication date: given, else page metadata, else a full date in the first lines of the page.
  let published: string | null = null;
  let publishedFrom: Article['publishedFrom'] = null;
  if (raw.published) {
    const given = readGivenDate(raw.published);
    published = given.day;
    if (published) publishedFrom = 'given';
    else {
      const reason = given.impossible ? `publication date impossible, not used: "${raw.published.slice(0, 60)}" (${given.problem})` : `publication date not understood: "${raw.published.slice(0, 60)}"`;
      diagnostics.push({ source: raw.source, reason, severity: 'warning' });
    }
  }
  if (!published && p.published) {
    const given = readGivenDate(p.published);
    published = given.day;
    if (published) publishedFrom = 'metadata';
    // Pages carry all sorts in their date fields (left unread, as before); a date that cannot be is worth a word.
    else if (given.impossible) diagnostics.push({ source: raw.source, reason: `publication date in the page's metadata impossible, not used: "${p.published.slice(0, 60)}" (${given.problem})`, severity: 'warning' });
  }
  if (!published) {
    published = findDateInText(p.lines.slice(0, 3).join('\n'));
    if (published) publishedFrom = 'text';
  }

  const id = reachableId(raw.id);
  if (id !== raw.id) diagnostics.push({ source: raw.source, reason: `id changed to fit in a URL: stored as "${id.length > 80 ? `${id.slice(0, 40)}…${id.slice(-20)}` : id}"`, severity: 'warning' });
  const article: Article = {
    id,
    source: raw.source,
    url: p.url,
    title,
    titleFrom: title ? titleFrom : null,
    authors,
    outlet: outletCredit?.name ?? null,
    agencies,
    credits,
    dateline,
    published,
    publishedFrom,
    language: detectLanguage(text) ?? (p.lang ? languageFromTag(p.lang) : null),
    text,
    removed,
  };
  if (raw.extra && Object.keys(raw.extra).length) article.extra = raw.extra;
  return { article, diagnostics };
}

export interface CleanOptions {
  registry?: OutletRegistry;
  /** Template lines learned from a larger corpus; by default they are learned from this batch. */
  recurring?: RecurringLines;
  /** Template lines learned from earlier batches of the same stream: kept beside what this batch teaches. */
  learnedBefore?: RecurringLines;
}

/**
 * Cleans a batch: prepares every input, learns the outlets' template lines from the batch, then applies the rules.
 * Returns the template lines it used, for the next batch of a stream.
 */
export function cleanArticles(raws: RawArticle[], options: CleanOptions = {}): { articles: Article[]; diagnostics: Diagnostic[]; recurring: RecurringLines } {
  const registry = options.registry ?? OutletRegistry.load();
  const diagnostics: Diagnostic[] = [];
  const prepared: Prepared[] = [];
  for (const raw of raws) {
    try {
      prepared.push(prepare(raw, registry));
    } catch (err) {
      diagnostics.push({ source: raw.source, reason: `could not be read as ${raw.format}: ${(err as Error).message}`, severity: 'skipped' });
    }
  }
  const learned = options.recurring ?? RecurringLines.learn(prepared);
  const recurring = options.learnedBefore ? learned.with(options.learnedBefore) : learned;
  const articles: Article[] = [];
  for (const p of prepared) {
    const result = cleanPrepared(p, { registry, recurring });
    diagnostics.push(...result.diagnostics);
    if (result.article) articles.push(result.article);
  }
  return { articles, diagnostics, recurring };
}
