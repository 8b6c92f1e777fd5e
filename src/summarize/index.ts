// A first extractive summary of an event: the sentences closest to what the event's articles say together, favouring
// content that several articles carry and that stands early in its article; redundancy removed; each sentence cites
// every article that says (nearly) the same. Issue 5 deepens the scoring; the shape stays.
import type { Article, Citation, Sentence, SummarySentence } from '../model.js';
import { Idf, centroid, contentTokens, cosine, countWords, nameKeys, tfidf, type Vector } from '../text/index.js';

export interface SummaryOptions {
  /** How many sentences at most (the summary has fewer when the event says less). */
  maxSentences?: number;
  /** Article id → the earliest version it copies: copies cite, but do not count as independent agreement. */
  duplicateOf?: ReadonlyMap<string, string>;
}

/** A sentence of this many words or fewer is a fragment (a heading, a caption), longer than the max a run-on. */
const MIN_WORDS = 8;
const MAX_WORDS = 60;
/** Another article "says the same" when one of its sentences is this similar. */
const SUPPORT_SIMILARITY = 0.35;
/** A candidate this similar to a chosen sentence repeats it. */
const REDUNDANCY = 0.3;
/** A headline is at most this many words (Wikipedia Current Events style). */
const HEADLINE_WORDS = 40;

interface Candidate {
  article: number;
  sentence: Sentence;
  vector: Vector;
  score: number;
  support: Citation[];
}

function sentenceTokens(text: string): string[] {
  return [...contentTokens(text), ...nameKeys(text)];
}

/** Reads better at the top of an article: the lede says what happened. */
function positionWeight(index: number): number {
  return index === 0 ? 1 : Math.max(0.6, 1 - 0.08 * index);
}

function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}

/** `articles` in reading order (the pipeline sorts them by publication date, undated last). */
export function summarizeEvent(
  articles: Article[],
  sentences: Sentence[][],
  options: SummaryOptions = {},
): { headline: string; summary: SummarySentence[] } {
  const maxSentences = options.maxSentences ?? 5;
  const tokenLists = sentences.map((list) => list.map((s) => sentenceTokens(s.text)));
  const idf = Idf.of(tokenLists.flat());
  const vectors = tokenLists.map((list) => list.map((t) => tfidf(t, idf)));
  const eventCentre = centroid(vectors.map((list) => centroid(list)));

  const candidates: Candidate[] = [];
  articles.forEach((_, a) => {
    sentences[a].forEach((sentence, i) => {
      const words = countWords(sentence.text);
      if (words < MIN_WORDS || words > MAX_WORDS || sentence.text.endsWith('?')) return;
      const vector = vectors[a][i];
      // Support: the most similar sentence of every other article, when it says nearly the same.
      const support: Citation[] = [];
      articles.forEach((other, b) => {
        if (b === a) return;
        let best = -1;
        let bestSim = SUPPORT_SIMILARITY;
        vectors[b].forEach((v, j) => {
          const sim = cosine(vector, v);
          if (sim >= bestSim) [best, bestSim] = [j, sim];
        });
        if (best >= 0) support.push({ article: other.id, sentence: best });
      });
      // Agreement counts independent sources: a copy of the same wire report is one source with its original.
      const source = (id: string) => options.duplicateOf?.get(id) ?? id;
      const own = source(articles[a].id);
      const independent = new Set(support.map((c) => source(c.article)).filter((s) => s !== own)).size;
      const agreement = 1 + 0.5 * Math.log1p(independent);
      const score = cosine(vector, eventCentre) * agreement * positionWeight(sentence.index);
      candidates.push({ article: a, sentence, vector, score, support });
    });
  });

  // Greedy selection, best first, skipping what repeats a chosen sentence.
  candidates.sort((x, y) => y.score - x.score);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.length >= maxSentences) break;
    if (chosen.some((k) => cosine(k.vector, c.vector) >= REDUNDANCY)) continue;
    chosen.push(c);
  }
  // Reading order: the event's article order (earlier reports first, undated last), then the order within the article.
  chosen.sort((x, y) => x.article - y.article || x.sentence.index - y.sentence.index);
  const summary = chosen.map((c) => ({
    text: c.sentence.text,
    citations: [{ article: articles[c.article].id, sentence: c.sentence.index }, ...c.support],
  }));

  // Headline: the title that best states what the articles say together; else the best sentence.
  let headline = '';
  let bestTitle = -1;
  for (const a of articles) {
    if (!a.title) continue;
    const sim = cosine(tfidf(sentenceTokens(a.title), idf), eventCentre);
    if (sim > bestTitle) [bestTitle, headline] = [sim, a.title];
  }
  if (!headline) headline = candidates[0]?.sentence.text ?? sentences.flat()[0]?.text ?? '';
  return { headline: truncateWords(headline, HEADLINE_WORDS), summary };
}
