import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CostPart, CostSharingPlan } from './plan.ts';
import { costShares } from './shares.ts';

// Round figures often, so that equal remainders, and so ties, come up.
const basisPoints = fc.oneof(fc.constantFrom(1_000, 2_500, 3_333, 5_000), fc.nat(10_000));
const ids = ['1-101', '1-102', '2-201', 'college', 'park-801', 'property-co', 'community-217', 'room-9'];

/** Any valid plan: random parties, then parts built from random picks so that they fit the total. */
const plan: fc.Arbitrary<CostSharingPlan> = fc
  .record({
    parties: fc.uniqueArray(
      fc.record({
        partyId: fc.constantFrom(...ids),
        // A few repeated areas so that equal remainders, and so ties, come up.
        areaCentiM2: fc.oneof(fc.constantFrom(7_500, 10_000, 12_345), fc.integer({ min: 1, max: 1_000_000 })),
      }),
      { selector: (p) => p.partyId, minLength: 1, maxLength: ids.length },
    ),
    totalFen: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
    covered: fc.array(
      fc.record({
        rule: fc.constantFrom('fixed', 'inKind'),
        who: fc.nat(),
        permille: fc.nat(1_000),
        valued: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    percentages: fc.array(fc.record({ who: fc.nat(), basisPoints }), { maxLength: 3 }),
    groups: fc.array(
      fc.record({
        rule: fc.constantFrom('equal' as const, 'floorArea' as const),
        members: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        basisPoints: fc.option(basisPoints, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    noAgreement: fc.boolean(),
  })
  .map(({ parties, totalFen, covered, percentages, groups, noAgreement }): CostSharingPlan => {
    if (noAgreement) return { totalFen, parties, parts: [] };
    const party = (n: number) => parties[n % parties.length]!.partyId;
    const parts: CostPart[] = [];
    let left = totalFen;
    for (const c of covered) {
      const amount = Math.floor((left * c.permille) / 1_000);
      if (c.rule === 'fixed') parts.push({ rule: 'fixed', partyId: party(c.who), amountFen: amount });
      else
        parts.push({
          rule: 'inKind',
          partyId: party(c.who),
          description: 'materials',
          valueFen: c.valued ? amount : null,
        });
      if (c.rule === 'fixed' || c.valued) left -= amount;
    }
    let percentLeft = 10_000;
    const take = (bp: number) => {
      const taken = Math.min(bp, percentLeft);
      percentLeft -= taken;
      return taken;
    };
    for (const p of percentages)
      parts.push({ rule: 'percentage', partyId: party(p.who), basisPoints: take(p.basisPoints) });
    let restTaken = false;
    for (const g of groups) {
      const partyIds = [...new Set(g.members.map(party))];
      if (g.basisPoints === undefined && !restTaken) {
        restTaken = true;
        parts.push({ rule: g.rule, partyIds });
      } else {
        parts.push({ rule: g.rule, partyIds, basisPoints: take(g.basisPoints ?? 0) });
      }
    }
    // Without a part that takes the rest, the percentages must reach 100 %.
    if (!restTaken) parts.push({ rule: 'percentage', partyId: party(0), basisPoints: take(10_000) });
    return { totalFen, parties, parts };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  return items
    .map((item, i) => ({ item, key: (Math.imul(i + 1, 2_654_435_761) ^ seed) >>> 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

describe('costShares properties', () => {
  it('only draws valid plans', () => {
    fc.assert(
      fc.property(plan, (p) => {
        expect(CostSharingPlan.safeParse(p).error).toBeUndefined();
      }),
    );
  });

  it('sums exactly to the total, and no share is negative', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const shares = costShares(p);
        expect(shares.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(p.totalFen);
        expect(shares.parties.reduce((s, party) => s + party.amountFen, 0)).toBe(p.totalFen);
        for (const line of shares.lines) expect(line.amountFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('counts valued in-kind contributions at their value and shares the rest in cash', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const shares = costShares(p);
        const valued = p.parts.reduce(
          (s, part) => s + (part.rule === 'inKind' ? (part.valueFen ?? 0) : 0),
          0,
        );
        expect(shares.parties.reduce((s, party) => s + party.inKindFen, 0)).toBe(valued);
        expect(shares.parties.reduce((s, party) => s + party.cashFen, 0)).toBe(p.totalFen - valued);
      }),
    );
  });

  it('gives each percentage its exact share of the cash to within one fen', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const shares = costShares(p);
        for (const line of shares.lines) {
          const part = line.part === null ? undefined : p.parts[line.part];
          if (part?.rule !== 'percentage') continue;
          const gap =
            BigInt(line.amountFen) * 10_000n - BigInt(shares.cashToShareFen) * BigInt(part.basisPoints);
          expect(gap < 10_000n && -gap < 10_000n).toBe(true);
        }
      }),
    );
  });

  it('makes equal shares differ by at most one fen, and area shares proportional within one fen', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const shares = costShares(p);
        const areaOf = new Map(p.parties.map((party) => [party.partyId, BigInt(party.areaCentiM2 ?? 0)]));
        const byPart = new Map<number | null, typeof shares.lines>();
        for (const line of shares.lines) byPart.set(line.part, [...(byPart.get(line.part) ?? []), line]);
        for (const lines of byPart.values()) {
          const rule = lines[0]!.rule;
          const amountsFen = lines.map((l) => l.amountFen);
          if (rule === 'equal')
            expect(Math.max(...amountsFen) - Math.min(...amountsFen)).toBeLessThanOrEqual(1);
          if (rule !== 'floorArea') continue;
          const groupFen = BigInt(amountsFen.reduce((s, a) => s + a, 0));
          const groupArea = lines.reduce((s, l) => s + (areaOf.get(l.partyId) ?? 0n), 0n);
          for (const line of lines) {
            // |amount − groupFen·area/groupArea| < 1 fen, in integers.
            const gap = BigInt(line.amountFen) * groupArea - groupFen * (areaOf.get(line.partyId) ?? 0n);
            expect(gap < groupArea && -gap < groupArea).toBe(true);
          }
        }
      }),
    );
  });

  it('is deterministic: reordering parties, parts and group members changes no party’s amount', () => {
    fc.assert(
      fc.property(plan, fc.integer(), (p, seed) => {
        const reordered: CostSharingPlan = {
          ...p,
          parties: shuffled(p.parties, seed),
          parts: shuffled(p.parts, seed + 1).map((part) =>
            'partyIds' in part ? { ...part, partyIds: shuffled(part.partyIds, seed + 2) } : part,
          ),
        };
        const byParty = (q: CostSharingPlan) =>
          Object.fromEntries(costShares(q).parties.map((s) => [s.partyId, [s.cashFen, s.inKindFen]]));
        expect(byParty(reordered)).toEqual(byParty(p));
        expect(costShares(p)).toEqual(costShares(structuredClone(p)));
      }),
    );
  });

  it('breaks ties between parts by party id, not by the order the parts were listed in', () => {
    // Several parties with the same percentage and a few fen to share: their remainders tie.
    const tied = fc
      .record({
        count: fc.integer({ min: 2, max: 6 }),
        totalFen: fc.integer({ min: 1, max: 20 }),
        rest: fc.constantFrom('equal' as const, 'floorArea' as const),
      })
      .map(({ count, totalFen, rest }): CostSharingPlan => {
        const parties = ids.slice(0, count + 1).map((partyId) => ({ partyId, areaCentiM2: 10_000 }));
        const each = Math.floor(10_000 / (count + 1));
        return {
          totalFen,
          parties,
          parts: [
            ...parties
              .slice(1)
              .map((p) => ({ rule: 'percentage' as const, partyId: p.partyId, basisPoints: each })),
            { rule: rest, partyIds: [parties[0]!.partyId] },
          ],
        };
      });
    fc.assert(
      fc.property(tied, fc.integer(), (p, seed) => {
        const amounts = (q: CostSharingPlan) =>
          Object.fromEntries(costShares(q).parties.map((s) => [s.partyId, s.amountFen]));
        expect(amounts({ ...p, parts: shuffled(p.parts, seed) })).toEqual(amounts(p));
      }),
    );
  });
});
