import { z } from 'zod';
import { isMajorityRule, type VoteRule } from './rules.ts';
import { type InputProblem, VoteInputError } from './vote-input-error.ts';

/**
 * An exclusive unit 专有部分 as the register 不动产登记簿 records it. Area is the registered exclusive
 * floor area in 0.01 m² (法释〔2009〕7号 art. 8), kept as an integer so sums stay exact.
 */
export const Unit = z.object({
  unitId: z.string().min(1),
  areaCentiM2: z.int().min(1),
  ownerIds: z.array(z.string().min(1)),
  /** Unsold, or sold but not yet handed over: still the developer's 建设单位 (art. 9). */
  isDeveloperUnsold: z.boolean(),
});
export type Unit = z.infer<typeof Unit>;

/** The units of a compound, checked as a whole (see unitProblems). */
export const Units = z.array(Unit).superRefine((units, ctx) => {
  for (const problem of unitProblems(units)) ctx.addIssue({ code: 'custom', ...problem });
});

/**
 * What makes well-formed units uncountable together: a unit listed twice, a sold unit with no
 * owner, an owner listed twice on a unit. One plain loop, so the pure functions can check
 * 100,000 units cheaply; the Units schema reports the same problems at the edge.
 */
export function unitProblems(units: readonly Unit[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    if (seen.has(unit.unitId)) problems.push({ path: [i, 'unitId'], message: 'unit listed twice' });
    seen.add(unit.unitId);
    if (!unit.isDeveloperUnsold && unit.ownerIds.length === 0) {
      problems.push({ path: [i, 'ownerIds'], message: 'a sold unit has at least one owner' });
    }
    if (unit.ownerIds.length > 1 && new Set(unit.ownerIds).size !== unit.ownerIds.length) {
      problems.push({ path: [i, 'ownerIds'], message: 'an owner listed twice' });
    }
  });
  return problems;
}

function checkUnits(units: readonly Unit[]): void {
  const problems = unitProblems(units);
  // The Unit schema checks areas at the edge; here they are checked again since the sums must be exact.
  units.forEach((unit, i) => {
    if (!Number.isSafeInteger(unit.areaCentiM2) || unit.areaCentiM2 < 1) {
      problems.push({ path: [i, 'areaCentiM2'], message: 'not a positive whole number of 0.01 m²' });
    }
  });
  if (problems.length > 0)
    throw new VoteInputError(problems.map((p) => ({ ...p, path: ['units', ...p.path] })));
}

/** One voice: a household, or an owner as 法释〔2009〕7号 art. 9 counts them. */
export interface Voter {
  key: string;
  /** Sum of the registered exclusive areas of the voter's units, in 0.01 m². */
  areaCentiM2: number;
  unitIds: readonly string[];
}

/** The developer's unsold units count as one owner (art. 9), whatever the register lists. */
export const DEVELOPER_VOTER_KEY = 'developer';

/** The key of the owner voter for a unit held by exactly these owners, in any order. */
export function ownerVoterKey(ownerIds: readonly string[]): string {
  return JSON.stringify(ownerIds.length === 1 ? ownerIds : [...new Set(ownerIds)].sort());
}

/**
 * The owners who vote under Civil Code art. 278, counted as 法释〔2009〕7号 arts. 8–9 say: one per
 * exclusive unit, but all units of one buyer count once, and the developer's unsold units count
 * once. The voter's area is the sum of its units' areas, so an owner of three flats is one head
 * with the area of three flats, and answers once for all of them.
 *
 * Co-owners 共有人 of a unit share that unit's one voice: the unit's set of owners is the buyer.
 * Units group by that exact set, so a person who owns one flat alone and co-owns another with
 * a spouse is two voters (the sole owner, and the couple) — the two flats were bought by two
 * different buyers. Voters come out sorted by key, whatever the order of the units.
 */
export function ownerVoters(units: readonly Unit[]): Voter[] {
  checkUnits(units);
  const byKey = new Map<string, { areaCentiM2: number; unitIds: string[] }>();
  for (const unit of units) {
    const key = unit.isDeveloperUnsold ? DEVELOPER_VOTER_KEY : ownerVoterKey(unit.ownerIds);
    const voter = byKey.get(key);
    if (voter) {
      voter.areaCentiM2 += unit.areaCentiM2;
      voter.unitIds.push(unit.unitId);
    } else {
      byKey.set(key, { areaCentiM2: unit.areaCentiM2, unitIds: [unit.unitId] });
    }
  }
  return sortedKeys(byKey.keys()).map((key) => {
    const voter = byKey.get(key)!;
    return { key, areaCentiM2: voter.areaCentiM2, unitIds: voter.unitIds.sort() };
  });
}

/**
 * The households asked in a door-to-door consultation: one voice per dwelling 户, so an owner of
 * two flats answers for each; the developer's unsold units house no one and are not asked.
 * The voter's key is the unit id.
 */
export function householdVoters(units: readonly Unit[]): Voter[] {
  checkUnits(units);
  const byKey = new Map(units.filter((unit) => !unit.isDeveloperUnsold).map((unit) => [unit.unitId, unit]));
  return sortedKeys(byKey.keys()).map((key) => ({
    key,
    areaCentiM2: byKey.get(key)!.areaCentiM2,
    unitIds: [key],
  }));
}

/** The voters a rule counts: households for the majority rules, owners for the threshold rules. */
export function electorateFor(rule: VoteRule, units: readonly Unit[]): Voter[] {
  return isMajorityRule(rule) ? householdVoters(units) : ownerVoters(units);
}

// The default sort compares UTF-16 code units: the same order on every machine, unlike a locale's.
function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort();
}
