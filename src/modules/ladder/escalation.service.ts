import type { Selectable } from 'kysely';
import type { ProblemsTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { levelsAbove } from '../../domain/ladder/ladder.ts';
import { isUnsolved, unsolvedProblemStates } from '../../domain/matters/states.ts';
import { type Level, levelNames } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, canWorkOrder } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countChange } from '../figures/rollup.ts';
import { findProblem } from '../matters/matters.repo.ts';
import { type Audience, audienceUserIds, notify } from '../notifications/notify.ts';
import { type Handler, proposedHandler } from '../problems/dispatch-catalogue.ts';
import { createOrder, moveOrder, transitionProblem } from '../problems/orders.service.ts';
import { logEvent } from '../problems/timeline.ts';
import { levelDeadline } from './deadlines.service.ts';

type Problem = Selectable<ProblemsTable>;

/** Who answers for a level when the catalogue names nobody: the community office, or the street/town. */
const officeOf: Record<Level, Role[]> = {
  compound: ['community_staff', 'community_secretary'],
  community: ['community_staff', 'community_secretary'],
  joint_meeting: ['community_secretary'],
  street: ['street_officer'],
};

export type Rung = { level: Level; handler: Handler | undefined };

/**
 * Where a problem climbs: the nearest level above with a handler in the dispatch catalogue (a level the
 * community does not staff is passed over), or the next level, whose office then hears of it.
 */
export async function nextRung(tx: Pick<Tx, 'db'>, problem: Problem): Promise<Rung | undefined> {
  const above = levelsAbove(problem.level as Level);
  for (const level of above) {
    const handler = await proposedHandler(tx.db, problem, level);
    if (handler && (handler.partyId || handler.userId)) return { level, handler };
  }
  const [next] = above;
  return next ? { level: next, handler: undefined } : undefined;
}

export function activeLeadOrder(tx: Pick<Tx, 'db'>, problemId: string) {
  return tx.db
    .selectFrom('orders')
    .select(['id', 'state', 'party_id', 'assignee_user_id'])
    .where('problem_id', '=', problemId)
    .where('role', '=', 'lead')
    .where('state', 'in', ['dispatched', 'taken'])
    .executeTakeFirst();
}

/** The handler of a problem now: its lead order's party or person, or when nobody there has an account, the office of its level. */
export async function handlerAudience(tx: Tx, problem: Problem): Promise<Audience> {
  const lead = await activeLeadOrder(tx, problem.id);
  if (lead) {
    const audience = { partyIds: [lead.party_id], userIds: [lead.assignee_user_id] };
    if ((await audienceUserIds(tx, audience)).length > 0) return audience;
  }
  return { rolesAt: { roles: officeOf[problem.level as Level], placePath: problem.place_path } };
}

/**
 * One climb. The level and deadline change only where the problem still stands where the caller saw it,
 * so of two sweeps (or a sweep and a person) seeing the same overdue problem exactly one climbs it.
 * Returns false when someone else moved it first.
 */
async function climb(
  tx: Tx,
  problem: Problem,
  rung: Rung,
  reason: string,
  by: 'handler' | 'deadline',
): Promise<boolean> {
  const deadline = await levelDeadline(tx, problem, rung.level);
  let update = tx.db
    .updateTable('problems')
    .set({ ...deadline, level: rung.level, updated_at: tx.now.toISOString() })
    .where('id', '=', problem.id)
    .where('level', '=', problem.level)
    .where('state', '=', problem.state);
  if (by === 'deadline' && problem.deadline_at)
    update = update.where('deadline_at', '=', problem.deadline_at);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  // The figures count problems by level and deadline: they move in the same transaction.
  await countChange(tx, { problemId: problem.id });

  let orderId: string | null = null;
  const handler = rung.handler;
  if (handler) {
    const who = handler.partyId ? { partyId: handler.partyId } : { userId: handler.userId ?? undefined };
    const lead = await activeLeadOrder(tx, problem.id);
    orderId = await createOrder(tx, problem.id, 'lead', who, reason);
    // The lower level's lead order is handed on 转办 to the new handler: one lead at a time.
    if (lead) await moveOrder(tx, lead, 'transfer', { transferred_to: orderId, note: reason });
    if (problem.state === 'open') await transitionProblem(tx, problem, 'dispatch');
  }
  await logEvent(tx, problem.id, 'escalated', {
    text: reason,
    data: { from: problem.level, to: rung.level, by, orderId },
  });
  const levelName = levelNames[rung.level]['zh-CN'];
  await notify(tx, {
    kind: 'escalated',
    to: handler
      ? { partyIds: [handler.partyId], userIds: [handler.userId] }
      : { rolesAt: { roles: officeOf[rung.level], placePath: problem.place_path } },
    title: `问题升级至${levelName}：${problem.title}`,
    body: reason,
    link: `/workbench/problems/${problem.id}`,
    problemId: problem.id,
    data: { from: problem.level, to: rung.level, by, deadlineAt: deadline.deadline_at },
  });
  await recordAudit(tx, {
    action: 'problem.escalate',
    entityType: 'problem',
    entityId: problem.id,
    changes: {
      level: { from: problem.level, to: rung.level },
      deadline_at: { from: problem.deadline_at, to: deadline.deadline_at },
      reason: { to: reason },
      by: { to: by },
    },
  });
  return true;
}

/** Whether the actor may send this problem up: a dispatcher of its place, or whoever holds its lead order. */
export async function mayEscalate(tx: Tx, problem: Problem): Promise<boolean> {
  if (can(tx.actor, 'problem.escalate', { path: problem.place_path, kind: 'household' })) return true;
  const lead = await activeLeadOrder(tx, problem.id);
  return lead !== undefined && canWorkOrder(tx.actor, lead);
}

/** A handler sends the problem up the ladder with a reason 上报. */
export async function escalateProblem(tx: Tx, problemId: string, reason: string): Promise<Level> {
  const problem = await findProblem(tx.db, problemId);
  if (!problem) throw new AppError('not_found');
  if (!(await mayEscalate(tx, problem))) {
    const sees = can(tx.actor, 'problem.view', { path: problem.place_path, kind: 'household' });
    throw new AppError(sees ? 'forbidden' : tx.actor ? 'not_found' : 'unauthenticated');
  }
  if (!isUnsolved(problem.state)) {
    throw new AppError('invalid_state', {
      params: { state: problem.state },
      extra: { state: problem.state },
    });
  }
  const rung = await nextRung(tx, problem);
  if (!rung) {
    throw new AppError('invalid_state', {
      params: { state: problem.level },
      extra: { state: problem.level },
    });
  }
  if (!(await climb(tx, problem, rung, reason, 'handler'))) {
    const now = await findProblem(tx.db, problemId);
    throw new AppError('invalid_state', {
      params: { state: now?.state ?? '' },
      extra: { state: now?.state },
    });
  }
  return rung.level;
}

const OVERDUE_REASON = '超过本级办理期限未办结，自动升级';

/** The running problems whose deadline at their level has passed and that have a level to climb to. */
export async function overdueProblemIds(tx: { db: Db | Trx }, now: Date, limit = 200): Promise<string[]> {
  const rows = await tx.db
    .selectFrom('problems')
    .select('id')
    .where('state', 'in', [...unsolvedProblemStates])
    .where('deadline_at', '<=', now.toISOString())
    .where('level', '!=', 'street')
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The sweep's step for one problem: climbs it once if its deadline passed, by the state it reads now. */
export async function escalateIfOverdue(tx: Tx, problemId: string): Promise<boolean> {
  const problem = await findProblem(tx.db, problemId);
  if (!problem?.deadline_at || problem.deadline_at > tx.now.toISOString()) return false;
  if (!isUnsolved(problem.state)) return false;
  const rung = await nextRung(tx, problem);
  if (!rung) return false;
  return climb(tx, problem, rung, OVERDUE_REASON, 'deadline');
}

export async function nearDeadlineProblemIds(
  tx: { db: Db | Trx },
  now: Date,
  limit = 200,
): Promise<string[]> {
  const at = now.toISOString();
  const rows = await tx.db
    .selectFrom('problems')
    .select('id')
    .where('state', 'in', [...unsolvedProblemStates])
    .where('deadline_warn_at', '<=', at)
    .where('deadline_warned_at', 'is', null)
    .where('deadline_at', '>', at)
    .orderBy('deadline_warn_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Tells the handler, once per deadline, that it is near. */
export async function warnIfNear(tx: Tx, problemId: string): Promise<boolean> {
  const problem = await findProblem(tx.db, problemId);
  const at = tx.now.toISOString();
  if (!problem?.deadline_at || !problem.deadline_warn_at || problem.deadline_warned_at) return false;
  if (problem.deadline_warn_at > at || problem.deadline_at <= at) return false;
  const result = await tx.db
    .updateTable('problems')
    .set({ deadline_warned_at: at })
    .where('id', '=', problemId)
    .where('deadline_warned_at', 'is', null)
    .where('deadline_at', '=', problem.deadline_at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const due = new Date(problem.deadline_at).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });
  await notify(tx, {
    kind: 'deadline_near',
    to: await handlerAudience(tx, problem),
    title: `即将超期：${problem.title}`,
    body: `本级办理期限 ${due}${problem.deadline_provisional ? '（暂定）' : ''}，逾期将自动升级。`,
    link: `/workbench/problems/${problem.id}`,
    problemId: problem.id,
    data: { level: problem.level, deadlineAt: problem.deadline_at },
  });
  return true;
}
