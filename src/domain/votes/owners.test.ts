import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEVELOPER_VOTER_KEY,
  electorateFor,
  householdVoters,
  ownerVoterKey,
  ownerVoters,
  type Unit,
  Units,
} from './owners.ts';

function unit(unitId: string, areaCentiM2: number, ownerIds: string[], isDeveloperUnsold = false): Unit {
  return { unitId, areaCentiM2, ownerIds, isDeveloperUnsold };
}

describe('ownerVoters (法释〔2009〕7号 arts. 8–9)', () => {
  it('counts one owner per exclusive unit', () => {
    const voters = ownerVoters([unit('1-101', 8_512, ['li']), unit('1-102', 9_003, ['wang'])]);
    expect(voters).toEqual([
      { key: ownerVoterKey(['li']), areaCentiM2: 8_512, unitIds: ['1-101'] },
      { key: ownerVoterKey(['wang']), areaCentiM2: 9_003, unitIds: ['1-102'] },
    ]);
  });

  it('counts all units of one owner once, with the sum of their areas', () => {
    const voters = ownerVoters([unit('1-101', 8_512, ['li']), unit('2-301', 12_045, ['li'])]);
    expect(voters).toEqual([
      { key: ownerVoterKey(['li']), areaCentiM2: 20_557, unitIds: ['1-101', '2-301'] },
    ]);
  });

  it("counts the developer's unsold units once, with their whole area", () => {
    const voters = ownerVoters([
      unit('3-101', 10_000, [], true),
      unit('3-102', 10_000, ['dev-co'], true),
      unit('3-201', 10_000, ['zhao']),
    ]);
    expect(voters.map((v) => [v.key, v.areaCentiM2])).toEqual([
      [ownerVoterKey(['zhao']), 10_000],
      [DEVELOPER_VOTER_KEY, 20_000],
    ]);
  });

  it("gives a unit's co-owners one shared voice, in whatever order they are listed", () => {
    const voters = ownerVoters([
      unit('1-101', 8_512, ['zhang', 'li']),
      unit('1-201', 8_512, ['li', 'zhang']),
    ]);
    expect(voters).toEqual([
      { key: ownerVoterKey(['li', 'zhang']), areaCentiM2: 17_024, unitIds: ['1-101', '1-201'] },
    ]);
  });

  it('counts a sole owner and the couple they co-own another flat with as two buyers', () => {
    const voters = ownerVoters([unit('1-101', 8_512, ['li']), unit('1-201', 8_512, ['li', 'zhang'])]);
    expect(new Set(voters.map((v) => v.key))).toEqual(
      new Set([ownerVoterKey(['li']), ownerVoterKey(['li', 'zhang'])]),
    );
  });

  it('refuses a unit listed twice, a sold unit without an owner, and an area that is not whole 0.01 m²', () => {
    expect(() => ownerVoters([unit('1-101', 85.12, ['li'])])).toThrow(/not a positive whole number/);
    expect(() => ownerVoters([unit('1-101', 8_512, ['li']), unit('1-101', 8_512, ['wang'])])).toThrow(
      /listed twice/,
    );
    expect(() => ownerVoters([unit('1-101', 8_512, [])])).toThrow(/at least one owner/);
  });

  it('keeps every unit and all the area, whatever the order of the units', () => {
    const units = fc.uniqueArray(
      fc.record({
        unitId: fc.string({ minLength: 1, maxLength: 4 }),
        areaCentiM2: fc.integer({ min: 1, max: 50_000 }),
        ownerIds: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 2 }),
        isDeveloperUnsold: fc.boolean(),
      }),
      { selector: (u) => u.unitId, maxLength: 30 },
    );
    fc.assert(
      fc.property(
        units.chain((us) => fc.tuple(fc.constant(us), fc.shuffledSubarray(us, { minLength: us.length }))),
        ([us, shuffled]) => {
          const voters = ownerVoters(us);
          expect(ownerVoters(shuffled)).toEqual(voters);
          expect(voters.flatMap((v) => v.unitIds).sort()).toEqual(us.map((u) => u.unitId).sort());
          const area = (xs: { areaCentiM2: number }[]) => xs.reduce((s, x) => s + x.areaCentiM2, 0);
          expect(area(voters)).toBe(area(us));
          expect(voters.length).toBeLessThanOrEqual(us.length);
        },
      ),
    );
  });
});

describe('Units', () => {
  it('reports each uncountable unit at its field', () => {
    const result = Units.safeParse([
      unit('1-101', 8_512, ['li', 'li']),
      unit('1-101', 8_512, ['wang']),
      unit('1-102', 0, []),
    ]);
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: [2, 'areaCentiM2'], message: 'Too small: expected number to be >=1' },
      { path: [0, 'ownerIds'], message: 'an owner listed twice' },
      { path: [1, 'unitId'], message: 'unit listed twice' },
      { path: [2, 'ownerIds'], message: 'a sold unit has at least one owner' },
    ]);
  });
});

describe('householdVoters', () => {
  it("gives each dwelling one voice, an owner of two flats two, and does not ask the developer's empty flats", () => {
    const voters = householdVoters([
      unit('1-101', 8_512, ['li']),
      unit('2-301', 12_045, ['li']),
      unit('3-101', 10_000, [], true),
    ]);
    expect(voters.map((v) => v.key)).toEqual(['1-101', '2-301']);
  });
});

describe('electorateFor', () => {
  const units = [unit('1-101', 8_512, ['li']), unit('2-301', 12_045, ['li'])];
  it('asks households for a majority rule and owners for art. 278', () => {
    expect(electorateFor({ kind: 'majorityOfAsked' }, units)).toHaveLength(2);
    expect(electorateFor({ kind: 'art278Ordinary' }, units)).toHaveLength(1);
  });
});
