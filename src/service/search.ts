// Search for people, the CLI and the API alike: the store's ranked article hits, and the events they fall in — an
// event ranked by its best hit — so that a search answers "which events" as well as "which reports".
import type { NewsStore, SearchQuery, SearchResult } from '../store/index.js';

export interface EventHit {
  id: string;
  headline: string;
  date: string | null;
  /** Its articles, and how many of them are among the hits. */
  articles: number;
  hits: number;
}

export interface SearchWithEvents extends SearchResult {
  /** The events of the hits, in the order of each one's best hit. */
  events: EventHit[];
}

export async function searchArticlesAndEvents(store: NewsStore, q: SearchQuery): Promise<SearchWithEvents> {
  const result = await store.search(q);
  const counts = new Map<string, number>();
  for (const h of result.hits) if (h.event) counts.set(h.event, (counts.get(h.event) ?? 0) + 1);
  const events: EventHit[] = (await store.cards([...counts.keys()])).map((c) => ({ id: c.id, headline: c.headline, date: c.date, articles: c.articles, hits: counts.get(c.id)! }));
  return { ...result, events };
}
