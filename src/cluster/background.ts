// Background document frequencies from general English (data/gazetteer/word-frequencies.json, SUBTLEX-US).
//
// A stream's own document frequencies are immature at its start, and a stream that starts with one subject (the
// first weeks of a financial crisis) sees that subject's everyday words in most of its documents: they would weigh
// nothing exactly when its stories form, and stories would fragment. Mixing in a prior of `PRIOR_DOCS` pseudo-documents
// of general English keeps "bank" as common as it is in English and "Lehman" as rare. Measured on the development set
// (docs/benchmarks.md): story B-cubed F1 0.82 without the prior, 0.93 with 2,000 pseudo-documents.
import { loadJson } from '../data.js';
import { fold } from '../text/index.js';

/** How many pseudo-documents of general English the prior weighs as. */
export const PRIOR_DOCS = 2000;
/** The length of a pseudo-document, in words: a news article's. */
const DOC_WORDS = 400;

let cached: Map<string, number> | undefined;

/** Term (as `contentTokens` folds it) → the probability that a document of general English contains it. */
export function backgroundDocumentShare(): Map<string, number> {
  if (cached) return cached;
  const data = loadJson<{ tokens: number; words: Record<string, number> }>('gazetteer/word-frequencies.json');
  const share = new Map<string, number>();
  for (const [word, count] of Object.entries(data.words)) {
    const term = fold(word);
    const p = 1 - Math.exp(-(count / data.tokens) * DOC_WORDS);
    share.set(term, Math.min(1, (share.get(term) ?? 0) + p));
  }
  cached = share;
  return share;
}
