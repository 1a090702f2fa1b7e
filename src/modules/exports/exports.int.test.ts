import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import type { ExportJobView } from './exports.schemas.ts';
import {
  allPages,
  csvRows,
  download,
  exported,
  records,
  requestExport,
  waitForJob,
  xlsxRows,
} from './exports.testkit.ts';

let t: TestApp;
let filesDir: string;
let town: Awaited<ReturnType<typeof makeTown>>;
let secretary: Session;
let committee: Session;
let gridIn: Session;
let property: Session;
let resident: Session;
let residentPhone: string;
let partyId: string;

const post = async (session: Session, url: string, payload?: unknown) => {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: as(session),
    payload: payload as never,
  });
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  return response.statusCode === 204 ? null : response.json();
};

async function raise(text: string, category = 'environment') {
  return (await post(resident, '/api/matters', { kind: 'problem', category, text })).id as string;
}

async function problemOf(text: string, category: string, title: string) {
  const matterId = await raise(text, category);
  return (await post(secretary, `/api/matters/${matterId}/accept`, { title, urgency: 2, severity: 2 }))
    .problemId as string;
}

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-exports-'));
  t = await testApp({ FILES_DIR: filesDir });
  town = await makeTown(t.database);
  partyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: partyId,
      kind: 'property_company',
      name: '红宝物业',
      place_id: town.community.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  // An owners' committee member dispatches (matter.triage) but may not see residents' contacts.
  committee = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'committee_member', place: town.compound }] })
  ).session;
  gridIn = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId }],
    })
  ).session;
  const wang = await signedInUser(t.app, t.database, { name: '王文贵', households: [town.household101] });
  resident = wang.session;
  residentPhone = wang.phone;

  // Matters waiting, problems in several states and categories, one matter taken by phone at building 2.
  await raise('1号楼门口的路灯坏了');
  await raise('楼下有人遛狗不拴绳', 'pets');
  await post(secretary, '/api/matters/intake', {
    kind: 'problem',
    category: 'property_service',
    text: '2号楼电梯停了',
    placeId: town.household201.id,
    channel: 'phone',
    submitterName: '马小兰',
    submitterPhone: '13800138000',
  });
  await problemOf('楼道堆满杂物', 'fire_safety', '楼道堆物');
  await problemOf('垃圾桶满了没人清', 'environment', '垃圾清运');
  const dispatched = await problemOf('草坪被车压坏', 'environment', '草坪损坏');
  await post(secretary, `/api/workbench/problems/${dispatched}/dispatch`, { lead: { partyId } });
  await problemOf('=HYPERLINK("http://evil")', 'other', '=1+1 公式');
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('an export request', () => {
  it('is answered 202 with a job that runs in the background and then offers its file', async () => {
    const response = await requestExport(t.app, secretary, { kind: 'problems', format: 'xlsx' });
    expect(response.statusCode).toBe(202);
    const job = response.json() as ExportJobView;
    expect(['pending', 'running', 'done']).toContain(job.state);
    const done = await waitForJob(t.app, secretary, job.id);
    expect(done).toMatchObject({ state: 'done', rowsDone: 4, rowsTotal: 4 });
    expect(done.downloadUrl).toBe(`/api/workbench/exports/${job.id}/file`);
    expect(Date.parse(done.expiresAt!) - Date.parse(done.finishedAt!)).toBe(10 * 60_000);

    const file = await download(t.app, secretary, job.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['cache-control']).toContain('no-store');
    // The Chinese name travels as RFC 5987 filename*, an ASCII name beside it for old clients.
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="problems-\d{8}-\d{4}\.xlsx"; filename\*=UTF-8''/);
    const encoded = disposition.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toMatch(/^问题清单-\d{8}-\d{4}\.xlsx$/);
    expect(done.fileName).toBe(decodeURIComponent(encoded));
  });

  it('is refused as the list itself refuses: a resident, or property staff asking for the intake inbox', async () => {
    expect((await requestExport(t.app, resident, { kind: 'problems', format: 'csv' })).statusCode).toBe(403);
    expect((await requestExport(t.app, property, { kind: 'matters', format: 'csv' })).statusCode).toBe(403);
    expect((await requestExport(t.app, null, { kind: 'problems', format: 'csv' })).statusCode).toBe(401);
    const bad = await requestExport(t.app, secretary, { kind: 'problems', format: 'pdf' });
    expect(bad.statusCode).toBe(400);
    // Property staff see the problem list, so they may export it.
    expect((await requestExport(t.app, property, { kind: 'problems', format: 'csv' })).statusCode).toBe(202);
  });

  it('is its asker’s alone: another account gets 404 for the job and its file, the public 401', async () => {
    const job = await exported(t.app, secretary, { kind: 'problems', format: 'csv' });
    expect((await download(t.app, gridIn, job.id)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/workbench/exports/${job.id}`, headers: as(gridIn) })).statusCode,
    ).toBe(404);
    expect((await download(t.app, null, job.id)).statusCode).toBe(401);
    expect((await download(t.app, secretary, job.id)).statusCode).toBe(200);
    const mine = (await t.app.inject({ url: '/api/workbench/exports', headers: as(secretary) })).json();
    expect(mine.items.map((j: ExportJobView) => j.id)).toContain(job.id);
    const theirs = (await t.app.inject({ url: '/api/workbench/exports', headers: as(gridIn) })).json();
    expect(theirs.items.map((j: ExportJobView) => j.id)).not.toContain(job.id);
  });
});

describe('privacy in the file is the screen’s', () => {
  const mattersOf = async (session: Session) => {
    const job = await exported(t.app, session, {
      kind: 'matters',
      format: 'xlsx',
      filters: { state: 'any' },
    });
    return records(await xlsxRows((await download(t.app, session, job.id)).rawPayload));
  };

  it('community staff (person.contact) get names, phones and door numbers in full', async () => {
    const rows = await mattersOf(secretary);
    const wang = rows.filter((r) => r.反映人 === '王文贵');
    expect(wang.length).toBeGreaterThan(0);
    expect(wang.every((r) => r.联系电话 === residentPhone)).toBe(true);
    expect(wang[0]!.地点).toBe('锦秀河畔 1号楼 1单元 101');
    expect(rows.find((r) => r.内容 === '2号楼电梯停了')).toMatchObject({
      反映人: '马小兰',
      联系电话: '13800138000',
      渠道: '电话',
      社区: '亲水阳光社区',
    });
  });

  it('an owners’ committee member gets them masked, exactly as the inbox shows them', async () => {
    const rows = await mattersOf(committee);
    expect(rows.length).toBeGreaterThan(0);
    const screen = await allPages<{ id: string; submitterName: string; submitterPhone: string }>(
      t.app,
      committee,
      '/api/workbench/inbox?state=any',
    );
    for (const row of rows) {
      const shown = screen.find((m) => m.id === row.事项编号);
      expect(shown, row.事项编号).toBeDefined();
      expect(row.反映人).toBe(shown!.submitterName ?? '');
      expect(row.联系电话).toBe(shown!.submitterPhone ?? '');
    }
    const text = JSON.stringify(rows);
    expect(text).not.toContain('王文贵');
    expect(text).not.toContain(residentPhone);
    expect(text).not.toContain('13800138000');
    expect(rows.find((r) => r.内容 === '2号楼电梯停了')).toMatchObject({
      反映人: '马**',
      联系电话: '138****8000',
      地点: '锦秀河畔 2号楼',
    });
  });

  it('a CSV is UTF-8 with a byte-order mark, and text a spreadsheet would run as a formula stays text', async () => {
    const job = await exported(t.app, secretary, { kind: 'problems', format: 'csv' });
    const rows = records(csvRows((await download(t.app, secretary, job.id)).rawPayload));
    expect(rows.find((r) => r.问题?.includes('公式'))?.问题).toBe("'=1+1 公式");
    expect(rows.every((r) => r.社区 === '亲水阳光社区')).toBe(true);
  });
});

describe('filters are the screen’s', () => {
  const exportedIds = async (
    session: Session,
    kind: string,
    filters: Record<string, string>,
    column: string,
  ) => {
    const job = await exported(t.app, session, { kind, format: 'csv', filters });
    return records(csvRows((await download(t.app, session, job.id)).rawPayload))
      .map((r) => r[column])
      .sort();
  };
  const screenIds = async (session: Session, url: string) =>
    (await allPages<{ id: string }>(t.app, session, url)).map((p) => p.id).sort();

  it.each([
    ['all', {}],
    ['a category', { category: 'environment' }],
    ['a state', { state: 'dispatched' }],
    ['a handler', { partyId: 'PARTY' }],
    ['a place', { placeId: 'BUILDING2' }],
  ])('the problem queue filtered by %s', async (_, given) => {
    const filters = Object.fromEntries(
      Object.entries(given).map(([k, v]) => [
        k,
        v === 'PARTY' ? partyId : v === 'BUILDING2' ? town.building2.id : v,
      ]),
    ) as Record<string, string>;
    for (const session of [secretary, gridIn, property]) {
      const ids = await exportedIds(session, 'problems', filters, '问题编号');
      expect(ids).toEqual(
        await screenIds(session, `/api/workbench/problems?${new URLSearchParams(filters)}`),
      );
    }
  });

  it.each([
    ['waiting (the inbox)', {}],
    ['any state', { state: 'any' }],
    ['a channel', { state: 'any', channel: 'phone' }],
    ['a category, newest first', { category: 'pets', sort: 'newest' }],
  ])('the intake inbox of matters: %s', async (_, filters: Record<string, string>) => {
    for (const session of [secretary, gridIn, committee]) {
      const ids = await exportedIds(session, 'matters', filters, '事项编号');
      expect(ids).toEqual(await screenIds(session, `/api/workbench/inbox?${new URLSearchParams(filters)}`));
    }
    const newest = await exported(t.app, secretary, { kind: 'matters', format: 'csv', filters });
    expect(newest.rowsDone).toBe(
      (await screenIds(secretary, `/api/workbench/inbox?${new URLSearchParams(filters)}`)).length,
    );
  });

  it('my orders, and the figures by place with their totals', async () => {
    const orders = await exportedIds(property, 'orders', {}, '工单编号');
    expect(orders).toEqual(await screenIds(property, '/api/orders/mine'));
    expect(orders.length).toBe(1);

    const job = await exported(t.app, secretary, {
      kind: 'figures',
      format: 'xlsx',
      filters: { source: 'figures', placeId: town.street.id },
    });
    const rows = records(await xlsxRows((await download(t.app, secretary, job.id)).rawPayload));
    const screen = (
      await t.app.inject({
        url: `/api/public/figures?placeId=${town.street.id}&by=place`,
        headers: as(secretary),
      })
    ).json();
    expect(rows[0]).toMatchObject({
      分组: '合计：长城中路街道',
      收集事项: String(screen.counts.collected),
      问题: String(screen.counts.problems),
      已解决: String(screen.counts.solved),
    });
    expect(rows.slice(1).map((r) => [r.分组, r.收集事项])).toEqual(
      screen.breakdown.rows.map((b: { label: string; counts: { collected: number } }) => [
        b.label,
        String(b.counts.collected),
      ]),
    );
    const handlers = await exported(t.app, secretary, {
      kind: 'figures',
      format: 'csv',
      filters: { source: 'handlers', by: 'party' },
    });
    const handled = records(csvRows((await download(t.app, secretary, handlers.id)).rawPayload));
    expect(handled).toEqual([expect.objectContaining({ 承办单位: '红宝物业', 未反馈工单: '1' })]);
    // The handlers' figures are for staff who see problems; a resident is refused as the table refuses.
    const refused = await requestExport(t.app, resident, {
      kind: 'figures',
      format: 'csv',
      filters: { source: 'handlers' },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a long export', () => {
  it('shows its progress, rows done of rows expected, while it runs', async () => {
    // A community of its own with 12,000 matters waiting, written in bulk, and its secretary.
    const now = Date.now();
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      id: uuidv7(),
      problem_id: null,
      kind: 'suggestion',
      title: null,
      text: `第 ${i} 条意见：小区东门的路灯晚上不亮，老人走路不方便`,
      category: 'environment',
      community_id: town.otherCommunity.id,
      place_id: town.otherHousehold.id,
      place_path: town.otherHousehold.path,
      channel: 'visit',
      hotline_no: null,
      submitter_user_id: null,
      submitter_person_id: null,
      recorded_by: null,
      state: 'submitted',
      decline_reason: null,
      feedback_solved: null,
      rating: null,
      feedback_comment: null,
      feedback_at: null,
      closed_at: null,
      created_at: new Date(now - 86_400_000 + i).toISOString(),
      updated_at: new Date(now).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.database.db
        .insertInto('matters')
        .values(rows.slice(i, i + 500))
        .execute();
    const other = (
      await signedInUser(t.app, t.database, {
        grants: [{ role: 'community_secretary', place: town.otherCommunity }],
      })
    ).session;

    const response = await requestExport(t.app, other, { kind: 'matters', format: 'xlsx' });
    expect(response.statusCode).toBe(202);
    const seen: ExportJobView[] = [];
    const done = await waitForJob(t.app, other, response.json().id, seen);
    expect(done).toMatchObject({ state: 'done', rowsDone: 12_000, rowsTotal: 12_000 });
    const midway = seen.filter((j) => j.state === 'running' && j.rowsDone > 0 && j.rowsDone < 12_000);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every((j) => j.rowsTotal === 12_000)).toBe(true);
    // Never backwards.
    const done_ = seen.map((j) => j.rowsDone);
    expect(done_).toEqual([...done_].sort((a, b) => a - b));
    const file = await xlsxRows((await download(t.app, other, done.id)).rawPayload);
    expect(file.length).toBe(12_001);
  }, 60_000);
});
