import type { Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { OrdersTable, ProblemsTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import {
  nextOrderState,
  nextProblemState,
  type OrderEvent,
  type OrderState,
  type ProblemEvent,
  type ProblemState,
} from '../../domain/matters/states.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, canWorkOrder, requireActor } from '../access/policy.ts';
import { claimPhotos } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countChange } from '../figures/rollup.ts';
import { startLevelDeadline } from '../ladder/deadlines.service.ts';
import { findProblem, insertOrder } from '../matters/matters.repo.ts';
import { logEvent } from './timeline.ts';

export type Assignee = { partyId?: string; userId?: string };

function conflict(state: string) {
  return new AppError('invalid_state', { params: { state }, extra: { state } });
}

export async function problemInScope(
  tx: Tx,
  problemId: string,
  action: 'matter.triage' | 'problem.view' | 'problem.note',
) {
  const problem = await findProblem(tx.db, problemId);
  if (!problem) throw new AppError('not_found');
  // A deputy or member who took the problem up follows it and writes on it, wherever it lies.
  if (action !== 'matter.triage' && (await isChampion(tx.db, problemId, tx.actor))) return problem;
  assertCan(tx.actor, action, { path: problem.place_path, kind: 'household' });
  return problem;
}

export async function isChampion(db: Db | Trx, problemId: string, actor: Actor | null) {
  if (!actor) return false;
  const row = await db
    .selectFrom('problem_champions')
    .select('user_id')
    .where('problem_id', '=', problemId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves a problem through its state machine, checked against the state the caller read. */
export async function transitionProblem(
  tx: Tx,
  problem: { id: string; state: string },
  event: ProblemEvent,
  extra: Updateable<ProblemsTable> = {},
) {
  const step = nextProblemState(problem.state as ProblemState, event);
  if (!step.ok) throw conflict(step.current);
  const result = await tx.db
    .updateTable('problems')
    .set({ ...extra, state: step.to, updated_at: tx.now.toISOString() })
    .where('id', '=', problem.id)
    .where('state', '=', problem.state)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw conflict((await findProblem(tx.db, problem.id))?.state ?? '');
  await countChange(tx, { problemId: problem.id });
  if (step.to !== problem.state) {
    await recordAudit(tx, {
      action: `problem.${event}`,
      entityType: 'problem',
      entityId: problem.id,
      changes: { state: { from: problem.state, to: step.to } },
    });
  }
  return step.to;
}

async function assertAssignee(tx: Tx, who: Assignee, field: string) {
  if (who.partyId) {
    const party = await tx.db
      .selectFrom('parties')
      .select('id')
      .where('id', '=', who.partyId)
      .executeTakeFirst();
    if (!party)
      throw new AppError('validation_failed', {
        fields: [{ field: `${field}.partyId`, message: 'not_found' }],
      });
  } else if (who.userId) {
    const user = await tx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', who.userId)
      .where('kind', '=', 'staff')
      .executeTakeFirst();
    if (!user)
      throw new AppError('validation_failed', {
        fields: [{ field: `${field}.userId`, message: 'not_found' }],
      });
  } else {
    throw new AppError('validation_failed', { fields: [{ field, message: 'required' }] });
  }
}

export async function createOrder(
  tx: Tx,
  problemId: string,
  role: 'lead' | 'assist',
  who: Assignee,
  note: string | null,
) {
  const id = uuidv7();
  await insertOrder(tx.db, {
    id,
    problem_id: problemId,
    role,
    party_id: who.partyId ?? null,
    assignee_user_id: who.partyId ? null : (who.userId ?? null),
    state: 'dispatched',
    dispatched_by: tx.actor?.userId ?? null,
    dispatched_at: tx.now.toISOString(),
    taken_by: null,
    taken_at: null,
    reported_at: null,
    report_text: null,
    transferred_to: null,
    note,
  });
  await recordAudit(tx, {
    action: 'order.dispatch',
    entityType: 'order',
    entityId: id,
    changes: { state: { to: 'dispatched' }, role: { to: role }, problem: { to: problemId } },
  });
  return id;
}

function activeLead(tx: Tx, problemId: string) {
  return tx.db
    .selectFrom('orders')
    .select(['id', 'state'])
    .where('problem_id', '=', problemId)
    .where('role', '=', 'lead')
    .where('state', 'in', ['dispatched', 'taken'])
    .executeTakeFirst();
}

/** 派单: one lead 主办 and any assisting 协办 parties or people. */
export async function dispatchProblem(
  tx: Tx,
  problemId: string,
  input: { lead?: Assignee; assisting: Assignee[]; note?: string },
) {
  const problem = await problemInScope(tx, problemId, 'matter.triage');
  if (input.lead) {
    await assertAssignee(tx, input.lead, 'lead');
    if (await activeLead(tx, problemId)) {
      throw new AppError('validation_failed', {
        fields: [
          {
            field: 'lead',
            message: { 'zh-CN': '此问题已有主办单位', en: 'This problem already has a lead handler' },
          },
        ],
      });
    }
  } else if (!(await activeLead(tx, problemId))) {
    throw new AppError('validation_failed', { fields: [{ field: 'lead', message: 'required' }] });
  }
  for (const [i, who] of input.assisting.entries()) await assertAssignee(tx, who, `assisting.${i}`);
  await transitionProblem(tx, problem, 'dispatch');
  if (!problem.deadline_at) await startLevelDeadline(tx, problemId);
  const orderIds: string[] = [];
  if (input.lead) orderIds.push(await createOrder(tx, problemId, 'lead', input.lead, input.note ?? null));
  for (const who of input.assisting)
    orderIds.push(await createOrder(tx, problemId, 'assist', who, input.note ?? null));
  await logEvent(tx, problemId, 'dispatched', { data: { orderIds } });
  return orderIds;
}

async function workableOrder(tx: Tx, orderId: string) {
  const order = await tx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) throw new AppError('not_found');
  if (!canWorkOrder(tx.actor, order)) {
    const problem = await findProblem(tx.db, order.problem_id);
    // Dispatchers may also act for a party that has no account here (a utility, a college), as an office
    // records a paper reply; everyone else is refused.
    assertCan(tx.actor, 'matter.triage', { path: problem?.place_path ?? '/', kind: 'household' });
  }
  return order;
}

export async function moveOrder(
  tx: Tx,
  order: { id: string; state: string },
  event: OrderEvent,
  changes: Updateable<OrdersTable>,
) {
  const step = nextOrderState(order.state as OrderState, event);
  if (!step.ok) throw conflict(step.current);
  // The conditional update is the arbiter: of two people taking one order at once, exactly one matches.
  const result = await tx.db
    .updateTable('orders')
    .set({ ...changes, state: step.to })
    .where('id', '=', order.id)
    .where('state', '=', order.state)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const now = await tx.db
      .selectFrom('orders')
      .select('state')
      .where('id', '=', order.id)
      .executeTakeFirst();
    throw conflict(now?.state ?? '');
  }
  await recordAudit(tx, {
    action: `order.${event}`,
    entityType: 'order',
    entityId: order.id,
    changes: { state: { from: order.state, to: step.to } },
  });
}

/** 接单: the handler takes the order; the problem is then in progress. */
export async function takeOrder(tx: Tx, orderId: string) {
  const actor = requireActor(tx.actor);
  const order = await workableOrder(tx, orderId);
  await moveOrder(tx, order, 'take', { taken_by: actor.userId, taken_at: tx.now.toISOString() });
  const problem = await findProblem(tx.db, order.problem_id);
  if (problem?.state === 'dispatched') {
    await transitionProblem(tx, problem, 'start', {
      first_taken_at: problem.first_taken_at ?? tx.now.toISOString(),
    });
  }
  await logEvent(tx, order.problem_id, 'taken', { data: { orderId } });
}

/** The handler reports its part with evidence; the lead's report resolves the problem. */
export async function reportOrder(
  tx: Tx,
  orderId: string,
  input: { text: string; publicReply?: string; photoIds?: string[] },
) {
  const order = await workableOrder(tx, orderId);
  await moveOrder(tx, order, 'report', { reported_at: tx.now.toISOString(), report_text: input.text });
  const eventId = await logEvent(tx, order.problem_id, 'reported', {
    text: input.text,
    data: { orderId, role: order.role },
  });
  await claimPhotos(tx, input.photoIds ?? [], { eventId });
  if (order.role === 'lead') {
    const problem = await findProblem(tx.db, order.problem_id);
    if (!problem) throw new AppError('not_found');
    await transitionProblem(tx, problem, 'resolve', { resolved_at: tx.now.toISOString() });
    await logEvent(tx, order.problem_id, 'resolved', {
      visibility: 'public',
      text: input.publicReply ?? null,
    });
    if (input.publicReply)
      await logEvent(tx, order.problem_id, 'reply', { visibility: 'public', text: input.publicReply });
  }
  return eventId;
}

/** 转办: the order goes on to the party truly responsible, as a new order of the same role. */
export async function transferOrder(tx: Tx, orderId: string, input: { to: Assignee; reason: string }) {
  const order = await workableOrder(tx, orderId);
  await assertAssignee(tx, input.to, 'to');
  const newId = await createOrder(tx, order.problem_id, order.role, input.to, input.reason);
  await moveOrder(tx, order, 'transfer', { transferred_to: newId, note: input.reason });
  await logEvent(tx, order.problem_id, 'transferred', {
    text: input.reason,
    data: { from: orderId, to: newId },
  });
  return newId;
}

/** 重办: a dissatisfied submitter reopens a resolved problem; its lead is dispatched again. */
export async function reopenProblem(tx: Tx, problemId: string, reason: string | null) {
  const problem = await findProblem(tx.db, problemId);
  if (!problem) throw new AppError('not_found');
  await transitionProblem(tx, problem, 'reopen', {
    reopen_count: problem.reopen_count + 1,
    resolved_at: null,
  });
  const lastLead = await tx.db
    .selectFrom('orders')
    .select(['party_id', 'assignee_user_id'])
    .where('problem_id', '=', problemId)
    .where('role', '=', 'lead')
    .where('state', '=', 'reported')
    .orderBy('reported_at', 'desc')
    .executeTakeFirst();
  if (lastLead) {
    await createOrder(
      tx,
      problemId,
      'lead',
      { partyId: lastLead.party_id ?? undefined, userId: lastLead.assignee_user_id ?? undefined },
      reason,
    );
  }
  // 重办 gives the handler a fresh period at the problem's level.
  await startLevelDeadline(tx, problemId);
  await logEvent(tx, problemId, 'reopened', { data: { reopenCount: problem.reopen_count + 1 } });
}
