import type { FastifyBaseLogger } from 'fastify';
import { refreshPlannerStatistics } from '../db/database.ts';
import { dropStaleUploads } from '../modules/attachments/attachments.service.ts';
import { removeFiles } from '../modules/attachments/file-store.ts';
import { sweepLadder } from '../modules/ladder/ladder.sweep.ts';
import { closeUnansweredMatters } from '../modules/matters/matters.service.ts';
import { remindInvitees } from '../modules/meetings/convene.service.ts';
import { followUpActionItems } from '../modules/meetings/plan.service.ts';
import type { AppDeps } from './app-types.ts';
import { transact } from './transaction.ts';

/** Work that waits on the clock, not on a request: run once now, then every SWEEP_INTERVAL_SECONDS. */
export async function runSweeps(deps: AppDeps, log: FastifyBaseLogger) {
  try {
    const closed = await transact(deps, null, (tx) =>
      closeUnansweredMatters(tx, deps.config.MATTER_AUTOCLOSE_DAYS),
    );
    if (closed > 0) log.info({ closed }, 'sweep: matters closed without an answer');
    await transact(deps, null, (tx) => remindInvitees(tx));
    const actions = await transact(deps, null, (tx) => followUpActionItems(tx));
    if (actions.reminded + actions.climbed > 0) log.info(actions, 'sweep: action items reminded or climbed');
    const stale = await transact(deps, null, (tx) => dropStaleUploads(tx));
    await removeFiles(deps.config.FILES_DIR, stale.files);
    if (stale.uploads + stale.files.length > 0)
      log.info(
        { uploads: stale.uploads, files: stale.files.length },
        'sweep: unclaimed uploads and unused files removed',
      );
  } catch (error) {
    // A failed sweep is retried at the next tick; it must never take the server down.
    log.error({ err: error }, 'sweep failed');
  }
  try {
    const { warned, escalated } = await sweepLadder(deps, (problemId, error) =>
      log.error({ err: error, problemId }, 'ladder sweep: a step failed; retried at the next tick'),
    );
    if (warned + escalated > 0)
      log.info({ warned, escalated }, 'sweep: deadlines near, overdue problems climbed');
  } catch (error) {
    log.error({ err: error }, 'ladder sweep failed');
  }
  await refreshPlannerStatistics(deps.database, false).catch((error: unknown) =>
    log.error({ err: error }, 'planner statistics not refreshed'),
  );
}

export function startSweeps(deps: AppDeps, log: FastifyBaseLogger): () => void {
  const seconds = deps.config.SWEEP_INTERVAL_SECONDS;
  if (seconds === 0) return () => {};
  void runSweeps(deps, log);
  const timer = setInterval(() => void runSweeps(deps, log), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
