import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import type { Database } from '../../db/database.ts';
import { buildApp } from '../../server/app.ts';
import type { App } from '../../server/app-types.ts';
import { type Config, testConfig } from '../../server/config.ts';
import { exportPath, exportsDir, exportThreadLimits } from './export-worker.ts';
import type { ExportJobView } from './exports.schemas.ts';
import {
  csvRows,
  download,
  exported,
  jobOf,
  records,
  requestExport,
  waitForJob,
  xlsxRows,
} from './exports.testkit.ts';
import { exportBounds } from './sources.ts';

// The life of an export job across time and servers: its link runs out for real, and a job the server
// acknowledged is run even when that server stopped before running it.

let database: Database;
let filesDir: string;
const apps: App[] = [];

async function serve(overrides: Partial<Config>) {
  const app = await buildApp({ config: testConfig({ FILES_DIR: filesDir, ...overrides }), database });
  await app.ready();
  apps.push(app);
  return app;
}

let town: Awaited<ReturnType<typeof makeTown>>;

beforeAll(async () => {
  database = await testDatabase();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-export-jobs-'));
  town = await makeTown(database);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function secretary(app: App) {
  return (
    await signedInUser(app, database, { grants: [{ role: 'community_secretary', place: town.community }] })
  ).session;
}

/** A matter a secretary took down on a visit. */
async function intake(app: App, session: Session, text: string, placeId: string) {
  const matter = await app.inject({
    method: 'POST',
    url: '/api/matters/intake',
    headers: as(session),
    payload: { kind: 'problem', category: 'environment', text, placeId, channel: 'visit' },
  });
  expect(matter.statusCode, matter.body).toBe(201);
  return matter;
}

async function secretaryWithProblems(app: App, titles: string[]) {
  const session = await secretary(app);
  for (const title of titles) {
    const matter = await intake(app, session, title, town.building1.id);
    await app.inject({
      method: 'POST',
      url: `/api/matters/${matter.json().id}/accept`,
      headers: as(session),
      payload: { title, urgency: 1, severity: 1 },
    });
  }
  return session;
}

describe('the download link', () => {
  it('works for EXPORT_LINK_MINUTES after the export finished, then answers 410 and the file is gone', async () => {
    // Six seconds instead of ten minutes, waited out for real.
    const app = await serve({ EXPORT_LINK_MINUTES: 0.1 });
    const secretary = await secretaryWithProblems(app, ['楼道灯不亮']);
    const job = await exported(app, secretary, { kind: 'problems', format: 'csv' });
    expect(Date.parse(job.expiresAt!) - Date.parse(job.finishedAt!)).toBe(6_000);

    expect(Date.now()).toBeLessThan(Date.parse(job.expiresAt!));
    const fresh = await download(app, secretary, job.id);
    expect(fresh.statusCode).toBe(200);
    expect(records(csvRows(fresh.rawPayload)).map((r) => r.问题)).toEqual(['楼道灯不亮']);

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(job.expiresAt!) - Date.now()) + 100));
    const late = await download(app, secretary, job.id);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ code: 'export_expired', title: expect.stringContaining('已过期') });
    const lateEn = await app.inject({
      url: `/api/workbench/exports/${job.id}/file`,
      headers: { ...as(secretary), 'accept-language': 'en' },
    });
    expect(lateEn.json().title).toContain('expired');
    expect(await jobOf(app, secretary, job.id)).toMatchObject({ state: 'expired', downloadUrl: null });
    // The worker deletes what no link reaches any more (it looks every few seconds).
    const file = exportPath({ FILES_DIR: filesDir }, { id: job.id, format: 'csv' });
    await expect.poll(() => fs.existsSync(file), { timeout: 15_000, interval: 200 }).toBe(false);
  }, 40_000);
});

describe('a job the server acknowledged', () => {
  it('is run by the next server when the one that took it stopped first, and a stalled one is taken over', async () => {
    // A server that takes requests but runs no jobs: what a server that stopped right after answering leaves.
    const first = await serve({ EXPORT_WORKER: 'off' });
    const secretary: Session = await secretaryWithProblems(first, ['路灯不亮', '井盖松动']);
    const waiting = await requestExport(first, secretary, { kind: 'problems', format: 'csv' });
    expect(waiting.statusCode).toBe(202);
    const stalled = (await requestExport(first, secretary, { kind: 'problems', format: 'xlsx' })).json();
    const busy = (await requestExport(first, secretary, { kind: 'problems', format: 'csv' })).json();
    const longAgo = new Date(Date.now() - 60_000).toISOString();
    // A server that died mid-export (no heartbeat for a minute), and one still working on its job.
    await database.db
      .updateTable('export_jobs')
      .set({
        state: 'running',
        worker: 'crashed:1',
        heartbeat_at: longAgo,
        started_at: longAgo,
        rows_done: 1,
      })
      .where('id', '=', stalled.id)
      .execute();
    await database.db
      .updateTable('export_jobs')
      .set({ state: 'running', worker: 'alive:2', heartbeat_at: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', busy.id)
      .execute();
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobOf(first, secretary, waiting.json().id)).state).toBe('pending');
    await first.close();

    const next = await serve({});
    const titles = (await database.db.selectFrom('problems').select('title').execute()).map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['井盖松动', '路灯不亮']));
    const done = await waitForJob(next, secretary, waiting.json().id);
    expect(done).toMatchObject({ state: 'done', rowsDone: titles.length });
    const file = await download(next, secretary, done.id);
    expect(
      records(csvRows(file.rawPayload))
        .map((r) => r.问题)
        .sort(),
    ).toEqual(titles.sort());
    const takenOver = await waitForJob(next, secretary, stalled.id);
    expect(takenOver).toMatchObject({ state: 'done', rowsDone: titles.length, format: 'xlsx' });
    // A job another live server is running is left to it.
    const other: ExportJobView = await jobOf(next, secretary, busy.id);
    expect(other.state).toBe('running');
  }, 60_000);
});

describe('the longest texts', () => {
  it("export whole, more than a page of them, in the thread's own heap", async () => {
    const app = await serve({});
    const session = await secretary(app);
    // Each text as long as a resident may write (2,000 characters), one page and some more of them.
    const texts = Array.from({ length: exportBounds.pageRows + 10 }, (_, i) =>
      `${i}号楼楼道灯不亮，晚上回家看不见台阶。`.repeat(120).slice(0, 2_000),
    );
    for (const text of texts) await intake(app, session, text, town.building2.id);
    for (const format of ['csv', 'xlsx'] as const) {
      const job = await exported(app, session, {
        kind: 'matters',
        format,
        filters: { state: 'any', placeId: town.building2.id },
      });
      expect(job).toMatchObject({ state: 'done', error: null });
      const file = (await download(app, session, job.id)).rawPayload;
      const rows = records(format === 'csv' ? csvRows(file) : await xlsxRows(file));
      expect([job.rowsDone, rows.length]).toEqual([texts.length, texts.length]);
      // Every text whole: not cut, and no character lost where the file's chunks meet.
      const want = new Set(texts);
      const wrong = rows.map((r) => r.内容 ?? '').filter((t) => !want.has(t));
      expect(wrong.map((t) => `${t.length}: ${t.slice(0, 20)}`)).toEqual([]);
    }
  }, 120_000);
});

describe('a job whose thread runs out of memory', () => {
  it('shows failed, leaves no file, and the server goes on exporting', async () => {
    const app = await serve({});
    const secretary = await secretaryWithProblems(app, ['垃圾桶满了']);
    // A heap too small for the thread even to load the code of an export: V8 stops the thread, not the server.
    const limits = { ...exportThreadLimits };
    Object.assign(exportThreadLimits, { maxOldGenerationSizeMb: 4 });
    let failed: ExportJobView;
    try {
      failed = await exported(app, secretary, { kind: 'problems', format: 'xlsx' });
    } finally {
      Object.assign(exportThreadLimits, limits);
    }
    expect(failed).toMatchObject({
      state: 'failed',
      downloadUrl: null,
      error: { code: 'export_out_of_memory', title: expect.stringContaining('请缩小范围') },
    });
    expect(
      fs.readdirSync(exportsDir({ FILES_DIR: filesDir })).filter((f) => f.startsWith(failed.id)),
    ).toEqual([]);
    const next = await exported(app, secretary, { kind: 'problems', format: 'csv' });
    expect(next.state).toBe('done');
    expect(
      records(csvRows((await download(app, secretary, next.id)).rawPayload)).map((r) => r.问题),
    ).toContain('垃圾桶满了');
  }, 60_000);
});
