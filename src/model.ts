// The types that flow through the pipeline:
//   ingest (RawArticle) → clean (Article) → text (Sentence) → cluster/summarize (Event) → Report.
// Every stage is a pure function from these types to these types; none of them knows the CLI, the store or the server.

/** A problem with one input, said once, naming the input and the reason. */
export interface Diagnostic {
  /** The input it concerns: a file path, `path:line` for a JSONL line, `stdin:line`, or an article id. */
  source: string;
  /** Plain-language reason, e.g. "binary file (NUL bytes)" or "invalid JSON: Unexpected token". */
  reason: string;
  /** `skipped`: the input (or that part of it) produced no article. `warning`: read, but something was repaired or ignored. */
  severity: 'skipped' | 'warning';
}

/** The input formats the readers understand. */
export type InputFormat = 'text' | 'html' | 'jsonl' | 'rss' | 'atom';

/** One document as a reader found it, before any cleaning. */
export interface RawArticle {
  /** The id given by the input, else the file's base name without its extension (feeds: the item's guid or link). */
  id: string;
  /** Where it came from, for messages: a path, `path:line`, `stdin:line`, or `path#item-N`. */
  source: string;
  format: InputFormat;
  url?: string;
  /** A title given by the input (JSONL `title`, feed item title). HTML titles are found by the cleaner. */
  title?: string;
  /** Plain text (a .txt file, JSONL `text`). */
  text?: string;
  /** HTML (an .html file, JSONL `html`, a feed item's content). */
  html?: string;
  /** Publication date or time as given, in whatever form the input used. */
  published?: string;
  /** The outlet as given (JSONL `outlet`, a feed's channel title). */
  outlet?: string;
  /** Authors or creators named by the input (feed dc:creator, JSONL `author`). */
  authors?: string[];
  /** Encoding the bytes were decoded from, when it was not UTF-8 (e.g. `windows-1256`). */
  encoding?: string;
  /** Fields of a JSONL record that newsdesk does not know; kept as given. */
  extra?: Record<string, unknown>;
}

/** A line (or part of a line) the cleaner removed from the body, with the rule that removed it. */
export interface Removal {
  line: string;
  reason: string;
}

/** Who an article credits, and where that credit was read. */
export interface Credit {
  name: string;
  via: 'given' | 'feed' | 'metadata' | 'url' | 'dateline' | 'byline' | 'credit-line' | 'photo-credit' | 'copyright' | 'self-reference';
}

export type EntityType = 'person' | 'organization' | 'place';

/** A name as written in one article's cleaned text; `start`/`end` are UTF-16 offsets into `Article.text`. */
export interface Mention {
  start: number;
  end: number;
  /** The name as written, without its title ("Hossein Dehghan", not "Defense Minister Hossein Dehghan"). */
  text: string;
  type: EntityType;
  /** Index of the sentence it stands in. */
  sentence: number;
  /** The title or function written with it ("Iranian Defense Minister"), when the text gives one. */
  role?: string;
  /** The canonical name of the event-level entity it was resolved to (set by the understanding stage). */
  entity?: string;
}

/** A date expression in an article, resolved against the article's (or its event's) reference date. */
export interface DateMention {
  /** As written: "on Thursday", "June 9", "last September". */
  text: string;
  start: number;
  end: number;
  sentence: number;
  /** YYYY-MM-DD, YYYY-MM or YYYY by precision; null when nothing anchors it (no publication date, no reference). */
  date: string | null;
  precision: 'day' | 'month' | 'year';
}

/** A sentence's span in an article's text (the text itself is `Article.text.slice(start, end)`). */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** A cleaned article: the unit every later stage reads. */
export interface Article {
  id: string;
  source: string;
  /**
   * What tells this article from others across runs (src/store/identity.ts): its canonical URL, else the real path of
   * its input and the id the input gave it. Absent on articles stored before origins were kept.
   */
  origin?: string;
  url: string | null;
  title: string | null;
  /**
   * Where `title` came from: the input's title field ('given'), the page's metadata (<title>, og:title), a headline
   * line found in the text ('text'), or the lede's first sentence when nothing else names the report ('lede': a
   * label a reader can scan, not the outlet's headline). Null when there is no title. Absent on articles stored
   * before it was kept.
   */
  titleFrom?: 'given' | 'metadata' | 'text' | 'lede' | null;
  /** The people credited as its authors ("By Jane Marlow"), as the byline writes them. Absent on older articles. */
  authors?: string[];
  /** The outlet that published it (registry name when known). */
  outlet: string | null;
  /** News agencies credited for the text (datelines, credit lines, bylines), registry names. */
  agencies: string[];
  /** All credits found, with where each was read. */
  credits: Credit[];
  /** The dateline place, e.g. "Tehran". */
  dateline: string | null;
  /** Publication date, YYYY-MM-DD. */
  published: string | null;
  /** Where `published` came from. */
  publishedFrom: 'given' | 'metadata' | 'text' | null;
  /** ISO 639-1 code detected on the body, or null when the body is too short to tell. */
  language: string | null;
  /** The cleaned body: paragraphs separated by newlines, title lines and boilerplate removed. */
  text: string;
  removed: Removal[];
  /** Sentences of `text` (understanding stage); `citations[].sentence` indexes this list. */
  sentences?: SentenceSpan[];
  /** Names of people, organisations and places (understanding stage). */
  mentions?: Mention[];
  /** Date expressions (understanding stage). */
  dates?: DateMention[];
  /** The earliest version of the report this article copies (a syndicated wire report, a near-copy), or null. */
  duplicateOf?: string | null;
  extra?: Record<string, unknown>;
}

/** A sentence of an article's cleaned text; `start`/`end` are UTF-16 offsets into `Article.text`. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  /** Its content tokens (text stage, `contentTokens`), when the understanding stage has read it. */
  tokens?: string[];
}

/** Points at the sentence of an article that supports a statement. */
export interface Citation {
  article: string;
  sentence: number;
}

/** Someone or something the event's reports name, with every spelling merged. */
export interface Entity {
  /** Canonical name: the alias table's, else the fullest form seen. */
  name: string;
  type: EntityType;
  /** Every surface form seen (the canonical name included). */
  aliases: string[];
  /** Titles and functions written with it. */
  roles: string[];
  /** How many times it is named across the event's articles. */
  mentions: number;
  articles: string[];
}

/** Words someone said, as one or more outlets printed them. */
export interface Quote {
  /** The fullest version printed. */
  text: string;
  /** The speaker's canonical entity name (a person or an organisation), or null when unknown. */
  speaker: string | null;
  speakerRole: string | null;
  articles: string[];
  /** The distinct texts as each outlet printed them. */
  variants: string[];
}

export interface SummarySentence {
  text: string;
  citations: Citation[];
}

/** A story: the articles that tell it, and what they say. */
export interface Event {
  id: string;
  articles: string[];
  headline: string;
  summary: SummarySentence[];
  /** First and last publication date of its articles (YYYY-MM-DD), null when none is dated. */
  start: string | null;
  end: string | null;
  /** When it happened (YYYY-MM-DD), from the dates its reports give; null when they give none. */
  date?: string | null;
  entities?: Entity[];
  quotes?: Quote[];
  /** The story this event belongs to: the id of the story's first event (events of one uprising, trial, epidemic). */
  story?: string;
  /** Passages that stand (nearly) verbatim in more than one of its articles. */
  sharedPassages?: SharedPassage[];
  /** How each outlet told it: coverage, quotes and wording compared (compare stage). */
  comparison?: Comparison;
  /** Present when the event is too big to read every report whole: its entities, quotes, summary and comparison were
   * drawn from this many of its reports (every outlet's share, spread over its reporting; src/pipeline/members.ts). */
  read?: { articles: number; of: number };
}

/** An event as lists show it (the API's events page, the web front page, search results): what a reader scans before
 * opening the event. Stores keep it beside the event, so that a list never reads events whole. */
export interface EventCard {
  id: string;
  headline: string;
  date: string | null;
  start: string | null;
  end: string | null;
  /** How many articles it holds: the event itself lists them (`articles`), a card counts them, under the name the
   * API's compact event uses too. */
  articleCount: number;
  /** The identified outlets that reported it. */
  outlets: string[];
  /** How many outlets reported it: the identified ones, and one for all reports whose outlet could not be read. */
  outletCount: number;
  /** Its most prominent people and places (at most five each), in the order the event lists its entities. */
  people: string[];
  places: string[];
  story: string | null;
  /** The first sentence of its summary that does not restate its headline, for a front page (absent on cards stored
   * before it was kept, and when every sentence restates the headline). */
  lede?: string;
}

/**
 * What a page listing or citing a report shows of it: its title, outlet and day, whether it copies another, and the
 * start of its text (for a report without a title, named by its first words). Read from a store without the whole
 * article, so that a page citing a hundred reports does not parse a hundred texts.
 */
export type ReportHead = Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'duplicateOf'> & { text: string };

/** How much of a report's text its head keeps: enough for the first words that label it. */
export const REPORT_HEAD_CHARS = 300;

/**
 * An event as a page reads it: whole but for the two long lists of its comparison, the facts and the quotes'
 * coverage, which are left empty (a 600-report event's comparison is most of its megabytes). Stores keep those lists
 * in rows of their own; a page reads the slices it shows and counts the facts by `facts`.
 */
export interface EventOutline {
  event: Event;
  /** How many facts the comparison holds. */
  facts: number;
}

/** The card of an event (see EventCard). */
export function cardOf(e: Event): EventCard {
  const top = (type: Entity['type']) => (e.entities ?? []).filter((x) => x.type === type).slice(0, 5).map((x) => x.name);
  const lede = cardLede(e);
  const outlets = e.comparison?.outlets ?? [];
  return {
    id: e.id,
    headline: e.headline,
    date: e.date ?? null,
    start: e.start,
    end: e.end,
    articleCount: e.articles.length,
    outlets: outlets.filter((o) => o.identified).map((o) => o.outlet),
    outletCount: outlets.length,
    people: top('person'),
    places: top('place'),
    story: e.story ?? null,
    ...(lede ? { lede } : {}),
  };
}

/** Words of a sentence that carry its content, for telling a restatement: lower case, three letters or more. */
const contentWords = (s: string) => new Set(s.toLowerCase().match(/\p{L}{3,}/gu) ?? []);

/**
 * The first summary sentence that says more than the headline: the headline is often made from the first one ("Another
 * fifteen cases … were confirmed on 31 May" over "Another fifteen cases … were confirmed yesterday, bringing …"), and a
 * front page showing it twice wastes the reader's line. A sentence holding most of the headline's words restates it.
 */
function cardLede(e: Event): string | undefined {
  const headline = contentWords(e.headline);
  const restates = (s: string) => {
    const words = contentWords(s);
    let shared = 0;
    for (const w of headline) if (words.has(w)) shared++;
    return headline.size > 0 && shared / headline.size >= RESTATING_SHARE;
  };
  return e.summary.find((s) => !restates(s.text))?.text;
}

/** The share of a headline's content words a summary sentence holds when it restates the headline. */
const RESTATING_SHARE = 0.6;

/** When an event was reported, for people: "2010-01-12 – 2010-01-31", one day, or "undated". */
export function reportingSpan(e: { start: string | null; end: string | null }): string {
  if (!e.start) return 'undated';
  return e.end && e.end !== e.start ? `${e.start} – ${e.end}` : e.start;
}

/** The kinds of outlet the registry knows (data/outlets.json). */
export type OutletKind = 'wire agency' | 'public broadcaster' | 'state-controlled' | 'private';

/** One outlet's part in an event. */
export interface OutletCoverage {
  /** The registry name; `unidentified` for the row of all reports whose outlet could not be read. */
  outlet: string;
  identified: boolean;
  /** ISO 3166-1 alpha-2, from the registry; null when unknown. */
  country: string | null;
  kind: OutletKind | null;
  articles: string[];
  /** First and last publication date of its articles (YYYY-MM-DD), null when undated. */
  first: string | null;
  last: string | null;
  /** News agencies its articles credit (datelines, credit lines, photo credits). */
  agencies: string[];
  /** Its articles that copy another outlet's report (duplicate detection), with the original and its outlet. */
  copies: Array<{ article: string; of: string; outlet: string | null }>;
}

/** Something the event's reports say: sentences of different articles that say the same thing. */
export interface Fact {
  id: string;
  /** The fullest wording (from the earliest report that carries it). */
  text: string;
  /** Every sentence that says it. */
  citations: Citation[];
  /** The outlets that carry it (names as in `OutletCoverage.outlet`). */
  outlets: string[];
  /** How central it is to the event (higher: more of what the event is about). */
  salience: number;
}

/** A quote across the event's outlets. */
export interface QuoteCoverage {
  text: string;
  speaker: string | null;
  /** Outlets that printed it, and outlets of the event that did not. */
  carriedBy: string[];
  leftOutBy: string[];
  /** The distinct wordings, each with who printed it; more than one when outlets differ. */
  wordings: Array<{ text: string; outlets: string[]; articles: string[]; citations: Citation[] }>;
  /** Words some wordings have and others lack, e.g. "cease-fire" / "ceasefire". */
  differences: string[];
}

/** One word choice for a referent, counted per outlet. */
export interface FramingTerm {
  term: string;
  /** Outlet → times used. */
  counts: Record<string, number>;
  /** Where it is used (at most a few a term). */
  citations: Citation[];
}

/** The words outlets choose for one referent: e.g. armed groups as "terrorists" or as "rebels". */
export interface FramingContrast {
  referent: string;
  sides: Array<{ label: string; terms: FramingTerm[]; counts: Record<string, number> }>;
  /** `data`: from data/framing.json; `learned`: found by aligning sentences that report one fact in different words. */
  source: 'data' | 'learned';
}

/** How each outlet told an event. */
export interface Comparison {
  outlets: OutletCoverage[];
  /** The coverage matrix: each fact with the outlets that carry it; a fact with one outlet is that outlet's alone. */
  facts: Fact[];
  quotes: QuoteCoverage[];
  framing: FramingContrast[];
  /** Present when the event is too big to compare every report: the facts were read from this many of its reports (every outlet's share spread over its reporting; src/compare/sample.ts). */
  factsRead?: { articles: number; of: number };
  /** A plain-language paragraph on the differences that stand out, each sentence citing its articles. */
  note: SummarySentence[];
}

export interface SharedPassage {
  articles: string[];
  text: string;
}

/** An event that grew into another and was merged into it; its id keeps pointing there. */
export interface MergedEvent {
  id: string;
  mergedInto: string;
}

/** What `newsdesk analyze --json` prints; documented in docs/report.md. */
export interface Report {
  articles: Article[];
  events: Event[];
  /** Events merged into others (ids stay valid: they point at the event that absorbed them). */
  merged: MergedEvent[];
  diagnostics: Diagnostic[];
}

/** One date of a timeline: the day, and what happened on it, each sentence citing the articles that say it. */
export interface TimelineDate {
  date: string;
  sentences: SummarySentence[];
}

/** An event's page (and `newsdesk show`) lists this many of its reports at most: a flood of near-identical briefs can make one event of a million. */
export const REPORTS_SHOWN = 1000;

/** The reports shown with an event: the first REPORTS_SHOWN in its reading order, and every one it cites. */
export function articlesShownWith(e: Event): string[] {
  const ids = new Set(e.articles.slice(0, REPORTS_SHOWN));
  const cite = (cs: Citation[]) => cs.forEach((c) => ids.add(c.article));
  e.summary.forEach((s) => cite(s.citations));
  e.comparison?.note.forEach((s) => cite(s.citations));
  e.comparison?.facts.slice(0, 15).forEach((f) => cite(f.citations));
  for (const q of e.quotes ?? []) q.articles.forEach((id) => ids.add(id));
  return [...ids];
}
