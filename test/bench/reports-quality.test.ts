// The dashboard's section on reports and headlines (src/bench/reports-quality.ts), on the seeds: every report titled,
// the outlets read, no chrome in the headlines; and the section says which targets are missed.
import { describe, expect, it } from 'vitest';
import { reportsRow, reportsSection } from '../../src/bench/reports-quality.js';
import { SEEDS } from '../shared.js';

describe('reports and headlines in docs/quality.md', () => {
  it('counts the seeds’ titles, outlets and headlines', async () => {
    const row = await reportsRow('seeds', [SEEDS]);
    expect(row).toMatchObject({ reports: 5, titled: 5, events: 2, chrome: 0, datedOpening: 0 });
    expect(row.withOutlet).toBeGreaterThanOrEqual(3); // AFP, Press TV, SANA; the spun copy and 004 name none
    const section = reportsSection([row]);
    expect(section).toMatch(/\| seeds \| 5 \| 100\.0% \|/);
    expect(section).toMatch(/held-out set/);
  });
});
