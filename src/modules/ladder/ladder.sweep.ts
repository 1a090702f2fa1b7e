import type { AppDeps } from '../../server/app-types.ts';
import { transact } from '../../server/transaction.ts';
import {
  escalateIfOverdue,
  nearDeadlineProblemIds,
  overdueProblemIds,
  warnIfNear,
} from './escalation.service.ts';

/**
 * Warns the handlers of deadlines that are near, then climbs every problem whose deadline passed, each in
 * a transaction of its own. Each step re-reads the problem and changes it only if it still stands as read,
 * so a restart or a second server running the same sweep neither repeats nor doubles a step.
 */
export async function sweepLadder(deps: AppDeps): Promise<{ warned: number; escalated: number }> {
  const reader = { db: deps.database.db };
  let warned = 0;
  for (const id of await nearDeadlineProblemIds(reader, new Date())) {
    if (await transact(deps, null, (tx) => warnIfNear(tx, id))) warned++;
  }
  let escalated = 0;
  for (const id of await overdueProblemIds(reader, new Date())) {
    if (await transact(deps, null, (tx) => escalateIfOverdue(tx, id))) escalated++;
  }
  return { warned, escalated };
}
