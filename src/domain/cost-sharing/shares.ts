import { apportion, type Claim } from './apportion.ts';
import {
  basisPointsOf,
  type CostPart,
  type CostRule,
  CostSharingPlan,
  cashToShare,
  takesTheRest,
} from './plan.ts';

/** One party's share under one part of the plan. */
export interface ShareLine {
  partyId: string;
  /** Index of the part in the plan; null when no rule was agreed and floor area applied by law. */
  part: number | null;
  rule: CostRule;
  /** False when the share follows Civil Code art. 283 because the plan agreed no rule. */
  agreed: boolean;
  /** In fen; 0 for an unvalued in-kind contribution. */
  amountFen: number;
  /** For in-kind contributions: what is given, and whether the parties put a value on it. */
  inKind?: { description: string; valued: boolean };
}

export interface PartyShare {
  partyId: string;
  /** Cash plus valued in kind; the parties' amounts sum exactly to the plan's total. */
  amountFen: number;
  cashFen: number;
  inKindFen: number;
}

export interface CostShares {
  totalFen: number;
  /** The total less valued in-kind contributions and fixed amounts, shared by the other parts. */
  cashToShareFen: number;
  /** Part by part in plan order; within a group, in the order its parties are listed. */
  lines: ShareLine[];
  /** Every party of the plan, in plan order, with zero for a party that carries nothing. */
  parties: PartyShare[];
}

const ALL = 10_000n; // 100 % in basis points

/**
 * Each party's share of the plan's total, in fen, with the rule that produced it.
 *
 * Rounding is largest remainder (Hamilton) at two levels, with ties going to the smaller id:
 * first the cash to share is split among the parts by their percentages, the rest going to the
 * part that takes it (ties by the part's sorted party ids); then each group's amount is split
 * among its parties, equally or by floor area (ties by party id). So the lines sum exactly to the
 * total, equal shares differ by at most one fen, and reordering the plan's lists changes no
 * party's amount.
 *
 * @throws ZodError when the plan is not valid (see planProblems).
 */
export function costShares(input: CostSharingPlan): CostShares {
  const plan = CostSharingPlan.parse(input);
  const areaOf = new Map(plan.parties.map((p) => [p.partyId, BigInt(p.areaCentiM2 ?? 0)]));
  const cash = cashToShare(plan);
  const lines: ShareLine[] = [];

  if (plan.parts.length === 0) {
    // No agreed rule: floor-area shares (Civil Code art. 283).
    const ids = plan.parties.map((p) => p.partyId);
    const amounts = apportionAmong(cash, ids, 'floorArea', areaOf);
    ids.forEach((partyId, j) => {
      lines.push({ partyId, part: null, rule: 'floorArea', agreed: false, amountFen: amounts[j] ?? 0 });
    });
    return summarise(plan, cash, lines);
  }

  const partAmounts = splitCashAmongParts(plan.parts, cash);
  plan.parts.forEach((part, i) => {
    const amount = partAmounts[i] ?? 0;
    switch (part.rule) {
      case 'inKind':
        lines.push({
          partyId: part.partyId,
          part: i,
          rule: part.rule,
          agreed: true,
          amountFen: part.valueFen ?? 0,
          inKind: { description: part.description, valued: part.valueFen !== null },
        });
        break;
      case 'fixed':
        lines.push({
          partyId: part.partyId,
          part: i,
          rule: part.rule,
          agreed: true,
          amountFen: part.amountFen,
        });
        break;
      case 'percentage':
        lines.push({ partyId: part.partyId, part: i, rule: part.rule, agreed: true, amountFen: amount });
        break;
      case 'equal':
      case 'floorArea': {
        const amounts = apportionAmong(amount, part.partyIds, part.rule, areaOf);
        part.partyIds.forEach((partyId, j) => {
          lines.push({ partyId, part: i, rule: part.rule, agreed: true, amountFen: amounts[j] ?? 0 });
        });
        break;
      }
    }
  });
  return summarise(plan, cash, lines);
}

/** The cash each part carries: its percentage of the cash, the rest to the part that takes it; 0 for fixed and in-kind parts. */
function splitCashAmongParts(parts: readonly CostPart[], cash: number): number[] {
  const shared = parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => basisPointsOf(part) !== null || takesTheRest(part));
  const percentages = shared.reduce((sum, { part }) => sum + BigInt(basisPointsOf(part) ?? 0), 0n);
  const claims: Claim[] = shared.map(({ part }) => ({
    // Parts tie by their parties' ids, then by rule: two parts that still tie split alike.
    tieKey: JSON.stringify(['partyId' in part ? [part.partyId] : [...part.partyIds].sort(), part.rule]),
    weight: takesTheRest(part) ? ALL - percentages : BigInt(basisPointsOf(part) ?? 0),
  }));
  const split = apportion(cash, claims);
  const amounts = parts.map(() => 0);
  shared.forEach(({ index }, k) => {
    amounts[index] = split[k] ?? 0;
  });
  return amounts;
}

function apportionAmong(
  amount: number,
  partyIds: readonly string[],
  rule: 'equal' | 'floorArea',
  areaOf: ReadonlyMap<string, bigint>,
): number[] {
  return apportion(
    amount,
    partyIds.map((partyId) => ({
      tieKey: partyId,
      weight: rule === 'equal' ? 1n : (areaOf.get(partyId) ?? 0n),
    })),
  );
}

function summarise(plan: CostSharingPlan, cash: number, lines: ShareLine[]): CostShares {
  const byParty = new Map<string, PartyShare>(
    plan.parties.map((p) => [p.partyId, { partyId: p.partyId, amountFen: 0, cashFen: 0, inKindFen: 0 }]),
  );
  for (const line of lines) {
    const share = byParty.get(line.partyId);
    if (!share) continue;
    share.amountFen += line.amountFen;
    if (line.rule === 'inKind') share.inKindFen += line.amountFen;
    else share.cashFen += line.amountFen;
  }
  return { totalFen: plan.totalFen, cashToShareFen: cash, lines, parties: [...byParty.values()] };
}
