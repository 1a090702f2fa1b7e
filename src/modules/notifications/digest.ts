import { TZDate } from '@date-fns/tz';
import { pathInScope } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import { CHINA_TIME_ZONE, localDayOf } from '../../domain/deadlines/civil-day.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import { digestText } from '../../domain/notifications/digest.ts';
import type { AppDeps } from '../../server/app-types.ts';
import { transact } from '../../server/transaction.ts';
import { scopeOf } from '../access/policy.ts';
import { loadActor } from '../auth/session.plugin.ts';
import { notify } from './notify.ts';

const day = 24 * 60 * 60 * 1000;

/**
 * Sends each staff member who chose it their daily digest, once per Asia/Shanghai day after DIGEST_HOUR:
 * new problems of the last day, overdue ones, and those due within a day, all within their scope. The
 * digest row is claimed first, so several servers send it once. Returns how many were sent.
 */
export async function sendDigests(deps: AppDeps, now = new Date()): Promise<number> {
  if (new TZDate(now, CHINA_TIME_ZONE).getHours() < deps.config.DIGEST_HOUR) return 0;
  const today = localDayOf(now, CHINA_TIME_ZONE);
  const db = deps.database.db;
  const chosen = await db
    .selectFrom('notification_preferences')
    .innerJoin('users', 'users.id', 'notification_preferences.user_id')
    .select(['users.id', 'users.person_id', 'users.kind'])
    .where('notification_preferences.kind', '=', 'digest')
    .where('notification_preferences.enabled', '=', 1)
    .where('users.kind', '=', 'staff')
    .where('users.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_digests')
            .select('user_id')
            .whereRef('notification_digests.user_id', '=', 'users.id')
            .where('notification_digests.day', '=', today),
        ),
      ),
    )
    .execute();
  let sent = 0;
  for (const user of chosen) {
    // Read before the transaction: SQLite has one connection, held by an open transaction.
    const text = digestText(today, await figuresFor(db, user, now));
    const sentNow = await transact(deps, null, async (tx) => {
      const claim = await tx.db
        .insertInto('notification_digests')
        .values({ user_id: user.id, day: today, sent_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0 || !text) return false;
      await notify(tx, { kind: 'digest', to: { userIds: [user.id] }, ...text, link: '/workbench/problems' });
      return true;
    });
    if (sentNow) sent++;
  }
  return sent;
}

async function figuresFor(
  db: Db,
  user: { id: string; person_id: string; kind: 'staff' | 'resident' },
  now: Date,
) {
  const actor = await loadActor(db, { userId: user.id, personId: user.person_id, kind: user.kind }, 'digest');
  const scope = scopeOf(actor, 'problem.view');
  const at = now.toISOString();
  const base = db
    .selectFrom('problems')
    .select(['title'])
    .where((eb) => pathInScope(eb.ref('place_path'), scope))
    .orderBy('priority', 'desc')
    .limit(50);
  const [fresh, overdue, nearDeadline] = await Promise.all([
    base.where('created_at', '>=', new Date(now.getTime() - day).toISOString()).execute(),
    base
      .where('state', 'in', [...unsolvedProblemStates])
      .where('deadline_at', '<', at)
      .execute(),
    base
      .where('state', 'in', [...unsolvedProblemStates])
      .where('deadline_at', '>=', at)
      .where('deadline_at', '<', new Date(now.getTime() + day).toISOString())
      .execute(),
  ]);
  return { fresh, overdue, nearDeadline };
}
