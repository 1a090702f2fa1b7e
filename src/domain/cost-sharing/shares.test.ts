import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { CostSharingPlan } from './plan.ts';
import { costShares } from './shares.ts';

// The seed names the parties but not the sums; the amounts here are illustrative.
const eastWallParties = [{ partyId: 'college' }, { partyId: 'community-217' }, { partyId: 'park-801' }];

function amounts(plan: CostSharingPlan): Record<string, number> {
  return Object.fromEntries(costShares(plan).parties.map((p) => [p.partyId, p.amountFen]));
}

describe('costShares: the east wall of 建校家属院', () => {
  it("counts the college's valued materials as its share, and splits the rest of the cost in cash", () => {
    const shares = costShares({
      totalFen: 4_800_000,
      parties: eastWallParties,
      parts: [
        { rule: 'inKind', partyId: 'college', description: 'bricks and cement', valueFen: 1_800_000 },
        { rule: 'percentage', partyId: 'community-217', basisPoints: 6_000 },
        { rule: 'percentage', partyId: 'park-801', basisPoints: 4_000 },
      ],
    });
    expect(shares.cashToShareFen).toBe(3_000_000);
    expect(shares.parties).toEqual([
      { partyId: 'college', amountFen: 1_800_000, cashFen: 0, inKindFen: 1_800_000 },
      { partyId: 'community-217', amountFen: 1_800_000, cashFen: 1_800_000, inKindFen: 0 },
      { partyId: 'park-801', amountFen: 1_200_000, cashFen: 1_200_000, inKindFen: 0 },
    ]);
    expect(shares.lines[0]).toMatchObject({
      rule: 'inKind',
      amountFen: 1_800_000,
      inKind: { description: 'bricks and cement', valued: true },
    });
  });

  it('records unvalued materials with no amount, and shares the whole cash total', () => {
    const shares = costShares({
      totalFen: 3_000_000,
      parties: eastWallParties,
      parts: [
        { rule: 'inKind', partyId: 'college', description: 'bricks and cement', valueFen: null },
        { rule: 'fixed', partyId: 'community-217', amountFen: 1_000_000 },
        { rule: 'equal', partyIds: ['park-801'] },
      ],
    });
    expect(shares.lines).toEqual([
      {
        partyId: 'college',
        part: 0,
        rule: 'inKind',
        agreed: true,
        amountFen: 0,
        inKind: { description: 'bricks and cement', valued: false },
      },
      { partyId: 'community-217', part: 1, rule: 'fixed', agreed: true, amountFen: 1_000_000 },
      { partyId: 'park-801', part: 2, rule: 'equal', agreed: true, amountFen: 2_000_000 },
    ]);
  });
});

describe('costShares: 星河锦城, the affected households share the drain repair equally', () => {
  const households = ['1-101', '1-201', '1-301', '1-401', '1-501', '1-601', '1-701'];
  const plan: CostSharingPlan = {
    totalFen: 100_000,
    parties: households.map((partyId) => ({ partyId })),
    parts: [{ rule: 'equal', partyIds: households }],
  };

  it('splits ¥1,000 seven ways to the fen, the extra fen going to the first ids', () => {
    // 100,000 / 7 = 14,285 remainder 5: five households pay one fen more.
    expect(amounts(plan)).toEqual({
      '1-101': 14_286,
      '1-201': 14_286,
      '1-301': 14_286,
      '1-401': 14_286,
      '1-501': 14_286,
      '1-601': 14_285,
      '1-701': 14_285,
    });
  });

  it('gives the extra fen to the same households however the list is ordered', () => {
    const reversed = [...households].reverse();
    expect(
      amounts({
        ...plan,
        parties: [...plan.parties].reverse(),
        parts: [{ rule: 'equal', partyIds: reversed }],
      }),
    ).toEqual(amounts(plan));
  });
});

describe('costShares: by floor area', () => {
  const parties = [
    { partyId: 'a', areaCentiM2: 10_000 },
    { partyId: 'b', areaCentiM2: 20_000 },
    { partyId: 'c', areaCentiM2: 30_000 },
  ];

  it('follows floor-area shares when no rule was agreed (Civil Code art. 283)', () => {
    const shares = costShares({ totalFen: 60_001, parties, parts: [] });
    // Quotas 10,000.17, 20,000.33, 30,000.5: the one fen left goes to the largest remainder, c.
    expect(shares.lines).toEqual([
      { partyId: 'a', part: null, rule: 'floorArea', agreed: false, amountFen: 10_000 },
      { partyId: 'b', part: null, rule: 'floorArea', agreed: false, amountFen: 20_000 },
      { partyId: 'c', part: null, rule: 'floorArea', agreed: false, amountFen: 30_001 },
    ]);
  });

  it('shares what is left after a fixed amount and a percentage by area', () => {
    const shares = costShares({
      totalFen: 1_000_000,
      parties: [...parties, { partyId: 'property-co' }],
      parts: [
        { rule: 'fixed', partyId: 'property-co', amountFen: 100_000 },
        { rule: 'percentage', partyId: 'property-co', basisPoints: 1_000 },
        { rule: 'floorArea', partyIds: ['a', 'b', 'c'] },
      ],
    });
    // Cash 900,000; the property company 10 % of it; a, b and c 810,000 by 1 : 2 : 3.
    expect(Object.fromEntries(shares.parties.map((p) => [p.partyId, p.amountFen]))).toEqual({
      a: 135_000,
      b: 270_000,
      c: 405_000,
      'property-co': 190_000,
    });
  });
});

describe('costShares: percentages that do not divide evenly', () => {
  it('rounds by largest remainder, ties to the smaller id, and still sums to the total', () => {
    const plan: CostSharingPlan = {
      totalFen: 100,
      parties: [{ partyId: 'z' }, { partyId: 'y' }, { partyId: 'x' }],
      parts: [
        { rule: 'percentage', partyId: 'z', basisPoints: 3_333 },
        { rule: 'percentage', partyId: 'y', basisPoints: 3_333 },
        { rule: 'percentage', partyId: 'x', basisPoints: 3_334 },
      ],
    };
    // Quotas 33.33, 33.33, 33.34: the one fen left goes to x, the largest remainder.
    expect(amounts(plan)).toEqual({ z: 33, y: 33, x: 34 });
    const tied: CostSharingPlan = { ...plan, totalFen: 2 };
    // Quotas 0.6666, 0.6666, 0.6668: x first, then y before z.
    expect(amounts(tied)).toEqual({ z: 0, y: 1, x: 1 });
  });

  it('refuses an invalid plan rather than share it wrongly', () => {
    expect(() =>
      costShares({
        totalFen: 100,
        parties: [{ partyId: 'x' }],
        parts: [{ rule: 'percentage', partyId: 'x', basisPoints: 5_000 }],
      }),
    ).toThrow(ZodError);
  });
});
