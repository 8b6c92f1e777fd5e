// The names section of docs/quality.md: people, organisations and places found in the annotated Reuters news of
// CoNLL-2003 (../shared/data/ner), by newsdesk as its events show them, by its learned tagger alone, and by compromise
// (npm), the rule-and-lexicon tagger JavaScript projects reach for, run side by side on the same documents.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';
import { evaluateEntities, newsdeskEntities, parseEntityDocuments, SCORED_ENTITY_TYPES, type EntityDocument, type EntityEvaluation, type EntitySpan } from '../eval/entities.js';
import { tagEntities } from '../understand/tagger/index.js';

/** compromise's people, organisations and places in a text, with its character offsets. */
export function compromiseEntities(doc: EntityDocument): EntitySpan[] {
  const parsed = nlp(doc.text);
  const spans: EntitySpan[] = [];
  for (const [type, found] of [['PER', parsed.people()], ['ORG', parsed.organizations()], ['LOC', parsed.places()]] as const) {
    for (const m of found.out('offset') as Array<{ offset: { start: number; length: number } }>) {
      const { start, length } = m.offset;
      spans.push({ start, end: start + length, type, text: doc.text.slice(start, start + length) });
    }
  }
  return spans;
}

/** The systems compared, each with what it is. */
const SYSTEMS: Array<{ name: string; what: string; tag: (doc: EntityDocument) => EntitySpan[] }> = [
  { name: 'newsdesk', what: 'the names newsdesk shows: rules over tokens, gazetteers and the alias table (src/understand/entities.ts), resolved as one event (src/understand/resolve.ts)', tag: newsdeskEntities },
  { name: 'newsdesk tagger', what: 'the learned tagger alone (src/understand/tagger/, data/entity-model.json), trained on the CoNLL-2003 train split', tag: (d) => tagEntities(d.text) },
  { name: 'compromise', what: 'compromise 14 (npm): people(), organizations(), places()', tag: compromiseEntities },
];

export interface EntityQuality {
  set: string;
  documents: number;
  results: Array<{ name: string; what: string; scores: EntityEvaluation }>;
}

/** Every system on the CoNLL-2003 development split. */
export function entityQuality(shared: string, log: (s: string) => void): EntityQuality | undefined {
  const file = path.join(shared, 'data/ner/conll2003-dev.jsonl');
  if (!existsSync(file)) return undefined;
  const docs = parseEntityDocuments(readFileSync(file, 'utf8'), file);
  const results = SYSTEMS.map((s) => {
    log(`  names: ${s.name}`);
    // One document first, untimed: reading a model and its lexicons is start-up, not tagging speed.
    s.tag(docs[0]);
    return { name: s.name, what: s.what, scores: evaluateEntities(docs, s.tag) };
  });
  return { set: 'CoNLL-2003 dev', documents: docs.length, results };
}

const f3 = (x: number) => x.toFixed(3);
const mark = (ok: boolean) => (ok ? '✔' : '✘ (missed)');

/** The section: targets, then mentions and documents per system and type. */
export function entitySection(q: EntityQuality): string {
  const [newsdesk] = q.results;
  const m = newsdesk.scores.mentions;
  const table = (level: 'mentions' | 'documents') => `| system | ${SCORED_ENTITY_TYPES.map((t) => `${t} P / R / F1`).join(' | ')} | all F1 | tokens/s |
| --- | ${SCORED_ENTITY_TYPES.map(() => '---').join(' | ')} | ---: | ---: |
${q.results
  .map((r) => {
    const s = r.scores[level];
    const cells = SCORED_ENTITY_TYPES.map((t) => `${f3(s.byType[t].precision)} / ${f3(s.byType[t].recall)} / ${f3(s.byType[t].f1)}`);
    return `| ${r.name} | ${cells.join(' | ')} | ${f3(s.overall.f1)} | ${Math.round(r.scores.read.tokens / r.scores.read.seconds).toLocaleString('en')} |`;
  })
  .join('\n')}`;
  return `## Names: people, organisations, places

${q.set}: ${q.documents} Reuters documents of 1996 with every name annotated (\`../shared/data/ner\`), scored by
\`newsdesk eval entities\` (src/eval/entities.ts). Names written: right only with the exact span and type, as CoNLL
scores them. Each document's names: the distinct names of each type a document mentions (case, spacing and outer
punctuation aside) — what a names index of the document holds. MISC (nationalities, events, works) is not scored.
Speed: whitespace-separated tokens per second, one thread, after one document read untimed (loading a model or its
lexicons is start-up), on this machine as the whole command ran.

- newsdesk, names written: F1 ${f3(m.overall.f1)} (target ≥ 0.88 ${mark(m.overall.f1 >= 0.88)}), organisations ${f3(m.byType.ORG.f1)} (target ≥ 0.80 ${mark(m.byType.ORG.f1 >= 0.8)})

${q.results.map((r) => `- **${r.name}**: ${r.what}.`).join('\n')}

**Names written** (exact span and type)

${table('mentions')}

**Each document's names**

${table('documents')}
`;
}
