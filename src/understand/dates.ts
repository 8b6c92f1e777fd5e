// Date expressions in an article's text, resolved against a reference day, and the day an event happened.
//
// chrono-node finds the expressions; this module decides what they mean in news copy. Reports tell the past, so a month,
// a day of a month or a weekday written without a year or a forward marker ("next", "coming") is the most recent one on
// or before the reference day — chrono would pick the nearest one, which is often in the future. chrono's parsers for
// times of day, durations ("within two days", "the past two weeks", "two days later") and slash dates without a year
// ("9/11", "3/4") are left out: in news text they are far more often something else than a date.
import * as chrono from 'chrono-node';
import type { DateMention, Sentence } from '../model.js';
import { parseGivenDate } from '../clean/dates.js';
import { Budget } from './budget.js';
import { isSpaceCode } from '../text/index.js';

type Precision = DateMention['precision'];

/** chrono's parsers that news copy does not need, or that mostly find false dates in it. */
const DROPPED_PARSERS = new Set([
  'ENTimeExpressionParser', // "at 10 a.m.": a time, not a date
  'ENCasualTimeParser', // "this morning", "noon"
  'ENTimeUnitWithinFormatParser', // "in two years" ("for the first time in two years" is a duration)
  'ENTimeUnitLaterFormatParser', // "two days later": relative to the story, not to the reference
  'ENTimeUnitCasualRelativeFormatParser', // "the past two weeks": a duration
  'ENEndOfCurrentMonthParser',
  'ENSlashMonthFormatParser', // "6/2016"
]);
/** Time-zone and time-merging refiners: we keep calendar days only. */
const DROPPED_REFINERS = new Set(['ExtractTimezoneOffsetRefiner', 'ExtractTimezoneAbbrRefiner', 'ENMergeDateTimeRefiner']);
/**
 * Refiners that judge each result by the words around it, but read all the text before it (or after it) to do so:
 * "end of" before a month (ENEndOfPeriodRefiner matches a pattern anchored at the end of the whole text before each
 * result), "in" before "may" (ENUnlikelyFormatFilter), a year after a day (ENExtractYearSuffixRefiner). Over the whole
 * text that is quadratic — 40,000 paragraphs each naming a day took minutes — so each is handed a window around its result.
 */
const WINDOWED_REFINERS = new Set(['ENEndOfPeriodRefiner', 'ENUnlikelyFormatFilter', 'ENExtractYearSuffixRefiner']);
/** How much text each side of a result a windowed refiner sees: far more than the words it looks for ("the last day of the "). */
const REFINER_WINDOW = 120;

/**
 * Runs a refiner that judges results one at a time on each result with only the text around it: what it sees is
 * bounded, so its cost is linear in the number of results, whatever the length of the text.
 */
class WindowedRefiner implements chrono.Refiner {
  constructor(readonly inner: chrono.Refiner) {}

  refine = (context: chrono.ParsingContext, results: chrono.ParsingResult[]): chrono.ParsingResult[] => {
    const out: chrono.ParsingResult[] = [];
    // The context's own options, reference and debug hook; only its text is the window. One copy of the context for
    // all the results, its text set for each (a refiner reads the context only while it refines); a copy rather than
    // an object made with the context as its prototype, which costs V8 a change of the context's shape every parse.
    const window = Object.assign(Object.create(Object.getPrototypeOf(context)), context) as Omit<chrono.ParsingContext, 'text'> & { text: string };
    for (const result of results) {
      const from = Math.max(0, result.index - REFINER_WINDOW);
      const to = Math.min(context.text.length, result.index + result.text.length + REFINER_WINDOW);
      window.text = context.text.slice(from, to);
      result.index -= from;
      const kept = this.inner.refine(window as chrono.ParsingContext, [result]);
      for (const r of kept) {
        r.index += from;
        out.push(r);
      }
      if (!kept.includes(result)) result.index += from; // dropped or replaced: leave it as it was
    }
    return out;
  };
}

/** The one configured parser, built at module load. */
const PARSER: chrono.Chrono = (() => {
  const config = chrono.en.configuration.createCasualConfiguration(false);
  config.parsers = config.parsers.filter((p) => !DROPPED_PARSERS.has(p.constructor.name));
  config.refiners = config.refiners
    .filter((r) => !DROPPED_REFINERS.has(r.constructor.name))
    .map((r) => (WINDOWED_REFINERS.has(r.constructor.name) ? new WindowedRefiner(r) : r));
  return new chrono.Chrono(config);
})();

/** chrono needs a reference even when the caller has none; results that depend on it are then left unresolved. */
const PLACEHOLDER_REFERENCE = new Date(2000, 5, 15, 12);

const MONTH_WORD = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/i;
const WEEKDAY_WORD = /\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?/i;
const FULL_WEEKDAY = /^(?:sun|mon|tues|wednes|thurs|fri|satur)day$/i;
/** A month name that is also a common word or name: as a month alone it needs a word that introduces a date. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march']);
const MONTH_CONTEXT =
  /\b(?:in|since|by|until|till|through|throughout|from|to|during|of|last|next|past|this|coming|early|earlier|late|later|mid|before|after|between|and|or|around|on)[\s-]+$/i;
/** Words after which a month name followed by a capitalised word is still a month ("in June Obama said"). */
const MONTH_PREPOSITION = /\b(?:in|since|until|till|during|from|by|last|next|this|early|late|mid)[\s-]+$/i;
/** Named days that are not the weekday before or after the reference ("Black Friday", "Bloody Sunday"). */
const NAMED_DAY_BEFORE = /\b(?:black|good|bloody|super|cyber|holy|ash|palm|easter|maundy|shrove|fat|blue|giving)\s+$/i;
/** "Sunday Times", "Sunday Telegraph": a title, not a day. */
const NAMED_DAY_AFTER = /^\s+(?:times|telegraph|express|mirror|herald|mail|observer|post|star|tribune|sport|people|school|night\s+football)\b/i;
/** A forward or backward word written just before a month or weekday: "last September", "this coming Thursday". */
const MODIFIER_BEFORE = /\b(this\s+coming|the\s+coming|coming|next|last|past|this)\s+$/i;
/** A vaguer qualifier before a month or period: "earlier this year", "mid-June", "late last year". */
const QUALIFIER_BEFORE = /\b(early|earlier|late|later|mid)(?:\s+|-)$/i;
/** A year alone, introduced by a word that makes it a date: "in 2012", "since 2011", "mid-2015". */
const YEAR_WORDS = ['in', 'since', 'by', 'until', 'till', 'through', 'throughout', 'during', 'from', 'before', 'after', 'between', 'early', 'late', 'mid-', 'and', 'of', 'to'];
const YEAR_ONLY = new RegExp(`\\b(${YEAR_WORDS.join('|')})\\s*\\b((?:1[89]|20)\\d\\d)\\b`, 'gi');
/** YEAR_ONLY tried at one position (sticky): see nextYearOnly. */
const YEAR_ONLY_AT = new RegExp(YEAR_ONLY.source, 'iy');
/** The year YEAR_ONLY ends on. */
const YEAR_DIGITS = /(?:1[89]|20)\d\d/g;
/** The longest word YEAR_ONLY takes before a year ("throughout"). */
const YEAR_WORD_LENGTH = Math.max(...YEAR_WORDS.map((w) => w.length));
/** What follows a number that is a count, not a year: "in 2000 homes", "by 2012 votes". */
const COUNT_AFTER = /^(?:\s*(?:%|percent|per\b|people|persons|men|women|children|troops|soldiers|cases|deaths|dead|residents|families|homes|houses|km|kilomet|miles|met(?:er|re)s|feet|tons|tonnes|dollars|euros|pounds|units|votes|points|members|workers|jobs|barrels)|[.,]\d|\s*(?:-|–)\s*\d)/i;

/** "end of June", "the beginning of March 2011": chrono gives a day for it, but the text names part of a month. */
const PERIOD_PART = /^(?:the\s+)?(?:end|beginning|start|middle)\s+of\b/i;

const pad = (n: number) => String(n).padStart(2, '0');

interface Day {
  y: number;
  m: number;
  d: number;
}

function parseDay(s: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { y: +m[1], m: +m[2], d: +m[3] } : null;
}

/** Adds days to a calendar day (UTC arithmetic: no time zone or daylight saving in the way). */
function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function weekdayOf(day: Day): number {
  return new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
}

function format(day: Partial<Day> & { y: number }, precision: Precision): string {
  if (precision === 'year') return String(day.y);
  if (precision === 'month') return `${day.y}-${pad(day.m!)}`;
  return `${day.y}-${pad(day.m!)}-${pad(day.d!)}`;
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && y <= 2999 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A date expression found in the text, before sentences are assigned. */
interface Found {
  text: string;
  start: number;
  end: number;
  date: string | null;
  precision: Precision;
}

/** A found expression with its date: built field by field (a spread copy costs more, and every result is one). */
function withDate(found: { text: string; start: number; end: number }, date: string | null, precision: Precision): Found {
  return { text: found.text, start: found.start, end: found.end, date, precision };
}

/**
 * `ahead`: the nearest on or after the reference (a clause about the future: "police will return on Monday",
 * "a flight is scheduled to land Monday evening"), where `next` skips the reference's own day.
 */
type Modifier = 'last' | 'next' | 'this' | 'ahead' | null;

/**
 * Future markers in the clause before an expression: reports tell the past, except when the clause says what will
 * happen ("would" too: reported speech, "said the talks would be held on Wednesday"). A modal with "have" ("may have
 * fled", "would have met") is past.
 */
const FUTURE_BEFORE = /\b(?:will|shall|won['’]t|would(?!\s+(?:have|not have)\b)|going to|(?:scheduled|expected|set|slated|poised|planning|plans?|planned|due) to\b|(?:may|might)\b(?!\s+(?:have|not have)\b)|tomorrow)\b|['’]ll\b/gi;
/** A reporting verb: what follows it dates the report, not the reported plan ("…, which will open, said Monday"). */
const REPORTING_VERB = /\b(?:said|says|told|announced|reported|added|stated|confirmed|declared|warned|urged|ordered|wrote|tweeted)\b/i;

/** Whether the clause before `at` (back to a stop, semicolon, colon or line break) speaks of the future. */
function futureClause(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 160), at);
  const clause = window.slice(Math.max(window.lastIndexOf('.'), window.lastIndexOf(';'), window.lastIndexOf('\n'), window.lastIndexOf('?'), window.lastIndexOf('!')) + 1);
  let last = -1;
  FUTURE_BEFORE.lastIndex = 0;
  for (let m = FUTURE_BEFORE.exec(clause); m; m = FUTURE_BEFORE.exec(clause)) last = m.index + m[0].length;
  return last >= 0 && !REPORTING_VERB.test(clause.slice(last));
}

function modifierOf(word: string | undefined): Modifier {
  const w = (word ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (w === 'last' || w === 'past') return 'last';
  if (w === 'next' || w === 'coming' || w === 'this coming' || w === 'the coming') return 'next';
  if (w === 'this') return 'this';
  return null;
}

/** The year of a month (and day) written without one: the latest such date on or before the reference, unless told otherwise. */
function yearFor(ref: Day, month: number, day: number | null, modifier: Modifier): number {
  const key = month * 100 + (day ?? 0);
  const refKey = ref.m * 100 + (day === null ? 0 : ref.d);
  switch (modifier) {
    case 'this':
      return ref.y;
    case 'next':
      return key > refKey ? ref.y : ref.y + 1;
    case 'ahead':
      return key >= refKey ? ref.y : ref.y + 1;
    case 'last':
      return key < refKey ? ref.y : ref.y - 1;
    default:
      return key <= refKey ? ref.y : ref.y - 1;
  }
}

/** A weekday without a date: the latest one on or before the reference, unless told otherwise. */
function weekdayDate(ref: Day, weekday: number, modifier: Modifier): Day {
  const refWd = weekdayOf(ref);
  switch (modifier) {
    case 'next':
      return addDays(ref, (weekday - refWd + 7) % 7 || 7);
    case 'ahead':
      return addDays(ref, (weekday - refWd + 7) % 7);
    case 'last':
      return addDays(ref, -((refWd - weekday + 7) % 7 || 7));
    case 'this': // the one in the reference's week, Monday to Sunday
      return addDays(ref, ((weekday + 6) % 7) - ((refWd + 6) % 7));
    default:
      return addDays(ref, -((refWd - weekday + 7) % 7));
  }
}

/** The finest unit a relative expression names ("two days ago" → day, "last week" → week). */
function relativeUnit(text: string): 'day' | 'week' | 'month' | 'year' | null {
  if (/\b(?:days?|yesterday|today|tonight|tomorrow|night)\b/i.test(text)) return 'day';
  if (/\b(?:weeks?|fortnight)\b/i.test(text)) return 'week';
  if (/\bmonths?\b/i.test(text)) return 'month';
  if (/\byears?\b/i.test(text)) return 'year';
  return null;
}

function isUpperInitial(word: string): boolean {
  return word !== '' && word[0] !== word[0].toLowerCase();
}

/** The capitalised word just before `at`, if any, and whether `at` starts a sentence. */
function previousWord(text: string, at: number): { word: string; sentenceStart: boolean } {
  const m = /(\S+)\s+$/.exec(text.slice(Math.max(0, at - 30), at));
  if (!m) return { word: '', sentenceStart: true };
  return { word: m[1], sentenceStart: /[.!?:;"“”'‘’()\[\]—–-]$/.test(m[1]) };
}

/**
 * Resolves one chrono result against the reference (null: only expressions with a written year resolve). `offset`:
 * where the piece of text chrono read starts in `text`.
 */
function resolve(text: string, r: chrono.ParsedResult, offset: number, ref: Day | null): Found | null {
  let start = offset + r.index;
  let raw = r.text;
  // Trim what chrono takes around an expression: "September," "(Thursday)".
  const lead = /^[\s,(（]+/.exec(raw)?.[0].length ?? 0;
  start += lead;
  raw = raw.slice(lead).replace(/(?:[\s,)）.]|\s+of)+$/i, ''); // "September," "October of"
  if (!raw) return null;
  let end = start + raw.length;
  const c = r.start;
  const tags = r.tags();
  const monthWord = MONTH_WORD.exec(raw);
  const weekdayWord = WEEKDAY_WORD.exec(raw);
  const monthCertain = c.isCertain('month');
  const dayCertain = c.isCertain('day');
  const yearCertain = c.isCertain('year');
  const relative =
    tags.has('result/relativeDate') || tags.has('parser/ENCasualDateParser') || /^(?:this|last|past|next)\s+(?:week|month|year)s?$/i.test(raw);

  if (relative) {
    const unit = relativeUnit(raw);
    if (!unit) return null; // "now" (the present, not a day), hours, minutes, quarters
    // "the next day", "two days earlier", "a day before": counted from the story's own time, not from the reference.
    if (tags.has('result/relativeDate') && /\b(?:before|earlier)$/i.test(raw)) return null;
    if (/^(?:this|last|past|next)\s+days?$/i.test(raw)) return null;
    const q = QUALIFIER_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    if (q) start -= q[0].length;
    const found = { text: text.slice(start, end), start, end };
    if (!ref) return withDate(found, null, unit === 'year' ? 'year' : unit === 'day' ? 'day' : 'month');
    const y = c.get('year')!;
    const m = c.get('month')!;
    const d = c.get('day')!;
    if (unit === 'year') return withDate(found, format({ y }, 'year'), 'year');
    if (unit === 'month') return withDate(found, format({ y, m }, 'month'), 'month');
    if (unit === 'week') {
      // A week is not a day: its month, so that no vote for a day comes from it.
      return withDate(found, format(/^this/i.test(raw) ? ref : { y, m, d }, 'month'), 'month');
    }
    return withDate(found, format({ y, m, d }, 'day'), 'day');
  }

  // Month names must be written as names: "may" and "march" in lower case are verbs.
  if (monthWord && !isUpperInitial(monthWord[0])) return null;
  const explicitYear = yearCertain && /(?:^|\D)\d{4}(?:\D|$)/.test(raw);
  let hasYear = explicitYear;
  if (yearCertain && !explicitYear) {
    // A two-digit "year" after a day is usually a count: "on June 9, 16 people died".
    const cut = /[\s,/-]+\d{1,2}$/.exec(raw);
    if (!cut || !dayCertain) return null;
    raw = raw.slice(0, cut.index);
    end = start + raw.length;
    hasYear = false;
  }
  if (tags.has('parser/SlashDateFormatParser') && !hasYear) return null; // "9/11", "3/4"

  if (hasYear) {
    const y = c.get('year')!;
    if (y < 1000 || y > 2999) return null;
    const found = { text: raw, start, end };
    if (monthCertain && dayCertain && !PERIOD_PART.test(raw)) {
      const m = c.get('month')!;
      const d = c.get('day')!;
      return validDay(y, m, d) ? withDate(found, format({ y, m, d }, 'day'), 'day') : null;
    }
    if (monthCertain) return withDate(found, format({ y, m: c.get('month')! }, 'month'), 'month');
    return withDate(found, format({ y }, 'year'), 'year');
  }

  const before = text.slice(Math.max(0, start - 24), start);
  let modifier: Modifier = modifierOf(/^(?:on\s+)?(this|last|past|next)\b/i.exec(raw)?.[1]);
  if (!modifier) {
    const mod = MODIFIER_BEFORE.exec(before);
    if (mod) {
      modifier = modifierOf(mod[1]);
      start -= mod[0].length;
    }
  }
  if (!modifier && futureClause(text, start)) modifier = 'ahead';

  if (monthCertain) {
    const month = c.get('month')!;
    if (!dayCertain) {
      // A month alone: "in September", "last September", "mid-June", not "Theresa May" or "Protesters March".
      const prev = previousWord(text, start);
      if (!modifier) {
        if (AMBIGUOUS_MONTHS.has(monthWord?.[0].toLowerCase() ?? '') && !MONTH_CONTEXT.test(before)) return null;
        if (!MONTH_CONTEXT.test(before) && !prev.sentenceStart && isUpperInitial(prev.word)) return null; // "Theresa May"
        if (!MONTH_PREPOSITION.test(before) && /^\s+\p{Lu}\p{Ll}/u.test(text.slice(end, end + 3))) return null; // "and June Scobee"
        const q = QUALIFIER_BEFORE.exec(before);
        if (q) start -= q[0].length;
      }
      const found = { text: text.slice(start, end), start, end };
      if (!ref) return withDate(found, null, 'month');
      return withDate(found, format({ y: yearFor(ref, month, null, modifier), m: month }, 'month'), 'month');
    }
    const day = c.get('day')!;
    const found = { text: text.slice(start, end), start, end };
    if (PERIOD_PART.test(raw)) {
      // "the end of June": a part of a month, not a day.
      if (!ref) return withDate(found, null, 'month');
      return withDate(found, format({ y: yearFor(ref, month, null, modifier), m: month }, 'month'), 'month');
    }
    if (!ref) return withDate(found, null, 'day');
    const y = yearFor(ref, month, day, modifier);
    if (!validDay(y, month, day)) return withDate(found, null, 'day'); // 29 February in a common year
    return withDate(found, format({ y, m: month, d: day }, 'day'), 'day');
  }

  if (c.isCertain('weekday') || /weekend/i.test(raw)) {
    const isWeekend = /weekend/i.test(raw);
    if (!isWeekend) {
      const word = weekdayWord?.[0].replace(/\.$/, '') ?? '';
      if (!isUpperInitial(word) || !FULL_WEEKDAY.test(word)) return null; // "Sun", "Sat", "wed"
      if (NAMED_DAY_BEFORE.test(before) || NAMED_DAY_AFTER.test(text.slice(end, end + 24))) return null;
    }
    const found = { text: text.slice(start, end), start, end };
    if (!ref) return withDate(found, null, 'day');
    const weekday = isWeekend ? 6 : c.get('weekday')!;
    let day = weekdayDate(ref, weekday, modifier);
    const week = /\b(this|last|past|next)\s+week$/i.exec(raw);
    if (week && !isWeekend) {
      // "Thursday of last week", "Friday next week": that day in the week (Monday to Sunday) before or after the reference's.
      const shift = modifierOf(week[1]) === 'last' ? -7 : modifierOf(week[1]) === 'next' ? 7 : 0;
      day = addDays(weekdayDate(ref, weekday, 'this'), shift);
    }
    return withDate(found, format(day, 'day'), 'day');
  }
  return null; // a time alone, or nothing we can place
}

/**
 * The next match of YEAR_ONLY at or after `from`, the one YEAR_ONLY.exec would find from there. A match is a word,
 * spaces, then a year: it can only start within the longest word's length before the spaces before a year. Those few
 * positions before each year are tried one by one (sticky), rather than the pattern at every position of the text.
 */
function nextYearOnly(text: string, from: number): RegExpExecArray | null {
  let tried = from; // every position before this is tried (or before `from`)
  YEAR_DIGITS.lastIndex = from;
  while (YEAR_DIGITS.test(text)) {
    const year = YEAR_DIGITS.lastIndex - 4;
    let start = year;
    while (start > tried && isSpaceCode(text.charCodeAt(start - 1))) start--;
    for (let at = Math.max(tried, start - YEAR_WORD_LENGTH); at < year; at++) {
      YEAR_ONLY_AT.lastIndex = at;
      const m = YEAR_ONLY_AT.exec(text);
      if (m) return m;
    }
    tried = Math.max(tried, year);
    YEAR_DIGITS.lastIndex = year + 1;
  }
  return null;
}


/** Years alone with a word that makes them dates ("in 2012", "since 2011"), before offset `upTo`; `taken` in order of start. */
function yearsOnly(text: string, taken: Found[], upTo: number): Found[] {
  const out: Found[] = [];
  // The expressions already found that start before the current year, and the furthest any of them reaches: one pass
  // over both lists, not a look at every expression for every year.
  let before = 0;
  let reach = -1;
  for (let m = nextYearOnly(text, 0); m && m.index < upTo; m = nextYearOnly(text, m.index + m[0].length)) {
    const start = m.index;
    const end = start + m[0].length;
    if (COUNT_AFTER.test(text.slice(end, end + 16))) continue;
    if (/[$£€]\s*$/.test(text.slice(Math.max(0, start - 2), start))) continue;
    for (; before < taken.length && taken[before].start < end; before++) reach = Math.max(reach, taken[before].end);
    if (reach > start) continue; // overlaps an expression chrono found
    // "in 2012", "since 2011" keep their word; a mere link ("2010 and 2012", "a total of 2010") does not.
    const from = /^(?:and|to|of)$/i.test(m[1]) ? end - 4 : start;
    out.push({ text: text.slice(from, end), start: from, end, date: m[2], precision: 'year' });
  }
  return out;
}

/** chrono reads the text in pieces of whole lines about this long (a longer line is a piece of its own). */
const PIECE_CHARS = 20_000;

/** Runs of whole lines of `text`, each about PIECE_CHARS long, as [start, end) offsets; with `keep`, only the lines it keeps. */
function* lineRuns(text: string, keep?: (line: string) => boolean): Generator<[number, number]> {
  let runStart = -1;
  let runEnd = -1;
  for (let at = 0; at <= text.length; ) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    if (!keep || keep(text.slice(at, end))) {
      if (runStart < 0) runStart = at;
      runEnd = end;
      if (runEnd - runStart >= PIECE_CHARS) {
        yield [runStart, runEnd];
        runStart = -1;
      }
    } else if (runStart >= 0) {
      yield [runStart, runEnd];
      runStart = -1;
    }
    at = end + 1;
  }
  if (runStart >= 0) yield [runStart, runEnd];
}

const WRITTEN_YEAR = /\d{4}/;

/**
 * Every date expression in `text`, with offsets into it, resolved against `ref`. `writtenYears`: only lines that write
 * a year are read (enough for the dates that need no reference). Reading stops between pieces once `budget` is spent.
 */
function scan(text: string, ref: Day | null, budget: Budget, writtenYears = false): Found[] {
  if (!text) return [];
  const reference = ref ? new Date(ref.y, ref.m - 1, ref.d, 12) : PLACEHOLDER_REFERENCE;
  const found: Found[] = [];
  let readTo = text.length;
  // Lines never share an expression (a newline is a stop), so reading them a piece at a time finds what reading the
  // whole text at once finds, with a point between pieces to stop at.
  for (const [from, to] of lineRuns(text, writtenYears ? (line) => WRITTEN_YEAR.test(line) : undefined)) {
    if (budget.exhausted) {
      readTo = from;
      const what = writtenYears ? 'dates with a year (for the reference day)' : 'dates';
      budget.cut(`${what} read in the first ${from.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters`);
      break;
    }
    const piece = text.slice(from, to).replace(/\n/g, ';');
    for (const r of PARSER.parse(piece, reference)) {
      const f = resolve(text, r, from, ref);
      if (f && f.end > f.start) found.push(f);
    }
  }
  found.sort((a, b) => a.start - b.start);
  if (writtenYears || !WRITTEN_YEAR.test(text)) return found;
  // Not push(...): a spread of a hundred thousand arguments overflows the stack.
  return found.concat(yearsOnly(text, found, readTo)).sort((a, b) => a.start - b.start);
}

/** Index of the sentence holding offset `at`, or -1. */
function sentenceAt(sentences: Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= at) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 ? sentences[best].index : -1;
}

/**
 * Every date expression in `text`, each with its offsets, the index of the sentence it stands in (-1 when `sentences`
 * holds none before it) and its date. `reference` (YYYY-MM-DD) anchors relative expressions; without it only
 * expressions with a written year resolve, the others get `date: null`.
 */
export function findDates(text: string, sentences: Sentence[], reference: string | null, budget: Budget = Budget.unlimited()): DateMention[] {
  const ref = reference ? parseDay(reference) : null;
  return scan(text, ref, budget).map((f) => ({
    text: f.text,
    start: f.start,
    end: f.end,
    sentence: sentenceAt(sentences, f.start),
    date: f.date,
    precision: f.precision,
  }));
}

/** The latest day with a written year in a piece of text, or null. */
function latestFullDate(text: string, budget: Budget): string | null {
  let latest: string | null = null;
  for (const f of scan(text, null, budget, true)) {
    if (f.precision === 'day' && f.date && (!latest || f.date > latest)) latest = f.date;
  }
  return latest;
}

/**
 * The day an article's relative dates are read against: its publication date; else the latest full date (with a year)
 * written in its text or in its removed photo captions ("… in Tehran on June 9, 2016. (Photo by IRNA)"); else null.
 */
export function referenceDate(
  article: { published: string | null; text: string; removed: Array<{ line: string; reason: string }> },
  budget: Budget = Budget.unlimited(),
): string | null {
  if (article.published) {
    const given = parseGivenDate(article.published);
    if (given) return given;
  }
  let latest = latestFullDate(article.text, budget);
  for (const r of article.removed) {
    if (!/caption/i.test(r.reason)) continue;
    const d = latestFullDate(r.line, budget);
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/** How much a day named in a sentence counts: the lede says when it happened. */
function sentenceWeight(sentence: number): number {
  if (sentence === 0) return 3;
  if (sentence === 1 || sentence === 2) return 2;
  return 1;
}

/** What the event-level date functions read of an article. */
export type EventArticleDates = { published: string | null; text: string; sentences: Sentence[]; dates: DateMention[]; removed: Array<{ line: string; reason: string }> };

/** Each article's reference, the event's (the latest of them), and each article's dates read against its reference. */
export interface EventDates {
  refs: Array<string | null>;
  eventRef: string | null;
  /** An article with a reference of its own keeps its dates; one without reads its "on Thursday" against the event's. */
  dates: DateMention[][];
}

export function readAgainstEvent(articles: EventArticleDates[]): EventDates {
  const refs = articles.map((a) => referenceDate(a));
  let eventRef: string | null = null;
  for (const r of refs) if (r && (!eventRef || r > eventRef)) eventRef = r;
  const dates = articles.map((a, i) => (!refs[i] && eventRef ? findDates(a.text, a.sentences, eventRef) : a.dates));
  return { refs, eventRef, dates };
}

/**
 * When an event happened, from what its reports say: days named in each report vote (weight 3 in the first sentence,
 * 2 in the next two, 1 elsewhere; each report's votes sum to 1), ignoring days after the report's reference. Reports
 * without a reference of their own are read against the event's (the latest of its reports'). With no day named, the
 * day before the earliest publication date; else null.
 */
export function eventDate(articles: EventArticleDates[], read: EventDates = readAgainstEvent(articles)): string | null {
  const { refs, eventRef } = read;
  const score = new Map<string, { share: number; weight: number; articles: number }>();
  articles.forEach((_, i) => {
    const ref = refs[i] ?? eventRef;
    const dates = read.dates[i];
    const votes = new Map<string, number>();
    let total = 0;
    for (const d of dates) {
      if (d.precision !== 'day' || !d.date) continue;
      if (ref && d.date > ref) continue; // reports tell the past
      const w = sentenceWeight(d.sentence);
      votes.set(d.date, (votes.get(d.date) ?? 0) + w);
      total += w;
    }
    for (const [day, w] of votes) {
      const s = score.get(day) ?? { share: 0, weight: 0, articles: 0 };
      s.share += w / total;
      s.weight += w;
      s.articles += 1;
      score.set(day, s);
    }
  });

  // The largest share wins; ties go to the day more reports name, then to the heavier raw weight, then to the later day.
  const ranked = [...score].sort(
    ([dayA, a], [dayB, b]) =>
      (Math.abs(b.share - a.share) > 1e-9 ? b.share - a.share : 0) || b.articles - a.articles || b.weight - a.weight || (dayA < dayB ? 1 : -1),
  );
  if (ranked.length) return ranked[0][0];

  let earliest: string | null = null;
  for (const a of articles) {
    const p = a.published ? parseGivenDate(a.published) : null;
    if (p && (!earliest || p < earliest)) earliest = p;
  }
  if (!earliest) return null;
  return format(addDays(parseDay(earliest)!, -1), 'day');
}
