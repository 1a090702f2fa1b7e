// Scores of a predicted partition against a gold one, as defined in test/data/README-dedup.md.

export interface PartitionScores {
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  pairwisePrecision: number;
  pairwiseRecall: number;
  pairwiseF1: number;
  predictedClusters: number;
  goldClusters: number;
}

/** Cluster label of each id in a partition given as arrays of ids. */
export function labelsOf(clusters: readonly (readonly string[])[]): Map<string, number> {
  const labels = new Map<string, number>();
  clusters.forEach((ids, k) => {
    for (const id of ids) {
      if (labels.has(id)) throw new Error(`id ${id} is in two clusters`);
      labels.set(id, k);
    }
  });
  return labels;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function sizes(labels: ReadonlyMap<string, number | string>): Map<number | string, number> {
  const s = new Map<number | string, number>();
  for (const l of labels.values()) s.set(l, (s.get(l) ?? 0) + 1);
  return s;
}

/**
 * B-cubed and pairwise precision, recall and F1 of `predicted` against `gold` (id → cluster label).
 * Both must label the same ids. Pairwise precision with no predicted pair is 1 (nothing wrongly
 * merged); pairwise recall with no gold pair is 1.
 */
export function scorePartition(
  gold: ReadonlyMap<string, number | string>,
  predicted: ReadonlyMap<string, number | string>,
): PartitionScores {
  if (gold.size !== predicted.size || [...gold.keys()].some((id) => !predicted.has(id)))
    throw new Error('gold and predicted partitions label different ids');
  const goldSize = sizes(gold);
  const predSize = sizes(predicted);
  // Records in each (gold, predicted) cell.
  const cells = new Map<string, number>();
  for (const [id, g] of gold) {
    const key = `${g}\u0000${predicted.get(id)}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const [id, g] of gold) {
    const pr = predicted.get(id)!;
    const both = cells.get(`${g}\u0000${pr}`)!;
    p += both / predSize.get(pr)!;
    r += both / goldSize.get(g)!;
  }
  const n = gold.size;
  const pairs = (k: number): number => (k * (k - 1)) / 2;
  let truePairs = 0;
  for (const c of cells.values()) truePairs += pairs(c);
  let predPairs = 0;
  for (const c of predSize.values()) predPairs += pairs(c);
  let goldPairs = 0;
  for (const c of goldSize.values()) goldPairs += pairs(c);
  const pp = predPairs === 0 ? 1 : truePairs / predPairs;
  const pRec = goldPairs === 0 ? 1 : truePairs / goldPairs;
  const bp = n === 0 ? 1 : p / n;
  const br = n === 0 ? 1 : r / n;
  return {
    bcubedPrecision: bp,
    bcubedRecall: br,
    bcubedF1: f1(bp, br),
    pairwisePrecision: pp,
    pairwiseRecall: pRec,
    pairwiseF1: truePairs === 0 ? 0 : f1(pp, pRec),
    predictedClusters: predSize.size,
    goldClusters: goldSize.size,
  };
}
