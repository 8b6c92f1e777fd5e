// The comparison of outlets, measured and shown: the time to compare a 100-article event (after understanding), and
// docs/comparison.md — the comparison of the biggest event of each T17 topic and of the seeds' Tehran event, as
// `newsdesk show` prints it.
import path from 'node:path';
import type { Article, Event } from '../model.js';
import type { OutletRegistry } from '../clean/index.js';
import { compareEvent } from '../compare/index.js';
import { analyzeArticles, readAndClean } from '../pipeline/index.js';
import { SentenceSpace } from '../text/index.js';
import { cleanTopic, hundredArticleEvent, medianMs } from './corpus.js';

/** Median milliseconds to compare the biggest haiti event cut to 100 articles (the sentence space included). */
function comparisonSpeed(articles: Article[], rounds: number): { ms: number; articles: number } {
  const event = hundredArticleEvent(articles);
  const input = { articles: event.articles, sentences: event.sentences, quotes: event.quotes };
  return { ms: medianMs(rounds, () => compareEvent({ ...input, space: new SentenceSpace(input.articles, input.sentences) })), articles: event.articles.length };
}

/** At most this many outlets are named in a cell; the rest are counted. */
const NAMED = 4;

/** An outlet as a cell names it: an unidentified one by its article id. */
const short = (outlet: string) => outlet.replace(/^unidentified \((.+)\)$/, 'report $1');

/** Outlets in a cell: the first few, then how many more. */
function outletCell(outlets: string[]): string {
  if (!outlets.length) return '—';
  const named = outlets.slice(0, NAMED).map(short).join(', ');
  return outlets.length > NAMED ? `${named} and ${outlets.length - NAMED} more` : named;
}

/** Per-outlet counts in a cell: the biggest few, then the rest summed. */
function countsCell(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return '—';
  const shown = entries.slice(0, NAMED).map(([o, n]) => `${short(o)} ${n}`).join(', ');
  const rest = entries.slice(NAMED);
  return rest.length ? `${shown} and ${rest.length} more (${rest.reduce((n, [, k]) => n + k, 0)})` : shown;
}

/** One event's comparison as markdown. */
function eventSection(title: string, e: Event): string {
  const c = e.comparison!;
  const alone = (outlet: string) => c.facts.filter((f) => f.outlets.length === 1 && f.outlets[0] === outlet).length;
  const rows = c.outlets
    .filter((o) => o.identified)
    .map((o) => `| ${o.outlet} | ${o.kind ?? '—'} | ${o.country ?? '—'} | ${o.articles.length} | ${o.first ?? '—'}${o.last && o.last !== o.first ? ` – ${o.last}` : ''} | ${o.agencies.join(', ') || '—'} | ${o.copies.map((x) => x.outlet ?? x.of).join(', ') || '—'} | ${alone(o.outlet)} |`);
  // Reports whose outlet could not be read are one row each in the report; here they are summed up in one line.
  const unidentified = c.outlets.filter((o) => !o.identified);
  if (unidentified.length === 1) {
    const o = unidentified[0];
    rows.push(`| ${o.outlet} | — | — | 1 | ${o.first ?? '—'} | ${o.agencies.join(', ') || '—'} | ${o.copies.map((x) => x.outlet ?? x.of).join(', ') || '—'} | ${alone(o.outlet)} |`);
  } else if (unidentified.length) {
    const dates = unidentified.flatMap((o) => [o.first, o.last]).filter((d): d is string => Boolean(d)).sort();
    rows.push(`| ${unidentified.length} reports with no outlet read, each counted as its own | — | — | ${unidentified.length} | ${dates[0] ?? '—'}${dates.length > 1 ? ` – ${dates[dates.length - 1]}` : ''} | — | ${unidentified.reduce((n, o) => n + o.copies.length, 0)} copies | ${unidentified.reduce((n, o) => n + alone(o.outlet), 0)} |`);
  }
  const outlets = rows.join('\n');
  const framing = c.framing
    .slice(0, 5)
    .map((f) => `| ${f.referent}${f.source === 'learned' ? ' (learned)' : ''} | ${f.sides.map((s) => `${s.label}: ${countsCell(s.counts)}`).join(' · ')} |`)
    .join('\n');
  const quotes = c.quotes
    .filter((q) => q.carriedBy.length > 1 || q.differences.length)
    .slice(0, 4)
    .map((q) => `| ${q.speaker ?? '—'} | ${q.text.slice(0, 90).replace(/\|/g, '/')}${q.text.length > 90 ? '…' : ''} | ${outletCell(q.carriedBy)} | ${outletCell(q.leftOutBy)} | ${q.differences.slice(0, 3).map((d) => d.replace(/^longer in (.+)$/, (_m, list: string) => `longer in ${outletCell(list.split(', '))}`)).join('; ') || '—'} |`)
    .join('\n');
  return `### ${title}

${e.headline} (${e.articles.length} articles; ${c.facts.length} facts, ${c.facts.filter((f) => f.outlets.length > 1).length} carried by more than one outlet)

| outlet | kind | country | articles | published | credits | copies | facts only here |
| --- | --- | --- | ---: | --- | --- | --- | ---: |
${outlets}
${framing ? `\n| referent | words by outlet |\n| --- | --- |\n${framing}\n` : '\nNo framing terms from data/framing.json are used in this event.\n'}${quotes ? `\n| speaker | quote | carried by | left out by | wording differs |\n| --- | --- | --- | --- | --- |\n${quotes}\n` : ''}
${c.note.map((s) => s.text).join(' ')}
`;
}

/** The speed line for docs/benchmarks.md, and the text of docs/comparison.md. */
export async function comparisonBenchmarks(shared: string, topics: string[], registry: OutletRegistry, rounds: number): Promise<{ section: string; doc: string }> {
  const t17 = path.join(shared, 'data', 't17');
  const profileOf = (name: string) => registry.lookup(name);
  const sections: string[] = [];
  const { articles: seedArticles } = await readAndClean([path.join(shared, 'seeds')], { registry });
  const seeds = analyzeArticles(seedArticles, { profileOf });
  sections.push(eventSection('The seeds: the Tehran meeting (000–003)', seeds.events[0]));
  let speed = { ms: 0, articles: 0 };
  for (const topic of topics) {
    const articles = await cleanTopic(t17, topic, registry);
    const { events } = analyzeArticles(articles, { profileOf });
    // The event with most identified outlets shows the most contrast; ties go to the bigger event.
    const identified = (e: Event) => e.comparison?.outlets.filter((o) => o.identified).length ?? 0;
    const shown = [...events].sort((x, y) => identified(y) - identified(x) || y.articles.length - x.articles.length)[0];
    sections.push(eventSection(`T17 ${topic}: the event with most identified outlets`, shown));
    if (topic === 'haiti') speed = comparisonSpeed(articles, rounds);
  }
  const doc = `# How each outlet told it: examples

Written by \`npm run bench\` / \`npm run eval\` (src/bench/compare.ts) from the seeds and the Timeline17 corpora in
\`../shared\`: for each, one event's comparison as it stands in the report (\`events[].comparison\`, docs/report.md) and in
\`newsdesk show\`. The T17 texts carry no outlet names, so most of their reports are "unidentified": their comparison shows
the facts and quotes each report alone carries; the seeds show outlets, kinds and word choices.

${sections.join('\n')}`;
  const section = `## Comparison of outlets

Comparing one event of ${speed.articles} articles across its outlets (outlets, facts, quotes, framing, note; the sentence
space built anew each run): **${speed.ms.toFixed(1)} ms** (median of ${rounds} runs after a warm-up; the biggest haiti event cut
to its first 100 articles). Target: under 100 ms ${speed.ms < 100 ? '✔' : '✘ (missed)'}. Examples of the output, one event a topic:
[docs/comparison.md](comparison.md).
`;
  return { section, doc };
}
