// The learned named-entity tagger: people (PER), organisations (ORG), places (LOC) and other names (MISC: nationalities,
// events, works) in a document's text, found by a structured averaged perceptron (perceptron.ts) over the features of
// features.ts, with weights learned from CoNLL-2003 by `npm run train:entities` (train.ts) and shipped in
// data/entity-model.json.
//
// A document is tagged in two passes when the model has two: the first tags every line alone; the second tags again
// knowing what the first found elsewhere in the document (a team named in the results table is the team named in the
// story). Nothing is read until the first call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../data.js';
import {
  documentMemory,
  ENTITY_TYPES,
  firstPassTypes,
  lineFeatures,
  secondPassFeatures,
  tokenizeDocument,
  type EntityType,
  type TaggerKnowledge,
  type TokenLine,
} from './features.js';
import { allowedMoves, viterbi, type TagScheme, type TaggerWeights } from './perceptron.js';

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
  // One numbering of the features for all passes (a feature a pass does not use has zero weights there), so that a
  // line's feature names are looked up once.
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

/** Feature names to the pass's numbers; names the pass never learned are left out. */
export function featureIds(featureIndex: Map<string, number>, names: string[]): Int32Array {
  const ids: number[] = [];
  for (const name of names) {
    const id = featureIndex.get(name);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids);
}

const movesCache = new WeakMap<string[], ReturnType<typeof allowedMoves>>();
function movesFor(tags: string[]) {
  let moves = movesCache.get(tags);
  if (!moves) movesCache.set(tags, (moves = allowedMoves(tags)));
  return moves;
}

/** Tags every token of a document's lines: one tag string per token. */
export function tagLines(model: EntityModel, lines: TokenLine[]): string[][] {
  const memory = documentMemory(lines);
  const base = lines.map((line) => lineFeatures(line, memory, model.knowledge));
  const moves = movesFor(model.tags);
  const decode = (pass: TaggerPass, ids: Int32Array[]) => Array.from(viterbi(pass.weights, ids, moves), (y) => model.tags[y]);
  const [first, second] = model.passes;
  const baseIds = lines.map((_, i) => base[i].map((names) => featureIds(first.featureIndex, names)));
  let tags = lines.map((_, i) => decode(first, baseIds[i]));
  if (second) {
    const seen = firstPassTypes(lines, tags);
    // A model read from its file numbers the features once for both passes: the first pass's numbers serve again.
    const shared = second.featureIndex === first.featureIndex;
    tags = lines.map((line, i) => {
      const extra = secondPassFeatures(line, i, seen);
      const ids = base[i].map((names, t) => {
        if (!shared) return featureIds(second.featureIndex, extra[t].length ? names.concat(extra[t]) : names);
        if (!extra[t].length) return baseIds[i][t];
        const more = featureIds(second.featureIndex, extra[t]);
        const out = new Int32Array(baseIds[i][t].length + more.length);
        out.set(baseIds[i][t]);
        out.set(more, baseIds[i][t].length);
        return out;
      });
      return decode(second, ids);
    });
  }
  return tags;
}

/** The names a line's tags mark (BIO or BILOU): a name opens at B- or U- and goes on through I- and L- of its type. */
export function spansFromTags(text: string, lines: TokenLine[], tags: string[][]): TaggedEntity[] {
  const spans: TaggedEntity[] = [];
  lines.forEach((line, l) => {
    let open: { start: number; end: number; type: EntityType } | undefined;
    const close = () => {
      if (open) spans.push({ ...open, text: text.slice(open.start, open.end) });
      open = undefined;
    };
    line.tokens.forEach((token, i) => {
      const tag = tags[l][i];
      const prefix = tag[0];
      const type = tag.slice(2) as EntityType;
      if (tag === 'O') return close();
      if (prefix === 'B' || prefix === 'U' || !open || open.type !== type) {
        close();
        open = { start: token.start, end: token.end, type };
      } else {
        open.end = token.end;
      }
      if (prefix === 'U' || prefix === 'L') close();
    });
    close();
  });
  return spans;
}

/** The names in a text with `model`. */
export function tagEntitiesWith(model: EntityModel, text: string): TaggedEntity[] {
  const lines = tokenizeDocument(text);
  return spansFromTags(text, lines, tagLines(model, lines));
}

/**
 * The names in a whole document's text (lines separated by "\n": each line is tagged as one sequence, the document's
 * other lines informing it), with the shipped model.
 */
export function tagEntities(text: string): TaggedEntity[] {
  return tagEntitiesWith(loadEntityModel(), text);
}

export { ENTITY_TYPES };
