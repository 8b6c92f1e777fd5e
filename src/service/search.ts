// Search for people, the CLI and the API alike: the store's ranked article hits, and the events they fall in — an
// event ranked by its best hit — so that a search answers "which events" as well as "which reports"; and the timeline
// of a topic, from the articles a search finds. The server runs both in threads of their own (search-threads.ts).
import type { Article, TimelineDate } from '../model.js';
import { timelineOf } from '../pipeline/index.js';
import { MAX_SEARCH_OFFSET, type NewsStore, type SearchQuery, type SearchResult } from '../store/index.js';
import type { TimelineOptions } from '../timeline/index.js';

export interface EventHit {
  id: string;
  headline: string;
  date: string | null;
  /** Its articles (as an event card counts them), and how many of them are among the hits. */
  articleCount: number;
  hits: number;
}

export interface SearchWithEvents extends SearchResult {
  /** The events of the hits, in the order of each one's best hit. */
  events: EventHit[];
}

/** Hits a page of a search holds unless asked otherwise: the API's `size`, the CLI's `--limit`, the web's pages. */
export const SEARCH_PAGE_SIZE = 20;

/** A page of a search as the API answers it and `newsdesk search --json` prints it: how many articles match in all, the
 * page (from 1) and its size, the spellings searched, the page's hits and the events they fall in. */
export interface SearchPage extends SearchWithEvents {
  page: number;
  size: number;
}

/** The hits before page `page` of `size` each: where it starts. */
export function pageOffset(page: number, size: number): number {
  return (page - 1) * size;
}

/** Why a page cannot be read, when it starts past the MAX_SEARCH_OFFSET hits a search pages through; else undefined. */
export function pageOutOfReach(page: number, size: number): string | undefined {
  if (pageOffset(page, size) < MAX_SEARCH_OFFSET) return undefined;
  return `page ${page} of ${size} hits starts past the first ${MAX_SEARCH_OFFSET}, the most a search pages through (the last such page is ${Math.ceil(MAX_SEARCH_OFFSET / size)}): narrow the search by dates, an outlet or a name`;
}

/** A search's answer as page `page` of `size` hits, in the order the API gives its fields. */
export function asPage(r: SearchWithEvents, page: number, size: number): SearchPage {
  return { total: r.total, page, size, searched: r.searched, hits: r.hits, events: r.events };
}

export async function searchArticlesAndEvents(store: NewsStore, q: SearchQuery): Promise<SearchWithEvents> {
  const result = await store.search(q);
  const counts = new Map<string, number>();
  for (const h of result.hits) if (h.event) counts.set(h.event, (counts.get(h.event) ?? 0) + 1);
  const events: EventHit[] = (await store.cards([...counts.keys()])).map((c) => ({ id: c.id, headline: c.headline, date: c.date, articleCount: c.articleCount, hits: counts.get(c.id)! }));
  return { ...result, events };
}

/**
 * Articles a topic timeline is made from, at most: the best hits, as long as their texts together stay within
 * TIMELINE_CHARACTERS. Building a timeline takes time with the text it reads (about 0.3 s a million characters; the
 * 1000 best hits for a common word took 5.5 s), and a common word matches every article of a store.
 */
export const TIMELINE_ARTICLES = 200;
export const TIMELINE_CHARACTERS = 1_500_000;

/** What a timeline page shows of a report it draws on. */
export type TimelineReport = Pick<Article, 'id' | 'title' | 'outlet' | 'published'>;

export interface TopicTimeline {
  /** The articles the timeline was made from (the best hits, within the limits), in rank order. */
  reports: TimelineReport[];
  timeline: TimelineDate[];
}

/** What a topic timeline reads at most: its best `articles` hits, within `characters` of text. */
export interface TimelineLimits {
  articles: number;
  characters: number;
}

/** The timeline of the articles a search finds (src/timeline), from the best of them (TIMELINE_ARTICLES). */
export async function topicTimeline(
  store: NewsStore,
  q: SearchQuery,
  options: TimelineOptions = {},
  limits: TimelineLimits = { articles: TIMELINE_ARTICLES, characters: TIMELINE_CHARACTERS },
): Promise<TopicTimeline> {
  const hits = (await store.search({ ...q, limit: Math.min(q.limit ?? limits.articles, limits.articles), offset: 0, passages: false })).hits;
  // In rank order; one that would take the texts past the budget is passed over (a long transcript), not the rest.
  let characters = 0;
  const articles = (await store.articles(hits.map((h) => h.article))).filter((a) => {
    if (characters + a.text.length > limits.characters) return false;
    characters += a.text.length;
    return true;
  });
  return { reports: articles.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet, published: a.published })), timeline: timelineOf(articles, options) };
}

/** Search and timelines as the server runs them (in threads of their own: search-threads.ts). */
export interface Reads {
  search(q: SearchQuery): Promise<SearchWithEvents>;
  timeline(q: SearchQuery, options: TimelineOptions): Promise<TopicTimeline>;
  close(): Promise<void>;
}
