import { clusterMatters } from './cluster.ts';
import { matterFeatures } from './features.ts';
import type { ProblemKind } from './kinds.ts';
import { PROBLEM_KINDS } from './lexicon.ts';
import { labelsOf, type PartitionScores, scorePartition } from './metrics.ts';
import type { DedupOptions, MatterRecord } from './types.ts';

/** A matter of a labelled file (test/data/README-dedup.md) with its community and gold cluster. */
export interface LabelledMatter extends MatterRecord {
  community: string;
  cluster: string;
}

/** Clusters the records with the product's clustering and scores the result against gold. */
export function evaluateClustering(
  records: readonly LabelledMatter[],
  options: DedupOptions = {},
): PartitionScores {
  const gold = new Map(records.map((r) => [r.id, r.cluster]));
  const predicted = labelsOf(clusterMatters(records, options).clusters.map((c) => c.ids));
  return scorePartition(gold, predicted);
}

/**
 * Communities split into `k` folds (fewer when there are fewer communities): sorted by name and cut
 * into consecutive runs, so a fold never changes.
 */
export function communityFolds(records: readonly LabelledMatter[], k: number): string[][] {
  const communities = [...new Set(records.map((r) => r.community))].sort();
  const count = Math.min(k, communities.length);
  const folds: string[][] = Array.from({ length: count }, () => []);
  communities.forEach((c, i) => {
    folds[Math.floor((i * count) / communities.length)]!.push(c);
  });
  return folds;
}

export interface FoldResult {
  heldOut: string[];
  threshold: number;
  /** Kinds of the lexicon that the test fold was clustered with. */
  kinds: number;
  scores: PartitionScores;
}

export interface CrossValidation {
  folds: FoldResult[];
  mean: Omit<PartitionScores, 'predictedClusters' | 'goldClusters'>;
}

export interface CrossValidationOptions {
  folds?: number;
  /** Thresholds to choose from on the training folds. */
  thresholds?: readonly number[];
  kinds?: readonly ProblemKind[];
  tokens?: DedupOptions['tokens'];
  linkage?: DedupOptions['linkage'];
  /**
   * What the lexicon may know of the test fold: everything (`all`, the default), only the kinds
   * some training matter is about (`kinds`), or only the words training matters use (`words`):
   * estimates for a lexicon written without the test fold's records.
   */
  lexicon?: 'all' | 'kinds' | 'words';
}

export const DEFAULT_THRESHOLD_GRID: readonly number[] = [
  0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2,
];

/**
 * The lexicon cut down to the words `records` use: what a lexicon written from those records alone
 * could hold. A pattern loses a group with no word left, a kind loses its last pattern.
 */
export function kindsWordedIn(
  records: readonly LabelledMatter[],
  kinds: readonly ProblemKind[],
): ProblemKind[] {
  const texts = records.map((r) => matterFeatures(r, []).text).join('\n');
  const keep = (group: string): string =>
    group
      .split('|')
      .map((w) => w.trim())
      .filter((w) => w !== '' && texts.includes(w))
      .join('|');
  const out: ProblemKind[] = [];
  for (const kind of kinds) {
    const when = kind.when
      .map((p) => p.split('+').map(keep))
      .filter((groups) => groups.every((g) => g !== ''))
      .map((groups) => groups.join(' + '));
    if (when.length > 0) out.push({ ...kind, when, also: keep(kind.also ?? '') });
  }
  return out;
}

/**
 * The lexicon with a share of its words forgotten at random (seeded, repeatable): how much the
 * clustering leans on any one word being listed.
 */
export function kindsWithWordsDropped(
  kinds: readonly ProblemKind[],
  share: number,
  seed: number,
): ProblemKind[] {
  // mulberry32: a small seeded generator, so a run can be repeated.
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const keep = (group: string): string =>
    group
      .split('|')
      .map((w) => w.trim())
      .filter((w) => w !== '' && random() >= share)
      .join('|');
  const out: ProblemKind[] = [];
  for (const kind of kinds) {
    const when = kind.when
      .map((p) => p.split('+').map(keep))
      .filter((groups) => groups.every((g) => g !== ''))
      .map((groups) => groups.join(' + '));
    if (when.length > 0) out.push({ ...kind, when, also: keep(kind.also ?? '') });
  }
  return out;
}

function kindsSeenIn(records: readonly LabelledMatter[], kinds: readonly ProblemKind[]): ProblemKind[] {
  const seen = new Set(records.map((r) => matterFeatures(r, kinds).kind?.kind.id));
  return kinds.filter((k) => seen.has(k.id));
}

/** The community folds' records, all together. */
function inFolds(records: readonly LabelledMatter[], folds: readonly string[][]): LabelledMatter[] {
  const keep = new Set(folds.flat());
  return records.filter((r) => keep.has(r.community));
}

/**
 * The threshold with the best mean B-cubed F1 over `folds`, each fold scored with only the kinds
 * the other folds are about. The threshold governs matters the lexicon cannot name; with the
 * whole lexicon nearly every dev matter is named, so it is tuned where it has work to do.
 */
export function tuneThreshold(
  records: readonly LabelledMatter[],
  folds: readonly string[][],
  options: CrossValidationOptions = {},
): number {
  const allKinds = options.kinds ?? PROBLEM_KINDS;
  const grid = options.thresholds ?? DEFAULT_THRESHOLD_GRID;
  const setups = folds.map((fold, i) => ({
    test: inFolds(records, [fold]),
    kinds: (options.lexicon === 'words' ? kindsWordedIn : kindsSeenIn)(
      inFolds(
        records,
        folds.filter((_, j) => j !== i),
      ),
      allKinds,
    ),
  }));
  let best = { threshold: grid[0] ?? 0, f1: -1 };
  for (const threshold of grid) {
    const f1 = setups.reduce(
      (sum, { test, kinds }) =>
        sum +
        evaluateClustering(test, { tokens: options.tokens, linkage: options.linkage, threshold, kinds })
          .bcubedF1,
      0,
    );
    if (f1 > best.f1 + 1e-9) best = { threshold, f1 };
  }
  return best.threshold;
}

/**
 * Grouped cross-validation: each fold of communities is scored with the threshold tuned on the
 * other folds (tuneThreshold), with as much of the lexicon as `options.lexicon` allows.
 */
export function crossValidate(
  records: readonly LabelledMatter[],
  options: CrossValidationOptions = {},
): CrossValidation {
  const allKinds = options.kinds ?? PROBLEM_KINDS;
  const partition = communityFolds(records, options.folds ?? 4);
  const folds = partition.map((heldOut, k): FoldResult => {
    const trainFolds = partition.filter((_, i) => i !== k);
    const threshold = tuneThreshold(records, trainFolds, options);
    const train = inFolds(records, trainFolds);
    const kinds =
      options.lexicon === 'kinds'
        ? kindsSeenIn(train, allKinds)
        : options.lexicon === 'words'
          ? kindsWordedIn(train, allKinds)
          : allKinds;
    return {
      heldOut,
      threshold,
      kinds: kinds.length,
      scores: evaluateClustering(inFolds(records, [heldOut]), {
        tokens: options.tokens,
        linkage: options.linkage,
        threshold,
        kinds,
      }),
    };
  });
  const avg = (pick: (s: PartitionScores) => number): number =>
    folds.reduce((sum, f) => sum + pick(f.scores), 0) / folds.length;
  return {
    folds,
    mean: {
      bcubedPrecision: avg((s) => s.bcubedPrecision),
      bcubedRecall: avg((s) => s.bcubedRecall),
      bcubedF1: avg((s) => s.bcubedF1),
      pairwisePrecision: avg((s) => s.pairwisePrecision),
      pairwiseRecall: avg((s) => s.pairwiseRecall),
      pairwiseF1: avg((s) => s.pairwiseF1),
    },
  };
}
