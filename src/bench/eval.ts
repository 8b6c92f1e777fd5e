// `npm run eval`: the quality dashboard. docs/quality.md gets the event grouping on every development set beside its
// peers (src/bench/quality.ts), reports and headlines (src/bench/reports-quality.ts) and names beside compromise
// (src/bench/entities-quality.ts); the comparison of outlets (src/bench/compare.ts, which also writes
// docs/comparison.md) and summaries and timelines against peers (src/bench/summaries.ts) are written into their places
// at the end of docs/benchmarks.md; the sections before them are left as the last `npm run bench` wrote them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutletRegistry } from '../clean/index.js';
import { loadDevSets } from '../eval/event-sets.js';
import { summaryBenchmarks } from './summaries.js';
import { comparisonBenchmarks } from './compare.js';
import { eventQuality, type EventQuality } from './quality.js';
import { reportsQuality } from './reports-quality.js';
import { entityQuality, entitySection } from './entities-quality.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = path.resolve(ROOT, '../shared');
const T17 = path.join(SHARED, 'data/t17');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
/** The headings of the sections this script writes: they close docs/benchmarks.md, in this order. */
const TAIL_HEADINGS = ['## Comparison of outlets', '## Summaries and timelines'];

/** `doc` with its closing quality sections (from the first of their headings to the end) replaced by `sections`. */
export function withQualitySections(doc: string, sections: string): string {
  const found = TAIL_HEADINGS.map((h) => doc.indexOf(`\n${h}\n`)).filter((i) => i >= 0);
  const at = found.length ? Math.min(...found) : -1;
  return `${(at >= 0 ? doc.slice(0, at) : doc).trimEnd()}\n\n${sections}`;
}

/** The quality sections, and docs/comparison.md written on the way. */
export async function qualitySections(shared: string, topics: string[], registry: OutletRegistry, rounds: number, log: (s: string) => void): Promise<string> {
  log('  comparison of outlets');
  const comparison = await comparisonBenchmarks(shared, topics, registry, rounds);
  writeFileSync(path.join(ROOT, 'docs/comparison.md'), comparison.doc);
  const summaries = await summaryBenchmarks(path.join(shared, 'data', 't17'), topics, registry, rounds, log);
  return `${comparison.section}\n${summaries}`;
}

const mark = (ok: boolean) => (ok ? '✔' : '✘ (missed)');

/** docs/quality.md from the event section and the section on reports and headlines. */
export function qualityDoc(events: EventQuality, seconds: number, reports = '', entities = ''): string {
  const s = events.summary;
  const eventSets = Object.keys(s).filter((k) => s[k].crossTrained !== undefined);
  const beatsPeers = (k: string) => Object.values(s[k].peers).every((p) => s[k].newsdesk > p);
  const targets = [
    ...eventSets.map((k) => `- ${k}: events B-cubed F1 ${s[k].newsdesk.toFixed(3)} (target ≥ 0.92 ${mark(s[k].newsdesk >= 0.92)}), above both peers ${mark(beatsPeers(k))}; cross-trained ${s[k].crossTrained!.toFixed(3)} (target ≥ 0.88 ${mark(s[k].crossTrained! >= 0.88)})`),
    ...(s.t17 ? [`- T17 topics: stories B-cubed F1 ${s.t17.newsdesk.toFixed(3)} (target ≥ 0.92 ${mark(s.t17.newsdesk >= 0.92)})`] : []),
  ];
  return `# Quality

Written by \`npm run eval\` (src/bench/eval.ts) on ${new Date().toISOString().slice(0, 10)} in ${seconds.toFixed(0)} s, from the development sets in
\`../shared/data\` (see its README). Every figure is measured in that one command; peers run side by side on the same
articles, in the same arrival order.

## Events and stories

An **event** is one happening with its direct follow-ups (the shooting, the arrest, the charges, the trial); a
**story** is the subject over weeks. GVA and ECB+ are labelled by event; the T17 topics by subject, so they are compared
with stories. Scores are B-cubed (Bagga & Baldwin 1998, averaged over articles) and pairwise.

- **newsdesk**: the online clusterer (src/cluster/online.ts) deciding with the model in data/event-model.json, trained on
  both event sets by \`npm run train:events\`. The **cross-trained** rows use a model trained on the other event set
  only, thresholds included: what to expect on news of a kind the model never saw.
- **single-pass** and **average-link** (src/bench/event-peers.ts): TF-IDF of title and text, cosine; threshold and window
  tuned on the other event set (an undated set tunes no window), and — for reference — on the set itself, the best
  each peer could do there. T17 has no other set labelled by topic: its peers are tuned on it (their best case).

${targets.join('\n')}

${events.section}
${reports ? `\n${reports}` : ''}${entities ? `\n${entities}` : ''}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!existsSync(T17)) {
    console.error(`newsdesk eval: the T17 corpora are not at ${T17} (../shared beside the repository)`);
    process.exit(1);
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const started = performance.now();
  log('newsdesk eval: events and stories on the development sets…');
  const events = eventQuality(await loadDevSets(SHARED), log);
  log('newsdesk eval: reports and headlines…');
  const reports = await reportsQuality(SHARED, ['egypt', 'finan', 'h1n1', 'haiti', 'mj'], log);
  log('newsdesk eval: names…');
  const names = entityQuality(SHARED, log);
  const quality = qualityDoc(events, (performance.now() - started) / 1000, reports, names ? entitySection(names) : '');
  writeFileSync(path.join(ROOT, 'docs/quality.md'), quality);
  process.stdout.write(quality);
  log('newsdesk eval: comparison of outlets; summaries and timelines…');
  const sections = await qualitySections(SHARED, ['egypt', 'finan', 'h1n1', 'haiti', 'mj'], OutletRegistry.load(), 5, log);
  writeFileSync(DOC, withQualitySections(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n', sections));
}
