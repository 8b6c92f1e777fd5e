// `npm run bench`: measures throughput and peak memory on the T17 corpora in ../shared and writes docs/benchmarks.md.
// Targets are checked here and reported, never by timed unit tests. Single process, single thread: "one core".
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../model.js';
import { OutletRegistry } from '../clean/index.js';
import { SqliteStore } from '../store/index.js';
import { jobsOf } from '../service/ingest.js';
import { OnlineClusterer, articleFeatures, dayNumber } from '../cluster/index.js';
import { referenceDate, understandArticle, understandEvent } from '../understand/index.js';
import { baseFeatures, clusteringAtScale } from './cluster.js';
import { qualitySections, withQualitySections } from './eval.js';
import { storeSectionOf, withStoreSection } from './store.js';
import { cleanTopic, median } from './corpus.js';
import { withSection } from './doc.js';
import { FLOOD_HEADING, floodBenchmark, floodSection } from './flood.js';
import { understandingByStage } from './understand-stages.js';

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

/** Reads and cleans every topic (each a batch, as `newsdesk ingest <topic>` would); returns the seconds taken. */
async function readAndCleanAll(registry: OutletRegistry): Promise<{ seconds: number; articles: Article[] }> {
  const start = performance.now();
  const articles: Article[] = [];
  for (const topic of TOPICS) articles.push(...await cleanTopic(T17, topic, registry));
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
      // Storing is queueing here: understanding is the work of the text + understand row.
      const store = SqliteStore.open(path.join(dir, 'bench.db'));
      await store.enqueue(jobsOf(cleaned));
      await store.close();
      storeRuns.push((performance.now() - start) / 1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push({ what: 'ingest + clean + queue in SQLite (one transaction)', articles: articles.length, seconds: median(storeRuns) });

  // Understanding: every article (sentences, names, dates), then every event (names resolved, quotes, event date),
  // over the events the online clusterer makes of each topic. The grouping itself is not timed here.
  const byTopic: Article[][] = [];
  for (const topic of TOPICS) byTopic.push(await cleanTopic(T17, topic, registry));
  const groups = byTopic.map((arts) => {
    const clusterer = new OnlineClusterer();
    const index = new Map(arts.map((a, i) => [a.id, i]));
    for (const a of [...arts].sort((x, y) => (x.published ?? '').localeCompare(y.published ?? ''))) {
      const u = understandArticle(a);
      clusterer.add(articleFeatures(u.article, u.cues, dayNumber(a.published ?? referenceDate(u.article)), u.sentences));
    }
    return [...clusterer.snapshot().events.values()].map((ids) => ids.map((id) => index.get(id)!));
  });
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
  rows.push({ what: `text + understand (sentences and their tokens, entities, dates, quotes; ${entityCount} entities and ${quoteCount} quotes in ${groups.flat().length} events)`, articles: articles.length, seconds: median(understandRuns), target: 500 });

  const stages = understandingByStage(byTopic, groups, ROUNDS);
  const stageTotal = stages.reduce((sum, s) => sum + s.msPerArticle, 0);

  const peakMb = process.resourceUsage().maxRSS / 1024;

  // Event grouping: cost per article as the store grows, then quality on the labelled development set. The scale run
  // goes first, after a collection, so that its memory figure is the clusterer's and not what the development set's
  // full analysis (summaries, comparisons) left in the heap.
  process.stderr.write('newsdesk bench: clustering at scale (1M articles, a few minutes)…\n');
  const base = await baseFeatures(T17, TOPICS);
  (globalThis as { gc?: () => void }).gc?.();
  const scale = clusteringAtScale(base, [10_000, 100_000, 1_000_000], (n) => {
    if (n % 100_000 === 0) process.stderr.write(`  ${n} articles\n`);
  });
  process.stderr.write('newsdesk bench: comparison of outlets; summaries and timelines against peers…\n');
  const quality = await qualitySections(path.resolve(ROOT, '../shared'), TOPICS, registry, ROUNDS, (s) => process.stderr.write(`${s}\n`));
  const flood = await floodBenchmark(1_000_000, (s) => process.stderr.write(`${s}\n`));
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

Peak memory (resident set, whole benchmark process, measured before the clustering sections): **${peakMb.toFixed(0)} MB**.

Where the understanding's time goes (src/bench/understand-stages.ts): each step timed apart, article after article in
the pipeline's order, then the events; milliseconds per article, median of ${ROUNDS} rounds after a warm-up. Their sum
is less than the row's time, which also pays for collecting what it keeps (a topic's understood articles); a rate of
500 articles/s leaves 2 ms an article.

| stage | ms per article |
| --- | ---: |
${stages.map((s) => `| ${s.stage} | ${s.msPerArticle.toFixed(2)} |`).join('\n')}
| **sum** (${(1000 / stageTotal).toFixed(0)} articles/s) | **${stageTotal.toFixed(2)}** |

## Event grouping: quality

Written to [docs/quality.md](quality.md) by \`npm run eval\`: events on the event-labelled sets (GVA, ECB+) and stories on
the T17 topics, beside two peers and cross-trained.

## Event grouping: cost as the store grows

A synthetic stream built from the ${base.length} T17 articles: copy *k* of every article is re-dated into its own
${30}-day block (about 40 articles a day) and varied: one term in ten dropped (chosen by a hash of term and copy), and its people, places, organisations and
numbers made its own (the same kind of news about others), so that each copy makes events of its own.
Each figure is the cost per article over the 5,000 articles before the mark; memory is the process's peak resident set.

| stored articles | articles/s | µs per article | live events | peak memory |
| ---: | ---: | ---: | ---: | ---: |
${scale.map((p) => `| ${p.stored.toLocaleString('en')} | ${p.articlesPerSecond.toFixed(0)} | ${p.microsecondsPerArticle.toFixed(0)} | ${p.liveEvents.toLocaleString('en')} | ${p.rssMb.toFixed(0)} MB |`).join('\n')}

Targets: ≥ 2,000 articles/s at 100k ${scale[1].articlesPerSecond >= 2000 ? '✔' : '✘ (missed)'}; cost per article at 1M within 2× of 10k ${scale[2].microsecondsPerArticle <= 2 * scale[0].microsecondsPerArticle ? '✔' : '✘ (missed)'}; under 1.5 GB at 1M ${scale[2].rssMb < 1536 ? '✔' : '✘ (missed)'}.
`;
  // The store section is written by `npm run bench:store` (half an hour of its own); it is carried over as it stands.
  const previous = existsSync(path.join(ROOT, 'docs/benchmarks.md')) ? readFileSync(path.join(ROOT, 'docs/benchmarks.md'), 'utf8') : '';
  const kept = storeSectionOf(previous);
  const withQuality = withQualitySections(md, quality);
  const doc = withSection(kept ? withStoreSection(withQuality, kept) : withQuality, FLOOD_HEADING, floodSection(flood));
  writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), doc);
  process.stdout.write(doc);
}

await main();
