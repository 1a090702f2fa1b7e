import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { CHINA_TIME_ZONE } from '../../domain/deadlines/civil-day.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import type { AppDeps } from '../../server/app-types.ts';
import { transact } from '../../server/transaction.ts';
import { placeActions } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { notify } from './notify.ts';

const window = 24 * 60 * 60 * 1000;

/**
 * Tells the handlers of a problem, and the dispatchers at its place, once its deadline is less than a day
 * away and it is still being worked on. One reminder per problem and deadline, claimed by a row, so several
 * servers send it once and a deadline moved later earns a new one. Returns how many problems were told of.
 */
export async function remindNearDeadlines(deps: AppDeps, now = new Date()): Promise<number> {
  const db = deps.database.db;
  const due = await db
    .selectFrom('problems')
    .select(['id', 'title', 'place_path', 'deadline_at'])
    .where('state', 'in', [...unsolvedProblemStates])
    .where('deadline_at', '>', now.toISOString())
    .where('deadline_at', '<=', new Date(now.getTime() + window).toISOString())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_reminders as r')
            .select('r.problem_id')
            .whereRef('r.problem_id', '=', 'problems.id')
            .whereRef('r.deadline_at', '=', 'problems.deadline_at'),
        ),
      ),
    )
    .limit(200)
    .execute();
  let told = 0;
  for (const problem of due) {
    const deadline = problem.deadline_at;
    if (!deadline) continue;
    const sent = await transact(deps, null, async (tx) => {
      const claim = await tx.db
        .insertInto('notification_reminders')
        .values({ problem_id: problem.id, deadline_at: deadline, sent_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['problem_id', 'deadline_at']).doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const orders = await tx.db
        .selectFrom('orders')
        .select(['party_id', 'assignee_user_id'])
        .where('problem_id', '=', problem.id)
        .where('state', 'in', ['dispatched', 'taken'])
        .execute();
      await notify(tx, {
        kind: 'deadline_near',
        to: {
          partyIds: orders.map((o) => o.party_id),
          userIds: orders.map((o) => o.assignee_user_id),
          rolesAt: { roles: placeActions['matter.triage'] as readonly Role[], placePath: problem.place_path },
        },
        title: `临近期限：${problem.title}`,
        body: `请于 ${format(new TZDate(deadline, CHINA_TIME_ZONE), 'M月d日 HH:mm')} 前办结`,
        link: `/workbench/problems/${problem.id}`,
        problemId: problem.id,
      });
      return true;
    });
    if (sent) told++;
  }
  return told;
}
