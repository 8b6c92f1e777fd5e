// Publication dates: given in many forms (ISO 8601, RFC 822 from feeds, "June 9, 2016" in page headers); we keep the calendar day.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** "June 9, 2016", "Jun. 9 2016", "Thu Jun 9, 2016". */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
/** "9 June 2016", "9th of June, 2016". */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'i');
/** "2016-06-09", optionally with a time. */
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null; // 31 June and the like
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The first full calendar date (with a year) written in a piece of text, or null. */
export function findDateInText(text: string): string | null {
  const candidates: Array<{ at: number; day: string | null }> = [];
  const iso = ISO_DAY.exec(text);
  if (iso) candidates.push({ at: iso.index, day: isoDay(+iso[1], +iso[2], +iso[3]) });
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) candidates.push({ at: mdy.index, day: isoDay(+mdy[3], MONTHS[mdy[1].toLowerCase()], +mdy[2]) });
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) candidates.push({ at: dmy.index, day: isoDay(+dmy[3], MONTHS[dmy[2].toLowerCase()], +dmy[1]) });
  const found = candidates.filter((c) => c.day).sort((a, b) => a.at - b.at)[0];
  return found?.day ?? null;
}

/** Zone names feeds and pages write after a time, as minutes east of UTC (RFC 822's, and the common European and Asian
 * ones). Names that mean several zones (IST: India, Israel, Ireland) are not here: such a time keeps its written day. */
const ZONES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  BST: 60, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  PKT: 300, WIB: 420, SGT: 480, HKT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** A date given by an input, read: its UTC day, or why there is none. */
export type GivenDate = { day: string; problem?: undefined; impossible?: undefined } | { day: null; problem: string; impossible: boolean };

/** The date part of a given value: ISO first ("2016-06-09", "20160609", "2016/06/09"), else written with a month name. */
function givenDatePart(s: string): { y: number; m: number; d: number; end: number } | null {
  const iso = /^(\d{4})(\d{2})(\d{2})(?=$|T)/.exec(s) ?? /(?<![\d.])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/.exec(s);
  if (iso) {
    const [y, m, d] = iso.length === 4 ? [iso[1], iso[2], iso[3]] : [iso[1], iso[3], iso[4]];
    return { y: +y, m: +m, d: +d, end: iso.index + iso[0].length };
  }
  const mdy = MONTH_DAY_YEAR.exec(s);
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (mdy && (!dmy || mdy.index <= dmy.index)) return { y: +mdy[3], m: MONTHS[mdy[1].toLowerCase()], d: +mdy[2], end: mdy.index + mdy[0].length };
  if (dmy) return { y: +dmy[3], m: MONTHS[dmy[2].toLowerCase()], d: +dmy[1], end: dmy.index + dmy[0].length };
  return null;
}

/** A time after the date: "T10:00", " 23:30:00", "10:15:30.123", "10:00 PM". */
const TIME = /^(?:[T\s,]|\s*at\s+)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*([ap])\.?m\.?(?![a-z]))?/i;
/** A zone after the time: "Z", "+02:00", "-0500", "+05", "GMT+0200", "UTC", "EST", "(CEST)". */
const ZONE = /^\s*(?:(?:GMT|UTC?)?\s*([+-])(\d{2}):?(\d{2})?(?!\d)|\(?([A-Z]{1,4})\)?(?![A-Za-z]))/;

/**
 * A date as an input gave it (JSONL `published`, a feed's pubDate, page metadata) → its day (YYYY-MM-DD), or the
 * reason there is none: not a date, or one that cannot be (31 February, 25:99, a zone of +25 hours). A time with a
 * zone — numeric (-0500) or named (EST) — is converted to UTC; without a zone, the day is taken as written, never
 * shifted by the time zone of the machine that happens to run newsdesk. Never Date.parse: it moves 31 February to
 * 2 March without a word.
 */
export function readGivenDate(value: string): GivenDate {
  const s = value.trim();
  const date = s ? givenDatePart(s) : null;
  if (!date) return { day: null, problem: 'not understood', impossible: false };
  const day = isoDay(date.y, date.m, date.d);
  if (!day) {
    const problem =
      date.y < 1800 || date.y > 2200
        ? `the year ${date.y} is out of range`
        : date.m < 1 || date.m > 12
          ? `there is no month ${date.m}`
          : `${date.d} ${MONTH_NAMES[date.m - 1]} ${date.y} does not exist`;
    return { day: null, problem, impossible: true };
  }
  const time = TIME.exec(s.slice(date.end));
  if (!time) return { day };
  let hour = +time[1];
  const minute = +time[2];
  const second = time[3] === undefined ? 0 : +time[3];
  const meridiem = time[4]?.toLowerCase();
  const impossibleHour = meridiem ? hour < 1 || hour > 12 : hour > 24 || (hour === 24 && (minute > 0 || second > 0));
  if (impossibleHour || minute > 59 || second > 60) {
    const written = `${time[1]}:${time[2]}${time[3] === undefined ? '' : `:${time[3]}`}${meridiem ? ` ${meridiem}m` : ''}`;
    return { day: null, problem: `the time ${written} does not exist`, impossible: true };
  }
  if (meridiem) hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  const zone = ZONE.exec(s.slice(date.end + time[0].length));
  let offset: number | undefined;
  if (zone?.[1]) {
    const hours = +zone[2];
    const minutes = zone[3] === undefined ? 0 : +zone[3];
    if (hours > 14 || minutes > 59) return { day: null, problem: `the time zone ${zone[0].trim()} does not exist`, impossible: true };
    offset = (zone[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else if (zone?.[4]) {
    offset = ZONES[zone[4].toUpperCase()];
  }
  if (offset === undefined) return { day };
  const utc = new Date(Date.UTC(date.y, date.m - 1, date.d, hour, minute) - offset * 60_000);
  const converted = isoDay(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
  return converted ? { day: converted } : { day: null, problem: `the year ${utc.getUTCFullYear()} is out of range`, impossible: true };
}

/** A given date's UTC day (see readGivenDate), or null when it has none. */
export function parseGivenDate(value: string): string | null {
  return readGivenDate(value).day;
}
