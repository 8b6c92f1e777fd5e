// What both stores write the same way.
import { createHash } from 'node:crypto';
import { cardOf, type Event, type EventCard, type Fact, type QuoteCoverage, type ReportHead } from '../model.js';

/** The arrival day of an undated article: after every dated one. */
export const UNDATED = 2147483647;

/** The identified outlets that reported an event, as the comparison lists them. */
export function outletsOf(e: Event): string[] {
  return (e.comparison?.outlets ?? []).filter((o) => o.identified).map((o) => o.outlet);
}

export interface EventRow {
  id: string;
  first: string | null;
  last: string | null;
  date: string | null;
  size: number;
  story: string | null;
  /** The event as lists show it (EventCard), JSON. */
  card: string;
  /** The event's outline, JSON: the event whole but for its comparison's facts and quote coverage (left empty). */
  data: string;
  /** The comparison's facts, each a row of its own (JSON), in order. */
  facts: string[];
  /** The comparison's quote coverage, each a row of its own (JSON), in order, keyed by its quote (quoteKey). */
  quotes: Array<{ key: string; data: string }>;
}

/**
 * An event's rows: the columns lists and filters read, its card, its outline, and the two long lists of its comparison
 * in rows of their own. A big event's comparison was most of its document (1.2 of 1.8 MB for the biggest T17 event:
 * 2,894 facts, 888 quotes' coverage), and a page parsing it whole spent most of its time there; pages read the
 * outline and the few facts and quotes they show (NewsStore.eventOutline, comparisonFacts, quoteCoverage).
 */
export function eventRow(e: Event): EventRow {
  const c = e.comparison;
  const outline: Event = c ? { ...e, comparison: { ...c, facts: [], quotes: [] } } : e;
  return {
    id: e.id,
    first: e.start,
    last: e.end,
    date: e.date ?? null,
    size: e.articles.length,
    story: e.story ?? null,
    card: JSON.stringify(cardOf(e)),
    data: JSON.stringify(outline),
    facts: (c?.facts ?? []).map((f) => JSON.stringify(f)),
    quotes: (c?.quotes ?? []).map((q) => ({ key: quoteKey(q.text), data: JSON.stringify(q) })),
  };
}

/** The key a quote's coverage is found by: a hash of its text (a quote can be longer than an index entry may be). */
export function quoteKey(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

/** A stored outline with the event's story as it stands now (placement moves events between stories without writing them). */
export function readOutline(row: { data: string; story: string | null }): Event {
  const e = JSON.parse(row.data) as Event;
  return row.story ? { ...e, story: row.story } : e;
}

/** An outline with its comparison's facts and quote coverage put back (stored JSON rows, in order). */
export function withComparisonLists(outline: Event, facts: string[], quotes: string[]): Event {
  const c = outline.comparison;
  if (!c) return outline;
  return { ...outline, comparison: { ...c, facts: facts.map((f) => JSON.parse(f) as Fact), quotes: quotes.map((q) => JSON.parse(q) as QuoteCoverage) } };
}

/** A stored card with the event's story as it stands now (placement moves events between stories without writing them). */
export function readCard(row: { card: string; story: string | null }): EventCard {
  // Cards stored before the count was named articleCount call it `articles`.
  const { articles, ...c } = JSON.parse(row.card) as EventCard & { articles?: number };
  const card: EventCard = c.articleCount === undefined && typeof articles === 'number' ? { ...c, articleCount: articles } : c;
  return row.story ? { ...card, story: row.story } : card;
}

/** The events an event replaces, each once, in the order first met. */
export function unionReplaces(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** A report's head as the stores select it. */
export interface HeadRow {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  duplicateOf: string | null;
  text: string | null;
}

export function readHead(r: HeadRow): ReportHead {
  return { id: r.id, title: r.title ?? null, outlet: r.outlet ?? null, published: r.published ?? null, text: r.text ?? '', ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}) };
}
