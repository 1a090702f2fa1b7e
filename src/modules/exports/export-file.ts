import type { Db } from '../../db/transaction.ts';
import { AppError, type ErrorCode } from '../../server/errors.ts';
import type { Language } from '../../server/i18n.ts';
import { findUser } from '../auth/auth.repo.ts';
import { loadActor } from '../auth/session.plugin.ts';
import type { ExportJob } from './exports.repo.ts';
import { ExportRequest } from './exports.schemas.ts';
import { type exportBounds, sourceFor } from './sources.ts';
import { type ExportFormat, openSheet } from './writers.ts';

// The work of one export job: read its list in pages and write the file. It runs in a thread of its own
// (export-thread.ts), which tells the server's job runner (export-worker.ts) how far it got.

/** What the job runner hands its thread. */
export type ExportThreadData = {
  /** The database the thread opens a read-only connection of its own to. */
  databaseUrl: string;
  job: ExportJob;
  /** The file to write (the runner renames it once the job is done). */
  file: string;
  bounds: typeof exportBounds;
  /** Set to 1 by the runner: stop after the current page (the server stops, or the job was taken over). */
  stop: Int32Array;
};

/** What the thread tells the runner: rows expected, rows written, and how it ended. */
export type ExportThreadMessage =
  | { kind: 'total'; rows: number }
  | { kind: 'progress'; rows: number }
  | { kind: 'done'; rows: number }
  | { kind: 'stopped' }
  | { kind: 'refused'; code: ErrorCode };

export async function writeExport(
  db: Db,
  job: ExportJob,
  file: string,
  stopped: () => boolean,
  tell: (message: ExportThreadMessage) => void,
): Promise<void> {
  try {
    const request = ExportRequest.parse({
      kind: job.kind,
      format: job.format,
      filters: JSON.parse(job.filters),
    });
    const user = await findUser(db, job.user_id);
    // What the asker may see now, not when they asked: a role withdrawn meanwhile is withdrawn here too.
    if (user?.status !== 'active') throw new AppError('forbidden');
    const actor = await loadActor(
      db,
      { userId: user.id, personId: user.person_id, kind: user.kind as 'staff' | 'resident' },
      `export:${job.id}`,
    );
    const source = await sourceFor(db, actor, request, job.language as Language, new Date());
    tell({ kind: 'total', rows: await source.count() });
    const sheet = await openSheet(request.format as ExportFormat, file, source.sheetName, source.headers);
    let done = 0;
    try {
      for await (const rows of source.batches()) {
        if (stopped()) {
          await sheet.abort();
          tell({ kind: 'stopped' });
          return;
        }
        await sheet.addRows(rows);
        done += rows.length;
        tell({ kind: 'progress', rows: done });
      }
      await sheet.finish();
    } catch (error) {
      await sheet.abort();
      throw error;
    }
    tell({ kind: 'done', rows: done });
  } catch (error) {
    // A refusal is the asker's answer; anything else is the thread's failure, for the runner to log.
    if (!(error instanceof AppError)) throw error;
    tell({ kind: 'refused', code: error.code });
  }
}
