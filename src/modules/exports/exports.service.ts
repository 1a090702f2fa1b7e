import fs from 'node:fs';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/transaction.ts';
import type { Config } from '../../server/config.ts';
import { AppError, type ErrorCode, problemTitle } from '../../server/errors.ts';
import type { Language } from '../../server/i18n.ts';
import type { Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { exportPath } from './export-worker.ts';
import { type ExportJob, findJob, insertJob, jobsOf } from './exports.repo.ts';
import type { ExportJobView, ExportRequest } from './exports.schemas.ts';
import { sourceFor } from './sources.ts';
import { fileStamp } from './vocabulary.ts';

/**
 * Takes an export request: refused as the list itself would refuse it (the source checks the same scope),
 * otherwise a job waiting for the background worker. The request is in the audit log: what was exported,
 * by whom, filtered how.
 */
export async function requestExport(tx: Tx, request: ExportRequest, language: Language): Promise<string> {
  const actor = requireActor(tx.actor);
  const source = await sourceFor(tx.db, actor, request, language, tx.now);
  const id = uuidv7();
  const filters = JSON.stringify(request.filters);
  await insertJob(tx.db, {
    id,
    user_id: actor.userId,
    kind: request.kind,
    format: request.format,
    filters,
    language,
    state: 'pending',
    rows_done: 0,
    rows_total: null,
    file_name: `${source.fileStem}-${fileStamp(tx.now)}.${request.format}`,
    bytes: null,
    error_code: null,
    worker: null,
    heartbeat_at: null,
    created_at: tx.now.toISOString(),
    started_at: null,
    finished_at: null,
    expires_at: null,
  });
  await recordAudit(tx, {
    action: 'export.request',
    entityType: 'export',
    entityId: id,
    changes: { kind: { to: request.kind }, format: { to: request.format }, filters: { to: filters } },
  });
  return id;
}

/** A finished job's link runs out at expires_at, whether or not the sweep has deleted the file yet. */
function isExpired(job: ExportJob, now: Date) {
  return (
    job.state === 'expired' ||
    (job.state === 'done' && job.expires_at !== null && job.expires_at <= now.toISOString())
  );
}

export function jobView(job: ExportJob, language: Language, now: Date): ExportJobView {
  const state = isExpired(job, now) ? 'expired' : job.state;
  return {
    id: job.id,
    kind: job.kind as ExportJobView['kind'],
    format: job.format as ExportJobView['format'],
    state,
    rowsDone: job.rows_done,
    rowsTotal: job.rows_total,
    fileName: job.file_name,
    bytes: job.bytes,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    expiresAt: job.expires_at,
    error:
      state === 'failed'
        ? {
            code: job.error_code ?? 'internal',
            title: problemTitle((job.error_code ?? 'internal') as ErrorCode, language),
          }
        : null,
    downloadUrl: state === 'done' ? `/api/workbench/exports/${job.id}/file` : null,
  };
}

/** A job of the actor's own; anyone else's reads as absent, whoever they are. */
export async function ownJob(db: Db, actor: Actor | null, id: string): Promise<ExportJob> {
  const who = requireActor(actor);
  const job = await findJob(db, id);
  if (!job || job.user_id !== who.userId) throw new AppError('not_found');
  return job;
}

/** My exports of the last day, newest first: a page reloaded mid-export finds its job again. */
export async function myJobs(db: Db, actor: Actor | null, now: Date) {
  const who = requireActor(actor);
  return jobsOf(db, who.userId, new Date(now.getTime() - 86_400_000).toISOString());
}

/**
 * The file of a finished job, for the account that asked, until its link runs out (410 after). A job not
 * finished yet answers 409 with its state.
 */
export async function downloadable(db: Db, config: Config, actor: Actor | null, id: string, now: Date) {
  const job = await ownJob(db, actor, id);
  if (isExpired(job, now))
    throw new AppError('export_expired', { params: { minutes: config.EXPORT_LINK_MINUTES } });
  if (job.state !== 'done')
    throw new AppError('invalid_state', { params: { state: job.state }, extra: { state: job.state } });
  const file = exportPath(config, job);
  if (!fs.existsSync(file))
    throw new AppError('export_expired', { params: { minutes: config.EXPORT_LINK_MINUTES } });
  return { job, file };
}

/** filename="…" for old clients (ASCII), filename*=UTF-8''… (RFC 5987/6266) with the Chinese name. */
export function contentDisposition(job: ExportJob): string {
  const ascii = `${job.kind}-${fileStamp(new Date(job.created_at))}.${job.format}`;
  const encoded = encodeURIComponent(job.file_name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
