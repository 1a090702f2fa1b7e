import { describe, expect, it } from 'vitest';
import { CostSharingPlan } from './plan.ts';

function issuesOf(plan: unknown): { path: PropertyKey[]; message: string }[] {
  const result = CostSharingPlan.safeParse(plan);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

const parties = [
  { partyId: 'college', areaCentiM2: undefined },
  { partyId: 'community-217' },
  { partyId: 'park-801' },
];

describe('CostSharingPlan', () => {
  it("accepts the east wall of 建校家属院: the college's materials, the cash split by two parties", () => {
    const plan = {
      totalFen: 4_800_000,
      parties,
      parts: [
        { rule: 'inKind', partyId: 'college', description: 'bricks and cement', valueFen: 1_800_000 },
        { rule: 'percentage', partyId: 'community-217', basisPoints: 6_000 },
        { rule: 'percentage', partyId: 'park-801', basisPoints: 4_000 },
      ],
    };
    expect(issuesOf(plan)).toEqual([]);
  });

  it('refuses percentages that do not add up to 100 % when no part takes the rest', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [
        { rule: 'percentage', partyId: 'community-217', basisPoints: 6_000 },
        { rule: 'percentage', partyId: 'park-801', basisPoints: 3_500 },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      { path: ['parts'], message: 'the percentages add up to 95 %, not 100 %' },
    ]);
  });

  it('refuses percentages above 100 % even when a group takes the rest', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [
        { rule: 'percentage', partyId: 'community-217', basisPoints: 6_000 },
        { rule: 'percentage', partyId: 'park-801', basisPoints: 5_000 },
        { rule: 'equal', partyIds: ['college'] },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      { path: ['parts'], message: 'the percentages add up to 110 %, more than 100 %' },
    ]);
  });

  it('points at the fixed amount that takes the plan above its total', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [
        { rule: 'inKind', partyId: 'college', description: 'labour', valueFen: 60_000 },
        { rule: 'fixed', partyId: 'community-217', amountFen: 50_000 },
        { rule: 'equal', partyIds: ['park-801'] },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      {
        path: ['parts', 1, 'amountFen'],
        message: 'fixed amounts and valued in-kind contributions come to more than the total 100,000 fen',
      },
    ]);
  });

  it('refuses a part whose cash nobody pays', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [{ rule: 'fixed', partyId: 'community-217', amountFen: 40_000 }],
    };
    expect(issuesOf(plan)).toEqual([{ path: ['parts'], message: 'no part pays the remaining 60,000 fen' }]);
  });

  it('accepts fixed amounts that cover the total exactly, with nothing left to share', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [
        { rule: 'fixed', partyId: 'community-217', amountFen: 40_000 },
        { rule: 'fixed', partyId: 'park-801', amountFen: 60_000 },
        { rule: 'inKind', partyId: 'college', description: 'materials', valueFen: null },
      ],
    };
    expect(issuesOf(plan)).toEqual([]);
  });

  it('names the party that is not in the plan, listed twice, or has no area to share by', () => {
    const plan = {
      totalFen: 100_000,
      parties: [...parties, { partyId: 'park-801' }, { partyId: 'room-101', areaCentiM2: 8_000 }],
      parts: [
        { rule: 'fixed', partyId: 'school', amountFen: 1_000 },
        { rule: 'floorArea', partyIds: ['room-101', 'park-801', 'room-101', 'room-999'] },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      { path: ['parties', 3, 'partyId'], message: 'park-801 is listed twice' },
      { path: ['parts', 0, 'partyId'], message: 'school is not a party to the plan' },
      { path: ['parts', 1, 'partyIds', 1], message: 'park-801 has no floor area to share by' },
      { path: ['parts', 1, 'partyIds', 2], message: 'room-101 is listed twice in this part' },
      { path: ['parts', 1, 'partyIds', 3], message: 'room-999 is not a party to the plan' },
    ]);
  });

  it('lets only one part take the rest', () => {
    const plan = {
      totalFen: 100_000,
      parties,
      parts: [
        { rule: 'equal', partyIds: ['community-217'] },
        { rule: 'equal', partyIds: ['park-801'] },
      ],
    };
    expect(issuesOf(plan)).toEqual([
      { path: ['parts', 1, 'basisPoints'], message: 'only one part can take the rest; part 0 already does' },
    ]);
  });

  it('needs every party’s floor area when no rule was agreed (Civil Code art. 283)', () => {
    const plan = {
      totalFen: 100_000,
      parties: [{ partyId: 'room-101', areaCentiM2: 8_000 }, { partyId: 'room-102' }],
      parts: [],
    };
    expect(issuesOf(plan)).toEqual([
      {
        path: ['parties', 1, 'areaCentiM2'],
        message: 'with no agreed rule the cost follows floor area (Civil Code art. 283)',
      },
    ]);
  });

  it('refuses amounts that are not whole fen, and percentages beyond 100 %', () => {
    const plan = {
      totalFen: 100.5,
      parties,
      parts: [{ rule: 'percentage', partyId: 'park-801', basisPoints: 10_001 }],
    };
    expect(issuesOf(plan).map((i) => i.path)).toEqual([['totalFen'], ['parts', 0, 'basisPoints']]);
  });
});
