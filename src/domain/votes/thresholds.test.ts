import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reaches } from './rational.testkit.ts';
import type { Threshold } from './rules.ts';
import { additionalToMeet, meets, smallestPartMeeting } from './thresholds.ts';

const twoThirds: Threshold = { numerator: 2, denominator: 3, comparison: 'atLeast' };
const moreThanHalf: Threshold = { numerator: 1, denominator: 2, comparison: 'moreThan' };
const all: Threshold = { numerator: 1, denominator: 1, comparison: 'atLeast' };

const threshold = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.constantFrom('atLeast', 'moreThan'))
  .map(
    ([denominator, n, comparison]): Threshold => ({
      numerator: n % (denominator + 1),
      denominator,
      comparison: comparison as Threshold['comparison'],
    }),
  );
// Up to 10⁷ m² in 0.01 m²: a whole district's floor area.
const partOfWhole = fc
  .integer({ min: 0, max: 1_000_000_000 })
  .chain((whole) => fc.tuple(fc.integer({ min: 0, max: whole }), fc.constant(whole)));

describe('meets', () => {
  it('includes the value for "at least" (以上): exactly two thirds meets, one fewer does not', () => {
    expect(meets(20, 30, twoThirds)).toBe(true);
    expect(meets(19, 30, twoThirds)).toBe(false);
  });

  it('excludes the value for "more than half" (过半数): exactly half fails', () => {
    expect(meets(5, 10, moreThanHalf)).toBe(false);
    expect(meets(6, 10, moreThanHalf)).toBe(true);
  });

  it('meets nothing when there is nothing to measure', () => {
    expect(meets(0, 0, { numerator: 0, denominator: 1, comparison: 'atLeast' })).toBe(false);
  });

  it('gets right what floating point gets wrong: 1,005 of 1,500 is at least 67 %', () => {
    const sixtySevenPercent: Threshold = { numerator: 67, denominator: 100, comparison: 'atLeast' };
    expect(1_005 >= 1_500 * 0.67).toBe(false); // 1,500 × 0.67 is 1,005.0000000000001 in binary floating point
    expect(meets(1_005, 1_500, sixtySevenPercent)).toBe(true);
    expect(meets(1_004, 1_500, sixtySevenPercent)).toBe(false);
  });

  it('agrees with exact rational arithmetic on large areas', () => {
    fc.assert(
      fc.property(partOfWhole, threshold, ([part, whole], t) => {
        expect(meets(part, whole, t)).toBe(reaches(part, whole, t));
      }),
    );
  });
});

describe('smallestPartMeeting', () => {
  it('is the first part that meets the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), threshold, (whole, t) => {
        const smallest = smallestPartMeeting(whole, t);
        if (smallest === null) {
          expect(meets(whole, whole, t)).toBe(false);
        } else {
          expect(meets(smallest, whole, t)).toBe(true);
          if (smallest > 0) expect(meets(smallest - 1, whole, t)).toBe(false);
        }
      }),
    );
  });

  it('gives 20 of 30 for two thirds and 6 of 10 for more than half', () => {
    expect(smallestPartMeeting(30, twoThirds)).toBe(20);
    expect(smallestPartMeeting(10, moreThanHalf)).toBe(6);
    expect(smallestPartMeeting(10, { numerator: 1, denominator: 1, comparison: 'moreThan' })).toBeNull();
  });
});

describe('additionalToMeet', () => {
  it('is the fewest approvals that, joining the participants, meet the threshold', () => {
    fc.assert(
      fc.property(partOfWhole, threshold, ([part, whole], t) => {
        const k = additionalToMeet(part, whole, t);
        if (k === null) {
          // Adding a great many approvals still does not meet it.
          expect(meets(part + 1_000_000_000, whole + 1_000_000_000, t)).toBe(false);
        } else {
          expect(meets(part + k, whole + k, t)).toBe(true);
          if (k > 0) expect(meets(part + k - 1, whole + k - 1, t)).toBe(false);
        }
      }),
    );
  });

  it('needs 4 more approvals to bring 2 of 4 up to three quarters', () => {
    expect(additionalToMeet(2, 4, { numerator: 3, denominator: 4, comparison: 'atLeast' })).toBe(4);
  });

  it('cannot reach unanimity once someone is against', () => {
    expect(additionalToMeet(3, 4, all)).toBeNull();
    expect(additionalToMeet(0, 0, all)).toBe(1);
  });
});
