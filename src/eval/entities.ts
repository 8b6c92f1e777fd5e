// Scores of named-entity tagging against gold annotations, as CoNLL-2003 scores them and as a reader of a document would:
//   mentions   each name written, counted right only with its exact character span and its type (precision, recall
//              and F1 per type, and micro-averaged over the types asked for);
//   documents  the set of distinct (type, name) pairs a document mentions, the name normalised (case, spacing, outer
//              punctuation), so a name found once in a document counts as found however often it is written.

/** A tagged name: character offsets into the document text (end exclusive), its type, and its text. */
export interface EntitySpan {
  start: number;
  end: number;
  type: string;
  text: string;
}

export interface EntityPRF {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items, predicted items, and predicted items that are right. */
  gold: number;
  predicted: number;
  correct: number;
}

export interface EntityLevelScores {
  overall: EntityPRF;
  byType: Record<string, EntityPRF>;
}

export interface EntityScores {
  mentions: EntityLevelScores;
  documents: EntityLevelScores;
}

function prf(gold: number, predicted: number, correct: number): EntityPRF {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, gold, predicted, correct };
}

/** A name as a reader would compare it: lower case, single spaces, without punctuation at either end. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Counts of gold, predicted and right keys per type for one document. */
function tally(counts: Map<string, { gold: number; predicted: number; correct: number }>, type: string, gold: number, predicted: number, correct: number) {
  const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
  c.gold += gold;
  c.predicted += predicted;
  c.correct += correct;
  counts.set(type, c);
}

function level(counts: Map<string, { gold: number; predicted: number; correct: number }>, types: readonly string[]): EntityLevelScores {
  const byType: Record<string, EntityPRF> = {};
  let gold = 0;
  let predicted = 0;
  let correct = 0;
  for (const type of types) {
    const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    byType[type] = prf(c.gold, c.predicted, c.correct);
    gold += c.gold;
    predicted += c.predicted;
    correct += c.correct;
  }
  return { overall: prf(gold, predicted, correct), byType };
}

/**
 * Scores `predicted` against `gold`, both given per document in the same order. Only names of `types` are counted on
 * either side (CoNLL's MISC, say, can be left out of the score while the tagger still tags it).
 */
export function scoreEntities(gold: EntitySpan[][], predicted: EntitySpan[][], types: readonly string[]): EntityScores {
  if (gold.length !== predicted.length) throw new Error(`scoreEntities: ${gold.length} gold documents but ${predicted.length} predicted`);
  const wanted = new Set(types);
  const mentions = new Map<string, { gold: number; predicted: number; correct: number }>();
  const documents = new Map<string, { gold: number; predicted: number; correct: number }>();
  for (let d = 0; d < gold.length; d++) {
    const goldSpans = gold[d].filter((e) => wanted.has(e.type));
    const predictedSpans = predicted[d].filter((e) => wanted.has(e.type));
    // Mentions: exact span and type.
    const goldKeys = new Set(goldSpans.map((e) => `${e.type}\t${e.start}\t${e.end}`));
    for (const type of types) {
      const g = goldSpans.filter((e) => e.type === type).length;
      const p = predictedSpans.filter((e) => e.type === type);
      const c = p.filter((e) => goldKeys.has(`${e.type}\t${e.start}\t${e.end}`)).length;
      tally(mentions, type, g, p.length, c);
    }
    // Documents: distinct (type, normalised name) pairs.
    const names = (spans: EntitySpan[], type: string) => new Set(spans.filter((e) => e.type === type).map((e) => normaliseName(e.text)).filter(Boolean));
    for (const type of types) {
      const g = names(goldSpans, type);
      const p = names(predictedSpans, type);
      let c = 0;
      for (const name of p) if (g.has(name)) c++;
      tally(documents, type, g.size, p.size, c);
    }
  }
  return { mentions: level(mentions, types), documents: level(documents, types) };
}
