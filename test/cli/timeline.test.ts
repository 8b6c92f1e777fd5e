// `newsdesk timeline`, `newsdesk eval rouge` and `newsdesk eval timeline`: what they print, and one clear message for
// each kind of bad input.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TimelineDate } from '../../src/model.js';
import { run } from './run.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { T17 } from '../shared.js';

afterAll(removeTempDirs);

const HAITI = `${T17}haiti/articles.jsonl`;
const HAITI_GOLD = `${T17}haiti/timeline.jsonl`;

describe('newsdesk timeline', () => {
  it('prints the asked number of dates as JSON, each with cited sentences', async () => {
    const r = await run(['timeline', HAITI, '--dates', '4', '--sentences', '2', '--json']);
    expect(r.code).toBe(0);
    const timeline = JSON.parse(r.stdout) as TimelineDate[];
    expect(timeline).toHaveLength(4);
    expect(timeline.map((e) => e.date)).toEqual([...timeline.map((e) => e.date)].sort());
    expect(timeline.map((e) => e.date)).toContain('2010-01-12');
    for (const e of timeline) {
      expect(e.sentences.length).toBeGreaterThanOrEqual(1);
      expect(e.sentences.length).toBeLessThanOrEqual(2);
      for (const s of e.sentences) expect(s.citations.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('prints dates and sentences with their sources for people', async () => {
    const r = await run(['timeline', HAITI, '--dates', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2010-\d\d-\d\d\n {2}• .+ \[a\d+/m);
  });

  it('refuses a count that is not a whole number of at least 1, naming the option', async () => {
    const r = await run(['timeline', HAITI, '--dates', 'ten']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--dates needs a whole number of at least 1 \(got "ten"\)/);
  });
});

describe('newsdesk eval rouge', () => {
  it('prints ROUGE-1, -2 and -L of a text against a reference', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sys.txt'), 'the cat sat on the mat');
    writeFileSync(path.join(dir, 'ref.txt'), 'the cat lay on the mat');
    const r = await run(['eval', 'rouge', path.join(dir, 'sys.txt'), path.join(dir, 'ref.txt'), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, { f1: number }>;
    // 5 of 6 words shared; bigrams "the cat", "on the", "the mat" of 5.
    expect(s.rouge1.f1).toBeCloseTo(5 / 6);
    expect(s.rouge2.f1).toBeCloseTo(3 / 5);
    expect(s.rougeL.f1).toBeCloseTo(5 / 6);
  });

  it('names a file it cannot read', async () => {
    const r = await run(['eval', 'rouge', '/nonexistent/sys.txt', '/nonexistent/ref.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/sys\.txt: no such file/);
  });
});

describe('newsdesk eval timeline', () => {
  it('scores a timeline printed by newsdesk timeline against a gold timeline', async () => {
    const dir = tempDir();
    const system = path.join(dir, 'haiti.json');
    writeFileSync(system, (await run(['timeline', HAITI, '--dates', '11', '--sentences', '8', '--json'])).stdout);
    const r = await run(['eval', 'timeline', system, HAITI_GOLD, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { dates: { f1: number }; concat: { rouge1: { f1: number } }; aligned: { rouge2: { f1: number } } };
    expect(s.dates.f1).toBeGreaterThan(0.5);
    expect(s.concat.rouge1.f1).toBeGreaterThan(0.3);
    expect(s.aligned.rouge2.f1).toBeGreaterThan(0);
    const readable = await run(['eval', 'timeline', system, HAITI_GOLD]);
    expect(readable.stdout).toMatch(/^dates +P [\d.]+ +R [\d.]+ +F1 [\d.]+$/m);
    expect(readable.stdout).toMatch(/date aligned \(m:1\) ROUGE-2/);
  });

  it('a gold timeline against itself scores 1 everywhere', async () => {
    const r = await run(['eval', 'timeline', HAITI_GOLD, HAITI_GOLD, '--json']);
    const s = JSON.parse(r.stdout) as { dates: { f1: number }; concat: { rouge1: { f1: number }; rouge2: { f1: number } } };
    expect(s.dates.f1).toBe(1);
    expect(s.concat.rouge1.f1).toBe(1);
    expect(s.concat.rouge2.f1).toBe(1);
  });

  it('names the file and the line that is wrong', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"date": "2010-01-12", "sentences": ["A quake hit."]}\n{"date": "12/01/2010", "sentences": []}\n');
    const r = await run(['eval', 'timeline', bad, HAITI_GOLD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2: .*12/01/2010`));
  });

  it('says what eval needs when the arguments do not fit', async () => {
    const r = await run(['eval', 'timeline', HAITI_GOLD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/eval needs one of: eval clusters .* \| eval rouge .* \| eval timeline/);
  });
});
