// The tagger's fast path for a model ready to tag (index.ts): each token's emission scores under the features of
// features.ts (`lineFeatures`, `secondPassFeatures`), found without building the features' names.
//
// Building some fifty names per token and looking each up in a map of strings took most of the tagging time. Here:
//   - what the features need of a word form is worked out once per form and kept (WordFeatures, in a bounded cache):
//     the summed weights of the features of the word alone (w=, lw=, shapes, prefixes, suffixes, lexicon words…), and
//     the numbers of its features as the neighbour of another word (w-1=, sh+2=…);
//   - the features of a token's shape among its neighbours' shapes (sh-1=, sh+1=, sh-1|sh|sh+1=…, and csh|caps=) and
//     those every token of a line has (bias, caps=, len=) are summed once per such context and kept too;
//   - the features that join neighbouring words ("w-1|w=new|york") are looked up by numbers (combinations.ts), the
//     lexicons' phrases by walking a tree of their tokens (phrase-tree.ts);
//   - a feature the model does not know weighs nothing, so it is never looked for; a pass's weights are kept sparse
//     (most features weigh on one or two of the 17 tags), and joined across passes, so that one walk over a token's
//     features scores it for every pass (documentScores);
//   - a token that can only be O (a plain word in lower case, a comma, a stretch of words with no capital or digit:
//     outsideOnlyWords) gets no features and no scores: four tokens in five of news;
//   - the document memory (what else the document writes of a word) is noted on the cached forms, stamped with the
//     document's number, rather than in sets and maps made for each document.
// The sums are exact whatever their order (see documentScores), so the scores are those of the named features:
// test/understand/tagger.test.ts checks it for every token of the CoNLL-2003 development split.
import { CombinationFeatures, NONE } from './combinations.js';
import {
  compressedShape,
  ENTITY_TYPES,
  frequencyBand,
  hasLetter,
  isCapitalised,
  isDateline,
  LENGTH_BANDS,
  lineLengthBand,
  loadLexicons,
  LONGEST_PHRASE,
  readCase,
  startsInLowerCase,
  wordShape,
  type DocumentMemory,
  type EntityType,
  type FirstPassTypes,
  type Lexicons,
  type TaggerKnowledge,
  type TokenLine,
} from './features.js';
import type { TaggerWeights } from './perceptron.js';
import { PhraseTree, type PhraseNode } from './phrase-tree.js';

/** What the compiled tagger needs of a model (index.ts `EntityModel`). */
export interface CompilableModel {
  tags: string[];
  knowledge: TaggerKnowledge;
  passes: Array<{ featureIndex: Map<string, number>; weights: TaggerWeights }>;
}

/** Feature numbers of a document's tokens (line after line): token t's are ids[offsets[t]] … ids[offsets[t + 1] − 1]. */
export interface TokenFeatureIds {
  ids: Int32Array;
  offsets: Int32Array;
}

/** The first pass's features of a document's tokens, ready to score. Token lists run line after line. */
export interface DocumentFeatures extends TokenFeatureIds {
  /** Where each line's tokens start in the lists; lineStart[lines.length] is the count of tokens. */
  lineStart: Int32Array;
  /** For each token that can be part of a name, its text in lower case (as the second pass looks it up). */
  lowers: string[];
  /** 1 for a token that can only be O (outsideOnlyWords): it has no features and no scores, and is not decoded. */
  outsideOnly: Uint8Array;
  /** For each token that can be part of a name, the summed weights of its word's own features (at its place: first on
   * the line or not), pass after pass; nothing for the others. */
  ownScores: Float64Array[];
  /** For each token that can be part of a name, the summed weights of the features of its line and of its shape among
   * its neighbours', pass after pass. */
  contextScores: Float64Array[];
}

/** A pass's emission weights by feature, kept sparse: feature f weighs weight[j] for tag[j], j from rowStart[f] to
 * rowStart[f + 1] (exclusive); the tags left out weigh nothing. */
interface SparseWeights {
  rowStart: Int32Array;
  tag: Uint8Array;
  weight: Float64Array;
}

/**
 * The document memory (features.ts memoryOfWords) of one lower-case form, kept on the form's cache entry and stamped
 * with the document it was noted in: noting it costs a field's write, not a set's or a map's, and a new document
 * forgets it by its new number.
 */
class LowerFormMemory {
  /** The last document that wrote the form in lower case (memory.writtenLower). */
  writtenLower = 0;
  /** The last document that wrote it capitalised inside a line (memory.capitalisedInside). */
  capitalisedInside = 0;
  /** The last document that put it in a run of capitalised words, and where in runs (RUN_FIRST | RUN_LAST | RUN_INNER). */
  runDocument = 0;
  runPositions = 0;
  /** The last document with a line in capitals holding the form: only such forms' usual forms are counted. */
  wantedIn = 0;
  /** In that document, how often each form of the word was written (memory.usualForm's counts). */
  forms = new Map<string, number>();
}

const RUN_FIRST = 1;
const RUN_LAST = 2;
const RUN_INNER = 4;

/** What the features of a token need of its word form: feature numbers (NONE where the model does not know the
 * feature), and facts for the features that look at the word from its neighbours or from the document. */
class WordFeatures {
  /** The word's features that depend on nothing else (w=, lw=, sh=, csh=, freq=, prefixes and suffixes, punct=, common
   * and common|csh=, the word lists' title, org-head…, first-name). */
  own: number[] = [];
  /** Their weights summed, with common|first=false, pass after pass. */
  ownScores: Float64Array = new Float64Array(0);
  /** The same for the word opening a line: with first, first|csh= and common|first=true (worked out when first met). */
  ownScoresFirst?: Float64Array;
  /** csh|caps= on a line not in capitals, and on one in capitals. */
  shapeOnPlainLine = NONE;
  shapeOnCapsLine = NONE;
  /** story-case= with this word's shape: given to a word on a line in capitals whose usual form in the story this is. */
  storyCase = NONE;
  // The word as the neighbour of another: w-1=, w+1=, w-2=, w+2=, sh-1=, sh+1=, sh-2=, sh+2=.
  asPrevious = NONE;
  asNext = NONE;
  asSecondPrevious = NONE;
  asSecondNext = NONE;
  shapeAsPrevious = NONE;
  shapeAsNext = NONE;
  shapeAsSecondPrevious = NONE;
  shapeAsSecondNext = NONE;
  /** The lower-case word and its compressed shape as parts of combination features (combinations.ts). */
  wordPart = NONE;
  shapePart = NONE;
  /** The compressed shape's number among the shapes met (CompiledTagger.shapeNumbers). */
  shapeNumber = NONE;
  /** The word form itself, and in lower case. */
  word = '';
  lower = '';
  /** What the document memory notes of the word's lower-case form (shared by its forms: "Said", "said"). */
  memory!: LowerFormMemory;
  hasLetter = false;
  capitalised = false;
  startsInLowerCase = false;
  /** A token that is only ever O (isPlainWord): tagged so unscored. */
  plain = false;
  /** Holds a capital or a digit, as every name does. */
  capitalOrDigit = false;
  title = false;
  firstName = false;
  organizationHead = false;
  /** A capitalised word, "of" or "&": an organisation's name may go on over it ("Bank of England"). */
  carriesOrganization = false;
  /** When capitalised, the branch of the lexicons' phrases, of the model's known names, that open with the word. */
  lexiconPhrases?: PhraseNode;
  knownNames?: PhraseNode;
}

/**
 * Words in lower case that go into names: "Bank of England", "Port au Prince", "Ludwig van Beethoven", "Hafez
 * al-Assad"'s "al". Every other word that starts in lower case and has no capital in it ("said", "ministry") is tagged
 * O without being scored: in the CoNLL-2003 training split, 434 of its 23,499 names' tokens start in lower case, and
 * all but about 60 of those are these words or carry a capital ("al-Kabariti", "neo-Nazi"). Two tokens in three in
 * news start in lower case, so the tagger scores about a third of the tokens it would (dev F1 0.941 → 0.940).
 */
const NAME_GLUE: ReadonlySet<string> = new Set(
  [
    // English: "Bank of England", "Securities and Exchange Commission", "Stratford upon Avon".
    'of and for the in on at upon under &',
    // Romance: "Port au Prince", "Casa de Narino", "Rio de la Plata", "Aix en Provence".
    'de del della delle degli dei dal di da do dos das du des la le les las los lo au aux sur sous en y e et i',
    // Germanic: "Ludwig van Beethoven", "Frankfurt am Main", "ter Horst".
    'van der den von zu zum zur am im ter ten op het',
    // Arabic, Persian, Gaelic particles: "Hafez al-Assad"'s "al", "bin Laden", "Abd al Aziz", "mac".
    'al el ad an ar as ash at az ul bin ibn ben bint abu abd abdul abdel mac mc st',
  ]
    .join(' ')
    .split(' '),
);

/** Marks no name runs over: the CoNLL-2003 training split's 23,499 names hold 15 of its 7,291 commas and none of its
 * quotation marks; a name read over one is two names run together ("Bankers, Politicians"). */
const NAME_BREAKS = ',;:"“”!?';

/** Whether a token (on a line not in capitals) is tagged O unscored: a word in lower case that is not NAME_GLUE, or one
 * of NAME_BREAKS (one token in fifteen in the T17 news: 78,000 of 1.2 million). */
export function isPlainWord(word: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(word)) return word.length === 1 && NAME_BREAKS.includes(word);
  return startsInLowerCase(word) && !/\p{Lu}/u.test(word) && !NAME_GLUE.has(word);
}

/** Whether a word holds a capital or a digit, as every name does. */
export const hasCapitalOrDigit = (word: string) => /[\p{Lu}\p{N}]/u.test(word);

/**
 * Which tokens of a line can only be O, by their words: on a line not in capitals, plain words (isPlainWord), and the
 * words of a stretch between plain words that has no capital and no digit ("the" in "said the man", "in the" in
 * "lived in the house"): every name holds one, and such stretches hold two in five of the words news leaves after the
 * plain ones. Those tokens are not scored.
 */
export function outsideOnlyWords(words: readonly string[], allCaps: boolean): boolean[] {
  if (allCaps) return words.map(() => false);
  const marks = markOutsideOnly(words, isPlainWord, hasCapitalOrDigit, new Uint8Array(words.length));
  return Array.from(marks, Boolean);
}

/** The rule of outsideOnlyWords over a line's items (words, or the compiled tagger's cached words), marked in `marks`
 * (1: O only). */
function markOutsideOnly<T>(items: readonly T[], plain: (item: T) => boolean, named: (item: T) => boolean, marks: Uint8Array): Uint8Array {
  for (let i = 0; i < items.length; ) {
    if (plain(items[i])) {
      marks[i++] = 1;
      continue;
    }
    const from = i;
    let anyNamed = false;
    for (; i < items.length && !plain(items[i]); i++) anyNamed ||= named(items[i]);
    marks.fill(anyNamed ? 0 : 1, from, i);
  }
  return marks;
}

const isPlain = (f: WordFeatures) => f.plain;
const isCapitalOrDigit = (f: WordFeatures) => f.capitalOrDigit;

/** Word forms kept with their features (about half a kilobyte each); past this many, the cache starts again at the next
 * document. News text of 1.2 million tokens (T17 and the CoNLL-2003 dev split) has 42,000 forms. */
const WORD_CACHE_LIMIT = 100_000;
/** Contexts (a kind of line, five shapes) kept with their summed weights (about 400 bytes each); past this many, the
 * cache starts again at the next document. The 1.2 million tokens above have 34,000. */
const CONTEXT_LIMIT = 50_000;
/** Shapes met are numbered, and a context is cached under its kind of line and middle shape, then under a key made of
 * the four other shapes' numbers: a small integer, which maps find fastest, when all five are under this. The 1.2
 * million tokens above have 180 shapes, the commonest met first; a context with a rarer shape is worked out afresh. */
const SHAPE_LIMIT = 2 ** 7;
/** Kinds of line: in capitals or not, by length band. */
const LINE_KINDS = 2 * LENGTH_BANDS.length;

/** A growing list of feature numbers, reused from document to document. */
class IdBuffer {
  data = new Int32Array(1 << 16);
  length = 0;

  push(id: number): void {
    if (id < 0) return;
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = id;
  }

  /** The numbers pushed since `length` was last set to 0, copied out. */
  take(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** The numbers of the features of the line, of the token's place in it, of the document memory and of the second
 * pass. */
function fixedFeatures(id: (name: string) => number) {
  return {
    bias: id('bias'),
    plainLine: id('caps=c'),
    capsLine: id('caps=C'),
    lengthBand: Object.fromEntries(LENGTH_BANDS.map((band) => [band, id(`len=${band}`)])) as Record<(typeof LENGTH_BANDS)[number], number>,
    second: id('second'),
    last: id('last'),
    dateline: id('dateline'),
    afterTitle: id('after-title'),
    organizationHeadAhead: id('org-head-ahead'),
    afterFirstName: id('after-first-name'),
    storyCaseNone: id('story-case=none'),
    alsoLower: id('also-lower'),
    capitalisedInside: id('first|capitalised-inside=true'),
    notCapitalisedInside: id('first|capitalised-inside=false'),
    inRun: { first: id('in-run=first'), last: id('in-run=last'), inner: id('in-run=inner') },
    documentType: Object.fromEntries(
      ENTITY_TYPES.map((type) => [type, { any: id(`doc-type=${type}`), most: id(`doc-type=${type}|most`), some: id(`doc-type=${type}|some`) }]),
    ) as Record<EntityType, { any: number; most: number; some: number }>,
  };
}

/** A model ready for fast tagging: its features numbered once across passes, each pass's weights sparse. */
export class CompiledTagger {
  /** Feature names to the numbers used here (those with a weight in some pass). */
  private readonly featureIndex = new Map<string, number>();
  private readonly passes: SparseWeights[];
  /** Every pass's weights in one table, a feature's row holding tag numbers p·k + y for pass p (documentScores). */
  private readonly allPasses: SparseWeights;
  private readonly tagCount: number;
  private readonly knowledge: TaggerKnowledge;
  private readonly lex: Lexicons;
  private readonly combinations: CombinationFeatures;
  private readonly lexiconPhrases: PhraseTree;
  private readonly knownNames: PhraseTree;
  private readonly fixed: ReturnType<typeof fixedFeatures>;
  private readonly words = new Map<string, WordFeatures>();
  /** The document memory of each lower-case form met, and the number of the document being read (their stamps). */
  private readonly lowerForms = new Map<string, LowerFormMemory>();
  private documentNumber = 0;
  private readonly shapeNumbers = new Map<string, number>();
  /** By kind of line and middle shape, then by the other shapes (contextScores). */
  private readonly contexts = Array.from({ length: LINE_KINDS * SHAPE_LIMIT }, () => new Map<number, Float64Array>());
  private contextCount = 0;
  /** The neighbours of the first and last tokens: "<s>" and "</s>" as word and as shape. */
  private lineStart: WordFeatures;
  private lineEnd: WordFeatures;
  private readonly buffer = new IdBuffer();
  /** Room for outsideOnly's marks. */
  private lineRoom = new Uint8Array(0);
  /** Room for documentScores' scores. */
  private documentRoom = new Float64Array(0);

  constructor(model: CompilableModel) {
    const k = (this.tagCount = model.tags.length);
    this.knowledge = model.knowledge;
    this.lex = loadLexicons();
    for (const pass of model.passes) {
      for (const [name, row] of pass.featureIndex) {
        if (this.featureIndex.has(name)) continue;
        for (let y = 0; y < k; y++) {
          if (pass.weights.emission[row * k + y] !== 0) {
            this.featureIndex.set(name, this.featureIndex.size);
            break;
          }
        }
      }
    }
    this.passes = model.passes.map((pass) => this.sparseWeights(pass));
    this.allPasses = this.joinedWeights(this.passes);
    this.combinations = new CombinationFeatures(this.featureIndex);
    this.lexiconPhrases = new PhraseTree(this.lex.phrases, this.lex.longestPhrase, (mark) => this.id(`lex=${mark}`));
    this.knownNames = new PhraseTree(this.knowledge.names, LONGEST_PHRASE, (mark) => this.id(`name=${mark}`));
    this.fixed = fixedFeatures((name) => this.id(name));
    this.lineStart = this.boundary('<s>');
    this.lineEnd = this.boundary('</s>');
  }

  private id(name: string): number {
    return this.featureIndex.get(name) ?? NONE;
  }

  private sparseWeights(pass: CompilableModel['passes'][number]): SparseWeights {
    const k = this.tagCount;
    const emission = pass.weights.emission;
    // The pass's row of each feature numbered here (NONE where the pass has none).
    const rows = new Int32Array(this.featureIndex.size).fill(NONE);
    for (const [name, row] of pass.featureIndex) {
      const id = this.featureIndex.get(name);
      if (id !== undefined) rows[id] = row;
    }
    const rowStart = new Int32Array(rows.length + 1);
    rows.forEach((row, f) => {
      let kept = 0;
      for (let y = 0; row !== NONE && y < k; y++) if (emission[row * k + y] !== 0) kept++;
      rowStart[f + 1] = rowStart[f] + kept;
    });
    const tag = new Uint8Array(rowStart[rows.length]);
    const weight = new Float64Array(rowStart[rows.length]);
    rows.forEach((row, f) => {
      let j = rowStart[f];
      for (let y = 0; row !== NONE && y < k; y++) {
        const w = emission[row * k + y];
        if (w === 0) continue;
        tag[j] = y;
        weight[j++] = w;
      }
    });
    return { rowStart, tag, weight };
  }

  /** Passes' sparse weights joined by feature: the row of feature f holds pass p's tag y as p·k + y. */
  private joinedWeights(passes: SparseWeights[]): SparseWeights {
    const k = this.tagCount;
    if (passes.length * k > 256) throw new Error('entity model: too many tags to join its passes');
    const features = passes[0].rowStart.length - 1;
    const rowStart = new Int32Array(features + 1);
    for (let f = 0; f < features; f++) {
      let kept = 0;
      for (const pass of passes) kept += pass.rowStart[f + 1] - pass.rowStart[f];
      rowStart[f + 1] = rowStart[f] + kept;
    }
    const tag = new Uint8Array(rowStart[features]);
    const weight = new Float64Array(rowStart[features]);
    for (let f = 0; f < features; f++) {
      let j = rowStart[f];
      passes.forEach((pass, p) => {
        for (let r = pass.rowStart[f]; r < pass.rowStart[f + 1]; r++, j++) {
          tag[j] = p * k + pass.tag[r];
          weight[j] = pass.weight[r];
        }
      });
    }
    return { rowStart, tag, weight };
  }

  /**
   * Every pass's emission scores of every token of a document that can be part of a name (the others' rows are left as
   * they were: they are not decoded), without the second pass's own features: token by token, pass after pass (pass p's
   * tag y of token t at (t·P + p)·k + y, P the count of passes: the joined weights' tag numbers), so that one walk
   * over a token's features serves every pass. The array is reused by the next document.
   *
   * The sums are not made in lineFeatures' order, nor from the same partial sums; for a model read from its file that
   * changes nothing: its weights are float32 numbers of at least 1 in magnitude (smaller ones are dropped, index.ts
   * MIN_WEIGHT), so multiples of 2⁻²³, and float64 adds such numbers exactly while the sums stay under 2³⁰.
   */
  documentScores(doc: DocumentFeatures): Float64Array {
    const width = this.passes.length * this.tagCount;
    const count = doc.outsideOnly.length;
    if (this.documentRoom.length < count * width) this.documentRoom = new Float64Array(2 * count * width);
    const scores = this.documentRoom;
    const { rowStart, tag, weight } = this.allPasses;
    const { ids, offsets, outsideOnly, ownScores, contextScores } = doc;
    for (let t = 0; t < count; t++) {
      if (outsideOnly[t]) continue;
      const own = ownScores[t];
      const context = contextScores[t];
      const row = t * width;
      for (let j = 0; j < width; j++) scores[row + j] = own[j] + context[j];
      for (let j = offsets[t]; j < offsets[t + 1]; j++) {
        const f = ids[j];
        for (let r = rowStart[f]; r < rowStart[f + 1]; r++) scores[row + tag[r]] += weight[r];
      }
    }
    return scores;
  }

  /** Adds a pass's weights of extra features (the second pass's) to that pass's scores from documentScores. */
  addExtraScores(scores: Float64Array, pass: number, doc: DocumentFeatures, extra: TokenFeatureIds): void {
    const k = this.tagCount;
    const width = this.passes.length * k;
    const count = doc.outsideOnly.length;
    const { rowStart, tag, weight } = this.passes[pass];
    for (let t = 0; t < count; t++) {
      const row = t * width + pass * k;
      for (let j = extra.offsets[t]; j < extra.offsets[t + 1]; j++) {
        const f = extra.ids[j];
        for (let r = rowStart[f]; r < rowStart[f + 1]; r++) scores[row + tag[r]] += weight[r];
      }
    }
  }

  /** The weights of features summed, pass after pass (NONE skipped). */
  private summedWeights(ids: number[]): Float64Array {
    const k = this.tagCount;
    const out = new Float64Array(this.passes.length * k);
    this.passes.forEach(({ rowStart, tag, weight }, p) => {
      for (const f of ids) {
        if (f === NONE) continue;
        for (let r = rowStart[f]; r < rowStart[f + 1]; r++) out[p * k + tag[r]] += weight[r];
      }
    });
    return out;
  }

  /** Forgets the word forms, shapes and shape contexts met, if any of them passed its limit. Between documents only:
   * a document's tokens hold the numbers of its shapes. */
  private forgetIfFull(): void {
    if (this.words.size < WORD_CACHE_LIMIT && this.contextCount < CONTEXT_LIMIT) return;
    this.words.clear();
    this.lowerForms.clear();
    this.shapeNumbers.clear();
    for (const contexts of this.contexts) contexts.clear();
    this.contextCount = 0;
    this.lineStart = this.boundary('<s>');
    this.lineEnd = this.boundary('</s>');
  }

  /** The features of a word (lower case) and a shape as a neighbour, and as parts of combinations. */
  private describeNeighbour(features: WordFeatures, lower: string, shape: string): void {
    features.asPrevious = this.id(`w-1=${lower}`);
    features.asNext = this.id(`w+1=${lower}`);
    features.asSecondPrevious = this.id(`w-2=${lower}`);
    features.asSecondNext = this.id(`w+2=${lower}`);
    features.shapeAsPrevious = this.id(`sh-1=${shape}`);
    features.shapeAsNext = this.id(`sh+1=${shape}`);
    features.shapeAsSecondPrevious = this.id(`sh-2=${shape}`);
    features.shapeAsSecondNext = this.id(`sh+2=${shape}`);
    features.wordPart = this.combinations.wordPart(lower);
    features.shapePart = this.combinations.shapePart(shape);
    let number = this.shapeNumbers.get(shape);
    if (number === undefined) this.shapeNumbers.set(shape, (number = this.shapeNumbers.size));
    features.shapeNumber = number;
  }

  /** The document memory of a lower-case form, made when first met. */
  private lowerFormMemory(lower: string): LowerFormMemory {
    let memory = this.lowerForms.get(lower);
    if (!memory) this.lowerForms.set(lower, (memory = new LowerFormMemory()));
    return memory;
  }

  /** A line's edge as a neighbour: "<s>" or "</s>" as word and as shape. */
  private boundary(mark: string): WordFeatures {
    const features = new WordFeatures();
    features.memory = new LowerFormMemory();
    this.describeNeighbour(features, mark, mark);
    return features;
  }

  /** The features of a word form (those lineFeatures names), from the cache or worked out. */
  private wordFeatures(w: string): WordFeatures {
    // The cache alone here: a function whose closures capture `this` allocates their context on every call, and this
    // one is called for every token.
    return this.words.get(w) ?? this.newWordFeatures(w);
  }

  /** The features of a word form met for the first time, worked out and kept. */
  private newWordFeatures(w: string): WordFeatures {
    const lex = this.lex;
    const lower = w.toLowerCase();
    const shape = compressedShape(w);
    const features = new WordFeatures();
    const own = [`w=${w}`, `lw=${lower}`, `sh=${wordShape(w)}`, `csh=${shape}`, `freq=${frequencyBand(lower, lex)}`];
    for (let k = 1; k <= 4 && k <= w.length; k++) own.push(`p${k}=${w.slice(0, k)}`, `s${k}=${w.slice(-k)}`);
    if (w.length === 1 && !hasLetter(w)) own.push(`punct=${w}`);
    const common = lex.common.has(lower);
    if (common) own.push('common', `common|csh=${shape}`);
    features.title = lex.titles.has(lower);
    if (features.title) own.push('title');
    features.organizationHead = lex.organizationHeads.has(lower);
    if (features.organizationHead) own.push('org-head');
    if (lex.placeHeads.has(lower)) own.push('place-head');
    if (lex.particles.has(lower)) own.push('particle');
    if (lex.calendarWords.has(lower)) own.push('calendar');
    if (lex.groupAdjectives.has(lower)) own.push('group-adjective');
    if (lex.sentenceOpeners.has(lower)) own.push('opener-word');
    features.firstName = this.knowledge.firstNames.has(w);
    if (features.firstName) own.push('first-name');
    features.own = own.map((name) => this.id(name));
    features.ownScores = this.summedWeights(common ? [...features.own, this.id('common|first=false')] : features.own);
    features.shapeOnPlainLine = this.id(`csh|caps=${shape}|c`);
    features.shapeOnCapsLine = this.id(`csh|caps=${shape}|C`);
    features.storyCase = this.id(`story-case=${shape}`);
    this.describeNeighbour(features, lower, shape);
    features.word = w;
    features.lower = lower;
    features.memory = this.lowerFormMemory(lower);
    features.hasLetter = hasLetter(w);
    features.capitalised = isCapitalised(w);
    features.startsInLowerCase = startsInLowerCase(w);
    features.plain = isPlainWord(w);
    features.capitalOrDigit = hasCapitalOrDigit(w);
    features.carriesOrganization = features.capitalised || lower === 'of' || lower === '&';
    if (features.capitalised) {
      features.lexiconPhrases = this.lexiconPhrases.opening(w);
      features.knownNames = this.knownNames.opening(w);
    }
    this.words.set(w, features);
    return features;
  }

  /** A word's own summed weights when it opens a line (WordFeatures.ownScoresFirst), worked out when first needed. */
  private ownScoresFirst(features: WordFeatures): Float64Array {
    // Worked out apart, as wordFeatures: the closure would cost every call.
    return features.ownScoresFirst ?? (features.ownScoresFirst = this.newOwnScoresFirst(features));
  }

  private newOwnScoresFirst(features: WordFeatures): Float64Array {
    const first = ['first', `first|csh=${compressedShape(features.word)}`];
    if (this.lex.common.has(features.lower)) first.push('common|first=true');
    return this.summedWeights([...features.own, ...first.map((name) => this.id(name))]);
  }

  /** The summed weights of the features of a token's line (bias, caps=, len=) and of its shape among its neighbours'
   * (csh|caps=, sh-2=, sh-1=, sh+1=, sh+2=, sh-1|sh|sh+1=, sh-1|sh= and sh|sh+1=), from the cache or worked out: the
   * token `features` between the two before it and the two after it (the line's edges beyond it), on a line in
   * capitals or not, of a length band (together, `lineKind`: the band's number, plus the count of bands if in capitals). */
  private contextScores(
    secondPrevious: WordFeatures,
    previous: WordFeatures,
    features: WordFeatures,
    next: WordFeatures,
    secondNext: WordFeatures,
    caps: boolean,
    band: (typeof LENGTH_BANDS)[number],
    lineKind: number,
  ): Float64Array {
    const cached = Math.max(secondPrevious.shapeNumber, previous.shapeNumber, features.shapeNumber, next.shapeNumber, secondNext.shapeNumber) < SHAPE_LIMIT;
    const contexts = cached ? this.contexts[lineKind * SHAPE_LIMIT + features.shapeNumber] : undefined;
    const key = ((secondPrevious.shapeNumber * SHAPE_LIMIT + previous.shapeNumber) * SHAPE_LIMIT + next.shapeNumber) * SHAPE_LIMIT + secondNext.shapeNumber;
    let scores = contexts?.get(key);
    if (scores) return scores;
    const families = this.combinations.families;
    scores = this.summedWeights([
      this.fixed.bias,
      caps ? this.fixed.capsLine : this.fixed.plainLine,
      this.fixed.lengthBand[band],
      caps ? features.shapeOnCapsLine : features.shapeOnPlainLine,
      secondPrevious.shapeAsSecondPrevious,
      previous.shapeAsPrevious,
      next.shapeAsNext,
      secondNext.shapeAsSecondNext,
      families.shapes.triple(previous.shapePart, features.shapePart, next.shapePart),
      families.previousShapeAndShape.pair(previous.shapePart, features.shapePart),
      families.shapeAndNextShape.pair(features.shapePart, next.shapePart),
    ]);
    if (contexts) {
      contexts.set(key, scores);
      this.contextCount++;
    }
    return scores;
  }


  /** The features `lineFeatures` gives the tokens of a document's lines (those the model knows), ready to score. */
  documentFeatures(lines: TokenLine[]): DocumentFeatures {
    this.forgetIfFull();
    const document = ++this.documentNumber;
    // The words of lines not in capitals first: the document memory is read from them, and read on lines in capitals.
    const words: WordFeatures[][] = [];
    let capsLines = false;
    for (const line of lines) {
      if (line.allCaps) {
        capsLines = true;
        words.push([]);
      } else {
        words.push(line.tokens.map((t) => this.wordFeatures(t.text)));
      }
    }
    const usualForm = this.noteMemory(lines, words, document, capsLines);
    if (capsLines) {
      const memory = { usualForm } as DocumentMemory;
      lines.forEach((line, l) => {
        if (line.allCaps) words[l] = line.tokens.map((t) => this.wordFeatures(readCase(t.text, memory, this.lex)));
      });
    }
    const out = this.buffer;
    out.length = 0;
    const tokenCount = lines.reduce((sum, line) => sum + line.tokens.length, 0);
    const doc: Omit<DocumentFeatures, 'ids'> = {
      lineStart: new Int32Array(lines.length + 1),
      // Made to size: grown by pushing, the three lists were a third of what reading a document allocated.
      lowers: new Array<string>(tokenCount),
      outsideOnly: new Uint8Array(tokenCount),
      ownScores: new Array<Float64Array>(tokenCount),
      contextScores: new Array<Float64Array>(tokenCount),
      offsets: new Int32Array(tokenCount + 1),
    };
    let token = 0;
    lines.forEach((line, l) => {
      doc.lineStart[l] = token;
      token = this.addLineFeatures(line, words[l], document, usualForm, doc, token);
    });
    doc.lineStart[lines.length] = token;
    doc.offsets[token] = out.length;
    return { ...doc, ids: out.take() };
  }

  /**
   * Notes the document memory (features.ts memoryOfWords, whose rules these are) on the words' lower-case forms,
   * stamped with the document's number; returns the usual forms of the words on its lines in capitals (when it has
   * some: `capsLines`), the only ones read.
   */
  private noteMemory(lines: TokenLine[], words: WordFeatures[][], document: number, capsLines: boolean): Map<string, string> {
    const usualForm = new Map<string, string>();
    const wanted: LowerFormMemory[] = [];
    if (capsLines) {
      for (const line of lines) {
        if (!line.allCaps) continue;
        for (const t of line.tokens) {
          const memory = this.lowerFormMemory(t.text.toLowerCase());
          if (memory.wantedIn === document) continue;
          memory.wantedIn = document;
          memory.forms.clear();
          wanted.push(memory);
        }
      }
    }
    lines.forEach((line, l) => {
      if (line.allCaps) return;
      const lineWords = words[l];
      let runStart = -1;
      for (let i = 0; i <= lineWords.length; i++) {
        const w = i < lineWords.length ? lineWords[i] : undefined;
        const capital = w !== undefined && w.capitalised && w.hasLetter;
        if (w?.hasLetter) {
          const memory = w.memory;
          if (i > 0) {
            if (memory.wantedIn === document) memory.forms.set(w.word, (memory.forms.get(w.word) ?? 0) + 1);
            if (capital) memory.capitalisedInside = document;
          }
          if (w.startsInLowerCase) memory.writtenLower = document;
        }
        if (capital && runStart < 0) runStart = i;
        if (!capital && runStart >= 0) {
          // A run of capitalised words: "Phil Simmons", "Nasser Hussain"; the line's first word counts only when the
          // run goes on after it.
          if (i - runStart >= 2) {
            for (let j = runStart; j < i; j++) {
              const memory = lineWords[j].memory;
              if (memory.runDocument !== document) {
                memory.runDocument = document;
                memory.runPositions = 0;
              }
              memory.runPositions |= j === runStart ? RUN_FIRST : j === i - 1 ? RUN_LAST : RUN_INNER;
            }
          }
          runStart = -1;
        }
      }
    });
    if (!wanted.length) return usualForm;
    // Forms seen only at the start of lines still beat guessing: "Essex" opening every line it is on.
    lines.forEach((line, l) => {
      const first = line.allCaps ? undefined : words[l][0];
      if (first?.hasLetter && first.memory.wantedIn === document && !first.memory.forms.size) first.memory.forms.set(first.word, 0.5);
    });
    for (const memory of wanted) {
      let best = '';
      let bestCount = -1;
      for (const [form, count] of memory.forms) if (count > bestCount) [best, bestCount] = [form, count];
      if (bestCount >= 0) usualForm.set(best.toLowerCase(), best);
    }
    return usualForm;
  }

  /** outsideOnlyWords for a line not in capitals from its cached words (1: O only). Reused by the next line. */
  private outsideOnly(features: WordFeatures[]): Uint8Array {
    if (this.lineRoom.length < features.length) this.lineRoom = new Uint8Array(2 * features.length);
    return markOutsideOnly(features, isPlain, isCapitalOrDigit, this.lineRoom);
  }

  /** Adds the features of a line's tokens to `doc`, its first token numbered `token`; returns the next token's number.
   * `features`: the tokens' word forms, as read (in the story's case on a line in capitals). */
  private addLineFeatures(
    line: TokenLine,
    features: WordFeatures[],
    document: number,
    usualForm: Map<string, string>,
    doc: Omit<DocumentFeatures, 'ids'>,
    token: number,
  ): number {
    const tokens = line.tokens;
    const n = tokens.length;
    const caps = line.allCaps;
    const lexiconMarks = this.lexiconPhrases.match(features, (f) => f.word, (f) => f.lexiconPhrases);
    const nameMarks = this.knownNames.match(features, (f) => f.word, (f) => f.knownNames);
    const fixed = this.fixed;
    const families = this.combinations.families;
    const dateline = isDateline(line);
    const band = lineLengthBand(n);
    const lineKind = (caps ? LENGTH_BANDS.length : 0) + LENGTH_BANDS.indexOf(band);
    const out = this.buffer;
    const outsideOnly = caps ? undefined : this.outsideOnly(features);
    for (let i = 0; i < n; i++, token++) {
      doc.offsets[token] = out.length;
      const f = features[i];
      if (outsideOnly?.[i]) {
        doc.outsideOnly[token] = 1;
        continue;
      }
      const previous = i > 0 ? features[i - 1] : this.lineStart;
      const secondPrevious = i > 1 ? features[i - 2] : this.lineStart;
      const next = i < n - 1 ? features[i + 1] : this.lineEnd;
      const secondNext = i < n - 2 ? features[i + 2] : this.lineEnd;
      // On a line not in capitals the token's text is the word.
      doc.lowers[token] = caps ? tokens[i].text.toLowerCase() : f.lower;
      doc.ownScores[token] = i === 0 ? this.ownScoresFirst(f) : f.ownScores;
      doc.contextScores[token] = this.contextScores(secondPrevious, previous, f, next, secondNext, caps, band, lineKind);
      out.push(previous.asPrevious);
      out.push(next.asNext);
      out.push(secondPrevious.asSecondPrevious);
      out.push(secondNext.asSecondNext);
      out.push(families.previousAndWord.pair(previous.wordPart, f.wordPart));
      out.push(families.wordAndNext.pair(f.wordPart, next.wordPart));
      out.push(families.twoBefore.pair(secondPrevious.wordPart, previous.wordPart));
      out.push(families.twoAfter.pair(next.wordPart, secondNext.wordPart));
      out.push(families.previousWordAndShape.pair(previous.wordPart, f.shapePart));
      out.push(families.shapeAndNextWord.pair(f.shapePart, next.wordPart));
      if (i === 1) out.push(fixed.second);
      if (i === n - 1) out.push(fixed.last);
      if (dateline) out.push(fixed.dateline);
      if (i > 0 && previous.title) out.push(fixed.afterTitle);
      // An organisation head within the capitalised words that follow: "Bank of England", "Leicester City Council".
      for (let j = i + 1; j < n && j <= i + 4 && features[j].carriesOrganization; j++) {
        if (features[j].organizationHead) {
          out.push(fixed.organizationHeadAhead);
          break;
        }
      }
      const lexicon = lexiconMarks?.[i];
      if (lexicon) for (const id of lexicon) out.push(id);
      const names = nameMarks?.[i];
      if (names) for (const id of names) out.push(id);
      if (i > 0 && previous.firstName) out.push(fixed.afterFirstName);
      // Document memory.
      if (f.hasLetter) {
        const memory = f.memory;
        if (caps) {
          const usual = usualForm.get(f.lower);
          out.push(usual ? this.wordFeatures(usual).storyCase : fixed.storyCaseNone);
        } else if (f.capitalised) {
          if (memory.writtenLower === document) out.push(fixed.alsoLower);
          if (i === 0) out.push(memory.capitalisedInside === document ? fixed.capitalisedInside : fixed.notCapitalisedInside);
        }
        if (memory.runDocument === document) {
          if (memory.runPositions & RUN_FIRST) out.push(fixed.inRun.first);
          if (memory.runPositions & RUN_LAST) out.push(fixed.inRun.last);
          if (memory.runPositions & RUN_INNER) out.push(fixed.inRun.inner);
        }
      }
    }
    return token;
  }

  /** The features `secondPassFeatures` gives the tokens of a document (`doc`, from documentFeatures): the types the
   * first pass gave the same word elsewhere in the document (`seen`), and whether that type was the commonest there. */
  secondPassFeatures(doc: DocumentFeatures, seen: FirstPassTypes): TokenFeatureIds {
    const out = this.buffer;
    out.length = 0;
    const offsets = new Int32Array(doc.lowers.length + 1);
    const counts = new Int32Array(ENTITY_TYPES.length);
    let token = 0;
    for (let l = 0; l + 1 < doc.lineStart.length; l++) {
      for (let i = 0; i < doc.lineStart[l + 1] - doc.lineStart[l]; i++) {
        // A token that can only be O is so whatever the document says of it: it gets no features.
        const elsewhere = seen.size && !doc.outsideOnly[token] ? seen.get(doc.lowers[token]) : undefined;
        offsets[token++] = out.length;
        if (!elsewhere) continue;
        counts.fill(0);
        let total = 0;
        for (const s of elsewhere) {
          if (s.line === l && s.index === i) continue;
          counts[ENTITY_TYPES.indexOf(s.type)]++;
          total++;
        }
        for (let t = 0; t < ENTITY_TYPES.length; t++) {
          if (!counts[t]) continue;
          const ids = this.fixed.documentType[ENTITY_TYPES[t]];
          out.push(ids.any);
          out.push(counts[t] * 2 > total ? ids.most : ids.some);
        }
      }
    }
    offsets[token] = out.length;
    return { ids: out.take(), offsets };
  }
}
