// The learned entity tagger (src/understand/tagger/): tokens with offsets, the features of a line and of its document,
// the perceptron's decoding and learning on lines written for the purpose (fictional names and places), the scorer,
// the shipped model (data/entity-model.json, `npm run train:entities`) on the CoNLL-2003 development split, and the
// compiled tagger that tags with it scoring every token of that split as the named features do.
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreEntities } from '../../src/eval/entities.js';
import { CompiledTagger, outsideOnlyWords } from '../../src/understand/tagger/compiled.js';
import {
  compressedShape,
  documentMemory,
  emptyKnowledge,
  firstPassTypes,
  isAllCaps,
  learnKnowledge,
  lineFeatures,
  secondPassFeatures,
  tokenizeDocument,
  tokenizeLine,
  wordShape,
} from '../../src/understand/tagger/features.js';
import {
  ENTITY_MODEL_FILE,
  loadEntityModel,
  parseEntityModel,
  serializeEntityModel,
  spansFromTags,
  tagEntities,
  tagEntitiesWith,
  tagLines,
} from '../../src/understand/tagger/index.js';
import { PerceptronTrainer, allowedMoves, schemeTags, seededRandom, viterbi, type TaggerWeights } from '../../src/understand/tagger/perceptron.js';
import { readAnnotated, SCORED_TYPES } from '../../src/understand/tagger/train.js';
import { SHARED } from '../shared.js';

const texts = (line: string) => tokenizeLine(line).map((t) => t.text);

describe('tokens', () => {
  it('keep initialisms, abbreviations, hyphenated words and numbers whole; split clitics and the final stop', () => {
    expect(texts('U.S. Corp. said Korvania\'s all-rounder scored 1,250 on 1996-08-30 (halftime 1-1).')).toEqual([
      'U.S.', 'Corp.', 'said', 'Korvania', "'s", 'all-rounder', 'scored', '1,250', 'on', '1996-08-30', '(', 'halftime', '1-1', ')', '.',
    ]);
    expect(texts("They don't sell Velmar Holdings Inc.")).toEqual(['They', 'do', "n't", 'sell', 'Velmar', 'Holdings', 'Inc', '.']);
    expect(texts('O\'Dalton met J. Marsh at 3 p.m. in Port Alder.')).toEqual(["O'Dalton", 'met', 'J.', 'Marsh', 'at', '3', 'p.m.', 'in', 'Port', 'Alder', '.']);
  });

  it('carry their offsets in the document, line by line', () => {
    const text = 'ALDER WINS\nKINGSFORD 1996-08-30\nAlder won in Kingsford.';
    const lines = tokenizeDocument(text);
    expect(lines.map((l) => l.allCaps)).toEqual([true, true, false]);
    for (const line of lines) for (const t of line.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('have shapes', () => {
    expect(wordShape('Korvania')).toBe('Xxxxxxxx');
    expect(compressedShape('Korvania')).toBe('Xx');
    expect(compressedShape('1996-08-30')).toBe('d-d-d');
    expect(compressedShape('U.S.')).toBe('X.X.');
    expect(isAllCaps('SOCCER - KORVANIA BEAT DALMIRE 2-1')).toBe(true);
    expect(isAllCaps('Korvania beat Dalmire 2-1')).toBe(false);
    expect(isAllCaps('2-1')).toBe(false);
  });
});

describe('features', () => {
  const doc = 'SOCCER - KORVANIA BEAT DALMIRE.\nKorvania beat Dalmire 2-1 on Friday, coach Edda Vintrop said.\nVintrop praised the team.';
  const lines = tokenizeDocument(doc);
  const memory = documentMemory(lines);

  it('read a headline in capitals in the case the story writes it', () => {
    const headline = lineFeatures(lines[0], memory, emptyKnowledge());
    const korvania = headline[2];
    expect(korvania).toContain('w=Korvania');
    expect(korvania).toContain('story-case=Xx');
    expect(korvania).toContain('caps=C');
    // "BEAT" is written "beat" in the story.
    expect(headline[3]).toContain('w=beat');
    // "SOCCER" is not in the story: a common word reads in lower case.
    expect(headline[0]).toContain('w=soccer');
  });

  it('remember a surname seen after a first name, and a word seen in lower case', () => {
    const third = lineFeatures(lines[2], memory, emptyKnowledge());
    expect(third[0]).toContain('in-run=last');
    expect(third[0]).toContain('first|capitalised-inside=true');
    expect(lineFeatures(tokenizeDocument('The team won.')[0], documentMemory(tokenizeDocument('The team won.\nthe end')), emptyKnowledge())[0]).toContain('also-lower');
  });

  it('know the names of the training text, and first names', () => {
    const knowledge = learnKnowledge([{ text: 'Coach Edda Vintrop of Dalmire United spoke.', entities: [{ start: 6, end: 18, type: 'PER' }, { start: 22, end: 37, type: 'ORG' }] }]);
    expect(knowledge.names.get('Dalmire United')).toEqual(['ORG']);
    expect(knowledge.firstNames.has('Edda')).toBe(true);
    const line = tokenizeDocument('Edda Vintrop left Dalmire United.')[0];
    const f = lineFeatures(line, documentMemory([line]), knowledge);
    expect(f[0]).toContain('first-name');
    expect(f[0]).toContain('name=PER:B');
    expect(f[1]).toContain('after-first-name');
    expect(f[3]).toContain('name=ORG:B');
    expect(f[4]).toContain('name=ORG:L');
  });
});

describe('the perceptron', () => {
  const tags = schemeTags(['PER', 'LOC'], 'BIO');

  it('decodes only sequences the scheme allows', () => {
    const k = tags.length;
    // Emission weights that favour I-PER everywhere: a name cannot open on I-, so the first token is B-PER.
    const emission = new Float32Array(k);
    emission[tags.indexOf('I-PER')] = 5;
    emission[tags.indexOf('B-PER')] = 1;
    const weights: TaggerWeights = { tags, emission, transition: new Float32Array(k * k), start: new Float32Array(k), end: new Float32Array(k) };
    const decoded = Array.from(viterbi(weights, [Int32Array.of(0), Int32Array.of(0), Int32Array.of(0)]), (y) => tags[y]);
    expect(decoded).toEqual(['B-PER', 'I-PER', 'I-PER']);
    const bilou = allowedMoves(schemeTags(['PER'], 'BILOU'));
    expect(bilou.end[schemeTags(['PER'], 'BILOU').indexOf('B-PER')]).toBe(false);
  });

  it('learns fictional lines and tags a new one, the same way on every run', () => {
    const lines = [
      'Edda Vintrop visited Kingsford on Monday .',
      'Ottar Brell left Dalmire after the match .',
      'In Kingsford , Ottar Brell spoke .',
      'Mayor Edda Vintrop thanked Dalmire .',
      'Dalmire won on Saturday .',
    ];
    const gold: Record<string, string> = { Edda: 'B-PER', Vintrop: 'I-PER', Ottar: 'B-PER', Brell: 'I-PER', Kingsford: 'B-LOC', Dalmire: 'B-LOC' };
    const index = new Map<string, number>();
    const featuresOf = (line: string) => {
      const words = line.split(' ');
      return words.map((w, i) => Int32Array.from([`w=${w}`, `prev=${words[i - 1] ?? '<s>'}`, `shape=${compressedShape(w)}`], (f) => {
        if (!index.has(f)) index.set(f, index.size);
        return index.get(f)!;
      }));
    };
    const sequences = lines.map((l) => ({ features: featuresOf(l), gold: Int32Array.from(l.split(' '), (w) => tags.indexOf(gold[w] ?? 'O')) }));
    const train = () => {
      const trainer = new PerceptronTrainer(tags, index.size);
      const random = seededRandom(7);
      for (let e = 0; e < 10; e++) trainer.epoch(sequences, random);
      return trainer.averaged();
    };
    const weights = train();
    for (const s of sequences) expect(Array.from(viterbi(weights, s.features))).toEqual(Array.from(s.gold));
    // A line it has not seen, made of what it has.
    const fresh = Array.from(viterbi(weights, featuresOf('Ottar Brell visited Dalmire .')), (y) => tags[y]);
    expect(fresh).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
    expect(Array.from(train().emission)).toEqual(Array.from(weights.emission));
  });

  it('gives spans from tags, and a model survives its file form', () => {
    const text = 'Edda Vintrop visited Kingsford.';
    const lines = tokenizeDocument(text);
    expect(spansFromTags(text, lines, [['B-PER', 'I-PER', 'O', 'B-LOC', 'O']])).toEqual([
      { start: 0, end: 12, type: 'PER', text: 'Edda Vintrop' },
      { start: 21, end: 30, type: 'LOC', text: 'Kingsford' },
    ]);
  });
});

describe('the entity scorer', () => {
  it('counts exact spans of the types asked, and distinct names per document', () => {
    const gold = [[
      { start: 0, end: 12, type: 'PER', text: 'Edda Vintrop' },
      { start: 21, end: 30, type: 'LOC', text: 'Kingsford' },
      { start: 40, end: 49, type: 'LOC', text: 'Kingsford' },
      { start: 50, end: 57, type: 'MISC', text: 'Alderan' },
    ]];
    const predicted = [[
      { start: 0, end: 4, type: 'PER', text: 'Edda' },
      { start: 21, end: 30, type: 'LOC', text: 'Kingsford' },
      { start: 40, end: 49, type: 'ORG', text: 'Kingsford' },
    ]];
    const s = scoreEntities(gold, predicted, ['PER', 'ORG', 'LOC']);
    expect(s.mentions.overall).toMatchObject({ gold: 3, predicted: 3, correct: 1 });
    expect(s.mentions.byType.LOC).toMatchObject({ precision: 1, recall: 0.5 });
    expect(s.mentions.byType.ORG.precision).toBe(0);
    // Per document: LOC {kingsford} found; PER {edda vintrop} against {edda}; ORG {kingsford} wrong.
    expect(s.documents.byType.LOC).toMatchObject({ gold: 1, predicted: 1, correct: 1 });
    expect(s.documents.overall).toMatchObject({ gold: 2, predicted: 3, correct: 1 });
  });
});

describe('the shipped model', () => {
  it('tags a fictional story', () => {
    const spans = tagEntities('KORVANIA BEAT DALMIRE IN QUALIFIER.\nKINGSFORD 1996-08-30\nKorvania beat Dalmire 2-1 in Kingsford on Friday, coach Edda Vintrop said.');
    const found = spans.map((s) => `${s.type}:${s.text}`);
    expect(found).toContain('PER:Edda Vintrop');
    expect(found).toContain('LOC:KINGSFORD');
    expect(found).toContain('LOC:Kingsford');
  });

  it('keeps its decisions in its file form', () => {
    const text = 'Edda Vintrop of the Dalmire Football Association visited Kingsford.';
    const model = parseEntityModel(serializeEntityModel(loadEntityModel()));
    expect(tagEntitiesWith(model, text)).toEqual(tagEntities(text));
  });

  // Target: F1 >= 0.88 over PER, ORG and LOC, and ORG >= 0.80, exact spans and types (MISC tagged, not scored). The
  // shipped model reaches 0.941 (ORG 0.897, PER 0.955, LOC 0.959; its trainedOn.devAsShipped): the bounds below sit a
  // little under that, so that a retrained model that lost ground shows here.
  it('reaches its F1 on the CoNLL-2003 development split', () => {
    const dev = readAnnotated(path.join(SHARED, 'data/ner/conll2003-dev.jsonl'));
    const s = scoreEntities(dev.map((d) => d.entities), dev.map((d) => tagEntities(d.text)), SCORED_TYPES);
    expect(s.mentions.overall.f1).toBeGreaterThanOrEqual(0.88);
    expect(s.mentions.byType.ORG.f1).toBeGreaterThanOrEqual(0.8);
    expect(s.mentions.overall.f1).toBeGreaterThanOrEqual(0.935);
    expect(s.mentions.byType.ORG.f1).toBeGreaterThanOrEqual(0.89);
    expect(s.mentions.byType.PER.f1).toBeGreaterThanOrEqual(0.94);
    expect(s.mentions.byType.LOC.f1).toBeGreaterThanOrEqual(0.94);
    // Per document (distinct names a document mentions), the view of a reader.
    expect(s.documents.overall.f1).toBeGreaterThanOrEqual(0.93);
  });

  it('is compact', () => {
    expect(statSync(ENTITY_MODEL_FILE).size).toBeLessThan(4e6);
  });
});

describe('the compiled tagger', () => {
  it('scores no plain word and no stretch of words without a capital or a digit', () => {
    const words = ['said', 'the', 'man', ',', 'in', 'the', 'Bank', 'of', 'England', '.'];
    expect(outsideOnlyWords(words, false)).toEqual([true, true, true, true, false, false, false, false, false, false]);
    expect(outsideOnlyWords(['in', 'the', '1990s', 'boom'], false)).toEqual([false, false, false, true]);
    expect(outsideOnlyWords(['SAID', 'THE', 'MAN'], true)).toEqual([false, false, false]);
  });

  // The tagger finds its features without naming them (compiled.ts): its emission scores must be those of the named
  // features (lineFeatures, secondPassFeatures) summed from the model's weights, exactly, or its tags could differ.
  it('scores every token of the development split as the named features do', () => {
    const model = loadEntityModel();
    const tagger = new CompiledTagger(model);
    const k = model.tags.length;
    const passes = model.passes.length;
    // The named features' scores of a token under a pass.
    const namedScores = ({ featureIndex, weights }: (typeof model.passes)[number], names: string[]) => {
      const scores = new Float64Array(k);
      for (const name of names) {
        const id = featureIndex.get(name);
        if (id !== undefined) for (let y = 0; y < k; y++) scores[y] += weights.emission[id * k + y];
      }
      return Array.from(scores);
    };
    let tokens = 0;
    let scored = 0;
    for (const doc of readAnnotated(path.join(SHARED, 'data/ner/conll2003-dev.jsonl'))) {
      const lines = tokenizeDocument(doc.text);
      const memory = documentMemory(lines);
      const features = tagger.documentFeatures(lines);
      // The types "the first pass" gave, from any tags: the tagger's own.
      const seen = firstPassTypes(lines, tagLines(model, lines));
      const scores = tagger.documentScores(features);
      tagger.addExtraScores(scores, 1, features, tagger.secondPassFeatures(features, seen));
      lines.forEach((line, l) => {
        const named = lineFeatures(line, memory, model.knowledge);
        const secondNames = secondPassFeatures(line, l, seen);
        // A plain word in lower case and a stretch of words with no capital or digit (compiled.ts outsideOnlyWords)
        // can only be O: they are not scored.
        const outsideOnly = outsideOnlyWords(line.tokens.map((token) => token.text), line.allCaps);
        named.forEach((names, i) => {
          const t = features.lineStart[l] + i;
          expect(features.outsideOnly[t] === 1).toBe(outsideOnly[i]);
          tokens++;
          if (outsideOnly[i]) return;
          const row = (pass: number) => Array.from(scores.subarray((t * passes + pass) * k, (t * passes + pass + 1) * k));
          expect(row(0)).toEqual(namedScores(model.passes[0], names));
          expect(row(1)).toEqual(namedScores(model.passes[1], names.concat(secondNames[i])));
          scored++;
        });
      });
    }
    expect(scored).toBeGreaterThan(10_000);
    expect(tokens).toBeGreaterThan(50_000);
  });
});
