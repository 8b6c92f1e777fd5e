// The phrases of a lexicon (or the names of the model's knowledge) as a tree of their tokens, for the compiled tagger
// (compiled.ts): the longest phrase starting at a token is found by walking the line's words down the tree, where
// features.ts `phraseMatches` builds a key of every length and looks each up. The matches are the same: at each
// capitalised word not inside an earlier match, the longest phrase with labels, of at most `longest` tokens.

/** A token's place in a phrase of `n` tokens: U for a phrase of one, else B, I…, L. */
const placeIn = (j: number, n: number) => (n === 1 ? 'U' : j === 0 ? 'B' : j === n - 1 ? 'L' : 'I');

export class PhraseNode {
  readonly next = new Map<string, PhraseNode>();
  /** The labels of the phrase ending here (none when no phrase does). */
  labels: readonly string[] = [];
  /** For each token of that phrase, the numbers of its mark features ("label:place"), worked out on its first match. */
  markIds?: Int32Array[];
}

export class PhraseTree {
  private readonly root = new PhraseNode();

  /** `phrases`: keys of tokens joined by one space, with their labels; `markId`: the feature number of a mark
   * ("city:B"), negative when the model does not know it. */
  constructor(
    phrases: ReadonlyMap<string, readonly string[]>,
    private readonly longest: number,
    private readonly markId: (mark: string) => number,
  ) {
    for (const [key, labels] of phrases) {
      let node = this.root;
      for (const token of key.split(' ')) {
        let next = node.next.get(token);
        if (!next) node.next.set(token, (next = new PhraseNode()));
        node = next;
      }
      node.labels = labels;
    }
  }

  /** The phrases' branch for those opening with this word (undefined when none does). */
  opening(word: string): PhraseNode | undefined {
    return this.root.next.get(word);
  }

  /** The mark features of a line's tokens: for each token inside a match, the numbers of its marks (undefined for the
   * others, and for the whole line when nothing matches). `word(token)`: the token's word; `opening(token)`: `opening`
   * of its word when the word is capitalised, else undefined. */
  match<T>(tokens: readonly T[], word: (token: T) => string, opening: (token: T) => PhraseNode | undefined): Array<Int32Array | undefined> | undefined {
    let marks: Array<Int32Array | undefined> | undefined;
    let i = 0;
    while (i < tokens.length) {
      let found: PhraseNode | undefined;
      let length = 0;
      let node = opening(tokens[i]);
      for (let n = 1; node && n <= this.longest; n++) {
        if (node.labels.length) {
          found = node;
          length = n;
        }
        if (!node.next.size || i + n >= tokens.length) break;
        node = node.next.get(word(tokens[i + n]));
      }
      if (found) {
        marks ??= new Array(tokens.length);
        const markIds = (found.markIds ??= this.markIdsOf(found.labels, length));
        for (let j = 0; j < length; j++) marks[i + j] = markIds[j];
      }
      i += Math.max(1, length);
    }
    return marks;
  }

  private markIdsOf(labels: readonly string[], length: number): Int32Array[] {
    return Array.from({ length }, (_, j) => Int32Array.from(labels.map((label) => this.markId(`${label}:${placeIn(j, length)}`)).filter((id) => id >= 0)));
  }
}
