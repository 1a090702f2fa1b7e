import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../server/app-types.ts';
import type { Config } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import type { Language } from '../../server/i18n.ts';
import { findUser } from '../auth/auth.repo.ts';
import { loadActor } from '../auth/session.plugin.ts';
import {
  advanceJob,
  claimableJobIds,
  claimJob,
  type ExportJob,
  expiredJobs,
  findJob,
  finishJob,
  forgetJobsBefore,
  liveJobIds,
  markExpired,
  releaseJob,
} from './exports.repo.ts';
import { ExportRequest } from './exports.schemas.ts';
import { sourceFor } from './sources.ts';
import { type ExportFormat, openSheet } from './writers.ts';

/** A server that has not said it is still working on a job for this long is taken to have stopped. */
export const STALE_MS = 30_000;
/** Progress is written at most this often: enough for a progress bar, little for the database. */
const PROGRESS_EVERY_MS = 250;
/** Waiting jobs and expired files are looked for this often (besides right after a request). */
const POLL_MS = 5_000;
const SWEEP_EVERY_MS = 60_000;
const KEEP_JOBS_MS = 7 * 86_400_000;
const ORPHAN_AGE_MS = 86_400_000;

/** Exports are written next to the uploaded files, in a folder of their own. */
export function exportsDir(config: Pick<Config, 'FILES_DIR'>): string {
  return path.resolve(config.FILES_DIR, 'exports');
}

/** The finished file of a job; the name comes from the job's own id, never from a request. */
export function exportPath(config: Pick<Config, 'FILES_DIR'>, job: { id: string; format: string }): string {
  return path.join(
    exportsDir(config),
    `${job.id.replace(/[^0-9a-f-]/g, '')}.${job.format === 'csv' ? 'csv' : 'xlsx'}`,
  );
}

class Interrupted extends Error {}
class TakenOver extends Error {}

/**
 * Runs the export jobs of this server, one at a time, in the background: each read in keyset pages and
 * written straight to its file, so a job of a million rows holds one page in memory. A job survives a
 * restart: one left waiting is run at the next start, one left running is taken over once its server has
 * been quiet for STALE_MS (a server that stops cleanly hands its job back at once).
 */
export class ExportWorker {
  readonly name = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private loop: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private lastSweep = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly log: FastifyBaseLogger,
  ) {}

  start() {
    const poll = setInterval(() => this.wake(), POLL_MS);
    poll.unref();
    this.timers.push(poll);
    this.wake();
  }

  /** Looks for work now (a job was just asked for), or as soon as the current job ends. */
  wake() {
    if (this.stopping) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.work().finally(() => {
      this.loop = null;
    });
  }

  /** Stops after the current page, handing an unfinished job back; resolves when nothing runs. */
  async stop() {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    await this.loop;
  }

  /** Resolves once nothing is left to do (tests wait on it). */
  async idle() {
    while (this.loop) await this.loop;
  }

  private async work() {
    const db = this.deps.database.db;
    try {
      do {
        this.again = false;
        await this.expireDue();
        if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep();
        const staleBefore = new Date(Date.now() - STALE_MS).toISOString();
        for (const id of await claimableJobIds(db, staleBefore)) {
          if (this.stopping) return;
          const now = new Date().toISOString();
          if (!(await claimJob(db, id, this.name, now, staleBefore))) continue;
          const job = await findJob(db, id);
          if (job) await this.run(job);
          this.again = true;
        }
      } while (this.again && !this.stopping);
    } catch (error) {
      // The database may be away for a moment; the next tick tries again.
      this.log.error({ err: error }, 'exports: looking for work failed');
    }
  }

  private async run(job: ExportJob) {
    const { db } = this.deps.database;
    const { config } = this.deps;
    const final = exportPath(config, job);
    const part = `${final}.${this.name.replace(/[^\w]/g, '_')}.part`;
    try {
      await fs.mkdir(path.dirname(final), { recursive: true });
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
      const total = await source.count();
      if (!(await advanceJob(db, job.id, this.name, { rows_total: total }, new Date().toISOString())))
        throw new TakenOver();
      const sheet = await openSheet(request.format as ExportFormat, part, source.sheetName, source.headers);
      let done = 0;
      let beat = Date.now();
      try {
        for await (const rows of source.batches()) {
          if (this.stopping) throw new Interrupted();
          await sheet.addRows(rows);
          done += rows.length;
          if (Date.now() - beat >= PROGRESS_EVERY_MS) {
            beat = Date.now();
            const mine = await advanceJob(
              db,
              job.id,
              this.name,
              { rows_done: done },
              new Date().toISOString(),
            );
            if (!mine) throw new TakenOver();
          }
        }
        await sheet.finish();
      } catch (error) {
        await sheet.abort();
        throw error;
      }
      const { size } = await fs.stat(part);
      await fs.rename(part, final);
      const finished = new Date();
      const mine = await finishJob(db, job.id, this.name, {
        state: 'done',
        rows_done: done,
        rows_total: done,
        bytes: size,
        error_code: null,
        finished_at: finished.toISOString(),
        expires_at: new Date(finished.getTime() + config.EXPORT_LINK_MINUTES * 60_000).toISOString(),
      });
      if (!mine) throw new TakenOver();
      this.log.info({ exportId: job.id, kind: job.kind, rows: done, bytes: size }, 'export written');
    } catch (error) {
      await fs.rm(part, { force: true });
      if (error instanceof Interrupted) {
        await releaseJob(db, job.id, this.name);
        return;
      }
      // Another server has it now; its file is its own.
      if (error instanceof TakenOver) return;
      if (!(error instanceof AppError)) this.log.error({ err: error, exportId: job.id }, 'export failed');
      await finishJob(db, job.id, this.name, {
        state: 'failed',
        rows_done: 0,
        bytes: null,
        error_code: error instanceof AppError ? error.code : 'internal',
        finished_at: new Date().toISOString(),
        expires_at: null,
      }).catch((e: unknown) =>
        this.log.error({ err: e, exportId: job.id }, 'export: recording the failure failed'),
      );
    }
  }

  /** Deletes the files whose link ran out: a link that no longer works leaves no file behind. */
  private async expireDue() {
    const { db } = this.deps.database;
    const expired = await expiredJobs(db, new Date().toISOString());
    for (const job of expired) await fs.rm(exportPath(this.deps.config, job), { force: true });
    await markExpired(
      db,
      expired.map((j) => j.id),
    );
  }

  /** Deletes files no job owns any more (left by a stopped server), and jobs a week old. */
  private async sweep() {
    this.lastSweep = Date.now();
    const { db } = this.deps.database;
    const now = new Date();
    await forgetJobsBefore(db, new Date(now.getTime() - KEEP_JOBS_MS).toISOString());
    const dir = exportsDir(this.deps.config);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    if (names.length === 0) return;
    const live = await liveJobIds(db);
    for (const name of names) {
      const id = name.split('.')[0] ?? '';
      const file = path.join(dir, name);
      const age = await fs
        .stat(file)
        .then((s) => now.getTime() - s.mtimeMs)
        .catch(() => 0);
      // A part file is in the making; one untouched for longer than a stall was left by a stopped server.
      // A finished file no job owns is left a day first: a folder shared by mistake with another database
      // must not lose that database's fresh exports.
      const stale = name.endsWith('.part') ? age > 2 * STALE_MS : !live.has(id) && age > ORPHAN_AGE_MS;
      if (stale) await fs.rm(file, { force: true });
    }
  }
}
