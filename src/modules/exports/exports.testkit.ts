import Papa from 'papaparse';
import { expect } from 'vitest';
import { as, type Session } from '../../../test/factories.ts';
import type { App } from '../../server/app-types.ts';
import { readSheet } from '../household-imports/spreadsheet.ts';
import type { ExportJobView } from './exports.schemas.ts';

// Helpers of the export tests: ask for an export as a screen would, wait for it, fetch and read the file.

export async function requestExport(app: App, session: Session | null, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/workbench/exports', headers: as(session), payload: body });
}

export async function jobOf(app: App, session: Session, id: string): Promise<ExportJobView> {
  const response = await app.inject({ url: `/api/workbench/exports/${id}`, headers: as(session) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Polls the job as the web page does until it is done or failed (every view seen is kept). */
export async function waitForJob(app: App, session: Session, id: string, seen: ExportJobView[] = []) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await jobOf(app, session, id);
    seen.push(job);
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${job.state} after 60 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Asks for an export and waits for it; the job as it ended. */
export async function exported(app: App, session: Session, body: Record<string, unknown>) {
  const response = await requestExport(app, session, body);
  expect(response.statusCode, response.body).toBe(202);
  return waitForJob(app, session, response.json().id);
}

export async function download(app: App, session: Session | null, id: string) {
  return app.inject({ url: `/api/workbench/exports/${id}/file`, headers: as(session) });
}

/** The first sheet of an XLSX as text rows (the header row first), read as the ledger import reads it. */
export async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  return (await readSheet(bytes)).rows.map((r) => r.cells);
}

/** A CSV export as text rows, after checking the byte-order mark Excel needs for Chinese. */
export function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
  return parsed.data;
}

/** Rows as records keyed by the header row. */
export function records(rows: string[][]): Record<string, string>[] {
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** Every item of a paged workbench list, page by page as the screen would fetch them. */
export async function allPages<T>(app: App, session: Session, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const response = await app.inject({ url: `${url}${sep}page=${page}&pageSize=100`, headers: as(session) });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: T[]; total: number };
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}
