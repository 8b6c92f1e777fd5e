// Background document frequencies from general English (data/gazetteer/word-frequencies.json, SUBTLEX-US), for
// articles (the clusterer) and for sentences (summaries).
//
// A stream's own document frequencies are immature at its start, and a stream that starts with one subject (the
// first weeks of a financial crisis) sees that subject's everyday words in most of its documents: they would weigh
// nothing exactly when its stories form, and stories would fragment. Mixing in a prior of `PRIOR_DOCS` pseudo-documents
// of general English keeps "bank" as common as it is in English and "Lehman" as rare. Measured on the development set
// (docs/benchmarks.md): story B-cubed F1 0.82 without the prior, 0.93 with 2,000 pseudo-documents.
import { loadJson } from '../data.js';
import { fold } from './tokens.js';

/** How many pseudo-documents of general English the clusterer's prior weighs as. */
export const PRIOR_DOCS = 2000;
/** The length of a pseudo-document, in words: a news article's. */
export const ARTICLE_WORDS = 400;
/** A news sentence's length in words, for sentence-level shares. */
export const SENTENCE_WORDS = 25;

const cached = new Map<number, Map<string, number>>();

/**
 * Term (as `contentTokens` folds it) → the probability that a text of `docWords` words of general English contains it
 * (a Poisson estimate from the word's frequency).
 */
export function backgroundDocumentShare(docWords = ARTICLE_WORDS): Map<string, number> {
  const known = cached.get(docWords);
  if (known) return known;
  const data = loadJson<{ tokens: number; words: Record<string, number> }>('gazetteer/word-frequencies.json');
  const share = new Map<string, number>();
  for (const [word, count] of Object.entries(data.words)) {
    const term = fold(word);
    const p = 1 - Math.exp(-(count / data.tokens) * docWords);
    share.set(term, Math.min(1, (share.get(term) ?? 0) + p));
  }
  cached.set(docWords, share);
  return share;
}
