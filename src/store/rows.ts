// What both stores write the same way.
import type { Event } from '../model.js';

/** The arrival day of an undated article: after every dated one. */
export const UNDATED = 2147483647;

/** The identified outlets that reported an event, as the comparison lists them. */
export function outletsOf(e: Event): string[] {
  return (e.comparison?.outlets ?? []).filter((o) => o.identified).map((o) => o.outlet);
}

/** An event's row: the columns lists and filters read, and the event whole. */
export function eventRow(e: Event): { id: string; first: string | null; last: string | null; date: string | null; size: number; story: string | null; data: string } {
  return { id: e.id, first: e.start, last: e.end, date: e.date ?? null, size: e.articles.length, story: e.story ?? null, data: JSON.stringify(e) };
}

/** The events an event replaces, each once, in the order first met. */
export function unionReplaces(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
