import type { AppDeps } from '../../server/app-types.ts';
import { transact } from '../../server/transaction.ts';
import {
  escalateIfOverdue,
  nearDeadlineProblemIds,
  overdueProblemIds,
  warnIfNear,
} from './escalation.service.ts';

type OnError = (problemId: string, error: unknown) => void;

/**
 * Warns the handlers of deadlines that are near, then climbs every problem whose deadline passed, each in
 * a transaction of its own. Each step re-reads the problem and changes it only if it still stands as read,
 * so a restart or a second server running the same sweep neither repeats nor doubles a step. A problem
 * whose step fails is reported and left for the next tick; it does not hold up the others.
 */
export async function sweepLadder(
  deps: AppDeps,
  onError: OnError = (_, error) => {
    throw error;
  },
): Promise<{ warned: number; escalated: number }> {
  const reader = { db: deps.database.db };
  const each = async (ids: string[], step: typeof warnIfNear) => {
    let done = 0;
    for (const id of ids) {
      try {
        if (await transact(deps, null, (tx) => step(tx, id))) done++;
      } catch (error) {
        onError(id, error);
      }
    }
    return done;
  };
  const warned = await each(await nearDeadlineProblemIds(reader, new Date()), warnIfNear);
  const escalated = await each(await overdueProblemIds(reader, new Date()), escalateIfOverdue);
  return { warned, escalated };
}
