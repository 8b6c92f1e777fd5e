// The sentences of a set of articles as TF-IDF vectors in one space, with an inverted index so that "which sentences of
// other articles say nearly the same as this one" costs the sentences that share rare words with it, not all pairs.
// Summaries, timelines and (later) the comparison of outlets all ask that question.
import type { Article, Citation, Sentence } from '../model.js';
import { Idf, SENTENCE_WORDS, backgroundDocumentShare, centroid, contentTokens, cosine, countWords, tfidf, type Vector } from '../text/index.js';

/** One sentence of one article, placed in the space. */
export interface SpaceSentence {
  /** Index of its article in the space's article list. */
  article: number;
  sentence: Sentence;
  vector: Vector;
  words: number;
}

/** Another article "says the same" when one of its sentences is at least this similar (TF-IDF cosine). */
export const SUPPORT_SIMILARITY = 0.35;

/**
 * A term carried by more than this share of the sentences is left out of the index: it cannot make two sentences say
 * the same on its own (its IDF is low), and its postings are what would make the lookup quadratic. Pairs found through
 * rarer words are still scored with the full cosine.
 */
const COMMON_TERM_SHARE = 0.05;
const COMMON_TERM_MIN = 50;

/**
 * General-English sentences the IDF is mixed with (src/text/background.ts): inside an event every report says
 * "Tehran" and "defence ministers"; without the prior those words, which make the event, would weigh the least, and
 * two reports of the meeting would look alike only in their incidental words.
 */
const PRIOR_SENTENCES = 5000;

/**
 * What a sentence is compared by: its content words, and the entities it names as the understanding stage resolved
 * them ("=Hossein Dehghan" whether the outlet wrote Dehghan or Dehqan), so that spellings do not keep two reports of
 * one fact apart.
 */
export function sentenceTokens(text: string, entities: Iterable<string> = []): string[] {
  const out = contentTokens(text);
  for (const e of entities) out.push(`=${e}`);
  return out;
}

/** `[sentence index] → resolved entity names` of an article, from its mentions. */
function entitiesBySentence(article: Article): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const m of article.mentions ?? []) if (m.entity) out.set(m.sentence, (out.get(m.sentence) ?? new Set()).add(m.entity));
  return out;
}

export class SentenceSpace {
  readonly sentences: SpaceSentence[] = [];
  /** `byArticle[a]` = indexes into `sentences` of article a's sentences, in order. */
  readonly byArticle: number[][];
  readonly idf: Idf;
  /** The normalised mean of the articles' centroids: what the articles say together, each article weighing the same. */
  readonly centre: Vector;
  /** Term → the sentences holding it and its weight in each (rare and middling terms only, see COMMON_TERM_SHARE). */
  private readonly postings = new Map<string, { ids: number[]; weights: number[] }>();
  /** Scratch for accumulating dot products: one slot a sentence, reset after each lookup. */
  private readonly acc: Float64Array;

  constructor(
    readonly articles: Article[],
    sentenceLists: Sentence[][],
  ) {
    const tokens = sentenceLists.map((list, a) => {
      const named = entitiesBySentence(articles[a]);
      return list.map((s) => sentenceTokens(s.text, named.get(s.index)));
    });
    this.idf = Idf.of(tokens.flat(), { share: backgroundDocumentShare(SENTENCE_WORDS), docs: PRIOR_SENTENCES });
    this.byArticle = sentenceLists.map((list, a) =>
      list.map((sentence, i) => {
        this.sentences.push({ article: a, sentence, vector: tfidf(tokens[a][i], this.idf), words: countWords(sentence.text) });
        return this.sentences.length - 1;
      }),
    );
    this.centre = centroid(this.byArticle.map((ids) => centroid(ids.map((i) => this.sentences[i].vector))));
    const cap = Math.max(COMMON_TERM_MIN, COMMON_TERM_SHARE * this.sentences.length);
    const all = new Map<string, { ids: number[]; weights: number[] }>();
    this.sentences.forEach((s, i) => {
      for (const [t, w] of s.vector) {
        const list = all.get(t) ?? { ids: [], weights: [] };
        list.ids.push(i);
        list.weights.push(w);
        all.set(t, list);
      }
    });
    for (const [t, list] of all) if (list.ids.length <= cap) this.postings.set(t, list);
    this.acc = new Float64Array(this.sentences.length);
  }

  vectorOf(text: string): Vector {
    return tfidf(sentenceTokens(text), this.idf);
  }

  /**
   * For sentence `i`: in every other article, the sentence most similar to it when that similarity reaches `threshold`
   * (each article cited once, by its best sentence). `articles` limits the search to those article indexes.
   */
  support(i: number, threshold = SUPPORT_SIMILARITY, articles?: ReadonlySet<number>): Array<Citation & { similarity: number; index: number }> {
    const own = this.sentences[i];
    // Dot products through the rarer terms first; only sentences that get at least half way there are compared in
    // full (the common terms left out of the index can add the rest).
    const touched: number[] = [];
    for (const [t, w] of own.vector) {
      const list = this.postings.get(t);
      if (!list) continue;
      for (let k = 0; k < list.ids.length; k++) {
        const j = list.ids[k];
        if (this.acc[j] === 0) touched.push(j);
        this.acc[j] += w * list.weights[k];
      }
    }
    const best = new Map<number, { index: number; similarity: number }>();
    for (const j of touched) {
      const partial = this.acc[j];
      this.acc[j] = 0;
      const other = this.sentences[j];
      if (partial < threshold / 2 || other.article === own.article || (articles && !articles.has(other.article))) continue;
      const similarity = cosine(own.vector, other.vector);
      if (similarity < threshold) continue;
      const prev = best.get(other.article);
      if (!prev || similarity > prev.similarity) best.set(other.article, { index: j, similarity });
    }
    return [...best].map(([a, b]) => ({ article: this.articles[a].id, sentence: this.sentences[b.index].sentence.index, similarity: b.similarity, index: b.index }));
  }
}
