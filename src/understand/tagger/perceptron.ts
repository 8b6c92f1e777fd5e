// A structured averaged perceptron (Collins 2002) for tagging sequences: one weight per (feature, tag), first-order
// transition weights between tags (and from the start, to the end of a line), Viterbi decoding restricted to the tag
// sequences the scheme allows (BIO: "I-ORG" only after "B-ORG" or "I-ORG"; BILOU also: "B-" is closed by "L-", a single
// word is "U-").
//
// Averaging keeps the weights of every step summed without touching every weight at every step: beside each weight w
// sits u, the sum of its updates each multiplied by the step it was made at; the average over c steps is then
// w − u / c (Daumé 2006, §2.1.1). This is the lazy-timestamp method in closed form: each weight is touched only when
// it is updated.
//
// Training is deterministic: the sentences are shuffled before each epoch by a seeded linear congruential generator.

export type TagScheme = 'BIO' | 'BILOU';

/** The tags of a scheme over entity types: "O" first, then per type B-, I- (and L-, U- for BILOU). */
export function schemeTags(types: readonly string[], scheme: TagScheme): string[] {
  const prefixes = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  return ['O', ...types.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

const prefixOf = (tag: string) => (tag === 'O' ? 'O' : tag[0]);
const typeOf = (tag: string) => (tag === 'O' ? '' : tag.slice(2));

/** What allowedMoves says of a set of tags. */
export interface AllowedMoves {
  start: boolean[];
  transition: boolean[];
  end: boolean[];
  before: Int32Array[];
}

/** Which tag may follow which (from, to), which may open a line and which may close it; and for each tag the tags
 * that may come before it (Viterbi looks at those only: a third of the pairs under BILOU). */
export function allowedMoves(tags: readonly string[]): AllowedMoves {
  const bilou = tags.some((t) => t.startsWith('L-'));
  // A tag that continues a name (I-, L-) needs the same type's B- or I- before it; after B- or I- in BILOU the name
  // must go on.
  const continues = (t: string) => prefixOf(t) === 'I' || prefixOf(t) === 'L';
  const open = (t: string) => bilou && (prefixOf(t) === 'B' || prefixOf(t) === 'I');
  const start = tags.map((t) => !continues(t));
  const end = tags.map((t) => !open(t));
  const transition: boolean[] = [];
  for (const from of tags) {
    for (const to of tags) {
      let ok: boolean;
      if (continues(to)) ok = (prefixOf(from) === 'B' || prefixOf(from) === 'I') && typeOf(from) === typeOf(to);
      else ok = !open(from);
      transition.push(ok);
    }
  }
  const k = tags.length;
  const before = tags.map((_, to) => Int32Array.from(tags.keys()).filter((from) => transition[from * k + to]));
  return { start, transition, end, before };
}

/** One sentence ready for the perceptron: each token's feature numbers, and (for training) the gold tags' numbers. */
export interface Sequence {
  features: Int32Array[];
  gold?: Int32Array;
}

/** Weights to decode with: emission weights per (feature, tag), transitions, start and end. */
export interface TaggerWeights {
  tags: string[];
  /** featureCount × tags.length, row by feature. */
  emission: Float32Array | Float64Array;
  /** tags.length × tags.length, row by the tag before. */
  transition: Float32Array | Float64Array;
  start: Float32Array | Float64Array;
  end: Float32Array | Float64Array;
}

/** The best tag sequence (tag numbers) for a sentence under `weights`, among the allowed ones. */
export function viterbi(weights: TaggerWeights, features: Int32Array[], moves = allowedMoves(weights.tags)): Int32Array {
  const k = weights.tags.length;
  const n = features.length;
  const emission = new Float64Array(n * k);
  for (let t = 0; t < n; t++) {
    const row = t * k;
    for (const f of features[t]) {
      const base = f * k;
      for (let y = 0; y < k; y++) emission[row + y] += weights.emission[base + y];
    }
  }
  return bestPath(weights, emission, n, moves);
}

/** Room for bestPath's scores and back pointers, grown as needed and reused from call to call (a sentence's arrays
 * cost more to allocate than to fill). */
let scoreRoom = new Float64Array(0);
let backRoom = new Int32Array(0);

/** For each tag, the transition weights into it from the tags allowed before it (`moves.before`, in its order): what
 * Viterbi's inner loop reads, side by side. */
export function transitionsInto(weights: TaggerWeights, moves: AllowedMoves): Float64Array[] {
  const k = weights.tags.length;
  return moves.before.map((from, y) => Float64Array.from(from, (p) => weights.transition[p * k + y]));
}

/**
 * The best allowed tag sequence (tag numbers) of a sentence of `n` tokens, given each token's emission score for each
 * tag (`emission`: token by token, `weights.tags.length` scores each): Viterbi over the transition, start and end
 * weights (`into`: `transitionsInto(weights, moves)`, which a caller decoding many sentences with fixed weights keeps).
 * Of equal scores, the tag numbered first wins.
 */
export function bestPath(
  weights: TaggerWeights,
  emission: Float64Array,
  n: number,
  moves: AllowedMoves,
  into = transitionsInto(weights, moves),
): Int32Array {
  const out = new Int32Array(n);
  bestPathInto(emission, n, moves, into, weights.start, weights.end, out, 0);
  return out;
}

/**
 * bestPath with the scores of opening and closing the sequence given (`start`, `end`: by tag; the moves allowed there
 * are still `moves.start` and `moves.end`), its emission scores read from `emission` at `emissionAt`, a token's
 * `stride` after the one before, its tags written into `out` from `at`. A stretch of a line between two
 * tokens that can only be O is decoded so, opened by the transitions from O and closed by those into O: O alone
 * there, the best path through the line is the best path through each stretch.
 */
export function bestPathInto(
  emission: Float64Array,
  n: number,
  moves: AllowedMoves,
  into: Float64Array[],
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  out: Int32Array | Uint8Array,
  at: number,
  emissionAt = 0,
  stride = moves.start.length,
): void {
  const k = moves.start.length;
  if (!n) return;
  if (scoreRoom.length < n * k) {
    scoreRoom = new Float64Array(2 * n * k);
    backRoom = new Int32Array(2 * n * k);
  }
  const score = scoreRoom;
  const back = backRoom;
  const before = moves.before;
  for (let y = 0; y < k; y++) score[y] = moves.start[y] ? emission[emissionAt + y] + start[y] : -Infinity;
  for (let t = 1; t < n; t++) {
    const previous = (t - 1) * k;
    const row = t * k;
    const emitted = emissionAt + t * stride;
    for (let y = 0; y < k; y++) {
      const from = before[y];
      const weight = into[y];
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < from.length; j++) {
        const p = from[j];
        const s = score[previous + p] + weight[j];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[row + y] = best + emission[emitted + y];
      back[row + y] = arg;
    }
  }
  let best = -Infinity;
  let last = 0;
  for (let y = 0; y < k; y++) {
    if (!moves.end[y]) continue;
    const s = score[(n - 1) * k + y] + end[y];
    if (s > best) {
      best = s;
      last = y;
    }
  }
  out[at + n - 1] = last;
  for (let t = n - 1; t > 0; t--) out[at + t - 1] = back[t * k + out[at + t]];
}

/** A small linear congruential generator (Numerical Recipes constants): the same shuffles on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** The perceptron while it learns: current weights and the step-weighted sums of their updates. */
export class PerceptronTrainer {
  readonly tags: string[];
  readonly moves: AllowedMoves;
  private readonly k: number;
  private readonly current: TaggerWeights;
  private readonly sums: { emission: Float64Array; transition: Float64Array; start: Float64Array; end: Float64Array };
  /** Steps taken (one per sentence seen); updates at step c are weighted by c in the sums. */
  private step = 1;

  constructor(tags: string[], featureCount: number) {
    this.tags = tags;
    this.k = tags.length;
    this.moves = allowedMoves(tags);
    const blank = () => ({
      emission: new Float64Array(featureCount * this.k),
      transition: new Float64Array(this.k * this.k),
      start: new Float64Array(this.k),
      end: new Float64Array(this.k),
    });
    this.current = { tags, ...blank() };
    this.sums = blank();
  }

  private bump(name: 'emission' | 'transition' | 'start' | 'end', index: number, delta: number): void {
    this.current[name][index] += delta;
    this.sums[name][index] += this.step * delta;
  }

  /** Tags one sentence with the current weights and, where it errs, moves the weights toward the gold tags. Returns
   * the number of tokens tagged wrong. */
  learn(sequence: Sequence): number {
    const gold = sequence.gold!;
    const predicted = viterbi(this.current, sequence.features, this.moves);
    const k = this.k;
    let wrong = 0;
    const n = gold.length;
    for (let t = 0; t < n; t++) {
      if (predicted[t] === gold[t]) continue;
      wrong++;
      for (const f of sequence.features[t]) {
        this.bump('emission', f * k + gold[t], 1);
        this.bump('emission', f * k + predicted[t], -1);
      }
    }
    if (wrong) {
      this.bump('start', gold[0], 1);
      this.bump('start', predicted[0], -1);
      this.bump('end', gold[n - 1], 1);
      this.bump('end', predicted[n - 1], -1);
      for (let t = 1; t < n; t++) {
        this.bump('transition', gold[t - 1] * k + gold[t], 1);
        this.bump('transition', predicted[t - 1] * k + predicted[t], -1);
      }
    }
    this.step++;
    return wrong;
  }

  /** One pass over the sentences in a seeded order. Returns the share of tokens tagged wrong while learning. */
  epoch(sequences: Sequence[], random: () => number): number {
    const order = sequences.slice();
    shuffleInPlace(order, random);
    let wrong = 0;
    let tokens = 0;
    for (const s of order) {
      wrong += this.learn(s);
      tokens += s.features.length;
    }
    return tokens ? wrong / tokens : 0;
  }

  /** The averaged weights so far: w − u / c for every weight. */
  averaged(): TaggerWeights {
    const average = (w: Float64Array, u: Float64Array) => {
      const out = new Float32Array(w.length);
      const c = this.step;
      for (let i = 0; i < w.length; i++) out[i] = w[i] - u[i] / c;
      return out;
    };
    return {
      tags: this.tags,
      emission: average(this.current.emission as Float64Array, this.sums.emission),
      transition: average(this.current.transition as Float64Array, this.sums.transition),
      start: average(this.current.start as Float64Array, this.sums.start),
      end: average(this.current.end as Float64Array, this.sums.end),
    };
  }
}
