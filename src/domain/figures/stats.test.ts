import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseMark } from './definitions.ts';
import { percentile, periodOf, rankingScore, rate, wilsonLower } from './stats.ts';

describe('figures arithmetic', () => {
  it('takes the nearest-rank median and 90th percentile', () => {
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('a percentile is one of the values, and the 90th is never below the median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1 }), (values) => {
        const median = percentile(values, 0.5)!;
        const p90 = percentile(values, 0.9)!;
        expect(values).toContain(median);
        expect(p90).toBeGreaterThanOrEqual(median);
        expect(values.filter((v) => v <= median).length).toBeGreaterThanOrEqual(values.length / 2);
      }),
    );
  });

  it('one fast case cannot outrank a community with a long record of good answers', () => {
    const one = rankingScore({ response: rate(1, 1), resolution: rate(1, 1), satisfaction: rate(1, 1) });
    const many = rankingScore({
      response: rate(95, 100),
      resolution: rate(90, 100),
      satisfaction: rate(92, 100),
    });
    expect(many).toBeGreaterThan(one);
  });

  it('the Wilson lower bound lies between 0 and the observed rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (total, k) => {
        const successes = Math.min(k, total);
        const lower = wilsonLower(successes, total);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(lower).toBeLessThanOrEqual(successes / total + 1e-12);
      }),
    );
  });

  it('names periods: ISO weeks, months, quarters and years', () => {
    expect(periodOf('2026-04-10', 'month')).toBe('2026-04');
    expect(periodOf('2026-04-10', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-04-10', 'year')).toBe('2026');
    expect(periodOf('2026-01-01', 'week')).toBe('2026-W01');
    expect(periodOf('2027-01-01', 'week')).toBe('2026-W53');
    expect(periodOf('2026-12-28', 'week')).toBe('2026-W53');
  });

  it('a first order taken within 24 hours answers on time; a day and a second later is late', () => {
    expect(responseMark('2026-04-10T01:00:00.000Z', null)).toBe('none');
    expect(responseMark('2026-04-10T01:00:00.000Z', '2026-04-11T01:00:00.000Z')).toBe('on_time');
    expect(responseMark('2026-04-10T01:00:00.000Z', '2026-04-11T01:00:01.000Z')).toBe('late');
  });
});
