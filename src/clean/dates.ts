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

/** A time zone written after a time: Z, +02:00, -0500, GMT, UTC, EST… */
const HAS_ZONE = /(?:\d(?:Z|[+-]\d{2}:?\d{2})|\b(?:GMT|UTC?|[ECMP][SD]T|BST|CES?T|IST|JST)\b)/i;

/**
 * A date as an input gave it (JSONL `published`, a feed's pubDate, page metadata) → YYYY-MM-DD, or null when it is not a date.
 * Times with a zone are converted to UTC; without a zone, the day is taken as written — never shifted by the time zone
 * of the machine that happens to run newsdesk.
 */
export function parseGivenDate(value: string): string | null {
  const s = value.trim();
  if (!s) return null;
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (bare) return isoDay(+bare[1], +bare[2], +bare[3]);
  if (!HAS_ZONE.test(s)) {
    const local = /^(\d{4})-(\d{2})-(\d{2})[T ]/.exec(s);
    return local ? isoDay(+local[1], +local[2], +local[3]) : findDateInText(s);
  }
  const ms = Date.parse(s);
  if (!Number.isNaN(ms)) {
    const d = new Date(ms);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return findDateInText(s);
}
