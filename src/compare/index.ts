// The compare stage: how each outlet told an event — who reported it (with the registry's profile of each outlet),
// the facts each carried or left out (the coverage matrix), the quotes each printed, the words each chose for the same
// referent, and a plain-language note on the differences that stand out. Pure: an event's articles in, a Comparison out.
import type { Article, Comparison, Quote, Sentence } from '../model.js';
import { SentenceSpace } from '../text/index.js';
import { findFacts } from './facts.js';
import { framingContrasts } from './framing.js';
import { writeNote } from './note.js';
import { outletCoverage, outletOf, type OutletProfileLookup } from './outlets.js';
import { quoteCoverage } from './quotes.js';
import { factSample } from './sample.js';

export { UNIDENTIFIED, outletOf, outletCoverage, type OutletProfileLookup } from './outlets.js';
export { findFacts } from './facts.js';
export { quoteCoverage } from './quotes.js';
export { framingContrasts } from './framing.js';
export { writeNote } from './note.js';
export { factSample, MAX_FACT_ARTICLES } from './sample.js';

export interface CompareOptions {
  /** Article id → the earliest version it copies (duplicate detection). */
  duplicateOf?: ReadonlyMap<string, string>;
  /** The outlet registry's profile of an outlet. */
  profileOf?: OutletProfileLookup;
}

export interface EventForComparison {
  /** In reading order, with their mentions (understanding stage). */
  articles: Article[];
  sentences: Sentence[][];
  quotes: Quote[];
  /** The event's sentence space, when the summariser already built it. */
  space?: SentenceSpace;
}

export function compareEvent(event: EventForComparison, options: CompareOptions = {}): Comparison {
  const space = event.space ?? new SentenceSpace(event.articles, event.sentences);
  const outlets = outletCoverage(event.articles, options.duplicateOf, options.profileOf);
  // A very big event's facts are read from a sample of its reports (see sample.ts), and the comparison says so.
  const sample = factSample(event.articles);
  const sampled = sample.length < event.articles.length;
  const facts = findFacts(sampled ? new SentenceSpace(sample.map((i) => event.articles[i]), sample.map((i) => event.sentences[i])) : space);
  const quotes = quoteCoverage(event.articles, event.quotes);
  const byId = new Map(event.articles.map((a) => [a.id, a]));
  const framing = framingContrasts(event.articles, (id) => outletOf(byId.get(id)!), facts);
  const comparison = { outlets, facts, quotes, framing, ...(sampled ? { factsRead: { articles: sample.length, of: event.articles.length } } : {}) };
  return { ...comparison, note: writeNote(comparison) };
}
