import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterByBigramBaseline } from './baseline.ts';
import { communityFolds, evaluateClustering, type LabelledMatter } from './evaluate.ts';
import { labelsOf, scorePartition } from './metrics.ts';

// The labelled dev file (test/data/README-dedup.md). The cross-validated figures, the honest
// ones, are in docs/dedup-evaluation.md; this checks the product on the file in-sample.
const dev: LabelledMatter[] = readFileSync(
  new URL('../../../test/data/matters-dedup-dev.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LabelledMatter);

describe('the problem list on the dev file', () => {
  it('reaches B³ precision and F1 of at least 0.85', () => {
    const s = evaluateClustering(dev);
    expect(s.bcubedPrecision).toBeGreaterThanOrEqual(0.85);
    expect(s.bcubedF1).toBeGreaterThanOrEqual(0.85);
  });

  it('beats the README baseline, which scores near its published B³ F1 of 0.710', () => {
    const gold = new Map(dev.map((r) => [r.id, r.cluster]));
    const baseline = scorePartition(gold, labelsOf(clusterByBigramBaseline(dev, 0.06)));
    expect(baseline.bcubedF1).toBeGreaterThan(0.65);
    expect(baseline.bcubedF1).toBeLessThan(0.76);
    expect(evaluateClustering(dev).bcubedF1).toBeGreaterThan(baseline.bcubedF1 + 0.1);
  });
});

describe('communityFolds', () => {
  it('splits the 8 communities into 4 folds of 2, the same every time', () => {
    const folds = communityFolds(dev, 4);
    expect(folds.map((f) => f.length)).toEqual([2, 2, 2, 2]);
    expect(new Set(folds.flat()).size).toBe(8);
    expect(communityFolds([...dev].reverse(), 4)).toEqual(folds);
  });
});
