// What each report is and how its event is headed, on every development set: the share of reports with a title and
// with an outlet, whether reports that say who they come from near their top ("(Reuters)", the BBC) get that outlet,
// how the glued-title model does on titles it never saw (data/title-model.json), and the length and cleanliness of the
// events' headlines. Written into docs/quality.md by `npm run eval`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, Event } from '../model.js';
import { analyzeArticles, readAndClean } from '../pipeline/index.js';
import { cleanArticles } from '../clean/index.js';
import { hostOf } from '../clean/registry.js';
import { shippedTitleModel, withoutSiteName } from '../clean/title.js';
import { readInputs } from '../ingest/index.js';
import type { RawArticle } from '../model.js';
import { countWords } from '../text/index.js';

/**
 * A headline holding any of these carries a page's chrome: a time zone, "last updated", "posted:", a clock time with
 * its zone, a byline ("By Jane Marlow" opening it or after a bar; "By the end of 2011" is not one). A time of day alone
 * ("at 10:30 p.m.") is news.
 */
const CHROME = /\b(?:GMT|BST|EST|EDT|PST|PDT|UTC)\b|[Ll]ast [Uu]pdated|\b(?:[Pp]osted|[Uu]pdated|[Pp]ublished)\s*:|(?:^|\|\s*)By\s+(?:the\s+)?\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u;
/** A day as newsdesk writes one out ("9 June", "9 June 2016"): a headline holding one that no report wrote added it. */
const WRITTEN_DAY = /\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;
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
  /** Reports naming the BBC near their top that the page shows to be another outlet's ("id (outlet)"). */
  bbcOthers: string[];
  /** Titles by where they came from (Article.titleFrom). */
  titleFrom: Record<string, number>;
  events: number;
  headlineWords: { median: number; p90: number; over20: number; under8: number };
  /** Headlines holding a day no report of the set wrote (only dated reports may have one written out). */
  addedDay: number;
  /** Whether the set's reports are dated by their outlets. */
  dated: boolean;
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
  // A page naming the BBC near its top is the BBC's unless the page shows it is another outlet's ("our GuardianUS
  // Twitter page" on a Guardian blog that quotes "Ros Atkins, a BBC radio presenter"): those are counted apart.
  const namesBbc = articles.filter((a) => /\bBBC\b/.test(top.get(a.id)!));
  const otherOutlet = (a: Article) => a.outlet !== null && a.outlet !== 'BBC' && !credited(a, 'BBC');
  const bbc = namesBbc.filter((a) => !otherOutlet(a));
  const { events } = analyzeArticles(articles);
  const words = events.map((e: Event) => countWords(e.headline)).sort((x, y) => x - y);
  const titleFrom: Record<string, number> = {};
  for (const a of articles) if (a.title) titleFrom[a.titleFrom ?? 'given'] = (titleFrom[a.titleFrom ?? 'given'] ?? 0) + 1;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const addedDay = events.filter((e) => {
    const day = WRITTEN_DAY.exec(e.headline)?.[0];
    return day !== undefined && !e.articles.some((id) => byId.get(id)?.text.includes(day));
  }).length;
  return {
    set,
    reports: articles.length,
    titled: articles.filter((a) => a.title).length,
    withOutlet: articles.filter((a) => a.outlet).length,
    saysReuters: reuters.length,
    reutersRead: reuters.filter((a) => credited(a, 'Reuters')).length,
    saysBbc: bbc.length,
    bbcRead: bbc.filter((a) => credited(a, 'BBC')).length,
    bbcOthers: namesBbc.filter(otherOutlet).map((a) => `${a.id} (${a.outlet})`),
    titleFrom,
    events: events.length,
    headlineWords: { median: quantile(words, 0.5), p90: quantile(words, 0.9), over20: words.filter((w) => w > 20).length, under8: words.filter((w) => w < 8).length },
    addedDay,
    dated: articles.some((a) => a.publishedFrom === 'given' || a.publishedFrom === 'metadata'),
    chrome: events.filter((e) => CHROME.test(e.headline)).length,
    datedOpening: events.filter((e) => /^On \d/.test(e.headline)).length,
  };
}

/** How the titles found on pages compare with the titles their outlets gave (a set that gives titles: GVA). */
export interface TitleRefind {
  reports: number;
  /** Given titles, cleaned of the site name. */
  given: number;
  /** Pages whose text carries the given title as one of its first lines. */
  inText: number;
  /** Reports the cleaner titled from the text when the given title was withheld … */
  found: number;
  /** … and of those, the found title equals the given one (letters and digits compared). */
  equal: number;
  /** Of the pages carrying their title, those whose title was found equal. */
  equalInText: number;
  /** Reports given the first sentence of the lede as a label instead. */
  lede: number;
}

const titleKey = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
/** How far into a page its title line is looked for. */
const TITLE_LINES = 8;

/**
 * The cleaner's title finding measured against the outlets' own titles: every report of the file cleaned again with
 * its given title withheld, so that only the page text can title it.
 */
export async function titleRefind(file: string): Promise<TitleRefind> {
  const raws: RawArticle[] = [];
  for await (const raw of readInputs([file])) raws.push(raw);
  const given = new Map<string, string>();
  for (const r of raws) {
    const t = r.title?.replace(/\s+/g, ' ').trim();
    if (t) given.set(r.id, withoutSiteName(t, { host: hostOf(r.url ?? null), outlet: r.outlet ?? null }));
  }
  const { articles } = cleanArticles(raws.map((r) => ({ ...r, title: undefined })));
  const rawById = new Map(raws.map((r) => [r.id, r]));
  let inText = 0;
  let found = 0;
  let equal = 0;
  let equalInText = 0;
  let lede = 0;
  for (const a of articles) {
    const want = given.get(a.id);
    const carries = want !== undefined && (rawById.get(a.id)?.text ?? '').split('\n').slice(0, TITLE_LINES).some((l) => titleKey(l).includes(titleKey(want)) && titleKey(want).length > 10);
    if (carries) inText++;
    if (a.titleFrom === 'lede') lede++;
    if (a.titleFrom !== 'text' || !a.title) continue;
    found++;
    if (want !== undefined && titleKey(a.title) === titleKey(want)) {
      equal++;
      if (carries) equalInText++;
    }
  }
  return { reports: articles.length, given: given.size, inText, found, equal, equalInText, lede };
}

/** The section of docs/quality.md, from the rows of every set. */
export function reportsSection(rows: ReportsRow[], refind?: TitleRefind): string {
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
- "(Reuters)" near the top read as Reuters: ${sum((r) => r.reutersRead)} of ${sum((r) => r.saysReuters)}; the BBC named near the top read as the BBC: ${sum((r) => r.bbcRead)} of ${sum((r) => r.saysBbc)}${t17.some((r) => r.bbcOthers.length) ? ` (not counted: ${t17.flatMap((r) => r.bbcOthers.map((o) => `${r.set.replace('t17 ', '')} ${o}`)).join(', ')}, pages of other outlets naming the BBC)` : ''} ${sum((r) => r.reutersRead) === sum((r) => r.saysReuters) && sum((r) => r.bbcRead) === sum((r) => r.saysBbc) ? '✔' : '✘ (missed)'}
- Median headline words per set: ${medians.join(', ')} (target ≤ 16 on each ${rows.every((r) => r.headlineWords.median <= 16) ? '✔' : '✘ (missed)'}); headlines with chrome: ${rows.reduce((n, r) => n + r.chrome, 0)} (target 0 ${rows.every((r) => r.chrome === 0) ? '✔' : '✘ (missed)'})

- Headlines of an undated set (ECB+) holding a day no report wrote: ${rows.filter((r) => !r.dated).reduce((n, r) => n + r.addedDay, 0)} (target 0 ${rows.filter((r) => !r.dated).every((r) => r.addedDay === 0) ? '✔' : '✘ (missed)'})

| set | reports | titled | titles from: input / page metadata / page text / lede | with an outlet | "(Reuters)" read | BBC read | events | headline words (median / p90) | under 8 / over 20 words | with chrome | "On <date>," | a day no report wrote |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows
  .map(
    (r) =>
      `| ${r.set} | ${r.reports} | ${share(r.titled, r.reports)} | ${['given', 'metadata', 'text', 'lede'].map((k) => r.titleFrom[k] ?? 0).join(' / ')} | ${share(r.withOutlet, r.reports)} | ${r.reutersRead} of ${r.saysReuters} | ${r.bbcRead} of ${r.saysBbc} | ${r.events} | ${r.headlineWords.median} / ${r.headlineWords.p90} | ${r.headlineWords.under8} / ${r.headlineWords.over20} | ${r.chrome} | ${r.datedOpening} | ${r.addedDay} |`,
  )
  .join('\n')}

A report with no title of its own (T17 and ECB+ give none, and most of their pages carry none) is labelled by the
first sentence of its lede when that is short enough to scan ("lede" above): the event and the web show it in place
of an id, and the headline is never taken from it.
${
  refind
    ? `
Titles found on pages against the titles their outlets gave (GVA, ${refind.reports} reports, ${refind.given} with a
title; each cleaned again with its title withheld): ${refind.inText} pages carry their title among their first
${TITLE_LINES} lines; the cleaner titled ${refind.found} from the page text, and ${refind.equal} of those equal the
given title cleaned of its site name (${share(refind.equal, refind.found)} of those found; ${refind.equalInText} of the
${refind.inText} pages that carry it, ${share(refind.equalInText, refind.inText)}); ${refind.lede} were labelled by
their lede.
`
    : ''
}

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
  log('  reports and headlines: gva titles found again');
  return reportsSection(rows, await titleRefind(path.join(shared, 'data/events', 'gva-dev.jsonl')));
}
