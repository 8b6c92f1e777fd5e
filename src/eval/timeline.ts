// Timeline-summarisation metrics: date F1 and the ROUGE variants of Martschat & Markert (2017, "Improving ROUGE for
// Timeline Summarization"; the `tilse` package) as also reported by Gholipour Ghalandari & Ifrim (2020):
//   concat    — ROUGE of all system sentences against all reference sentences, dates ignored;
//   agreement — n-grams count only when they appear under the same date in both timelines;
//   aligned   — "align+ m:1": each date is matched to its cheapest date on the other side (by date distance and
//               content), and the overlap of a matched pair is weighted by 1 / (|Δdays| + 1).
// Tokenisation is rougeTokens (no stemming, no stop-word removal), so values are lower than tilse's stemmed ones.
// One reference timeline is scored at a time; entries that share a date (a gold file may join several timelines,
// e.g. t17/h1n1) are merged into one daily summary, their sentences kept in file order.
import { countTotal, ngramCounts, overlap, prf, ratio, rougeN, rougeTokens, type PRF } from './rouge.js';

export interface TimelineEntry {
  date: string /* YYYY-MM-DD */;
  sentences: string[];
}
export type Timeline = TimelineEntry[];

export interface TimelineEvaluation {
  dates: PRF;
  concat: { rouge1: PRF; rouge2: PRF };
  agreement: { rouge1: PRF; rouge2: PRF };
  aligned: { rouge1: PRF; rouge2: PRF };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined when it is not a real calendar date. */
function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2011-02-30 over to March; a round trip catches that.
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

function day(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new Error(`invalid timeline date ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  return n;
}

/** Each date's tokens (same-date entries merged), in date order. */
function tokensByDate(timeline: Timeline): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  for (const e of [...timeline].sort((a, b) => day(a.date) - day(b.date))) {
    const tokens = byDate.get(e.date) ?? [];
    for (const s of e.sentences) tokens.push(...rougeTokens(s));
    byDate.set(e.date, tokens);
  }
  return byDate;
}

function dateSet(timeline: Timeline): Set<string> {
  for (const e of timeline) day(e.date); // reject malformed dates, as the ROUGE variants do
  return new Set(timeline.map((e) => e.date));
}

/** Precision, recall and F1 of the system's set of dates against the reference's. */
export function dateF1(system: Timeline, reference: Timeline): PRF {
  const s = dateSet(system);
  const r = dateSet(reference);
  let both = 0;
  for (const d of s) if (r.has(d)) both++;
  return prf(ratio(both, s.size), ratio(both, r.size));
}

/** ROUGE-n of all system sentences (in date order) against all reference sentences. */
export function concatRouge(system: Timeline, reference: Timeline, n: number): PRF {
  return rougeN([...tokensByDate(system).values()].flat(), [...tokensByDate(reference).values()].flat(), n);
}

/** ROUGE-n counting only overlap between the daily summaries of the same date; every date counts in the totals. */
export function agreementRouge(system: Timeline, reference: Timeline, n: number): PRF {
  const s = tokensByDate(system);
  const r = tokensByDate(reference);
  let hits = 0;
  let sysTotal = 0;
  let refTotal = 0;
  for (const [date, tokens] of s) {
    const counts = ngramCounts(tokens, n);
    sysTotal += countTotal(counts);
    if (r.has(date)) hits += overlap(counts, ngramCounts(r.get(date)!, n));
  }
  for (const tokens of r.values()) refTotal += countTotal(ngramCounts(tokens, n));
  return prf(ratio(hits, sysTotal), ratio(hits, refTotal));
}

interface Day {
  day: number;
  unigrams: Map<string, number>;
  grams: Map<string, number>;
}

function days(timeline: Timeline, n: number): Day[] {
  return [...tokensByDate(timeline)].map(([date, tokens]) => ({ day: day(date), unigrams: ngramCounts(tokens, 1), grams: ngramCounts(tokens, n) }));
}

/** ROUGE-1 F1 from two unigram multisets: tilse's content similarity. */
function rougeFromCounts(a: Map<string, number>, b: Map<string, number>): number {
  const hits = overlap(a, b);
  return prf(ratio(hits, countTotal(a)), ratio(hits, countTotal(b))).f1;
}

/**
 * For each day in `from`, its cheapest day in `to` (many-to-one), and the date-weighted n-gram overlap summed over
 * those pairs. The cost follows tilse's `_get_date_content_costs` and `_assign_to_min_cost`
 * (smartschat/tilse, tilse/evaluation/rouge.py, with `compute_rouge_approximation` in tilse/evaluation/util.py):
 *   cost = (1 − 1/(|Δdays| + 1)) · (1 − ROUGE-1 F1 of the two daily summaries),
 * always on unigrams whatever n is scored. So a same-date pair costs 0, and a pair with identical words costs 0 at
 * any distance. tilse breaks ties by taking the first (earliest) date; we take the nearer date first, then the
 * earlier, so that an exact date match always wins its tie. The cost and the weight are symmetric, so one function
 * serves precision (system → reference) and recall (reference → system).
 */
function alignedHits(from: Day[], to: Day[]): number {
  let hits = 0;
  for (const a of from) {
    let best: Day | undefined;
    let bestCost = Infinity;
    for (const b of to) {
      const dist = Math.abs(a.day - b.day);
      const content = rougeFromCounts(a.unigrams, b.unigrams);
      const cost = (1 - 1 / (dist + 1)) * (1 - content);
      if (cost < bestCost || (cost === bestCost && best && dist < Math.abs(a.day - best.day))) {
        best = b;
        bestCost = cost;
      }
    }
    // With nothing on the other side a day adds only to the totals, as tilse does for unmatched dates.
    if (best) hits += overlap(a.grams, best.grams) / (Math.abs(a.day - best.day) + 1);
  }
  return hits;
}

/**
 * "align+ m:1" ROUGE-n: precision aligns every system date to a reference date and divides the weighted overlap by
 * the system's n-gram total; recall aligns every reference date to a system date (a separate alignment, as in tilse)
 * and divides by the reference's n-gram total.
 */
export function alignedRouge(system: Timeline, reference: Timeline, n: number): PRF {
  const s = days(system, n);
  const r = days(reference, n);
  const total = (ds: Day[]) => ds.reduce((sum, d) => sum + countTotal(d.grams), 0);
  return prf(ratio(alignedHits(s, r), total(s)), ratio(alignedHits(r, s), total(r)));
}

/** Date F1 and the concat, agreement and aligned ROUGE-1 and ROUGE-2 of a system timeline against one reference. */
export function evaluateTimeline(system: Timeline, reference: Timeline): TimelineEvaluation {
  const both = (f: (s: Timeline, r: Timeline, n: number) => PRF) => ({ rouge1: f(system, reference, 1), rouge2: f(system, reference, 2) });
  return { dates: dateF1(system, reference), concat: both(concatRouge), agreement: both(agreementRouge), aligned: both(alignedRouge) };
}

/** Checks one parsed `{ date, sentences }` record; sentences may be strings or `{ text }` objects (newsdesk output). */
function toEntry(value: unknown, where: string): TimelineEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object { date, sentences }`);
  const { date, sentences } = value as { date?: unknown; sentences?: unknown };
  if (typeof date !== 'string') throw new Error(`${where}: "date" must be a string (YYYY-MM-DD)`);
  if (dayNumber(date) === undefined) throw new Error(`${where}: invalid date ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  if (!Array.isArray(sentences)) throw new Error(`${where}: "sentences" must be an array`);
  return {
    date,
    sentences: sentences.map((s: unknown, i) => {
      if (typeof s === 'string') return s;
      if (typeof s === 'object' && s !== null && typeof (s as { text?: unknown }).text === 'string') return (s as { text: string }).text;
      throw new Error(`${where}: sentences[${i}] must be a string or an object with a string "text"`);
    }),
  };
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** A timeline in JSON Lines, one `{ date, sentences }` per line (blank lines skipped), as in the T17 gold files. */
export function readTimelineJsonl(text: string): Timeline {
  const timeline: Timeline = [];
  stripBom(text)
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`line ${i + 1}: invalid JSON: ${(e as Error).message}`);
      }
      timeline.push(toEntry(value, `line ${i + 1}`));
    });
  return timeline;
}

/** A timeline as one JSON array of `{ date, sentences }` (the output of `newsdesk timeline --json`). */
export function readTimelineJson(text: string): Timeline {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new Error('expected a JSON array of { date, sentences }');
  return value.map((v, i) => toEntry(v, `entry ${i}`));
}
