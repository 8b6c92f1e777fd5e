// Event grouping on the event-labelled development sets (issue: events that are events): the shipped model against
// the labels and against the two TF-IDF peers, tuned on the other set as the quality dashboard tunes them.
// Deterministic: the same articles in the same arrival order give the same events.
import { describe, expect, it } from 'vitest';
import { clusterSet } from '../../src/cluster/train.js';
import { scoreClusters } from '../../src/eval/clusters.js';
import { loadDevSets, type LabelledSet } from '../../src/eval/event-sets.js';
import { peerGrid, similarityMatrix, type PeerName } from '../../src/bench/event-peers.js';
import { SHARED } from '../shared.js';

const sets = await loadDevSets(SHARED);
const set = (name: string) => sets.find((s) => s.name === name)!;
const f1Of = (s: LabelledSet) => scoreClusters(clusterSet(s, {}).events, s.labels).bcubed.f1;

/** A peer tuned on `tuneOn` (its best threshold and window there; no window when that set is undated), scored on `s`. */
function tunedPeer(peer: PeerName, tuneOn: LabelledSet, s: LabelledSet): number {
  const dated = tuneOn.features.some((f) => f.day !== null);
  const best = peerGrid(peer, similarityMatrix(tuneOn), tuneOn.labels).filter((g) => dated || g.window === Infinity).reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const here = peerGrid(peer, similarityMatrix(s), s.labels).find((g) => g.threshold === best.threshold && g.window === best.window)!;
  return here.f1;
}

describe('events on the event-labelled development sets', () => {
  it('GVA: incidents told apart and follow-ups joined, above both peers, no event mixing more than 3 incidents', () => {
    const gva = set('gva');
    const f1 = f1Of(gva);
    expect(f1).toBeGreaterThanOrEqual(0.91);
    for (const peer of ['single-pass', 'average-link'] as const) expect(f1).toBeGreaterThan(tunedPeer(peer, set('ecbplus'), gva));
    const labelsOf = new Map<string, Set<string>>();
    for (const [a, e] of clusterSet(gva, {}).events) labelsOf.set(e, (labelsOf.get(e) ?? new Set()).add(gva.labels.get(a)!));
    expect(Math.max(...[...labelsOf.values()].map((l) => l.size))).toBeLessThanOrEqual(3);
  });

  it('ECB+: two events of one kind kept apart, above both peers', () => {
    const ecb = set('ecbplus');
    const f1 = f1Of(ecb);
    expect(f1).toBeGreaterThanOrEqual(0.86);
    for (const peer of ['single-pass', 'average-link'] as const) expect(f1).toBeGreaterThan(tunedPeer(peer, set('gva'), ecb));
  });

  it('T17: stories match the topics, and events are events (few span more than 30 days)', () => {
    const t17 = set('t17');
    const { events, stories } = clusterSet(t17, {});
    expect(scoreClusters(stories, t17.labels).bcubed.f1).toBeGreaterThanOrEqual(0.92);
    const dayOf = new Map(t17.features.map((f) => [f.id, f.day]));
    const span = new Map<string, [number, number]>();
    for (const [a, e] of events) {
      const d = dayOf.get(a);
      if (d === null || d === undefined) continue;
      const s = span.get(e);
      span.set(e, s ? [Math.min(s[0], d), Math.max(s[1], d)] : [d, d]);
    }
    const long = [...span.values()].filter(([a, b]) => b - a > 30).length;
    expect(long / span.size).toBeLessThan(0.03);
  });
});
