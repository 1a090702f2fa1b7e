import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, type Claim } from './apportion.ts';

const claims = fc.array(
  fc.record({ tieKey: fc.string({ maxLength: 3 }), weight: fc.bigInt({ min: 0n, max: 10n ** 12n }) }),
  { minLength: 1, maxLength: 12 },
);

describe('apportion (largest remainder)', () => {
  it('sums exactly to the amount, each share its exact quota rounded down or up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), claims, (amount, cs) => {
        const whole = cs.reduce((s, c) => s + c.weight, 0n);
        fc.pre(whole > 0n);
        const shares = apportion(amount, cs);
        expect(shares.reduce((s, a) => s + a, 0)).toBe(amount);
        shares.forEach((share, i) => {
          const quotaTimesWhole = BigInt(amount) * (cs[i]?.weight ?? 0n);
          // |share − quota| < 1, in integers: |share·W − amount·w| < W.
          const gap = BigInt(share) * whole - quotaTimesWhole;
          expect(gap < whole && -gap < whole).toBe(true);
        });
      }),
    );
  });

  it('gives the fen left over to the largest remainders, then to the smaller tie key', () => {
    const three = (keys: string[]): Claim[] => keys.map((tieKey) => ({ tieKey, weight: 1n }));
    expect(apportion(100, three(['c', 'a', 'b']))).toEqual([33, 34, 33]);
    expect(apportion(101, three(['c', 'a', 'b']))).toEqual([33, 34, 34]);
    expect(
      apportion(10, [
        { tieKey: 'a', weight: 1n },
        { tieKey: 'b', weight: 2n },
      ]),
    ).toEqual([3, 7]); // quotas 3.33 and 6.67
  });

  it('does not depend on the order of the claims when their tie keys differ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), claims, fc.nat(), (amount, cs, seed) => {
        const distinct = cs.map((c, i) => ({ ...c, tieKey: `${c.tieKey}#${i}`, weight: c.weight + 1n }));
        const order = distinct
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const shuffled = order.map((i) => distinct[i]!);
        const byKey = (shares: number[], list: Claim[]) =>
          Object.fromEntries(list.map((c, i) => [c.tieKey, shares[i]]));
        expect(byKey(apportion(amount, shuffled), shuffled)).toEqual(
          byKey(apportion(amount, distinct), distinct),
        );
      }),
    );
  });

  it('gives nothing when there is nothing to share, and refuses to share among no weight', () => {
    expect(apportion(0, [])).toEqual([]);
    expect(() => apportion(5, [{ tieKey: 'a', weight: 0n }])).toThrow(RangeError);
  });
});
