// The learned named-entity tagger: people (PER), organisations (ORG), places (LOC) and other names (MISC: nationalities,
// events, works) in a document's text, found by a structured averaged perceptron (perceptron.ts) over the features of
// features.ts, with weights learned from CoNLL-2003 by `npm run train:entities` (train.ts) and shipped in
// data/entity-model.json. Tagging finds those features through compiled.ts, which scores them without naming them.
//
// A document is tagged in two passes when the model has two: the first tags every line alone; the second tags again
// knowing what the first found elsewhere in the document (a team named in the results table is the team named in the
// story). Only the stretches of a line between tokens that can only be O are scored and decoded (bestPathInto), the
// best path through a line being the best path through each. Nothing is read until the first call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../data.js';
import { CompiledTagger, type DocumentFeatures } from './compiled.js';
import { ENTITY_TYPES, firstPassTypesBy, tokenizeDocument, type EntityType, type TaggerKnowledge, type TokenLine } from './features.js';
import { allowedMoves, bestPathInto, transitionsInto, type AllowedMoves, type TagScheme, type TaggerWeights } from './perceptron.js';

export type { EntityType } from './features.js';

/** A name found in a text: character offsets (end exclusive), type, and the text between them. */
export interface TaggedEntity {
  start: number;
  end: number;
  type: EntityType;
  text: string;
}

/** One pass of the tagger: its features' numbers and its weights. */
export interface TaggerPass {
  featureIndex: Map<string, number>;
  weights: TaggerWeights;
}

export interface EntityModel {
  scheme: TagScheme;
  tags: string[];
  knowledge: TaggerKnowledge;
  /** The first pass, and the second (reading the first's types elsewhere in the document) when trained. */
  passes: TaggerPass[];
  /** How the model was made and what it scored (train.ts). */
  trainedOn?: unknown;
}

/** data/entity-model.json: weights as integers (the weight times `scale`); for each feature name, for each pass, its
 * non-zero weights as [tag number, weight, tag number, weight…] (the passes share most feature names, kept once);
 * names learned from training text with their types ("PER,ORG"). */
export interface SerializedEntityModel {
  format: 'newsdesk-entity-tagger/1';
  scheme: TagScheme;
  tags: string[];
  scale: number;
  knowledge: { names: Record<string, string>; firstNames: string[] };
  passes: Array<{ start: number[]; end: number[]; transition: number[] }>;
  features: Record<string, number[][]>;
  trainedOn?: unknown;
}

/** Weights are kept to this fraction of one perceptron update: finer steps change no decision measurably. */
export const WEIGHT_SCALE = 100;

/** Weights below this (in units of 1 / WEIGHT_SCALE, so one perceptron update) are dropped from the file, and features
 * left with none: the averaged perceptron leaves many features of rare words with small weights. On the CoNLL-2003
 * dev split, dropping those under one update takes the file from 4.8 to 2.2 MB for 0.0014 of F1 (0.9423 → 0.9409). */
export const MIN_WEIGHT = 100;

/** The model in its file form. */
export function serializeEntityModel(model: EntityModel, minWeight = MIN_WEIGHT): SerializedEntityModel {
  const k = model.tags.length;
  const ints = (a: ArrayLike<number>) => Array.from(a, (x) => Math.round(x * WEIGHT_SCALE));
  const names = [...new Set(model.passes.flatMap((pass) => [...pass.featureIndex.keys()]))].sort();
  const features: Record<string, number[][]> = {};
  for (const name of names) {
    const perPass = model.passes.map((pass) => {
      const id = pass.featureIndex.get(name);
      const kept: number[] = [];
      if (id === undefined) return kept;
      for (let y = 0; y < k; y++) {
        const w = Math.round(pass.weights.emission[id * k + y] * WEIGHT_SCALE);
        if (Math.abs(w) >= minWeight) kept.push(y, w);
      }
      return kept;
    });
    if (perPass.some((kept) => kept.length)) features[name] = perPass;
  }
  const knownNames: Record<string, string> = {};
  for (const key of [...model.knowledge.names.keys()].sort()) knownNames[key] = model.knowledge.names.get(key)!.join(',');
  return {
    format: 'newsdesk-entity-tagger/1',
    scheme: model.scheme,
    tags: model.tags,
    scale: WEIGHT_SCALE,
    knowledge: { names: knownNames, firstNames: [...model.knowledge.firstNames].sort() },
    passes: model.passes.map((pass) => ({ start: ints(pass.weights.start), end: ints(pass.weights.end), transition: ints(pass.weights.transition) })),
    features,
    trainedOn: model.trainedOn,
  };
}

export function parseEntityModel(file: SerializedEntityModel): EntityModel {
  if (file.format !== 'newsdesk-entity-tagger/1') throw new Error(`entity model: unknown format ${String(file.format)}`);
  const k = file.tags.length;
  const floats = (a: number[]) => Float32Array.from(a, (x) => x / file.scale);
  // One numbering of the features for all passes (a feature a pass does not use has zero weights there).
  const names = Object.keys(file.features);
  const featureIndex = new Map(names.map((name, id) => [name, id]));
  const passes = file.passes.map((pass, p): TaggerPass => {
    const emission = new Float32Array(names.length * k);
    names.forEach((name, id) => {
      const kept = file.features[name][p] ?? [];
      for (let j = 0; j < kept.length; j += 2) emission[id * k + kept[j]] = kept[j + 1] / file.scale;
    });
    return {
      featureIndex,
      weights: { tags: file.tags, emission, transition: floats(pass.transition), start: floats(pass.start), end: floats(pass.end) },
    };
  });
  const knownNames = new Map<string, EntityType[]>();
  for (const [key, types] of Object.entries(file.knowledge.names)) knownNames.set(key, types.split(',').filter(Boolean) as EntityType[]);
  return {
    scheme: file.scheme,
    tags: file.tags,
    knowledge: { names: knownNames, firstNames: new Set(file.knowledge.firstNames) },
    passes,
    trainedOn: file.trainedOn,
  };
}

export const ENTITY_MODEL_FILE = path.join(DATA_DIR, 'entity-model.json');

let shipped: EntityModel | undefined;

/** The shipped model (data/entity-model.json), read and parsed on the first call only. */
export function loadEntityModel(): EntityModel {
  shipped ??= parseEntityModel(JSON.parse(readFileSync(ENTITY_MODEL_FILE, 'utf8')) as SerializedEntityModel);
  return shipped;
}

/** A model made ready for fast tagging: its features compiled (compiled.ts), each pass's transitions laid out, and
 * for each pass the scores of stretches of a line between words that can only be O (bestPathInto): opened by the
 * transitions from O, closed by those into O. */
interface ReadyModel {
  tagger: CompiledTagger;
  moves: AllowedMoves;
  transitions: Float64Array[][];
  fromOutside: Float64Array[];
  intoOutside: Float64Array[];
  /** The number of the tag O. */
  outside: number;
  /** By tag number: its type ('' for O) and its prefix ('O', 'B', 'I', 'L', 'U'). */
  typeOf: Array<EntityType | ''>;
  prefixOf: string[];
}

const readyModels = new WeakMap<EntityModel, ReadyModel>();

function ready(model: EntityModel): ReadyModel {
  let made = readyModels.get(model);
  if (!made) {
    const moves = allowedMoves(model.tags);
    const k = model.tags.length;
    const outside = model.tags.indexOf('O');
    // A stretch after an O may open with what a line may open with, and close before an O with what closes a line:
    // so it is under BIO and BILOU (perceptron.ts allowedMoves).
    for (let y = 0; y < k; y++) {
      if (moves.transition[outside * k + y] !== moves.start[y] || moves.transition[y * k + outside] !== moves.end[y]) {
        throw new Error(`entity model: the tags' moves around O differ from a line's start and end (${model.tags[y]})`);
      }
    }
    made = {
      tagger: new CompiledTagger(model),
      moves,
      outside,
      transitions: model.passes.map((pass) => transitionsInto(pass.weights, moves)),
      fromOutside: model.passes.map((pass) => Float64Array.from({ length: k }, (_, y) => pass.weights.transition[outside * k + y])),
      intoOutside: model.passes.map((pass) => Float64Array.from({ length: k }, (_, y) => pass.weights.transition[y * k + outside])),
      typeOf: model.tags.map(typeOfTag),
      prefixOf: model.tags.map((tag) => tag[0]),
    };
    readyModels.set(model, made);
  }
  return made;
}

/**
 * The tag numbers of every token of a document's lines, line after line. Only the stretches of tokens between those
 * that can only be O (compiled.ts outsideOnlyWords) are scored and decoded.
 */
function tagNumbers(model: EntityModel, made: ReadyModel, lines: TokenLine[]): Uint8Array {
  const { tagger } = made;
  const features = tagger.documentFeatures(lines);
  const scores = tagger.documentScores(features);
  const first = decodeStretches(model, made, features, scores, 0);
  if (model.passes.length < 2) return first;
  tagger.addExtraScores(scores, 1, features, tagger.secondPassFeatures(features, firstPassTypesBy(features.lineStart, (t) => made.typeOf[first[t]], (t) => features.lowers[t])));
  return decodeStretches(model, made, features, scores, 1);
}

/** A pass's tags of a document's tokens from its scores (CompiledTagger.documentScores), stretch by stretch. */
function decodeStretches(model: EntityModel, made: ReadyModel, features: DocumentFeatures, scores: Float64Array, pass: number): Uint8Array {
  const { moves, transitions } = made;
  const { lineStart, outsideOnly } = features;
  const weights = model.passes[pass].weights;
  const k = model.tags.length;
  const passes = model.passes.length;
  const tags = new Uint8Array(outsideOnly.length).fill(made.outside);
  for (let l = 0; l + 1 < lineStart.length; l++) {
    const lineEnd = lineStart[l + 1];
    let t = lineStart[l];
    while (t < lineEnd) {
      if (outsideOnly[t]) {
        t++;
        continue;
      }
      const from = t;
      while (t < lineEnd && !outsideOnly[t]) t++;
      const start = from === lineStart[l] ? weights.start : made.fromOutside[pass];
      const end = t === lineEnd ? weights.end : made.intoOutside[pass];
      bestPathInto(scores, t - from, moves, transitions[pass], start, end, tags, from, (from * passes + pass) * k, passes * k);
    }
  }
  return tags;
}

/** Tags every token of a document's lines: one tag string per token. */
export function tagLines(model: EntityModel, lines: TokenLine[]): string[][] {
  const tags = tagNumbers(model, ready(model), lines);
  let t = 0;
  return lines.map((line) => line.tokens.map(() => model.tags[tags[t++]]));
}

/** The names a document's tags mark, given as numbers line after line (`typeOf`, `prefixOf`: each number's type, ''
 * for O, and prefix): a name opens at B- or U- and goes on through I- and L- of its type (BIO or BILOU). */
function spansFromTagNumbers(text: string, lines: TokenLine[], tags: Uint8Array, typeOf: ReadonlyArray<EntityType | ''>, prefixOf: readonly string[]): TaggedEntity[] {
  const spans: TaggedEntity[] = [];
  const close = (open: TaggedEntity) => {
    open.text = text.slice(open.start, open.end);
    spans.push(open);
  };
  let t = 0;
  for (const line of lines) {
    let open: TaggedEntity | undefined;
    for (const token of line.tokens) {
      const tag = tags[t++];
      const type = typeOf[tag];
      if (!type) {
        if (open) close(open);
        open = undefined;
        continue;
      }
      const prefix = prefixOf[tag];
      if (prefix === 'B' || prefix === 'U' || !open || open.type !== type) {
        if (open) close(open);
        open = { start: token.start, end: token.end, type, text: '' };
      } else {
        open.end = token.end;
      }
      if (prefix === 'U' || prefix === 'L') {
        close(open);
        open = undefined;
      }
    }
    if (open) close(open);
  }
  return spans;
}

/** The names a line's tags mark (as strings, one list a line): spansFromTagNumbers' reading. */
export function spansFromTags(text: string, lines: TokenLine[], tags: string[][]): TaggedEntity[] {
  const numbers = new Map<string, number>();
  const flat = new Uint8Array(lines.reduce((n, line) => n + line.tokens.length, 0));
  let t = 0;
  lines.forEach((line, l) => {
    for (let i = 0; i < line.tokens.length; i++) {
      const tag = tags[l][i];
      if (!numbers.has(tag)) numbers.set(tag, numbers.size);
      flat[t++] = numbers.get(tag)!;
    }
  });
  const names = [...numbers.keys()];
  return spansFromTagNumbers(text, lines, flat, names.map(typeOfTag), names.map((tag) => tag[0]));
}

const typeOfTag = (tag: string): EntityType | '' => (tag === 'O' ? '' : (tag.slice(2) as EntityType));

/** The names in a text with `model`. */
export function tagEntitiesWith(model: EntityModel, text: string): TaggedEntity[] {
  const lines = tokenizeDocument(text);
  const made = ready(model);
  return spansFromTagNumbers(text, lines, tagNumbers(model, made, lines), made.typeOf, made.prefixOf);
}

/**
 * The names in a whole document's text (lines separated by "\n": each line is tagged as one sequence, the document's
 * other lines informing it), with the shipped model.
 */
export function tagEntities(text: string): TaggedEntity[] {
  return tagEntitiesWith(loadEntityModel(), text);
}

export { ENTITY_TYPES };
