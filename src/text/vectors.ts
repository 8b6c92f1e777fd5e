// Sparse TF-IDF vectors and cosine similarity: how articles and sentences are compared until later stages add entities.
export type Vector = Map<string, number>;

/** What general language says of a term's rarity: the share of its texts holding it, weighed as `docs` texts. */
export interface IdfPrior {
  share: ReadonlyMap<string, number>;
  docs: number;
}

/**
 * Inverse document frequency over a collection, optionally with a prior of general-language texts: within one event
 * every sentence says "Tehran", and without the prior the words that make the event would weigh the least.
 */
export class Idf {
  private readonly df = new Map<string, number>();
  private docs = 0;

  constructor(private readonly prior?: IdfPrior) {}

  add(tokens: Iterable<string>): void {
    this.docs++;
    for (const t of new Set(tokens)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  weight(term: string): number {
    if (this.prior) {
      const { share, docs } = this.prior;
      return Math.log((1 + this.docs + docs) / Math.max(1, (this.df.get(term) ?? 0) + docs * (share.get(term) ?? 0)));
    }
    // log((N+1)/df): a term in every document weighs little (log(1+1/N)) but never nothing, so two copies of one
    // article still match in a batch of two; an unseen term weighs as a term seen once.
    return Math.log((1 + this.docs) / Math.max(1, this.df.get(term) ?? 0));
  }

  static of(documents: Iterable<string[]>, prior?: IdfPrior): Idf {
    const idf = new Idf(prior);
    for (const d of documents) idf.add(d);
    return idf;
  }
}

/** Sublinear TF × IDF, L2-normalised. */
export function tfidf(tokens: string[], idf: Idf): Vector {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, n] of tf) {
    const w = (1 + Math.log(n)) * idf.weight(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  for (const [t, w] of a) {
    const o = b.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

/** The normalised mean of vectors. */
export function centroid(vectors: Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of sum) sum.set(t, w / norm);
  return sum;
}
