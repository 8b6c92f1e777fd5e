// `npm run eval`: only the summaries-and-timelines comparison (src/bench/summaries.ts), written into its section of
// docs/benchmarks.md (the last one; the sections before it are left as the last `npm run bench` wrote them).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutletRegistry } from '../clean/index.js';
import { summaryBenchmarks } from './summaries.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const T17 = path.resolve(ROOT, '../shared/data/t17');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
export const SUMMARY_HEADING = '## Summaries and timelines';

/** `doc` with its summaries section (from its heading to the end) replaced by `section`, or `section` appended. */
export function withSummarySection(doc: string, section: string): string {
  const at = doc.indexOf(`\n${SUMMARY_HEADING}\n`);
  return `${(at >= 0 ? doc.slice(0, at) : doc).trimEnd()}\n\n${section}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!existsSync(T17)) {
    console.error(`newsdesk eval: the T17 corpora are not at ${T17} (../shared beside the repository)`);
    process.exit(1);
  }
  const section = await summaryBenchmarks(T17, ['egypt', 'finan', 'h1n1', 'haiti', 'mj'], OutletRegistry.load(), 5, (s) => process.stderr.write(`${s}\n`));
  writeFileSync(DOC, withSummarySection(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n', section));
  process.stdout.write(section);
}
