// The sentences of a set of articles as TF-IDF vectors in one space, with an inverted index so that "which sentences of
// other articles say nearly the same as this one" costs the sentences that share rare words with it, not all pairs.
// Summaries, timelines and (later) the comparison of outlets all ask that question.
//
// Terms are numbered within the space and vectors are pairs of typed arrays (term ids ascending, weights): a
// 100-article event has some 3,000 sentences, and Map-based vectors spent more time allocating and collecting than
// comparing.
import type { Article, Citation, Sentence } from '../model.js';
import { SENTENCE_WORDS, backgroundDocumentShare } from './background.js';
import { contentTokens, countWords } from './tokens.js';

/** A sparse vector over a space's term ids: ids ascending, weights L2-normalised. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** One sentence of one article, placed in the space. */
export interface SpaceSentence {
  /** Index of its article in the space's article list. */
  article: number;
  sentence: Sentence;
  vector: SparseVector;
  words: number;
}

/** Another article "says the same" when one of its sentences is at least this similar (TF-IDF cosine). */
export const SUPPORT_SIMILARITY = 0.35;

/**
 * A term carried by more than this share of the sentences is left out of the index: it cannot make two sentences say
 * the same on its own (its IDF is low), and its postings are what would make the lookup quadratic. Pairs found through
 * rarer words are still scored with the full cosine.
 */
const COMMON_TERM_SHARE = 0.02;
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
export function sentenceTokens(sentence: string | Sentence, entities: Iterable<string> = []): string[] {
  // Hyphens dropped: outlets write "cease-fire" and "ceasefire", "air strikes" and "air-strikes" for one word.
  const out = (typeof sentence === 'string' ? contentTokens(sentence) : (sentence.tokens ?? contentTokens(sentence.text))).map((t) => (t.includes('-') ? t.replace(/-/g, '') : t));
  for (const e of entities) out.push(`=${e}`);
  return out;
}

/** `[sentence index] → resolved entity names` of an article, from its mentions. */
function entitiesBySentence(article: Article): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const m of article.mentions ?? []) if (m.entity) out.set(m.sentence, (out.get(m.sentence) ?? new Set()).add(m.entity));
  return out;
}

/** Cosine of two normalised sparse vectors: a merge of their ascending ids. */
export function sparseCosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) dot += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Cosine of a normalised sparse vector with a normalised dense one (a centroid). */
export function denseCosine(v: SparseVector, dense: Float64Array): number {
  let dot = 0;
  for (let k = 0; k < v.ids.length; k++) dot += v.weights[k] * (dense[v.ids[k]] ?? 0);
  return dot;
}

function normalise(dense: Float64Array): Float64Array {
  let norm = 0;
  for (const w of dense) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < dense.length; k++) dense[k] /= norm;
  return dense;
}

export class SentenceSpace {
  readonly sentences: SpaceSentence[] = [];
  /** `byArticle[a]` = indexes into `sentences` of article a's sentences, in order. */
  readonly byArticle: number[][];
  /** The normalised mean of the articles' centroids: what the articles say together, each article weighing the same. */
  readonly centre: Float64Array;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Sentences holding each term. */
  private readonly df: number[] = [];
  private readonly idfCache: number[] = [];
  private readonly share = backgroundDocumentShare(SENTENCE_WORDS);
  /** Sentences in the space: the documents of its IDF. */
  private documents = 0;

  constructor(
    readonly articles: Article[],
    sentenceLists: Sentence[][],
  ) {
    const ids = sentenceLists.map((list, a) => {
      const named = entitiesBySentence(articles[a]);
      return list.map((s) => this.idsOf(sentenceTokens(s, named.get(s.index))));
    });
    // Document frequency: each sentence counts a term once (its ids are sorted, so repeats are neighbours).
    for (const list of ids) {
      for (const sorted of list) {
        for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) this.df[sorted[k]]++;
      }
    }
    this.documents = ids.reduce((n, list) => n + list.length, 0);
    this.byArticle = sentenceLists.map((list, a) =>
      list.map((sentence, i) => {
        this.sentences.push({ article: a, sentence, vector: this.vectorOfIds(ids[a][i]), words: countWords(sentence.text) });
        return this.sentences.length - 1;
      }),
    );
    const centre = new Float64Array(this.terms.length);
    const article = new Float64Array(this.terms.length);
    for (const members of this.byArticle) {
      if (!members.length) continue;
      article.fill(0);
      for (const i of members) {
        const v = this.sentences[i].vector;
        for (let k = 0; k < v.ids.length; k++) article[v.ids[k]] += v.weights[k];
      }
      normalise(article);
      for (let k = 0; k < article.length; k++) centre[k] += article[k];
    }
    this.centre = normalise(centre);
  }

  /** The term ids of tokens, sorted; new terms get new ids. */
  private idsOf(tokens: string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    tokens.forEach((t, k) => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(t, id);
        this.terms.push(t);
        this.df.push(0);
      }
      out[k] = id;
    });
    return out.sort();
  }

  /** IDF of a term: the space's sentences mixed with PRIOR_SENTENCES of general English (worked out once a term). */
  private idf(id: number): number {
    let w = this.idfCache[id];
    if (w === undefined) {
      w = Math.log((1 + this.documents + PRIOR_SENTENCES) / Math.max(1, this.df[id] + PRIOR_SENTENCES * (this.share.get(this.terms[id]) ?? 0)));
      this.idfCache[id] = w;
    }
    return w;
  }

  /** Sublinear TF × IDF over sorted ids, L2-normalised. */
  private vectorOfIds(sorted: Int32Array): SparseVector {
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    const ids = new Int32Array(distinct);
    const weights = new Float64Array(distinct);
    let norm = 0;
    for (let k = 0, d = -1; k < sorted.length; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) ids[++d] = sorted[k];
      weights[d]++;
    }
    for (let d = 0; d < distinct; d++) {
      const w = (1 + Math.log(weights[d])) * this.idf(ids[d]);
      weights[d] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < distinct; d++) weights[d] /= norm;
    return { ids, weights };
  }

  /** A text (a title, a summary sentence) as a vector of this space; words the space has not seen weigh as rare. */
  vectorOf(text: string): SparseVector {
    return this.vectorOfIds(this.idsOf(sentenceTokens(text)));
  }

  /** The normalised mean of some of the space's sentences (a day's candidates, say), as a dense vector. */
  centroidOf(indexes: number[]): Float64Array {
    const out = new Float64Array(this.terms.length);
    for (const i of indexes) {
      const v = this.sentences[i].vector;
      for (let k = 0; k < v.ids.length; k++) out[v.ids[k]] += v.weights[k];
    }
    return normalise(out);
  }

  /**
   * For each sentence of `queries` (indexes into `sentences`): in every other article, the sentence most similar to it
   * when that similarity reaches `threshold` (each article cited once, by its best sentence).
   */
  supportOf(queries: number[], threshold = SUPPORT_SIMILARITY): Map<number, Array<Citation & { similarity: number; index: number }>> {
    // An inverted index over the terms the queries hold — only those, so that asking for a few sentences' support
    // does not index the whole event — leaving out the common ones (see COMMON_TERM_SHARE).
    const cap = Math.max(COMMON_TERM_MIN, COMMON_TERM_SHARE * this.sentences.length);
    const wanted = new Uint8Array(this.terms.length);
    for (const q of queries) for (const t of this.sentences[q].vector.ids) if (this.df[t] <= cap) wanted[t] = 1;
    // Postings in two flat arrays (compressed rows: term t's run is start[t] to start[t + 1]), counted then filled.
    const start = new Int32Array(this.terms.length + 1);
    for (const s of this.sentences) for (const t of s.vector.ids) if (wanted[t]) start[t + 1]++;
    for (let t = 0; t < this.terms.length; t++) start[t + 1] += start[t];
    const fill = start.slice(0, this.terms.length);
    const postingIds = new Int32Array(start[this.terms.length]);
    const postingWeights = new Float64Array(start[this.terms.length]);
    this.sentences.forEach((s, i) => {
      const { ids, weights } = s.vector;
      for (let k = 0; k < ids.length; k++) {
        const t = ids[k];
        if (!wanted[t]) continue;
        postingIds[fill[t]] = i;
        postingWeights[fill[t]++] = weights[k];
      }
    });

    const acc = new Float64Array(this.sentences.length);
    const out = new Map<number, Array<Citation & { similarity: number; index: number }>>();
    for (const q of queries) {
      const own = this.sentences[q];
      // Dot products through the rarer terms first; only sentences that get at least half way there are compared in
      // full (the common terms left out of the index can add the rest).
      const touched: number[] = [];
      for (let k = 0; k < own.vector.ids.length; k++) {
        const t = own.vector.ids[k];
        if (!wanted[t]) continue;
        const w = own.vector.weights[k];
        for (let p = start[t]; p < start[t + 1]; p++) {
          const j = postingIds[p];
          if (acc[j] === 0) touched.push(j);
          acc[j] += w * postingWeights[p];
        }
      }
      const best = new Map<number, { index: number; similarity: number }>();
      for (const j of touched) {
        const partial = acc[j];
        acc[j] = 0;
        const other = this.sentences[j];
        if (partial < threshold / 2 || other.article === own.article) continue;
        const similarity = sparseCosine(own.vector, other.vector);
        if (similarity < threshold) continue;
        const prev = best.get(other.article);
        if (!prev || similarity > prev.similarity) best.set(other.article, { index: j, similarity });
      }
      out.set(q, [...best].map(([a, b]) => ({ article: this.articles[a].id, sentence: this.sentences[b.index].sentence.index, similarity: b.similarity, index: b.index })));
    }
    return out;
  }
}
