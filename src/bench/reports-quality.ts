// What each report is and how its event is headed, on every development set: the share of reports with a title and
// with an outlet, whether reports that say who they come from near their top ("(Reuters)", the BBC) get that outlet,
// how the glued-title model does on titles it never saw (data/title-model.json), and the length and cleanliness of the
// events' headlines. Written into docs/quality.md by `npm run eval`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, Event } from '../model.js';
import { analyzeArticles, readAndClean } from '../pipeline/index.js';
import { shippedTitleModel } from '../clean/title.js';
import { countWords } from '../text/index.js';

/**
 * A headline holding any of these carries a page's chrome: a time zone, "last updated", "posted:", a clock time with
 * its zone, a byline ("By Jane Marlow" opening it or after a bar). A time of day alone ("at 10:30 p.m.") is news.
 */
const CHROME = /\b(?:GMT|BST|EST|EDT|PST|PDT|UTC)\b|last updated|\b(?:posted|updated|published)\s*:|(?:^|\|\s*)By\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/iu;
/** How far from the top a report says who it comes from. */
const TOP_CHARS = 300;

export interface ReportsRow {
  set: string;
  reports: number;
  titled: number;
  withOutlet: number;
  /** Reports that say "(Reuters)" or name the BBC near their top, and of them those given that outlet or agency. */
  saysReuters: number;
  reutersRead: number;
  saysBbc: number;
  bbcRead: number;
  events: number;
  headlineWords: { median: number; p90: number; over20: number };
  chrome: number;
  datedOpening: number;
}

const share = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '—');
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);

/** The figures of one set: its raw files read, cleaned, grouped and summarised as `newsdesk` would. */
export async function reportsRow(set: string, files: string[]): Promise<ReportsRow> {
  const { articles } = await readAndClean(files);
  // The top of each report as given (JSONL `text`), before cleaning moved anything.
  const given = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id?: unknown; text?: unknown };
      given.set(String(r.id), String(r.text ?? '').slice(0, TOP_CHARS));
    }
  }
  const top = new Map<string, string>();
  for (const a of articles) top.set(a.id, given.get(a.id) ?? `${a.title ?? ''} ${a.text.slice(0, TOP_CHARS)}`);
  const credited = (a: Article, name: string) => a.outlet === name || a.agencies.includes(name) || a.credits.some((c) => c.name === name);
  const reuters = articles.filter((a) => /\(Reuters\)/.test(top.get(a.id)!));
  const bbc = articles.filter((a) => /\bBBC\b/.test(top.get(a.id)!));
  const { events } = analyzeArticles(articles);
  const words = events.map((e: Event) => countWords(e.headline)).sort((x, y) => x - y);
  return {
    set,
    reports: articles.length,
    titled: articles.filter((a) => a.title).length,
    withOutlet: articles.filter((a) => a.outlet).length,
    saysReuters: reuters.length,
    reutersRead: reuters.filter((a) => credited(a, 'Reuters')).length,
    saysBbc: bbc.length,
    bbcRead: bbc.filter((a) => credited(a, 'BBC')).length,
    events: events.length,
    headlineWords: { median: quantile(words, 0.5), p90: quantile(words, 0.9), over20: words.filter((w) => w > 20).length },
    chrome: events.filter((e) => CHROME.test(e.headline)).length,
    datedOpening: events.filter((e) => /^On \d/.test(e.headline)).length,
  };
}

/** The section of docs/quality.md, from the rows of every set. */
export function reportsSection(rows: ReportsRow[]): string {
  const held = (shippedTitleModel().trainedOn as { heldOut?: Record<string, { exact: number; missed: number; falseTitles: number }> } | undefined)?.heldOut ?? {};
  const t17 = rows.filter((r) => r.set.startsWith('t17'));
  const sum = (f: (r: ReportsRow) => number) => t17.reduce((n, r) => n + f(r), 0);
  const medians = rows.map((r) => r.headlineWords.median).sort((x, y) => x - y);
  return `## Reports and headlines

What each report is (its title, its outlet) and how its event is headed, on every development set, each read, cleaned,
grouped and summarised as \`newsdesk ingest\` would (src/bench/reports-quality.ts). Targets (issue 18), on the T17
topics: ≥ 95% of reports titled; every report saying "(Reuters)" near its top or naming the BBC in its first lines has
that outlet; median headline ≤ 16 words; no headline with a timestamp, "GMT", "Last updated" or a byline.

- T17 reports titled: ${share(sum((r) => r.titled), sum((r) => r.reports))} (target ≥ 95% ${sum((r) => r.titled) >= 0.95 * sum((r) => r.reports) ? '✔' : '✘ (missed)'})
- "(Reuters)" near the top read as Reuters: ${sum((r) => r.reutersRead)} of ${sum((r) => r.saysReuters)}; the BBC named near the top read as the BBC: ${sum((r) => r.bbcRead)} of ${sum((r) => r.saysBbc)} ${sum((r) => r.reutersRead) === sum((r) => r.saysReuters) && sum((r) => r.bbcRead) === sum((r) => r.saysBbc) ? '✔' : '✘ (missed)'}
- Median headline words per set: ${medians.join(', ')} (target ≤ 16 on each ${rows.every((r) => r.headlineWords.median <= 16) ? '✔' : '✘ (missed)'}); headlines with chrome: ${rows.reduce((n, r) => n + r.chrome, 0)} (target 0 ${rows.every((r) => r.chrome === 0) ? '✔' : '✘ (missed)'})

| set | reports | titled | with an outlet | "(Reuters)" read | BBC read | events | headline words (median / p90) | over 20 words | with chrome | "On <date>," |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows
  .map(
    (r) =>
      `| ${r.set} | ${r.reports} | ${share(r.titled, r.reports)} | ${share(r.withOutlet, r.reports)} | ${r.reutersRead} of ${r.saysReuters} | ${r.bbcRead} of ${r.saysBbc} | ${r.events} | ${r.headlineWords.median} / ${r.headlineWords.p90} | ${r.headlineWords.over20} | ${r.chrome} | ${r.datedOpening} |`,
  )
  .join('\n')}

GVA gives each report's title (its site name is cut: " - LEX18.com | Continuous News…"); T17 and ECB+ give none, so
their titles are found in the text: a headline glued to the first paragraph (src/clean/title.ts). On titles it never
saw — each set held out, the model learned on the other two (\`npm run train:titles\`):

| held-out set | glued titles cut exactly | missed (left whole) | cut wrongly | paragraphs alone given a title |
| --- | ---: | ---: | ---: | ---: |
${Object.entries(held)
  .map(([k, s]) => `| ${k} | ${share(s.exact, 1)} | ${share(s.missed, 1)} | ${share(1 - s.exact - s.missed, 1)} | ${share(s.falseTitles, 1)} |`)
  .join('\n')}
`;
}

/** Every development set's row: the T17 topics one by one, GVA and ECB+. */
export async function reportsQuality(shared: string, topics: string[], log: (s: string) => void = () => {}): Promise<string> {
  const rows: ReportsRow[] = [];
  for (const topic of topics) {
    log(`  reports and headlines: t17 ${topic}`);
    rows.push(await reportsRow(`t17 ${topic}`, [path.join(shared, 'data/t17', topic, 'articles.jsonl')]));
  }
  for (const [name, file] of [['gva', 'gva-dev.jsonl'], ['ecbplus', 'ecbplus-dev.jsonl']] as const) {
    log(`  reports and headlines: ${name}`);
    rows.push(await reportsRow(name, [path.join(shared, 'data/events', file)]));
  }
  return reportsSection(rows);
}
