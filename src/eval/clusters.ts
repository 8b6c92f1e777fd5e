// Clustering quality against labels: B-cubed precision, recall and F1 (Bagga & Baldwin 1998; averaged over items) and
// pairwise precision, recall and F1 (over pairs of items placed together).

export interface ClusterScores {
  items: number;
  clusters: number;
  labels: number;
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

/** `predicted` and `gold` map each item to its cluster and its label; only items present in both are scored. */
export function scoreClusters(predicted: Map<string, string>, gold: Map<string, string>): ClusterScores {
  const items = [...gold.keys()].filter((k) => predicted.has(k));
  const byCluster = new Map<string, string[]>();
  const byLabel = new Map<string, string[]>();
  for (const item of items) {
    const c = predicted.get(item)!;
    const l = gold.get(item)!;
    byCluster.set(c, [...(byCluster.get(c) ?? []), item]);
    byLabel.set(l, [...(byLabel.get(l) ?? []), item]);
  }
  // B-cubed: for each item, the share of its cluster with its label (precision) and of its label in its cluster (recall).
  const overlap = new Map<string, number>(); // `${cluster}\u0000${label}` → items
  for (const item of items) {
    const k = `${predicted.get(item)}\u0000${gold.get(item)}`;
    overlap.set(k, (overlap.get(k) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const item of items) {
    const both = overlap.get(`${predicted.get(item)}\u0000${gold.get(item)}`)!;
    p += both / byCluster.get(predicted.get(item)!)!.length;
    r += both / byLabel.get(gold.get(item)!)!.length;
  }
  const n = items.length || 1;
  const bp = p / n;
  const br = r / n;
  // Pairwise: pairs together in both / pairs together in the prediction / pairs together in the labels.
  const pairs = (groups: Iterable<string[]>) => {
    let s = 0;
    for (const g of groups) s += (g.length * (g.length - 1)) / 2;
    return s;
  };
  let together = 0;
  for (const c of overlap.values()) together += (c * (c - 1)) / 2;
  const predPairs = pairs(byCluster.values());
  const goldPairs = pairs(byLabel.values());
  const pp = predPairs ? together / predPairs : 1;
  const pr = goldPairs ? together / goldPairs : 1;
  return {
    items: items.length,
    clusters: byCluster.size,
    labels: byLabel.size,
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
  };
}
