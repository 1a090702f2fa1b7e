import { uuidv7 } from 'uuidv7';
import { arrivedInTime } from '../../domain/ladder/ladder.ts';
import { isUnsolved } from '../../domain/matters/states.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan, can, canWorkOrder, requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { notify } from '../notifications/notify.ts';
import { createOrder, problemInScope, takeOrder, transitionProblem } from '../problems/orders.service.ts';
import { logEvent } from '../problems/timeline.ts';
import { activeLeadOrder } from './escalation.service.ts';

function fieldError(field: string, zh: string, en: string) {
  return new AppError('validation_failed', { fields: [{ field, message: { 'zh-CN': zh, en } }] });
}

/**
 * 吹哨: at the street/town level an officer summons departments to the problem, to report in 报到 by
 * `arriveBy`. Each department's part is an order of its own (the first is the lead when there is none).
 */
export async function blowWhistle(
  tx: Tx,
  problemId: string,
  input: { partyIds: string[]; arriveBy: string; note?: string },
): Promise<string> {
  const problem = await problemInScope(tx, problemId, 'problem.view');
  const actor = assertCan(tx.actor, 'problem.whistle', { path: problem.place_path, kind: 'household' });
  if (problem.level !== 'street') {
    throw new AppError('invalid_state', {
      params: { state: problem.level },
      extra: { state: problem.level },
    });
  }
  if (!isUnsolved(problem.state)) {
    throw new AppError('invalid_state', {
      params: { state: problem.state },
      extra: { state: problem.state },
    });
  }
  if (Date.parse(input.arriveBy) <= tx.now.getTime()) {
    throw fieldError('arriveBy', '报到期限须晚于现在', 'The arrival deadline must be in the future');
  }
  const partyIds = [...new Set(input.partyIds)];
  const found = await tx.db.selectFrom('parties').select('id').where('id', 'in', partyIds).execute();
  if (found.length !== partyIds.length) {
    throw new AppError('validation_failed', { fields: [{ field: 'partyIds', message: 'not_found' }] });
  }
  const whistleId = uuidv7();
  const arriveBy = new Date(input.arriveBy).toISOString();
  await tx.db
    .insertInto('whistles')
    .values({
      id: whistleId,
      problem_id: problemId,
      blown_by: actor.userId,
      blown_at: tx.now.toISOString(),
      arrive_by: arriveBy,
      note: input.note ?? null,
    })
    .execute();
  let hasLead = (await activeLeadOrder(tx, problemId)) !== undefined;
  for (const partyId of partyIds) {
    const orderId = await createOrder(
      tx,
      problemId,
      hasLead ? 'assist' : 'lead',
      { partyId },
      input.note ?? '吹哨报到',
    );
    hasLead = true;
    await tx.db
      .insertInto('whistle_summons')
      .values({
        id: uuidv7(),
        whistle_id: whistleId,
        party_id: partyId,
        order_id: orderId,
        reported_in_at: null,
        reported_in_by: null,
      })
      .execute();
  }
  if (problem.state === 'open') await transitionProblem(tx, problem, 'dispatch');
  await logEvent(tx, problemId, 'whistled', {
    text: input.note ?? null,
    data: { whistleId, partyIds, arriveBy },
  });
  const by = new Date(arriveBy).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  await notify(tx, {
    kind: 'whistle',
    to: { partyIds },
    title: `吹哨报到：${problem.title}`,
    body: `请于 ${by} 前报到。${input.note ?? ''}`,
    link: `/workbench/problems/${problemId}`,
    problemId,
    data: { whistleId, arriveBy },
  });
  await recordAudit(tx, {
    action: 'problem.whistle',
    entityType: 'problem',
    entityId: problemId,
    changes: { whistle: { to: whistleId }, parties: { to: partyIds.join(',') }, arrive_by: { to: arriveBy } },
  });
  return whistleId;
}

/**
 * 报到: a summoned department reports in; the time is recorded and its order is taken. A dispatcher may
 * record it for a department without an account here, as an office notes who came.
 */
export async function reportIn(tx: Tx, summonsId: string): Promise<{ onTime: boolean }> {
  const actor = requireActor(tx.actor);
  const summons = await tx.db
    .selectFrom('whistle_summons')
    .innerJoin('whistles', 'whistles.id', 'whistle_summons.whistle_id')
    .innerJoin('orders', 'orders.id', 'whistle_summons.order_id')
    .select([
      'whistle_summons.id',
      'whistle_summons.party_id',
      'whistle_summons.reported_in_at',
      'whistles.id as whistle_id',
      'whistles.problem_id',
      'whistles.arrive_by',
      'whistles.blown_by',
      'orders.id as order_id',
      'orders.state as order_state',
      'orders.assignee_user_id',
    ])
    .where('whistle_summons.id', '=', summonsId)
    .executeTakeFirst();
  if (!summons) throw new AppError('not_found');
  const problem = await findProblem(tx.db, summons.problem_id);
  if (!problem) throw new AppError('not_found');
  const order = { party_id: summons.party_id, assignee_user_id: summons.assignee_user_id };
  const place = { path: problem.place_path, kind: 'household' as const };
  if (!canWorkOrder(actor, order) && !can(actor, 'matter.triage', place)) {
    throw new AppError(can(actor, 'problem.view', place) ? 'forbidden' : 'not_found');
  }
  const at = tx.now.toISOString();
  const result = await tx.db
    .updateTable('whistle_summons')
    .set({ reported_in_at: at, reported_in_by: actor.userId })
    .where('id', '=', summonsId)
    .where('reported_in_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError('invalid_state', {
      params: { state: 'reported_in' },
      extra: { state: 'reported_in' },
    });
  }
  if (summons.order_state === 'dispatched') await takeOrder(tx, summons.order_id);
  const onTime = arrivedInTime(tx.now, new Date(summons.arrive_by));
  const party = await tx.db
    .selectFrom('parties')
    .select('name')
    .where('id', '=', summons.party_id)
    .executeTakeFirstOrThrow();
  await logEvent(tx, problem.id, 'reported_in', {
    text: `${party.name}${onTime ? '按时报到' : '逾期报到'}`,
    data: { summonsId, partyId: summons.party_id, onTime },
  });
  await notify(tx, {
    kind: 'reported_in',
    to: { userIds: [summons.blown_by] },
    title: `${party.name}已报到：${problem.title}`,
    link: `/workbench/problems/${problem.id}`,
    problemId: problem.id,
    data: { summonsId, onTime },
  });
  await recordAudit(tx, {
    action: 'whistle.report_in',
    entityType: 'whistle_summons',
    entityId: summonsId,
    changes: { reported_in_at: { to: at }, on_time: { to: onTime } },
  });
  return { onTime };
}
