import type { Insertable } from 'kysely';
import type { ExportJobsTable } from '../../db/schema-exports.ts';
import type { Db, Trx } from '../../db/transaction.ts';

// All SQL of the export jobs. A job is claimed, advanced and finished only by the server whose name it
// carries; a server that stopped beating its heart for STALE_MS has its job taken over.

export type ExportJob = ExportJobsTable;

export async function insertJob(db: Trx, row: Insertable<ExportJobsTable>) {
  await db.insertInto('export_jobs').values(row).execute();
}

export function findJob(db: Db | Trx, id: string) {
  return db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function jobsOf(db: Db, userId: string, since: string) {
  return db
    .selectFrom('export_jobs')
    .selectAll()
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

/** Jobs waiting, or left running by a server that went quiet before `staleBefore`: oldest first. */
export async function claimableJobIds(db: Db, staleBefore: string) {
  const rows = await db
    .selectFrom('export_jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('state', '=', 'pending'),
        eb.and([eb('state', '=', 'running'), eb('heartbeat_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('created_at')
    .limit(10)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes the job for `worker` if it is still claimable; two servers trying at once, one wins. */
export async function claimJob(db: Db, id: string, worker: string, now: string, staleBefore: string) {
  const result = await db
    .updateTable('export_jobs')
    .set({
      state: 'running',
      worker,
      heartbeat_at: now,
      started_at: now,
      rows_done: 0,
      rows_total: null,
    })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'pending'),
        eb.and([eb('state', '=', 'running'), eb('heartbeat_at', '<', staleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Progress and a heartbeat; false when the job is no longer this worker's (taken over after a stall). */
export async function advanceJob(
  db: Db,
  id: string,
  worker: string,
  changes: { rows_done?: number; rows_total?: number },
  now: string,
) {
  const result = await db
    .updateTable('export_jobs')
    .set({ ...changes, heartbeat_at: now })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Db,
  id: string,
  worker: string,
  changes: Pick<
    ExportJobsTable,
    'state' | 'rows_done' | 'bytes' | 'error_code' | 'finished_at' | 'expires_at'
  > & {
    rows_total?: number;
  },
) {
  const result = await db
    .updateTable('export_jobs')
    .set({ ...changes, heartbeat_at: null })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A job this server stops (it is shutting down) waits for the next server to start, at once. */
export async function releaseJob(db: Db, id: string, worker: string) {
  await db
    .updateTable('export_jobs')
    .set({ state: 'pending', worker: null, heartbeat_at: null, rows_done: 0, rows_total: null })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .execute();
}

/** Finished jobs whose link has run out: their files are deleted. */
export function expiredJobs(db: Db, now: string) {
  return db
    .selectFrom('export_jobs')
    .select(['id', 'format'])
    .where('state', '=', 'done')
    .where('expires_at', '<=', now)
    .limit(500)
    .execute();
}

export async function markExpired(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db.updateTable('export_jobs').set({ state: 'expired' }).where('id', 'in', ids).execute();
}

/** Ids of the jobs whose files may still be on disk (done, or in the making). */
export async function liveJobIds(db: Db) {
  const rows = await db
    .selectFrom('export_jobs')
    .select('id')
    .where('state', 'in', ['pending', 'running', 'done'])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Jobs are kept a week after they were asked for (their requests are in the audit log for good). */
export async function forgetJobsBefore(db: Db, before: string) {
  await db
    .deleteFrom('export_jobs')
    .where('created_at', '<', before)
    .where('state', 'in', ['done', 'expired', 'failed'])
    .execute();
}
