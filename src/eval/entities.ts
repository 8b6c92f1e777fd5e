// Scores of named-entity tagging against gold annotations, as CoNLL-2003 scores them and as a reader of a document would:
//   mentions   each name written, counted right only with its exact character span and its type (precision, recall
//              and F1 per type, and micro-averaged over the types asked for);
//   documents  the set of distinct (type, name) pairs a document mentions, the name normalised (case, spacing, outer
//              punctuation), so a name found once in a document counts as found however often it is written.
import type { Article, EntityType } from '../model.js';
import { understandArticle, understandEvent } from '../understand/index.js';

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

// ---------------------------------------------------------------------------------------------------------------
// The shared format, and newsdesk's names on it

/** The types the shared format uses, and the ones scored by default (MISC is optional: nationalities, events, works). */
export const CONLL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export const SCORED_ENTITY_TYPES = ['PER', 'ORG', 'LOC'] as const;

/** A document of the shared format (../shared/data/ner): its text and its names as typed character spans. */
export interface EntityDocument {
  id: string;
  text: string;
  entities: EntitySpan[];
}

/**
 * The documents of a JSONL file in the shared format: one a line, `{ "id", "text", "entities": [{ "start", "end",
 * "type" }] }` (a span's `text` is read from the document when absent). A line that is not such a document is an error
 * naming the file, the line and what is wrong: a score over part of a file would not say what it measured.
 */
export function parseEntityDocuments(content: string, source: string): EntityDocument[] {
  const docs: EntityDocument[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: not JSON (${(err as Error).message})`);
    }
    const doc = value as { id?: unknown; text?: unknown; entities?: unknown };
    if (!doc || typeof doc !== 'object' || typeof doc.text !== 'string') throw new Error(`${where}: no "text" string`);
    if (!Array.isArray(doc.entities)) throw new Error(`${where}: no "entities" array`);
    const text = doc.text;
    const entities = doc.entities.map((e: { start?: unknown; end?: unknown; type?: unknown }, k: number): EntitySpan => {
      const ok = Number.isInteger(e?.start) && Number.isInteger(e?.end) && typeof e?.type === 'string' && (e.start as number) >= 0 && (e.start as number) < (e.end as number) && (e.end as number) <= text.length;
      if (!ok) throw new Error(`${where}: entity ${k + 1} is not a span of the text with a type ({"start", "end", "type"}, 0 ≤ start < end ≤ ${text.length})`);
      const start = e.start as number;
      const end = e.end as number;
      return { start, end, type: e.type as string, text: text.slice(start, end) };
    });
    docs.push({ id: typeof doc.id === 'string' ? doc.id : `${source}:${i + 1}`, text, entities });
  });
  return docs;
}

/** newsdesk's entity types in the shared format's names. */
export const CONLL_TYPE_OF: Record<EntityType, string> = { person: 'PER', organization: 'ORG', place: 'LOC' };

/**
 * The names newsdesk finds in a document, as a user of its events sees them: the article understood (sentences, names
 * typed by the rules) and its names resolved as an event of its own (spellings merged, single words typed or dropped).
 */
export function newsdeskEntities(doc: { id: string; text: string; published?: string | null }): EntitySpan[] {
  const article: Article = {
    id: doc.id,
    source: doc.id,
    url: null,
    title: null,
    outlet: null,
    agencies: [],
    credits: [],
    dateline: null,
    published: doc.published ?? null,
    publishedFrom: doc.published ? 'given' : null,
    language: 'en',
    text: doc.text,
    removed: [],
  };
  const [understood] = understandEvent([understandArticle(article)]).articles;
  return (understood.mentions ?? []).map((m) => ({ start: m.start, end: m.end, type: CONLL_TYPE_OF[m.type], text: m.text }));
}

/** Scores of a tagger over documents of the shared format, with how long it took. */
export interface EntityEvaluation extends EntityScores {
  /** Documents and tokens (words and punctuation, whitespace-separated) read, and seconds spent tagging. */
  read: { documents: number; tokens: number; seconds: number };
}

/** Tags every document with `tag` and scores it against the documents' names (only `types` counted). */
export function evaluateEntities(docs: EntityDocument[], tag: (doc: EntityDocument) => EntitySpan[], types: readonly string[] = SCORED_ENTITY_TYPES): EntityEvaluation {
  const started = performance.now();
  const predicted = docs.map(tag);
  const seconds = (performance.now() - started) / 1000;
  const tokens = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
  return { ...scoreEntities(docs.map((d) => d.entities), predicted, types), read: { documents: docs.length, tokens, seconds } };
}
