import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelsOf, scorePartition } from './metrics.ts';

const gold = labelsOf([['a', 'b', 'c'], ['d', 'e'], ['f']]);

describe('scorePartition', () => {
  it('gives 1 everywhere for the gold partition itself', () => {
    const s = scorePartition(gold, gold);
    expect([s.bcubedPrecision, s.bcubedRecall, s.bcubedF1, s.pairwiseF1]).toEqual([1, 1, 1, 1]);
    expect(s.predictedClusters).toBe(3);
  });

  it('gives B³ precision 1 and pairwise F1 0 when every record stands alone', () => {
    const s = scorePartition(gold, labelsOf(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id])));
    expect(s.bcubedPrecision).toBe(1);
    // Recall per record is 1/|gold cluster|: (3 × 1/3 + 2 × 1/2 + 1) / 6.
    expect(s.bcubedRecall).toBeCloseTo(3 / 6);
    expect(s.pairwiseF1).toBe(0);
    expect(s.predictedClusters).toBe(6);
  });

  it('gives B³ recall 1 when everything is one cluster', () => {
    const s = scorePartition(gold, labelsOf([['a', 'b', 'c', 'd', 'e', 'f']]));
    expect(s.bcubedRecall).toBe(1);
    // Precision per record is |its gold cluster| / 6: (3·3 + 2·2 + 1) / 36.
    expect(s.bcubedPrecision).toBeCloseTo(14 / 36);
    expect(s.pairwiseRecall).toBe(1);
    expect(s.pairwisePrecision).toBeCloseTo(4 / 15);
  });

  it('reproduces the README figures for every record alone on the dev file', () => {
    const lines = readFileSync(new URL('../../../test/data/matters-dedup-dev.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const records = lines.map((l) => JSON.parse(l) as { id: string; cluster: string });
    const s = scorePartition(
      new Map(records.map((r) => [r.id, r.cluster])),
      labelsOf(records.map((r) => [r.id])),
    );
    expect(s.bcubedPrecision.toFixed(3)).toBe('1.000');
    expect(s.bcubedRecall.toFixed(3)).toBe('0.302');
    expect(s.bcubedF1.toFixed(3)).toBe('0.463');
    expect(s.pairwiseF1).toBe(0);
    expect(s.goldClusters).toBe(60);
  });

  it('refuses partitions of different records, and a record in two clusters', () => {
    expect(() => scorePartition(gold, labelsOf([['a', 'b']]))).toThrow();
    expect(() => labelsOf([['a'], ['a']])).toThrow();
  });

  it('keeps every score between 0 and 1 and ignores how clusters are labelled', () => {
    const partition = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(partition, partition, (g, p) => {
        const n = Math.min(g.length, p.length);
        const ids = Array.from({ length: n }, (_, i) => `r${i}`);
        const gm = new Map(ids.map((id, i) => [id, g[i]!]));
        const pm = new Map(ids.map((id, i) => [id, p[i]!]));
        const relabelled = new Map(ids.map((id, i) => [id, `x${p[i]! * 7}`]));
        const s = scorePartition(gm, pm);
        for (const v of [
          s.bcubedPrecision,
          s.bcubedRecall,
          s.bcubedF1,
          s.pairwisePrecision,
          s.pairwiseRecall,
        ])
          expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
        expect(scorePartition(gm, relabelled)).toEqual(s);
      }),
    );
  });
});
