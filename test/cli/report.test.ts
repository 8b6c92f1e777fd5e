// `newsdesk analyze --json`: the report, checked against docs/report.schema.json and against what it claims (groupings,
// citations that point at real sentences, summaries copied verbatim), on the real seeds and the fictional samples.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Report } from '../../src/model.js';
import { splitSentences } from '../../src/text/index.js';
import { compressSentence } from '../../src/summarize/index.js';
import { asSets, SAMPLES, SEEDS, seedIds } from './helpers.js';
import { lines, run, type CliResult } from './run.js';
import { errorsOf, schema, validateReport } from './schema.js';

const SAMPLE_OUTLETS = path.join(SAMPLES, 'outlets.json');
const expected = JSON.parse(readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8')) as { events: string[][] };

function words(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

/** Publication order as the report promises it: by date, undated last, ties by id. */
function byDate(a: Article, b: Article): number {
  return (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.id.localeCompare(b.id);
}

/** The promises every report keeps, whatever the input. */
function checkReport(report: Report): void {
  expect(validateReport(report), errorsOf(validateReport)).toBe(true);
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  expect(byId.size, 'article ids are unique').toBe(report.articles.length);

  // Every article is in exactly one event.
  const grouped = report.events.flatMap((e) => e.articles);
  expect([...grouped].sort()).toEqual([...byId.keys()].sort());

  for (const a of report.articles) {
    expect(a.publishedFrom === null, `${a.id}: publishedFrom is null exactly when published is`).toBe(a.published === null);
    expect(new Set(a.agencies).size, `${a.id}: agencies are listed once`).toBe(a.agencies.length);
  }

  for (const e of report.events) {
    const members = e.articles.map((id) => byId.get(id)!);
    // The id derives from the article that started the event (the first to arrive in stream order), one of its members.
    expect(e.articles.map((id) => `ev-${createHash('sha1').update(id).digest('hex').slice(0, 12)}`)).toContain(e.id);
    expect(e.articles, `${e.id}: articles in publication order`).toEqual([...members].sort(byDate).map((a) => a.id));
    const dates = members.map((a) => a.published).filter((d): d is string => d !== null).sort();
    expect([e.start, e.end]).toEqual([dates[0] ?? null, dates[dates.length - 1] ?? null]);

    expect(e.headline.trim(), `${e.id}: headline`).not.toBe('');
    expect(words(e.headline), `${e.id}: headline of at most 40 words`).toBeLessThanOrEqual(40);
    expect(e.summary.reduce((n, x) => n + words(x.text), 0), `${e.id}: summary of at most 120 words`).toBeLessThanOrEqual(120);

    for (const s of e.summary) {
      expect(s.citations.length, `"${s.text}" cites something`).toBeGreaterThan(0);
      const cited = s.citations.map((c) => c.article);
      expect(new Set(cited).size, `"${s.text}" cites each article once`).toBe(cited.length);
      for (const c of s.citations) {
        expect(e.articles, `"${s.text}" cites ${c.article}, an article of its event`).toContain(c.article);
        const sentences = splitSentences(byId.get(c.article)!.text);
        expect(Number.isInteger(c.sentence) && c.sentence >= 0 && c.sentence < sentences.length, `${c.article} has sentence ${c.sentence}`).toBe(true);
        expect(sentences[c.sentence].index).toBe(c.sentence);
      }
      // Taken from a cited article: precisely, it is the sentence the first citation names, lightly compressed.
      const first = s.citations[0];
      expect(compressSentence(splitSentences(byId.get(first.article)!.text)[first.sentence].text)).toBe(s.text);
    }
  }

  // Biggest stories first, then the newest.
  const sizes = report.events.map((e) => e.articles.length);
  expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
}

describe('docs/report.schema.json', () => {
  it('lists every field of the model as a property, and every always-present field as required', async () => {
    const { stdout } = await run(['analyze', SAMPLES, '--outlets', SAMPLE_OUTLETS, '--json']);
    const report = JSON.parse(stdout) as Report;
    const article = schema.definitions.article;
    const withExtra = report.articles.find((a) => a.extra)!;
    expect(withExtra, 'the samples have an article with extra fields').toBeDefined();
    expect(Object.keys(article.properties!).sort()).toEqual(Object.keys(withExtra).sort());
    expect([...article.required!].sort()).toEqual(Object.keys(withExtra).filter((k) => k !== 'extra').sort());
    const event = schema.definitions.event;
    expect(Object.keys(event.properties!).sort()).toEqual(Object.keys(report.events[0]).sort());
    expect([...event.required!].sort()).toEqual(Object.keys(report.events[0]).sort());
    expect([...schema.required].sort()).toEqual(Object.keys(report).sort());
    for (const name of ['credit', 'removal', 'summarySentence', 'citation', 'diagnostic', 'sentenceSpan', 'dateMention', 'entity', 'quote']) {
      const def = schema.definitions[name];
      expect([...def.required!].sort(), name).toEqual(Object.keys(def.properties!).sort());
    }
  });

  it('rejects reports that break the model', async () => {
    const { stdout } = await run(['analyze', SAMPLES, '--outlets', SAMPLE_OUTLETS, '--json']);
    const good = JSON.parse(stdout) as Report;
    expect(validateReport(good), errorsOf(validateReport)).toBe(true);
    const broken: Array<[string, (r: any) => void]> = [
      ['a missing nullable field', (r) => delete r.articles[0].url],
      ['a date in another form', (r) => (r.events[0].start = '2 June 2026')],
      ['an unknown severity', (r) => r.diagnostics.push({ source: 'x', reason: 'y', severity: 'error' })],
      ['an unknown credit kind', (r) => r.articles[0].credits.push({ name: 'X', via: 'rumour' })],
      ['a fractional sentence index', (r) => (r.events[0].summary[0].citations[0].sentence = 1.5)],
      ['a null text', (r) => (r.articles[0].text = null)],
      ['an event without articles', (r) => (r.events[0].articles = [])],
    ];
    for (const [what, breakIt] of broken) {
      const copy = structuredClone(good);
      breakIt(copy);
      expect(validateReport(copy), what).toBe(false);
    }
    // New fields are allowed everywhere: later versions add them.
    const extended = structuredClone(good) as any;
    extended.version = 2;
    extended.articles[0].entities = [];
    extended.events[0].quotes = [];
    extended.events[0].summary[0].citations[0].start = 0;
    expect(validateReport(extended), errorsOf(validateReport)).toBe(true);
  });
});

describe('analyze the seeds --json', () => {
  let result: CliResult;
  let report: Report;
  beforeAll(async () => {
    result = await run(['analyze', SEEDS, '--json']);
    report = JSON.parse(result.stdout) as Report;
  });

  it('exits 0 with nothing on stderr and a report that validates', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(report.diagnostics).toEqual([]);
    checkReport(report);
  });

  it('reads the five reports and groups them into the two events', () => {
    const ids = seedIds();
    expect(ids).toHaveLength(5);
    expect(report.articles.map((a) => a.id).sort()).toEqual(ids);
    expect(report.events).toHaveLength(2);
    const talks = ids.filter((id) => /^00[0-3]/.test(id));
    const aleppo = ids.filter((id) => id.startsWith('004'));
    expect(talks).toHaveLength(4);
    expect(asSets(report.events.map((e) => e.articles))).toEqual(asSets([talks, aleppo]));
    expect(report.events[0].articles.length, 'the bigger event first').toBe(4);
  });

  it('summarises the four-report event in 3–5 cited sentences drawn from more than one report', () => {
    const big = report.events.find((e) => e.articles.length === 4)!;
    expect(big.summary.length).toBeGreaterThanOrEqual(3);
    expect(big.summary.length).toBeLessThanOrEqual(5);
    const cited = new Set(big.summary.flatMap((s) => s.citations.map((c) => c.article)));
    expect(cited.size).toBeGreaterThan(1);
    expect(big.headline).toMatch(/Tehran/);
  });

  it('prints the same report on every run', async () => {
    const again = await run(['analyze', SEEDS, '--json']);
    expect(again.stdout).toBe(result.stdout);
  });
});

describe('analyze the samples --outlets samples/outlets.json --json', () => {
  let result: CliResult;
  let report: Report;
  let byId: Map<string, Article>;
  beforeAll(async () => {
    result = await run(['analyze', SAMPLES, '--outlets', SAMPLE_OUTLETS, '--json']);
    report = JSON.parse(result.stdout) as Report;
    byId = new Map(report.articles.map((a) => [a.id, a]));
  });

  it('exits 0, skips README/expected/outlets silently, and validates', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(report.articles).toHaveLength(16);
    checkReport(report);
  });

  it('groups the articles exactly as samples/expected.json says', () => {
    expect(asSets(report.events.map((e) => e.articles))).toEqual(asSets(expected.events));
  });

  it('resolves the fictional outlets and agencies through the user registry', () => {
    const pick = (id: string) => {
      const a = byId.get(id);
      expect(a, id).toBeDefined();
      return a!;
    };
    // Agency copy: the dateline credits the made-up agency, by its registry name.
    expect(pick('dispatch-port-alder-flood')).toMatchObject({ agencies: ['Meridian'], dateline: 'Port Alder' });
    expect(pick('dispatch-port-alder-flood').credits).toContainEqual({ name: 'Meridian', via: 'dateline' });
    expect(pick('dispatch-saltmere-strike')).toMatchObject({ agencies: ['Meridian'], dateline: 'Saltmere' });
    expect(pick('tpa-tesmara-election-result')).toMatchObject({ outlet: 'TPA', agencies: ['TPA'], dateline: 'Kessaly' });
    // A republisher keeps its own name as the outlet and credits the agency.
    expect(pick('vh-20260311-port-alder-flood')).toMatchObject({ outlet: 'Varrow Herald', agencies: ['Meridian'] });
    // Outlets given by JSONL, feeds and page metadata, under their registry names.
    expect(pick('mws-20260414-tesmara-election').outlet).toBe('Meridian');
    expect(pick('rc-news-2026-03-12-essow-relief').outlet).toBe('Radio Calvenia');
    expect(pick('rc-news-2026-06-02-saltmere-mediation').outlet).toBe('Radio Calvenia');
    expect(pick('tag:circuitledger.example,2026-05-22:quillon-breach-test-server').outlet).toBe('Circuit Ledger');
    expect(pick('tesmara-today-tamrazi-elected').outlet).toBe('Tesmara Today');
    expect(pick('herald-quillon-breach').outlet).toBe('Varrow Herald');
    expect(pick('harbourline-saltmere-ships-queue').outlet).toBe('Harbourline');
  });

  it('without the registry, the same agency keeps the name it was written with', async () => {
    const plain = JSON.parse((await run(['analyze', path.join(SAMPLES, 'text', 'dispatch-port-alder-flood.txt'), '--json'])).stdout) as Report;
    expect(plain.articles[0].agencies).toEqual(['Meridian Wire Service']);
  });

  it('has the publication date of every sample that gives one, and where it came from', () => {
    const given: Record<string, [string, Article['publishedFrom']]> = {
      'vh-20260311-port-alder-flood': ['2026-03-11', 'given'],
      'mws-20260414-tesmara-election': ['2026-04-14', 'given'],
      'mws-20260521-quillon-breach': ['2026-05-21', 'given'],
      'rc-news-2026-03-12-essow-relief': ['2026-03-12', 'given'],
      'rc-news-2026-06-02-saltmere-mediation': ['2026-06-02', 'given'],
      'tag:circuitledger.example,2026-05-22:quillon-breach-test-server': ['2026-05-22', 'given'],
      'tesmara-today-tamrazi-elected': ['2026-04-14', 'metadata'],
      'herald-quillon-breach': ['2026-05-21', 'metadata'],
      'harbourline-saltmere-ships-queue': ['2026-06-02', 'metadata'],
    };
    for (const [id, [day, from]] of Object.entries(given)) {
      expect([byId.get(id)?.published, byId.get(id)?.publishedFrom], id).toEqual([day, from]);
    }
    // The event dates of samples/README.md follow from them.
    const range = (id: string) => {
      const e = report.events.find((x) => x.articles.includes(id))!;
      return [e.start, e.end];
    };
    expect(range('courier-port-alder-flood')).toEqual(['2026-03-11', '2026-03-12']);
    expect(range('observer-election-opposition')).toEqual(['2026-04-14', '2026-04-14']);
    expect(range('herald-quillon-breach')).toEqual(['2026-05-21', '2026-05-22']);
    expect(range('herald-saltmere-strike')).toEqual(['2026-06-02', '2026-06-02']);
  });

  it('keeps unknown JSONL fields in extra, and only there', () => {
    expect(byId.get('vh-20260311-port-alder-flood')?.extra).toEqual({ section: 'National' });
    expect(byId.get('mws-20260521-quillon-breach')?.extra).toEqual({ section: 'Business' });
    for (const a of report.articles) if (!a.source.includes('wire.jsonl')) expect(a, a.id).not.toHaveProperty('extra');
  });
});

describe('analyze the seeds (readable)', () => {
  it('prints the counts, then each event: headline, summary with numbered citations, numbered sources', async () => {
    const json = JSON.parse((await run(['analyze', SEEDS, '--json'])).stdout) as Report;
    const { code, stdout, stderr } = await run(['analyze', SEEDS]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = lines(stdout);
    expect(out[0]).toBe('5 articles, 2 events');
    expect(stdout).not.toContain('"articles"');

    const byId = new Map(json.articles.map((a) => [a.id, a]));
    let at = 0;
    for (const e of json.events) {
      // The headline starts its block, after the previous event.
      at = out.indexOf(e.headline, at);
      expect(at, `headline "${e.headline}"`).toBeGreaterThan(0);
      expect(out[at + 1]).toContain(e.id);
      expect(out[at + 1]).toContain(`${e.articles.length} article`);
      const number = new Map(e.articles.map((id, i) => [id, i + 1]));
      for (const s of e.summary) {
        const refs = [...new Set(s.citations.map((c) => number.get(c.article)!))].sort((x, y) => x - y);
        expect(out, `summary line for "${s.text}"`).toContain(`  • ${s.text} ${refs.map((r) => `[${r}]`).join('')}`);
      }
      const sources = out.indexOf('  Sources:', at);
      expect(sources).toBeGreaterThan(at);
      e.articles.forEach((id, i) => {
        const line = out[sources + 1 + i];
        expect(line.startsWith(`  [${i + 1}] ${id}`), `source ${i + 1} of ${e.id}: ${line}`).toBe(true);
        const title = byId.get(id)!.title;
        if (title) expect(line).toContain(title);
      });
    }
  });
});
