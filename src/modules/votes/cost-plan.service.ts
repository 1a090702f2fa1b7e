import { costShares } from '../../domain/cost-sharing/shares.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { phaseOf } from './tally-view.ts';
import * as repo from './votes.repo.ts';
import type { CostPlanInput } from './votes.schemas.ts';
import { placeOf, visibleQuestion } from './votes.service.ts';

/** A cost-sharing plan drawn from a closed question: equal per household asked, or by floor area (art. 283). */
export async function makeCostPlan(tx: Tx, id: string, input: CostPlanInput): Promise<void> {
  const q = await visibleQuestion(tx, id);
  const actor = assertCan(tx.actor, 'vote.manage', placeOf(q));
  if (q.state !== 'closed')
    throw new AppError('invalid_state', {
      params: { state: phaseOf(q, tx.now) },
      extra: { state: phaseOf(q, tx.now) },
    });
  if (await repo.findCostPlan(tx.db, id)) throw new AppError('conflict');
  const households = await repo.householdsOfQuestion(tx.db, id);
  const parties = households.map((h) => ({ partyId: h.household_id, areaCentiM2: Number(h.area_centi_m2) }));
  const plan = costShares({
    totalFen: input.totalFen,
    parties,
    parts: input.rule === 'equal' ? [{ rule: 'equal', partyIds: parties.map((p) => p.partyId) }] : [],
  });
  const labelOf = new Map(households.map((h) => [h.household_id, h.label]));
  const shares = plan.parties.map((p) => ({
    householdId: p.partyId,
    label: labelOf.get(p.partyId) ?? '',
    amountFen: p.amountFen,
  }));
  await tx.db
    .insertInto('vote_cost_plans')
    .values({
      question_id: id,
      total_fen: input.totalFen,
      rule: input.rule,
      shares: JSON.stringify(shares),
      created_by: actor.userId,
      created_at: tx.now.toISOString(),
    })
    .execute();
  await recordAudit(tx, {
    action: 'vote.cost_plan',
    entityType: 'vote_question',
    entityId: id,
    changes: {
      totalFen: { to: input.totalFen },
      rule: { to: input.rule },
      households: { to: shares.length },
    },
  });
}
