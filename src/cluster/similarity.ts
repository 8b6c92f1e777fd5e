// Does an article tell the same happening as an event? A logistic regression over what a desk editor would check:
// how alike the texts are (to the event as a whole and to its closest core report), whether the titles say the same,
// whether the people, places, organisations and numbers (ages, tolls, times) agree or conflict, and how far apart in
// time they are. The weights are learned from event-labelled news by `npm run train:events` (train.ts) and shipped in
// data/event-model.json; see data/README.md for what they were trained on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The features, in the order of the model's weights. Each is described where it is computed (online.ts). */
export const PAIR_FEATURES = [
  'bias',
  'centroid cosine',
  'closest core report cosine',
  'title cosine',
  'no titles to compare',
  'people shared',
  'people conflict',
  'another cast, undated',
  'places shared',
  'places conflict',
  'organisations shared',
  'main person agrees',
  'main person a stranger',
  'numbers cosine',
  'days apart (log)',
  'span with it (log days)',
  'undated',
  'event size (log)',
  'centroid cosine × same days',
  'closest core cosine squared',
] as const;

export type PairFeatureVector = number[];

export interface EventModel {
  /** One weight a feature, named in `features` (PAIR_FEATURES when it was trained). */
  features: string[];
  weights: number[];
  /** An article joins its best event when the model's probability is at least this (chosen on the training data). */
  threshold: number;
  /** Two events merge when the model, comparing them, gives at least this (chosen on the training data too). */
  mergeThreshold: number;
  /** An undated report whose recurring people are mostly strangers to an event joins it only from this centroid cosine (chosen in training). */
  castConflictBar?: number;
  /** What the weights were learned from, and the scores measured when they were (for the record; not read). */
  trainedOn?: unknown;
}

export function probability(model: EventModel, x: PairFeatureVector): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

const MODEL_FILE = fileURLToPath(new URL('../../data/event-model.json', import.meta.url));
let shipped: EventModel | undefined;

/** The model shipped in data/event-model.json, read once. */
export function shippedEventModel(): EventModel {
  if (!shipped) {
    const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as EventModel;
    if (model.features.join('|') !== PAIR_FEATURES.join('|')) {
      throw new Error(`data/event-model.json was trained on other features than this build computes: retrain it (npm run train:events)`);
    }
    shipped = model;
  }
  return shipped;
}
