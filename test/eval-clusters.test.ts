// B-cubed and pairwise scores against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { scoreClusters } from '../src/eval/clusters.js';

const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe('cluster scores', () => {
  it('are perfect for a perfect clustering', () => {
    const s = scoreClusters(m({ a: '1', b: '1', c: '2' }), m({ a: 'x', b: 'x', c: 'y' }));
    expect(s.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(s.pairwise).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
  it('match a worked example', () => {
    // Clusters {a,b,c} {d,e}; labels a,b → x; c,d,e → y.
    // B-cubed precision: a 2/3, b 2/3, c 1/3, d 1, e 1 → 11/15. Recall: a 1, b 1, c 1/3, d 2/3, e 2/3 → 11/15.
    // Pairs: predicted ab ac bc de = 4; gold ab cd ce de = 4; both ab de = 2 → P = R = 1/2.
    const s = scoreClusters(m({ a: '1', b: '1', c: '1', d: '2', e: '2' }), m({ a: 'x', b: 'x', c: 'y', d: 'y', e: 'y' }));
    expect(s.bcubed.precision).toBeCloseTo(11 / 15);
    expect(s.bcubed.recall).toBeCloseTo(11 / 15);
    expect(s.bcubed.f1).toBeCloseTo(11 / 15);
    expect(s.pairwise.precision).toBeCloseTo(0.5);
    expect(s.pairwise.recall).toBeCloseTo(0.5);
    expect(s.clusters).toBe(2);
    expect(s.labels).toBe(2);
  });
  it('punish one cluster of everything in precision, singletons in recall', () => {
    const gold = m({ a: 'x', b: 'x', c: 'y', d: 'y' });
    const one = scoreClusters(m({ a: '1', b: '1', c: '1', d: '1' }), gold);
    expect(one.bcubed.precision).toBeCloseTo(0.5);
    expect(one.bcubed.recall).toBe(1);
    const singles = scoreClusters(m({ a: '1', b: '2', c: '3', d: '4' }), gold);
    expect(singles.bcubed.precision).toBe(1);
    expect(singles.bcubed.recall).toBeCloseTo(0.5);
  });
});
