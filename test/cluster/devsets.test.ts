// Event grouping on the event-labelled development sets (issue: events that are events): the shipped model against
// the labels and against the two TF-IDF peers, tuned on the other set as the quality dashboard tunes them.
// Deterministic: the same articles in the same arrival order give the same events.
import { describe, expect, it } from 'vitest';
import { clusterSet } from '../../src/cluster/train.js';
import { scoreClusters } from '../../src/eval/clusters.js';
import { loadDevSets } from '../../src/eval/event-sets.js';
import { peerGrid, similarityMatrix, tunedRun, type PeerName } from '../../src/bench/event-peers.js';
import { eventChecks } from '../../src/bench/quality.js';
import { SHARED } from '../shared.js';

const sets = await loadDevSets(SHARED);
const set = (name: string) => sets.find((s) => s.name === name)!;
const gva = set('gva');
const ecb = set('ecbplus');
const t17 = set('t17');
const grids = new Map<string, ReturnType<typeof peerGrid>>();
const gridOf = (peer: PeerName, name: 'gva' | 'ecbplus') => {
  const key = `${peer}/${name}`;
  if (!grids.has(key)) grids.set(key, peerGrid(peer, similarityMatrix(set(name)), set(name).labels));
  return grids.get(key)!;
};
const PEERS: PeerName[] = ['single-pass', 'average-link'];

describe('events on the event-labelled development sets', () => {
  it('GVA: incidents told apart and follow-ups joined, above both peers, no event mixing more than 3 incidents', () => {
    const events = clusterSet(gva, {}).events;
    const f1 = scoreClusters(events, gva.labels).bcubed.f1;
    expect(f1).toBeGreaterThanOrEqual(0.91);
    for (const peer of PEERS) expect(f1).toBeGreaterThan(tunedRun(gridOf(peer, 'gva'), [gridOf(peer, 'ecbplus')]).f1);
    expect(eventChecks(gva, events).mostLabels).toBeLessThanOrEqual(3);
  });

  it('ECB+: two events of one kind kept apart, above both peers', () => {
    const f1 = scoreClusters(clusterSet(ecb, {}).events, ecb.labels).bcubed.f1;
    expect(f1).toBeGreaterThanOrEqual(0.86);
    for (const peer of PEERS) expect(f1).toBeGreaterThan(tunedRun(gridOf(peer, 'ecbplus'), [gridOf(peer, 'gva')]).f1);
  });

  it('T17: stories match the topics, and events are events (few span more than 30 days)', () => {
    const { events, stories } = clusterSet(t17, {});
    expect(scoreClusters(stories, t17.labels).bcubed.f1).toBeGreaterThanOrEqual(0.92);
    const checks = eventChecks(t17, events);
    expect(checks.longEvents / checks.datedEvents).toBeLessThan(0.03);
  });
});
