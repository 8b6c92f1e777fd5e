// One event as the API and `newsdesk show --json` answer it: compact by default, the heavy parts on request. A
// 320-report event written whole was 19 MB (every quote, the whole comparison, every passage two reports share); a
// client scanning events needs the headline, the summary and the main people, and asks for the rest by name
// (`include=comparison,quotes`) or pages through the reports (/api/events/{id}/articles).
import type { Article, Event } from '../model.js';

/** The parts of an event left out unless asked for, and `all`. */
export const EVENT_PARTS = ['articles', 'entities', 'quotes', 'comparison', 'sharedPassages'] as const;
export type EventPartName = (typeof EVENT_PARTS)[number];

/** What a compact event keeps of each list. */
export const COMPACT = { articles: 100, entities: 20, quotes: 10 } as const;

/** The compact event: every field of the event, its lists cut to their first items unless included whole. */
export interface EventView extends Omit<Event, 'comparison' | 'sharedPassages'> {
  comparison?: Event['comparison'];
  sharedPassages?: Event['sharedPassages'];
  /** How many reports it holds (`articles` lists the first COMPACT.articles unless `articles` is included). */
  articleCount: number;
  /** The parts given whole. */
  included: EventPartName[];
  /** The id asked for, when that event was merged into this one. */
  mergedFrom?: string;
}

/** "comparison,quotes" or "all" → the parts; an unknown name is an error naming it. */
export function parseInclude(value: string | undefined): EventPartName[] {
  if (!value) return [];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.includes('all')) return [...EVENT_PARTS];
  const unknown = names.find((n) => !(EVENT_PARTS as readonly string[]).includes(n));
  if (unknown !== undefined) throw new RangeError(`unknown part "${unknown}" to include (one of ${EVENT_PARTS.join(', ')}, or all)`);
  return [...new Set(names)] as EventPartName[];
}

export function eventView(e: Event, include: EventPartName[] = [], mergedFrom?: string): EventView {
  const whole = new Set(include);
  const { comparison, sharedPassages, ...rest } = e;
  return {
    ...rest,
    articles: whole.has('articles') ? e.articles : e.articles.slice(0, COMPACT.articles),
    ...(e.entities ? { entities: whole.has('entities') ? e.entities : e.entities.slice(0, COMPACT.entities) } : {}),
    ...(e.quotes ? { quotes: whole.has('quotes') ? e.quotes : e.quotes.slice(0, COMPACT.quotes) } : {}),
    ...(whole.has('comparison') && comparison ? { comparison } : {}),
    ...(whole.has('sharedPassages') && sharedPassages ? { sharedPassages } : {}),
    articleCount: e.articles.length,
    included: EVENT_PARTS.filter((p) => whole.has(p)),
    ...(mergedFrom ? { mergedFrom } : {}),
  };
}

/** A report as an event's list of reports gives it (the whole article at /api/articles/{id}). */
export type ReportCard = Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'url'>;

export function reportCard(a: Article): ReportCard {
  return { id: a.id, title: a.title, outlet: a.outlet, published: a.published, url: a.url };
}
