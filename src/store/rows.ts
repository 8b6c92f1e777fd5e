// What both stores write the same way.
import { cardOf, type Event, type EventCard, type ReportHead } from '../model.js';

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
  /** The event whole, JSON. */
  data: string;
}

/** An event's row: the columns lists and filters read, its card, and the event whole. */
export function eventRow(e: Event): EventRow {
  return { id: e.id, first: e.start, last: e.end, date: e.date ?? null, size: e.articles.length, story: e.story ?? null, card: JSON.stringify(cardOf(e)), data: JSON.stringify(e) };
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
