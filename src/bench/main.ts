// `npm run bench`: measures throughput and peak memory on the T17 corpora in ../shared and writes docs/benchmarks.md.
// Targets are checked here and reported, never by timed unit tests. Single process, single thread: "one core".
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, RawArticle } from '../model.js';
import { readInputs } from '../ingest/index.js';
import { cleanArticles, OutletRegistry } from '../clean/index.js';
import { Store } from '../store/index.js';
import { groupArticles } from '../cluster/index.js';
import { understandArticle, understandEvent } from '../understand/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const T17 = path.resolve(ROOT, '../shared/data/t17');
const TOPICS = ['egypt', 'finan', 'h1n1', 'haiti', 'mj'];
const ROUNDS = 5;

interface Row {
  what: string;
  articles: number;
  seconds: number;
  target?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function readTopic(topic: string): Promise<RawArticle[]> {
  const raws: RawArticle[] = [];
  for await (const r of readInputs([path.join(T17, topic, 'articles.jsonl')])) raws.push(r);
  return raws;
}

/** Reads and cleans every topic (each a batch, as `newsdesk ingest <topic>` would); returns the seconds taken. */
async function readAndCleanAll(registry: OutletRegistry): Promise<{ seconds: number; articles: Article[] }> {
  const start = performance.now();
  const articles: Article[] = [];
  for (const topic of TOPICS) articles.push(...cleanArticles(await readTopic(topic), { registry }).articles);
  return { seconds: (performance.now() - start) / 1000, articles };
}

async function main(): Promise<void> {
  if (!existsSync(T17)) {
    console.error(`newsdesk bench: the T17 corpora are not at ${T17} (../shared beside the repository)`);
    process.exitCode = 1;
    return;
  }
  const registry = OutletRegistry.load();
  const rows: Row[] = [];

  await readAndCleanAll(registry); // warm-up: JIT and file cache
  const readClean: number[] = [];
  let articles: Article[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const run = await readAndCleanAll(registry);
    readClean.push(run.seconds);
    articles = run.articles;
  }
  rows.push({ what: 'ingest + clean (read JSONL, decode, clean, corpus statistics)', articles: articles.length, seconds: median(readClean), target: 3000 });

  const storeRuns: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-'));
    try {
      const start = performance.now();
      const { articles: cleaned } = await readAndCleanAll(registry);
      const store = Store.open(path.join(dir, 'bench.db'));
      store.upsertArticles(cleaned);
      store.close();
      storeRuns.push((performance.now() - start) / 1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push({ what: 'ingest + clean + store in SQLite (one transaction)', articles: articles.length, seconds: median(storeRuns) });

  // Understanding: every article (sentences, names, dates), then every event (names resolved, quotes, event date),
  // over the events the grouping makes of each topic. The grouping itself is not timed here.
  const byTopic: Article[][] = [];
  for (const topic of TOPICS) byTopic.push(cleanArticles(await readTopic(topic), { registry }).articles);
  const groups = byTopic.map((arts) => groupArticles(arts));
  const understandRuns: number[] = [];
  let entityCount = 0;
  let quoteCount = 0;
  for (let r = 0; r < ROUNDS + 1; r++) {
    const start = performance.now();
    entityCount = 0;
    quoteCount = 0;
    byTopic.forEach((arts, t) => {
      const understood = arts.map(understandArticle);
      for (const g of groups[t]) {
        const e = understandEvent(g.map((i) => understood[i]));
        entityCount += e.entities.length;
        quoteCount += e.quotes.length;
      }
    });
    if (r > 0) understandRuns.push((performance.now() - start) / 1000); // round 0 warms up
  }
  rows.push({ what: `understand (sentences, entities, dates, quotes; ${entityCount} entities and ${quoteCount} quotes in ${groups.flat().length} events)`, articles: articles.length, seconds: median(understandRuns), target: 500 });

  const peakMb = process.resourceUsage().maxRSS / 1024;
  const table = rows.map((r) => {
    const rate = r.articles / r.seconds;
    const verdict = r.target === undefined ? '' : rate >= r.target ? `≥ ${r.target} ✔` : `≥ ${r.target} ✘ (missed)`;
    return `| ${r.what} | ${r.articles} | ${(r.seconds * 1000).toFixed(0)} ms | ${rate.toFixed(0)} | ${verdict} |`;
  });
  const md = `# Benchmarks

Written by \`npm run bench\` (src/bench/main.ts) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, one process on one core.
Input: the Timeline17 corpora in \`../shared/data/t17\` (${TOPICS.join(', ')}), each topic one batch as \`newsdesk ingest\` would read it.
Each figure is the median of ${ROUNDS} rounds after a warm-up round.

## Ingest, cleaning and understanding

| measurement | articles | time | articles/s | target |
| --- | ---: | ---: | ---: | --- |
${table.join('\n')}

Peak memory (resident set, whole benchmark process): **${peakMb.toFixed(0)} MB**.
`;
  writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), md);
  process.stdout.write(md);
}

await main();
