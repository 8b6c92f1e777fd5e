// The dashboard's section on reports and headlines (src/bench/reports-quality.ts), and issue 18's acceptance measured
// by it: on the T17 topics ≥ 95% of reports titled, every report saying "(Reuters)" near its top or naming the BBC
// in its first lines given that outlet, median headline ≤ 16 words, no headline with chrome; on the undated ECB+ set no
// headline with a day no report wrote.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsRow, reportsSection, type ReportsRow } from '../../src/bench/reports-quality.js';
import { SEEDS, SHARED, T17, T17_TOPICS } from '../shared.js';

describe('reports and headlines in docs/quality.md', () => {
  it('counts the seeds’ titles, outlets and headlines', async () => {
    const row = await reportsRow('seeds', [SEEDS]);
    expect(row).toMatchObject({ reports: 5, titled: 5, events: 2, chrome: 0, datedOpening: 0, addedDay: 0 });
    expect(row.withOutlet).toBeGreaterThanOrEqual(3); // AFP, Press TV, SANA; the spun copy and 004 name none
    const section = reportsSection([row]);
    expect(section).toMatch(/\| seeds \| 5 \| 100\.0% \|/);
    expect(section).toMatch(/held-out set/);
  });
});

describe('issue 18 acceptance on the development sets', async () => {
  const rows: ReportsRow[] = [];
  for (const topic of T17_TOPICS) rows.push(await reportsRow(`t17 ${topic}`, [path.join(T17, topic, 'articles.jsonl')]));
  const sum = (f: (r: ReportsRow) => number) => rows.reduce((n, r) => n + f(r), 0);

  it('titles at least 95% of the T17 reports', () => {
    expect(sum((r) => r.titled) / sum((r) => r.reports)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives every report saying "(Reuters)" or naming the BBC near its top that outlet', () => {
    expect(sum((r) => r.saysReuters)).toBeGreaterThan(100);
    expect(sum((r) => r.reutersRead)).toBe(sum((r) => r.saysReuters));
    expect(sum((r) => r.saysBbc)).toBeGreaterThan(40);
    expect(sum((r) => r.bbcRead)).toBe(sum((r) => r.saysBbc));
  });

  it('heads events with headlines of median ≤ 16 words, none over 20, none with chrome or an opening date', () => {
    for (const r of rows) {
      expect(r.headlineWords.median, r.set).toBeLessThanOrEqual(16);
      expect(r.headlineWords.over20, r.set).toBe(0);
      expect(r.chrome, r.set).toBe(0);
      expect(r.datedOpening, r.set).toBe(0);
    }
  });

  it('writes no day into a headline of the undated ECB+ set', async () => {
    const ecb = await reportsRow('ecbplus', [path.join(SHARED, 'data/events/ecbplus-dev.jsonl')]);
    expect(ecb.dated).toBe(false);
    expect(ecb.addedDay).toBe(0);
    expect(ecb.headlineWords.over20).toBe(0);
  });
});
