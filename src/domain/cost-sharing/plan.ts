import { z } from 'zod';

/**
 * A cost-sharing plan 费用分摊方案, as a consultation meeting's resolution fixes it. Amounts are
 * integers in fen 分; percentages are integers in basis points (1 % = 100, 100 % = 10,000) so
 * that every share is exact.
 *
 * How the total is covered, in this order:
 * 1. In kind 实物 (materials, labour): a valued contribution is that party's share at its value,
 *    and the cash the others share is the total less that value — so the total is the item's
 *    full cost, materials included. An unvalued one is recorded with no amount, and the total
 *    is then the cash cost alone.
 * 2. Fixed amounts 定额.
 * 3. The cash left to share is divided by the parts with a percentage: a party's percentage, or a
 *    group's, shared equally per household 平摊 or by exclusive floor area 按面积.
 * 4. At most one group has no percentage: it takes the rest. Without such a group the
 *    percentages add up to 100 %.
 * With no parts at all there is no agreed rule, and the whole cost follows the parties' floor
 * area shares (Civil Code art. 283: 没有约定或者约定不明确的，按照业主专有部分面积所占比例确定).
 */

const PartyId = z.string().min(1);
const Fen = z.int().min(0);
const BasisPoints = z.int().min(0).max(10_000);

export const CostParty = z.object({
  partyId: PartyId,
  /** Registered exclusive floor area in 0.01 m², for sharing by floor area. */
  areaCentiM2: z.int().min(1).optional(),
});
export type CostParty = z.infer<typeof CostParty>;

export const CostPart = z.discriminatedUnion('rule', [
  z.object({
    rule: z.literal('inKind'),
    partyId: PartyId,
    description: z.string().min(1),
    /** What the parties agreed the contribution is worth; null when they did not value it. */
    valueFen: Fen.nullable(),
  }),
  z.object({ rule: z.literal('fixed'), partyId: PartyId, amountFen: Fen }),
  z.object({ rule: z.literal('percentage'), partyId: PartyId, basisPoints: BasisPoints }),
  z.object({
    rule: z.literal('equal'),
    partyIds: z.array(PartyId).min(1),
    basisPoints: BasisPoints.optional(),
  }),
  z.object({
    rule: z.literal('floorArea'),
    partyIds: z.array(PartyId).min(1),
    basisPoints: BasisPoints.optional(),
  }),
]);
export type CostPart = z.infer<typeof CostPart>;
export type CostRule = CostPart['rule'];

type Path = (string | number)[];
export interface PlanProblem {
  path: Path;
  message: string;
}

const planShape = z.object({
  totalFen: Fen,
  /** Everyone named in the plan. */
  parties: z.array(CostParty),
  /** Empty when no rule was agreed (Civil Code art. 283). */
  parts: z.array(CostPart),
});

export const CostSharingPlan = planShape.superRefine((plan, ctx) => {
  for (const problem of planProblems(plan)) ctx.addIssue({ code: 'custom', ...problem });
});
export type CostSharingPlan = z.infer<typeof planShape>;

/** The cash left to share once valued in-kind contributions and fixed amounts are taken off. */
export function cashToShare(plan: CostSharingPlan): number {
  let cash = plan.totalFen;
  for (const part of plan.parts) {
    if (part.rule === 'fixed') cash -= part.amountFen;
    if (part.rule === 'inKind') cash -= part.valueFen ?? 0;
  }
  return cash;
}

/** Whether the part takes the rest of the cash (a group with no percentage of its own). */
export function takesTheRest(part: CostPart): boolean {
  return (part.rule === 'equal' || part.rule === 'floorArea') && part.basisPoints === undefined;
}

/** The percentage of the cash to share that a part carries, in basis points; null for fixed, in-kind and rest parts. */
export function basisPointsOf(part: CostPart): number | null {
  switch (part.rule) {
    case 'percentage':
      return part.basisPoints;
    case 'equal':
    case 'floorArea':
      return part.basisPoints ?? null;
    default:
      return null;
  }
}

/** Why a plan cannot be shared out, each with the path of the field at fault. */
export function planProblems(plan: CostSharingPlan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });
  const areaOf = new Map<string, number | undefined>();
  plan.parties.forEach((party, i) => {
    if (areaOf.has(party.partyId)) add(['parties', i, 'partyId'], `${party.partyId} is listed twice`);
    areaOf.set(party.partyId, party.areaCentiM2);
  });
  const known = (path: Path, partyId: string) => {
    if (!areaOf.has(partyId)) add(path, `${partyId} is not a party to the plan`);
  };

  let covered = 0; // fen covered by fixed amounts and valued in-kind contributions
  let basisPoints = 0;
  let restPart: number | null = null;
  plan.parts.forEach((part, i) => {
    if ('partyId' in part) known(['parts', i, 'partyId'], part.partyId);
    if (part.rule === 'fixed' || (part.rule === 'inKind' && part.valueFen !== null)) {
      const field = part.rule === 'fixed' ? 'amountFen' : 'valueFen';
      const before = covered;
      covered += part.rule === 'fixed' ? part.amountFen : (part.valueFen ?? 0);
      if (before <= plan.totalFen && covered > plan.totalFen) {
        add(
          ['parts', i, field],
          `fixed amounts and valued in-kind contributions come to more than the total ${fen(plan.totalFen)}`,
        );
      }
    }
    if (part.rule === 'equal' || part.rule === 'floorArea') {
      const seen = new Set<string>();
      part.partyIds.forEach((partyId, j) => {
        const path = ['parts', i, 'partyIds', j];
        known(path, partyId);
        if (seen.has(partyId)) add(path, `${partyId} is listed twice in this part`);
        seen.add(partyId);
        if (part.rule === 'floorArea' && areaOf.has(partyId) && areaOf.get(partyId) === undefined) {
          add(path, `${partyId} has no floor area to share by`);
        }
      });
    }
    if (takesTheRest(part)) {
      if (restPart !== null)
        add(['parts', i, 'basisPoints'], `only one part can take the rest; part ${restPart} already does`);
      restPart ??= i;
    }
    basisPoints += basisPointsOf(part) ?? 0;
  });

  const cash = plan.totalFen - covered;
  if (basisPoints > 10_000) {
    add(['parts'], `the percentages add up to ${percent(basisPoints)}, more than 100 %`);
  } else if (restPart === null && cash > 0 && plan.parts.length > 0 && basisPoints !== 10_000) {
    add(
      ['parts'],
      basisPoints === 0
        ? `no part pays the remaining ${fen(cash)}`
        : `the percentages add up to ${percent(basisPoints)}, not 100 %`,
    );
  }

  if (plan.parts.length === 0 && plan.totalFen > 0) {
    // No agreed rule: the cost follows floor area (Civil Code art. 283).
    if (plan.parties.length === 0) add(['parties'], 'no party to share the cost');
    plan.parties.forEach((party, i) => {
      if (party.areaCentiM2 === undefined) {
        add(
          ['parties', i, 'areaCentiM2'],
          'with no agreed rule the cost follows floor area (Civil Code art. 283)',
        );
      }
    });
  }
  return problems;
}

function fen(amount: number): string {
  return `${amount.toLocaleString('en')} fen`;
}
function percent(basisPoints: number): string {
  return `${basisPoints / 100} %`;
}
