import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../server/app-types.ts';
import type { Config } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import type { ExportThreadData, ExportThreadMessage } from './export-file.ts';
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
import { exportBounds } from './sources.ts';
import { exportThreadCode } from './thread-code.ts';

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

type ThreadEnd =
  | Extract<ExportThreadMessage, { kind: 'done' | 'stopped' | 'refused' }>
  | { kind: 'taken over' }
  | { kind: 'crashed'; error: unknown };

/**
 * The heap of an export's thread (MB). Its code takes about 25 MB of it, a page of rows (250, at most 2,000
 * characters of text each) a few more. Small, so that V8 collects the rows' garbage as the export goes: it
 * lets the old generation grow halfway to this limit before collecting, so at 40 the thread's heap rose
 * ~8 MB more in a full export than in an empty one, at 32 ~3 MB, for 7 to 20 % more time (bench/README.md,
 * "Exports"). Tests make it smaller still, to see a thread run out of it.
 */
export const exportThreadLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 };

/**
 * Runs the export jobs of this server, one at a time, in the background: each in a thread of its own
 * (export-thread.ts), read in keyset pages and written straight to its file, so a job of a million rows
 * holds one page in memory. A job survives a restart: one left waiting is run at the next start, one left
 * running is taken over once its server has been quiet for STALE_MS (a server that stops cleanly hands its
 * job back at once).
 */
export class ExportWorker {
  readonly name = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private loop: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private lastSweep = 0;
  /** Tells the running job's thread to stop after its current page. */
  private halt: (() => void) | null = null;

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
    this.halt?.();
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
      const ended = await this.inThread(job, part);
      if (ended.kind === 'taken over') throw new TakenOver();
      if (ended.kind === 'stopped') throw new Interrupted();
      if (ended.kind === 'refused') throw new AppError(ended.code);
      if (ended.kind === 'crashed')
        throw outOfMemory(ended.error) ? new AppError('export_out_of_memory') : ended.error;
      const { size } = await fs.stat(part);
      await fs.rename(part, final);
      const finished = new Date();
      const mine = await finishJob(db, job.id, this.name, {
        state: 'done',
        rows_done: ended.rows,
        rows_total: ended.rows,
        bytes: size,
        error_code: null,
        finished_at: finished.toISOString(),
        expires_at: new Date(finished.getTime() + config.EXPORT_LINK_MINUTES * 60_000).toISOString(),
      });
      if (!mine) throw new TakenOver();
      this.log.info({ exportId: job.id, kind: job.kind, rows: ended.rows, bytes: size }, 'export written');
    } catch (error) {
      await fs.rm(part, { force: true });
      if (error instanceof Interrupted) {
        await releaseJob(db, job.id, this.name);
        return;
      }
      // Another server has it now; its file is its own.
      if (error instanceof TakenOver) return;
      if (!(error instanceof AppError)) this.log.error({ err: error, exportId: job.id }, 'export failed');
      else if (error.code === 'export_out_of_memory')
        this.log.warn({ exportId: job.id, limits: exportThreadLimits }, 'export: its thread ran out of heap');
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

  /**
   * Runs the job in a thread of its own and keeps the job's progress and heartbeat meanwhile; resolves
   * when the thread has ended (its heap and connection are gone). A thread that throws, exits early or
   * runs out of its heap has crashed: the server goes on.
   */
  private async inThread(job: ExportJob, file: string): Promise<ThreadEnd> {
    const { db } = this.deps.database;
    const code = await exportThreadCode();
    const stop = new Int32Array(new SharedArrayBuffer(4));
    this.halt = () => Atomics.store(stop, 0, 1);
    if (this.stopping) this.halt();
    const data: ExportThreadData = {
      databaseUrl: this.deps.database.url,
      job,
      file,
      bounds: { ...exportBounds },
      stop,
    };
    // Not the server's own flags: its `--import tsx` would load tsx's loader into the thread for nothing.
    const thread = new Worker(code, {
      eval: true,
      workerData: data,
      execArgv: [],
      resourceLimits: { ...exportThreadLimits },
    });
    let last: ExportThreadMessage | null = null;
    let failure: unknown = null;
    let takenOver = false;
    let beat = Date.now();
    // The job's row is written in the order the thread's news came, one write at a time.
    let writes = Promise.resolve();
    const advance = (changes: { rows_done?: number; rows_total?: number }) => {
      writes = writes.then(async () => {
        if (takenOver || failure) return;
        try {
          if (!(await advanceJob(db, job.id, this.name, changes, new Date().toISOString()))) takenOver = true;
        } catch (error) {
          failure = error;
        }
        if (takenOver || failure) Atomics.store(stop, 0, 1);
      });
    };
    thread.on('message', (message: ExportThreadMessage) => {
      last = message;
      if (message.kind === 'total') advance({ rows_total: message.rows });
      if (message.kind === 'progress' && Date.now() - beat >= PROGRESS_EVERY_MS) {
        beat = Date.now();
        advance({ rows_done: message.rows });
      }
    });
    thread.on('error', (error) => {
      failure ??= error;
    });
    return new Promise((resolve) => {
      thread.once('exit', async (code) => {
        await writes;
        this.halt = null;
        const end = last as ExportThreadMessage | null;
        if (takenOver) resolve({ kind: 'taken over' });
        else if (failure) resolve({ kind: 'crashed', error: failure });
        else if (end?.kind === 'done' || end?.kind === 'stopped' || end?.kind === 'refused') resolve(end);
        else
          resolve({
            kind: 'crashed',
            error: new Error(`the export's thread ended (exit code ${code}) before the export did`),
          });
      });
    });
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

/** V8 stopped the thread at its heap limit (resourceLimits): the export was too large, not broken. */
function outOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
