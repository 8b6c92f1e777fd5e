// `npm run train:entities`: learns the entity tagger (index.ts) from CoNLL-2003 English (Reuters news of 1996; the
// shared JSONL in ../shared/data/ner/) and writes data/entity-model.json.
//
//   knowledge   the names annotated in the training split, with their types, and people's first names, are features
//               (features.ts). A training document must not see its own annotations through them, or the tagger
//               would learn to trust them blindly: each training document's knowledge is learned from the other
//               training documents only (KNOWLEDGE_FOLDS folds). The development split gets the knowledge of all of
//               the training split, as any other text does.
//   pass 1      an averaged perceptron over BILOU tags, epochs chosen on the development split (the best of MAX_EPOCHS,
//               stopping after PATIENCE epochs without gain), F1 over PER, ORG and LOC;
//   pass 2      the same again with the types the first pass gave each word elsewhere in the document. Its training
//               documents need first-pass tags from a model that never saw them: each half of the training split
//               is tagged by a first pass trained on the other half;
//   cross-check the whole (both passes) trained on one half of the training split and scored on the other, both ways:
//               what to expect of text the epochs were not chosen on. The figures on the development split are a
//               little flattering, since the epochs were chosen there.
//
// Deterministic: documents are read in file order, and sentences shuffled for each epoch by a seeded generator.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEntityDocuments, scoreEntities, type EntityDocument, type EntityScores, type EntitySpan } from '../../eval/entities.js';
import {
  documentMemory,
  ENTITY_TYPES,
  firstPassTypes,
  learnKnowledge,
  lineFeatures,
  loadLexicons,
  secondPassFeatures,
  tokenizeDocument,
  type TaggerKnowledge,
  type TokenLine,
} from './features.js';
import { ENTITY_MODEL_FILE, parseEntityModel, serializeEntityModel, spansFromTags, tagEntitiesWith, type EntityModel } from './index.js';
import { PerceptronTrainer, schemeTags, seededRandom, viterbi, type Sequence, type TagScheme, type TaggerWeights } from './perceptron.js';

/** A CoNLL-2003 document as the shared JSONL holds it (src/eval/entities.ts reads and checks the format). */
export type AnnotatedDocument = EntityDocument;

/** The tags: BILOU (begin, inside, last, outside, unit) scored 0.943 on the dev split where BIO scored 0.940. */
const SCHEME: TagScheme = 'BILOU';
const MAX_EPOCHS = 20;
/** Epochs without a better development F1 before training stops. */
const PATIENCE = 4;
const SEED = 2003;
/** Folds for the training documents' knowledge (each learned from the other folds). */
const KNOWLEDGE_FOLDS = 5;
/** The types the score (and the epochs' choice) counts: MISC is tagged but not scored. */
export const SCORED_TYPES = ['PER', 'ORG', 'LOC'] as const;

export function readAnnotated(file: string): AnnotatedDocument[] {
  return parseEntityDocuments(readFileSync(file, 'utf8'), file);
}

/** Feature names to numbers, numbering new names while `growing`. */
class FeatureIndex {
  readonly ids = new Map<string, number>();
  growing = true;

  idsOf(names: string[]): Int32Array {
    const out: number[] = [];
    for (const name of names) {
      let id = this.ids.get(name);
      if (id === undefined && this.growing) this.ids.set(name, (id = this.ids.size));
      if (id !== undefined) out.push(id);
    }
    return Int32Array.from(out);
  }
}

/** A document cut into lines, with its tokens' gold tags and feature numbers (first pass, and second-pass extras). */
interface PreparedDocument {
  doc: AnnotatedDocument;
  lines: TokenLine[];
  gold: Int32Array[];
  features: Int32Array[][];
  secondPass?: Int32Array[][];
}

/** The gold tags of each token: a name's tokens are those inside its span. */
function goldTags(lines: TokenLine[], entities: EntitySpan[], tags: string[]): Int32Array[] {
  const tagNumber = new Map(tags.map((t, i) => [t, i]));
  const bilou = tags.some((t) => t.startsWith('U-'));
  return lines.map((line) => {
    const out = new Int32Array(line.tokens.length);
    for (const e of entities) {
      const inside: number[] = [];
      line.tokens.forEach((t, i) => {
        if (t.start >= e.start && t.end <= e.end) inside.push(i);
      });
      inside.forEach((i, j) => {
        const prefix = !bilou ? (j === 0 ? 'B' : 'I') : inside.length === 1 ? 'U' : j === 0 ? 'B' : j === inside.length - 1 ? 'L' : 'I';
        out[i] = tagNumber.get(`${prefix}-${e.type}`)!;
      });
    }
    return out;
  });
}

function prepare(docs: AnnotatedDocument[], knowledgeOf: (i: number) => TaggerKnowledge, index: FeatureIndex, tags: string[]): PreparedDocument[] {
  return docs.map((doc, i) => {
    const lines = tokenizeDocument(doc.text);
    const memory = documentMemory(lines);
    const knowledge = knowledgeOf(i);
    return {
      doc,
      lines,
      gold: goldTags(lines, doc.entities, tags),
      features: lines.map((line) => lineFeatures(line, memory, knowledge).map((names) => index.idsOf(names))),
    };
  });
}

/** Each document's knowledge learned from the documents of the other folds (document i is in fold i mod `folds`). */
function knowledgeOutOfFold(docs: AnnotatedDocument[], folds: number): TaggerKnowledge[] {
  const byFold = Array.from({ length: folds }, (_, f) => learnKnowledge(docs.filter((_, i) => i % folds !== f)));
  return docs.map((_, i) => byFold[i % folds]);
}

function sequences(docs: PreparedDocument[], pass: 1 | 2): Sequence[] {
  return docs.flatMap((d) =>
    d.lines.map((_, l) => ({
      features: pass === 1 ? d.features[l] : d.features[l].map((ids, t) => concatIds(ids, d.secondPass![l][t])),
      gold: d.gold[l],
    })),
  );
}

function concatIds(a: Int32Array, b: Int32Array): Int32Array {
  if (!b.length) return a;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function decodeDocuments(docs: PreparedDocument[], weights: TaggerWeights, pass: 1 | 2): string[][][] {
  return docs.map((d) =>
    d.lines.map((_, l) => {
      const features = pass === 1 ? d.features[l] : d.features[l].map((ids, t) => concatIds(ids, d.secondPass![l][t]));
      return Array.from(viterbi(weights, features), (y) => weights.tags[y]);
    }),
  );
}

/** The second pass's features of documents from first-pass tags. */
function addSecondPass(docs: PreparedDocument[], firstTags: string[][][], index: FeatureIndex): void {
  docs.forEach((d, i) => {
    const seen = firstPassTypes(d.lines, firstTags[i]);
    d.secondPass = d.lines.map((line, l) => secondPassFeatures(line, l, seen).map((names) => index.idsOf(names)));
  });
}

function scoreTags(docs: PreparedDocument[], tags: string[][][]): EntityScores {
  return scoreEntities(
    docs.map((d) => d.doc.entities),
    docs.map((d, i) => spansFromTags(d.doc.text, d.lines, tags[i])),
    SCORED_TYPES,
  );
}

interface TrainedPass {
  weights: TaggerWeights;
  epochs: number;
  /** Development F1 after each epoch (when chosen on it). */
  history: number[];
}

/** Trains one pass: `epochs` of them, or (given `dev`) the best of MAX_EPOCHS on the development documents. */
function trainPass(train: PreparedDocument[], pass: 1 | 2, index: FeatureIndex, tags: string[], choose: { dev: PreparedDocument[] } | { epochs: number }, log = false): TrainedPass {
  const trainer = new PerceptronTrainer(tags, index.ids.size);
  const data = sequences(train, pass);
  const random = seededRandom(SEED + pass);
  if ('epochs' in choose) {
    for (let e = 0; e < choose.epochs; e++) trainer.epoch(data, random);
    return { weights: trainer.averaged(), epochs: choose.epochs, history: [] };
  }
  const history: number[] = [];
  let best: TrainedPass | undefined;
  for (let e = 1; e <= MAX_EPOCHS; e++) {
    const started = performance.now();
    const errors = trainer.epoch(data, random);
    const weights = trainer.averaged();
    const f1 = scoreTags(choose.dev, decodeDocuments(choose.dev, weights, pass)).mentions.overall.f1;
    history.push(+f1.toFixed(4));
    if (log) console.log(`  pass ${pass} epoch ${e}: training errors ${(100 * errors).toFixed(2)}% of tokens; dev F1 ${f1.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (!best || f1 > history[best.epochs - 1]) best = { weights, epochs: e, history };
    else if (e - best.epochs >= PATIENCE) break;
  }
  return best!;
}

/** Both passes trained on `train` with the epochs given, scored on `test` (prepared with knowledge from `train`). */
function crossCheck(train: AnnotatedDocument[], test: AnnotatedDocument[], epochs: [number, number], tags: string[], twoPasses: boolean): EntityScores {
  const index = new FeatureIndex();
  const trainKnowledge = knowledgeOutOfFold(train, KNOWLEDGE_FOLDS);
  const trainDocs = prepare(train, (i) => trainKnowledge[i], index, tags);
  index.growing = false;
  const testKnowledge = learnKnowledge(train);
  const testDocs = prepare(test, () => testKnowledge, index, tags);
  index.growing = true;
  const first = trainPass(trainDocs, 1, index, tags, { epochs: epochs[0] });
  const testFirst = decodeDocuments(testDocs, first.weights, 1);
  if (!twoPasses) return scoreTags(testDocs, testFirst);
  // The second pass's training documents get first-pass tags from halves of `train` trained on the other half.
  const trainFirst = outOfFoldFirstPass(trainDocs, index, tags, epochs[0]);
  addSecondPass(trainDocs, trainFirst, index);
  index.growing = false;
  addSecondPass(testDocs, testFirst, index);
  index.growing = true;
  const second = trainPass(trainDocs, 2, index, tags, { epochs: epochs[1] });
  return scoreTags(testDocs, decodeDocuments(testDocs, second.weights, 2));
}

/** First-pass tags for prepared documents from first passes that never saw them: each half tagged by a model trained
 * on the other half (documents alternate between the halves). The documents' knowledge features stay as prepared
 * (learned from the other knowledge folds, across both halves): a little optimism in the tags the second pass learns
 * from, none in the scores. */
function outOfFoldFirstPass(docs: PreparedDocument[], index: FeatureIndex, tags: string[], epochs: number): string[][][] {
  const out: string[][][] = new Array(docs.length);
  for (const half of [0, 1]) {
    const train = docs.filter((_, i) => i % 2 !== half);
    const model = trainPass(train, 1, index, tags, { epochs });
    docs.forEach((d, i) => {
      if (i % 2 === half) out[i] = decodeDocuments([d], model.weights, 1)[0];
    });
  }
  return out;
}

const f3 = (x: number) => x.toFixed(3);

function printScores(label: string, s: EntityScores): void {
  console.log(`${label}: F1 ${f3(s.mentions.overall.f1)} (P ${f3(s.mentions.overall.precision)}, R ${f3(s.mentions.overall.recall)})`);
  for (const type of SCORED_TYPES) {
    const t = s.mentions.byType[type];
    console.log(`  ${type.padEnd(4)} P ${f3(t.precision)}  R ${f3(t.recall)}  F1 ${f3(t.f1)}   (${t.gold} gold)`);
  }
  console.log(`  per document (distinct names): F1 ${f3(s.documents.overall.f1)}`);
}

const rounded = (s: EntityScores) => ({
  f1: +f3(s.mentions.overall.f1),
  precision: +f3(s.mentions.overall.precision),
  recall: +f3(s.mentions.overall.recall),
  byType: Object.fromEntries(SCORED_TYPES.map((t) => [t, { precision: +f3(s.mentions.byType[t].precision), recall: +f3(s.mentions.byType[t].recall), f1: +f3(s.mentions.byType[t].f1) }])),
  documentsF1: +f3(s.documents.overall.f1),
});

export interface TrainingOptions {
  scheme?: TagScheme;
  /** Train the second pass (on by default). */
  twoPasses?: boolean;
  /** Run the 2-fold cross-check over the training split (on by default). */
  crossCheck?: boolean;
  log?: boolean;
}

/** Trains the tagger on `train`, choosing epochs on `dev`; returns the model and its figures. */
export function trainEntityModel(train: AnnotatedDocument[], dev: AnnotatedDocument[], options: TrainingOptions = {}): EntityModel {
  const { twoPasses = true, log = false, scheme = SCHEME } = options;
  const started = performance.now();
  const tags = schemeTags(ENTITY_TYPES, scheme);
  loadLexicons();
  const index = new FeatureIndex();
  const knowledge = learnKnowledge(train);
  const trainKnowledge = knowledgeOutOfFold(train, KNOWLEDGE_FOLDS);
  const trainDocs = prepare(train, (i) => trainKnowledge[i], index, tags);
  index.growing = false;
  const devDocs = prepare(dev, () => knowledge, index, tags);
  index.growing = true;
  if (log) console.log(`features: ${index.ids.size} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const first = trainPass(trainDocs, 1, index, tags, { dev: devDocs }, log);
  const devFirst = decodeDocuments(devDocs, first.weights, 1);
  const firstScores = scoreTags(devDocs, devFirst);
  if (log) printScores(`dev, first pass (${first.epochs} epochs)`, firstScores);
  const passes: TrainedPass[] = [first];
  let devScores = firstScores;
  if (twoPasses) {
    addSecondPass(trainDocs, outOfFoldFirstPass(trainDocs, index, tags, first.epochs), index);
    index.growing = false;
    addSecondPass(devDocs, devFirst, index);
    index.growing = true;
    const second = trainPass(trainDocs, 2, index, tags, { dev: devDocs }, log);
    devScores = scoreTags(devDocs, decodeDocuments(devDocs, second.weights, 2));
    if (log) printScores(`dev, second pass (${second.epochs} epochs)`, devScores);
    passes.push(second);
  }
  if (log) console.log(`trained in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  let cross: EntityScores | undefined;
  if (options.crossCheck ?? true) {
    const halves = [train.filter((_, i) => i % 2 === 0), train.filter((_, i) => i % 2 === 1)];
    const folds = [0, 1].map((h) => crossCheck(halves[1 - h], halves[h], [first.epochs, passes[1]?.epochs ?? 0], tags, twoPasses));
    cross = poolScores(folds);
    if (log) printScores('2-fold over the training split (train on one half, score the other, both ways)', cross);
  }

  // The first pass was trained before the second pass's features were numbered: it has weights for the names numbered
  // until then.
  const passIndex = (weights: TaggerWeights) => {
    const rows = weights.emission.length / tags.length;
    return new Map([...index.ids].filter(([, id]) => id < rows));
  };
  return {
    scheme,
    tags,
    knowledge,
    passes: passes.map((p) => ({ featureIndex: passIndex(p.weights), weights: p.weights })),
    trainedOn: {
      by: 'npm run train:entities (src/understand/tagger/train.ts)',
      data: 'CoNLL-2003 English (Reuters, 1996): train split to learn, dev split to choose epochs',
      trainDocuments: train.length,
      epochs: passes.map((p) => p.epochs),
      devHistory: passes.map((p) => p.history),
      dev: rounded(devScores),
      devFirstPass: rounded(firstScores),
      ...(cross ? { twoFoldOverTrain: rounded(cross) } : {}),
    },
  };
}

/** Scores of folds pooled: their counts added. */
function poolScores(folds: EntityScores[]): EntityScores {
  const pool = (level: 'mentions' | 'documents') => {
    const byType: Record<string, ReturnType<typeof counts>> = {};
    const counts = (type: string | null) => {
      let gold = 0;
      let predicted = 0;
      let correct = 0;
      for (const f of folds) {
        const s = type ? f[level].byType[type] : f[level].overall;
        gold += s.gold;
        predicted += s.predicted;
        correct += s.correct;
      }
      const precision = predicted ? correct / predicted : 0;
      const recall = gold ? correct / gold : 0;
      return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold, predicted, correct };
    };
    for (const type of SCORED_TYPES) byType[type] = counts(type);
    return { overall: counts(null), byType };
  };
  return { mentions: pool('mentions'), documents: pool('documents') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const ner = path.resolve(root, '../shared/data/ner');
  const started = performance.now();
  const train = readAnnotated(path.join(ner, 'conll2003-train.jsonl'));
  const dev = readAnnotated(path.join(ner, 'conll2003-dev.jsonl'));
  const model = trainEntityModel(train, dev, { log: true });
  // The file drops small weights (MIN_WEIGHT): the figures of the model as shipped, read back from its file form.
  const file = serializeEntityModel(model);
  const shipped = parseEntityModel(file);
  const asShipped = scoreEntities(
    dev.map((d) => d.entities),
    dev.map((d) => tagEntitiesWith(shipped, d.text)),
    SCORED_TYPES,
  );
  printScores('dev, the model as shipped (weights under one update dropped)', asShipped);
  file.trainedOn = { ...(model.trainedOn as object), devAsShipped: rounded(asShipped) };
  const out = path.join(root, 'data', path.basename(ENTITY_MODEL_FILE));
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${path.relative(root, out)}: ${(statSync(out).size / 1e6).toFixed(1)} MB; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
}
