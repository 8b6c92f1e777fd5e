// `npm run eval`: only the quality sections — the comparison of outlets (src/bench/compare.ts, which also writes
// docs/comparison.md) and summaries and timelines against peers (src/bench/summaries.ts) — written into their places
// at the end of docs/benchmarks.md; the sections before them are left as the last `npm run bench` wrote them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutletRegistry } from '../clean/index.js';
import { summaryBenchmarks } from './summaries.js';
import { comparisonBenchmarks } from './compare.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const T17 = path.resolve(ROOT, '../shared/data/t17');
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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!existsSync(T17)) {
    console.error(`newsdesk eval: the T17 corpora are not at ${T17} (../shared beside the repository)`);
    process.exit(1);
  }
  const sections = await qualitySections(path.resolve(ROOT, '../shared'), ['egypt', 'finan', 'h1n1', 'haiti', 'mj'], OutletRegistry.load(), 5, (s) => process.stderr.write(`${s}\n`));
  writeFileSync(DOC, withQualitySections(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n', sections));
  process.stdout.write(sections);
}
