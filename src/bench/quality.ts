// The event-grouping part of the quality dashboard (docs/quality.md, written by `npm run eval`): on every development
// set, newsdesk's events and stories beside two peers (event-peers.ts), newsdesk cross-trained, and the checks a desk
// cares about (no event mixing incidents, no event spanning weeks).
import type { LabelledSet } from '../eval/event-sets.js';
import { scoreClusters, type ClusterScores } from '../eval/clusters.js';
import { clusterSet, trainEventModel } from '../cluster/train.js';
import { shippedEventModel, type EventModel } from '../cluster/index.js';
import { peerGrid, similarityMatrix, tunedRun, type PeerGrid, type PeerName } from './event-peers.js';

const f3 = (x: number) => x.toFixed(3);
const PEERS: PeerName[] = ['single-pass', 'average-link'];

interface Row {
  system: string;
  how: string;
  scores: ClusterScores;
}

function row(system: string, how: string, predicted: Map<string, string>, labels: Map<string, string>): Row {
  return { system, how, scores: scoreClusters(predicted, labels) };
}

function table(rows: Row[]): string {
  const lines = ['| system | trained / tuned | B-cubed P | B-cubed R | B-cubed F1 | pairwise F1 | groups |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rows) {
    const b = r.scores.bcubed;
    const bold = r.system.startsWith('newsdesk') && !r.how.includes('cross') ? (s: string) => `**${s}**` : (s: string) => s;
    lines.push(`| ${r.system} | ${r.how} | ${f3(b.precision)} | ${f3(b.recall)} | ${bold(f3(b.f1))} | ${f3(r.scores.pairwise.f1)} | ${r.scores.clusters} |`);
  }
  return lines.join('\n');
}

/** How many labels the worst event mixes, and how many events (of those with a dated report) span more than `days` days. */
export function eventChecks(set: LabelledSet, events: Map<string, string>, days = 30): { mostLabels: number; longEvents: number; datedEvents: number; events: number } {
  const labelsOf = new Map<string, Set<string>>();
  const span = new Map<string, [number, number]>();
  const dayOf = new Map(set.features.map((f) => [f.id, f.day]));
  for (const [a, e] of events) {
    labelsOf.set(e, (labelsOf.get(e) ?? new Set()).add(set.labels.get(a) ?? a));
    const d = dayOf.get(a);
    if (d === null || d === undefined) continue;
    const s = span.get(e);
    span.set(e, s ? [Math.min(s[0], d), Math.max(s[1], d)] : [d, d]);
  }
  return {
    mostLabels: Math.max(...[...labelsOf.values()].map((s) => s.size)),
    longEvents: [...span.values()].filter(([a, b]) => b - a > days).length,
    datedEvents: span.size,
    events: labelsOf.size,
  };
}

export interface EventQuality {
  section: string;
  /** Set → B-cubed F1 of newsdesk's events (event sets) or stories (T17), and of the best peer there. */
  summary: Record<string, { newsdesk: number; crossTrained?: number; peers: Record<string, number> }>;
}

/** The dashboard's event section. `model`: the shipped model (trained on every event set). */
export function eventQuality(sets: LabelledSet[], log: (s: string) => void = () => {}, model: EventModel = shippedEventModel()): EventQuality {
  const eventSets = sets.filter((s) => s.level === 'events');
  const out: string[] = [];
  const summary: EventQuality['summary'] = {};
  const matrices = new Map(sets.map((s) => [s.name, similarityMatrix(s)]));
  // Each peer's grid on each set: tuned on another set, the parameters are looked up in that set's grid.
  const grids = new Map<string, PeerGrid>();
  for (const s of sets) for (const p of PEERS) {
    log(`  ${p} on ${s.name}`);
    grids.set(`${p}/${s.name}`, peerGrid(p, matrices.get(s.name)!, s.labels));
  }
  const best = (grid: PeerGrid) => grid.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const params = (p: { threshold: number; window: number }) => `θ ${p.threshold.toFixed(3)}, ${p.window === Infinity ? 'no window' : `${p.window}-day window`}`;
  for (const set of sets) {
    log(`  newsdesk on ${set.name}`);
    const mine = clusterSet(set, { model });
    const rows: Row[] = [];
    const level = set.level === 'events' ? 'events' : 'stories';
    rows.push(row(`newsdesk ${level}`, `all event sets (${(model.trainedOn as { sets?: string[] })?.sets?.join(', ') ?? 'shipped'})`, mine[level], set.labels));
    if (set.level === 'events') rows.push(row('newsdesk stories', 'as above', mine.stories, set.labels));
    else rows.push(row('newsdesk events', 'as above', mine.events, set.labels));
    summary[set.name] = { newsdesk: rows[0].scores.bcubed.f1, peers: {} };
    if (set.level === 'events') {
      const others = eventSets.filter((s) => s !== set);
      log(`  newsdesk cross-trained for ${set.name}`);
      const cross = trainEventModel(others);
      const crossRows = row('newsdesk events', `cross-trained on ${others.map((s) => s.name).join(', ')} only`, clusterSet(set, { model: cross }).events, set.labels);
      rows.push(crossRows);
      summary[set.name].crossTrained = crossRows.scores.bcubed.f1;
    }
    for (const p of PEERS) {
      const own = grids.get(`${p}/${set.name}`)!;
      const tuneOn = set.level === 'events' ? eventSets.filter((s) => s !== set) : [];
      if (tuneOn.length) {
        const pick = tunedRun(own, tuneOn.map((s) => grids.get(`${p}/${s.name}`)!));
        rows.push(row(p, `tuned on ${tuneOn.map((s) => s.name).join(', ')} (${params(pick)})`, pick.clusters, set.labels));
        summary[set.name].peers[p] = rows[rows.length - 1].scores.bcubed.f1;
      }
      const self = best(own);
      rows.push(row(p, `tuned on this set itself: best case (${params(self)})`, self.clusters, set.labels));
      if (!tuneOn.length) summary[set.name].peers[p] = rows[rows.length - 1].scores.bcubed.f1;
    }
    const checks = eventChecks(set, mine.events);
    const title = { gva: 'GVA (gun-violence incidents; label = incident)', ecbplus: 'ECB+ (two events of one kind a topic; label = event)', t17: 'T17 topics and the seeds (label = topic: compared with stories)' }[set.name] ?? set.name;
    out.push(`### ${title}\n\n${set.labels.size} articles, ${new Set(set.labels.values()).size} labels.\n\n${table(rows)}\n`);
    out.push(set.level === 'events'
      ? `The most incidents or events one newsdesk event mixes: ${checks.mostLabels}. Events spanning more than 30 days: ${checks.longEvents} of ${checks.events}.\n`
      : `newsdesk events here: ${checks.events}; events spanning more than 30 days: ${checks.longEvents}.\n`);
  }
  return { section: out.join('\n'), summary };
}
