import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryable, retryDelayMs } from './backoff.ts';

describe('retry back-off', () => {
  it('waits 30 s, 2 min, 8 min, 32 min, then never more than six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(retryDelayMs(20)).toBe(6 * 60 * 60 * 1000);
  });

  it('never waits less after more failures, and stays within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 600_000 }), (n, base) => {
        expect(retryDelayMs(n + 1, base)).toBeGreaterThanOrEqual(retryDelayMs(n, base));
        expect(retryDelayMs(n, base)).toBeGreaterThanOrEqual(Math.min(base, 6 * 3_600_000));
        expect(retryDelayMs(n, base)).toBeLessThanOrEqual(Math.max(base, 6 * 3_600_000));
      }),
    );
  });

  it('tries again after silence, rate limits and server errors, not after a refusal', () => {
    expect([null, 408, 429, 500, 502, 200].map(retryable)).toEqual([true, true, true, true, true, true]);
    expect([400, 403, 404, 410].map(retryable)).toEqual([false, false, false, false]);
  });
});
