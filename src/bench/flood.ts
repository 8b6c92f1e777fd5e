// A flood of a million tiny articles through the whole of `newsdesk ingest` (read, clean, understand, place, summarise,
// compare, write), as a process of its own with its heap capped: how long it takes and the most memory it holds.
// The articles are near-identical briefs, so they also make the worst case for an event's size: one event of a million
// reports, which its event job reads in part (src/pipeline/members.ts). Run by `npm run bench`, or alone by
// `npm run bench:flood`, which rewrites only this section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../store/index.js';
import { withSection } from './doc.js';
import { watchPeakMemory } from './peak.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = path.join(ROOT, 'docs/benchmarks.md');
export const FLOOD_HEADING = '## A flood of a million tiny articles';
/** The heap the ingest is given: the flood must fit in it. */
const HEAP_MB = 512;

export interface FloodRun {
  articles: number;
  fileMb: number;
  seconds: number;
  peakMb: number;
  exitCode: number | null;
  stored: number;
  events: number;
  biggestEvent: number;
  readOfBiggest: string;
}

/** Writes `count` one-line briefs as JSONL, 10,000 lines at a time. */
function writeBriefs(file: string, count: number): void {
  const fd = openSync(file, 'w');
  try {
    for (let n = 1; n <= count; n += 10_000) {
      const lines: string[] = [];
      for (let k = n; k < Math.min(n + 10_000, count + 1); k++) lines.push(JSON.stringify({ id: `b${k}`, text: `Brief ${k} filed at noon.` }));
      writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
}

/** `newsdesk ingest` (the built CLI) on the file, its peak resident set read from /proc while it runs. */
function ingest(file: string, db: string): Promise<{ code: number | null; seconds: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, path.join(ROOT, 'bin/newsdesk.js'), 'ingest', file, '--db', db, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const peak = watchPeakMemory(child, 100);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, seconds: (performance.now() - start) / 1000, peakMb: peak() }));
  });
}

export async function floodBenchmark(count = 1_000_000, log: (line: string) => void = () => {}): Promise<FloodRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-flood-'));
  try {
    const file = path.join(dir, 'flood.jsonl');
    writeBriefs(file, count);
    log(`newsdesk bench: a flood of ${count.toLocaleString('en')} tiny articles through newsdesk ingest (a few minutes)…`);
    const run = await ingest(file, path.join(dir, 'store.db'));
    const store = SqliteStore.open(path.join(dir, 'store.db'));
    try {
      const { total, events } = await store.eventCards({ limit: 1, order: 'size' });
      const biggest = events[0] ? await store.event(events[0].id) : undefined;
      return {
        articles: count,
        fileMb: readFileSync(file).length / 1024 / 1024,
        seconds: run.seconds,
        peakMb: run.peakMb,
        exitCode: run.code,
        stored: await store.countArticles(),
        events: total,
        biggestEvent: biggest?.articles.length ?? 0,
        readOfBiggest: biggest?.read ? `${biggest.read.articles.toLocaleString('en')} of ${biggest.read.of.toLocaleString('en')}` : 'all',
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function floodSection(r: FloodRun): string {
  const whole = r.exitCode === 0 && r.stored === r.articles;
  return `${FLOOD_HEADING}

Written by \`npm run bench:flood\` or \`npm run bench\` (src/bench/flood.ts) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}.
\`newsdesk ingest\` (built, one process) on one JSONL file of ${r.articles.toLocaleString('en')} one-line briefs
("Brief 1 filed at noon.", …; ${r.fileMb.toFixed(0)} MB), written by src/bench/flood.ts, with the heap capped at ${HEAP_MB} MB.
The input is read, cleaned and queued 5,000 articles at a time; the briefs are near-identical, so they make one
event of every report, which its event job reads in part (a sample of 2,000: every outlet's share, spread over its
reporting).

| articles | time | articles/s | peak memory (resident set) | stored | events | largest event | of it read whole |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${r.articles.toLocaleString('en')} | ${r.seconds.toFixed(0)} s | ${(r.articles / r.seconds).toFixed(0)} | ${r.peakMb.toFixed(0)} MB | ${r.stored.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${r.biggestEvent.toLocaleString('en')} | ${r.readOfBiggest} |

Every article stored once, the run ended by itself (exit ${r.exitCode}) ${whole ? '✔' : '✘ (missed)'}; peak memory under 1 GB ${r.peakMb < 1024 ? '✔' : '✘ (missed)'}.
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const section = floodSection(await floodBenchmark(Number(process.env.BENCH_FLOOD ?? 1_000_000), (s) => process.stderr.write(`${s}\n`)));
  writeFileSync(DOC, withSection(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n', FLOOD_HEADING, section));
  process.stdout.write(section);
}
