// Ingesting into a store, for the CLI and the server alike: store the cleaned articles, then bring the events up to
// date — the online clusterer resumes from the store's saved state and places only the new articles.
import type { Article } from '../model.js';
import { OnlineClusterer } from '../cluster/index.js';
import { analyzeArticles, type EventOptions } from '../pipeline/index.js';
import type { Store, UpsertResult } from '../store/index.js';

export interface IngestResult extends UpsertResult {
  /** What the store holds after the run. */
  articles: number;
  events: number;
}

export function ingestIntoStore(store: Store, articles: Article[], options: EventOptions = {}): IngestResult {
  const result = store.upsertArticles(articles);
  const saved = store.clusterState();
  const analysis = analyzeArticles(store.articles(), options, saved ? OnlineClusterer.fromJSON(saved) : undefined);
  store.saveAnalysis(analysis.articles, analysis.events, analysis.merged, analysis.clusterer.toJSON());
  return { ...result, articles: analysis.articles.length, events: analysis.events.length };
}
