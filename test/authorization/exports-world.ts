import { multipartFile } from '../../src/modules/attachments/photos.testkit.ts';
import type { Entry } from './matrix.ts';
import type { Request, World } from './world.ts';

// The exports and the problem-ledger import in the matrix. An export is its asker's alone: every other
// account, whatever its roles, is refused its job and its file.

/** A problem-list export the secretary asked for, waited for until its file is there. */
async function secretaryExport(w: World, wait: boolean): Promise<string> {
  const asked = await w.send(w.sessions.secretary, {
    method: 'POST',
    url: '/api/workbench/exports',
    payload: { kind: 'problems', format: 'csv' },
  });
  if (asked.statusCode !== 202) throw new Error(`fixture export: ${asked.statusCode} ${asked.body}`);
  const id: string = asked.json().id;
  const deadline = Date.now() + 30_000;
  while (wait) {
    const job = (
      await w.send(w.sessions.secretary, { method: 'GET', url: `/api/workbench/exports/${id}` })
    ).json();
    if (job.state === 'done') break;
    if (job.state === 'failed' || Date.now() > deadline) throw new Error(`fixture export: ${job.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return id;
}

/** A hand-kept ledger of one new problem at the world's compound. */
function ledger(): Pick<Request, 'payload' | 'headers'> {
  const title = `矩阵台账 ${Date.now() % 1_000_000}${Math.random().toString(16).slice(2, 6)}`;
  const csv = `问题,地点,状态,受理时间\n${title},锦秀河畔 1号楼,待派单,2026-03-02 09:30\n`;
  const form = multipartFile(Buffer.from(csv), '台账.csv', 'text/csv');
  return { payload: form.payload, headers: form.headers };
}

export const exportRoutes: Record<string, Entry> = {
  // Whoever sees the problem list may export it; a deputy sees the problems they took up.
  'POST /api/workbench/exports': {
    allow: { gridIn: 202, gridOut: 202, property: 202, secretary: 202, deputy: 202 },
    build: () => ({
      method: 'POST',
      url: '/api/workbench/exports',
      payload: { kind: 'problems', format: 'csv' },
    }),
  },
  'GET /api/workbench/exports': {
    allow: {
      resident: 200,
      otherResident: 200,
      gridIn: 200,
      gridOut: 200,
      property: 200,
      secretary: 200,
      deputy: 200,
    },
    build: () => ({ method: 'GET', url: '/api/workbench/exports' }),
  },
  'GET /api/workbench/exports/:id': {
    allow: { secretary: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/workbench/exports/${await secretaryExport(w, false)}` }),
  },
  'GET /api/workbench/exports/:id/file': {
    allow: { secretary: 200 },
    build: async (w) => ({
      method: 'GET',
      url: `/api/workbench/exports/${await secretaryExport(w, true)}/file`,
    }),
  },
  // The ledger goes into a community by those who accept matters into problems there.
  'POST /api/problem-imports/preview': {
    allow: { secretary: 200 },
    build: (w) => ({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${w.town.community.id}`,
      ...ledger(),
    }),
  },
  'POST /api/problem-imports': {
    allow: { secretary: 200 },
    build: (w) => ({
      method: 'POST',
      url: `/api/problem-imports?placeId=${w.town.community.id}`,
      ...ledger(),
    }),
  },
};
