import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import {
  as,
  makeHousehold,
  makePlace,
  makeTown,
  type Session,
  signedInUser,
} from '../../../test/factories.ts';
import { categoryNames } from '../../domain/matters/vocabulary.ts';
import { transact } from '../../server/transaction.ts';
import { multipartFile } from '../attachments/photos.testkit.ts';
import { countChange } from '../figures/rollup.ts';
import { download, exported, records, xlsxRows } from './exports.testkit.ts';
import { beijingTime, problemStateNames } from './vocabulary.ts';

// The round trip of issue 9: a community's problem list exported as XLSX, read back and checked against the
// database, then imported into an empty community, gives the same figures.

let t: TestApp;
let filesDir: string;
let town: Awaited<ReturnType<typeof makeTown>>;
let empty: { id: string; path: string };
let secretary: Session;
let emptySecretary: Session;
let officer: Session;
let property: Session;
const residents: Session[] = [];
let partyId: string;

const send = async (session: Session, url: string, payload?: unknown) => {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: as(session),
    payload: payload as never,
  });
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  return response.statusCode === 204 ? null : response.json();
};

async function raise(resident: Session, text: string, category: string) {
  return (await send(resident, '/api/matters', { kind: 'problem', category, text })).id as string;
}
async function accept(matterId: string, title: string) {
  return (await send(secretary, `/api/matters/${matterId}/accept`, { title, urgency: 3, severity: 2 }))
    .problemId as string;
}
async function join(matterId: string, problemId: string) {
  await send(secretary, `/api/matters/${matterId}/accept`, { problemId });
}
const orderOf = async (problemId: string) =>
  (
    await t.database.db
      .selectFrom('orders')
      .select('id')
      .where('problem_id', '=', problemId)
      .where('state', 'in', ['dispatched', 'taken'])
      .executeTakeFirstOrThrow()
  ).id;
const dispatch = (problemId: string) =>
  send(secretary, `/api/workbench/problems/${problemId}/dispatch`, { lead: { partyId } });
const take = async (problemId: string) => send(property, `/api/orders/${await orderOf(problemId)}/take`);
const report = async (problemId: string) =>
  send(property, `/api/orders/${await orderOf(problemId)}/report`, { text: '已处理' });
const answer = (resident: Session, matterId: string, solved: boolean, rating: number) =>
  send(resident, `/api/matters/${matterId}/feedback`, { solved, rating });

/**
 * Moves a problem `days` into the past, its steps the given hours after it was accepted (first response,
 * resolution, closing, deadline), as they would be spread over days; its matters raised an hour before.
 */
async function age(
  problemId: string,
  days: number,
  at: { respond?: number; resolve?: number; close?: number; deadline?: number } = {},
) {
  const db = t.database.db;
  const problem = await db
    .selectFrom('problems')
    .selectAll()
    .where('id', '=', problemId)
    .executeTakeFirstOrThrow();
  const created = Date.now() - days * 86_400_000;
  const hoursIn = (h: number) => new Date(created + h * 3_600_000).toISOString();
  const shift = created - Date.parse(problem.created_at);
  await db
    .updateTable('problems')
    .set({
      created_at: hoursIn(0),
      first_taken_at: problem.first_taken_at ? hoursIn(at.respond ?? 1) : null,
      resolved_at: problem.resolved_at ? hoursIn(at.resolve ?? 48) : null,
      closed_at: problem.closed_at ? hoursIn(at.close ?? 72) : null,
      deadline_at:
        at.deadline !== undefined
          ? hoursIn(at.deadline)
          : problem.deadline_at && new Date(Date.parse(problem.deadline_at) + shift).toISOString(),
    })
    .where('id', '=', problemId)
    .execute();
  const matters = await db.selectFrom('matters').selectAll().where('problem_id', '=', problemId).execute();
  for (const m of matters)
    await db
      .updateTable('matters')
      .set({
        created_at: hoursIn(-1),
        feedback_at: m.feedback_at && hoursIn((at.resolve ?? 48) + 1),
        closed_at: m.closed_at && hoursIn(at.close ?? 72),
      })
      .where('id', '=', m.id)
      .execute();
  await transact(t.app.deps, null, async (tx) => {
    for (const m of matters) await countChange(tx, { matterId: m.id });
    await countChange(tx, { problemId });
  });
}

/** A multipart upload of one file as the signed-in session. */
const upload = (
  session: Session,
  form: { payload: Buffer; headers: Record<string, string> },
  extra: Record<string, string> = {},
) => ({ headers: { ...as(session), ...form.headers, ...extra }, payload: form.payload });

const figuresOf = async (placeId: string) =>
  (await t.app.inject({ url: `/api/public/figures?placeId=${placeId}` })).json();

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-ledger-'));
  t = await testApp({ FILES_DIR: filesDir });
  town = await makeTown(t.database);
  // The empty community: the same compound and buildings by name, no matter or problem yet.
  const emptyCommunity = await makePlace(t.database, 'community', '唐徕社区', town.street);
  const compound = await makePlace(t.database, 'compound', '锦秀河畔小区', emptyCommunity);
  await makePlace(t.database, 'building', '1号楼', compound);
  await makePlace(t.database, 'building', '二号楼', compound);
  empty = emptyCommunity;
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
  emptySecretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: emptyCommunity }],
    })
  ).session;
  officer = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'street_officer', place: town.street }] })
  ).session;
  property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId }],
    })
  ).session;
  const household102 = await makeHousehold(t.database, town.entrance1, '102');
  for (const household of [town.household101, town.household201, household102])
    residents.push((await signedInUser(t.app, t.database, { households: [household] })).session);
  const [r1, r2, r3] = residents as [Session, Session, Session];

  // Every state of the problem list, through the services, over two weeks.
  const open = await accept(await raise(r1, '路灯坏了', 'environment'), '路灯不亮');
  await age(open, 14, { deadline: 72 }); // overdue: its deadline passed days ago
  const dispatched = await accept(await raise(r2, '电梯异响', 'property_service'), '电梯异响');
  await join(await raise(r3, '电梯又响了', 'property_service'), dispatched);
  await dispatch(dispatched);
  await age(dispatched, 10);
  const working = await accept(await raise(r1, '楼道堆物', 'fire_safety'), '楼道堆物');
  await dispatch(working);
  await take(working);
  await age(working, 9, { respond: 30 }); // answered late
  const resolved = await accept(await raise(r2, '垃圾满溢', 'environment'), '垃圾清运');
  await dispatch(resolved);
  await take(resolved);
  await report(resolved);
  await age(resolved, 7, { respond: 3, resolve: 50 });
  const confirmedMatter = await raise(r3, '停车位被占', 'traffic_parking');
  const closed = await accept(confirmedMatter, '车位被占');
  await dispatch(closed);
  await take(closed);
  await report(closed);
  await answer(r3, confirmedMatter, true, 5);
  await age(closed, 6, { respond: 2, deadline: 24, resolve: 30 }); // solved after its deadline
  const reopenedMatter = await raise(r1, '水压太低', 'property_service');
  const reopened = await accept(reopenedMatter, '水压低');
  await dispatch(reopened);
  await take(reopened);
  await report(reopened);
  await answer(r1, reopenedMatter, false, 2);
  await age(reopened, 5, { respond: 4 });
  const two = [
    await raise(r2, '健身器材坏了', 'elderly_children'),
    await raise(r3, '健身器材生锈', 'elderly_children'),
  ];
  const closedTwice = await accept(two[0]!, '健身器材维修');
  await join(two[1]!, closedTwice);
  await dispatch(closedTwice);
  await take(closedTwice);
  await report(closedTwice);
  await answer(r2, two[0]!, true, 4);
  await answer(r3, two[1]!, true, 3);
  await age(closedTwice, 4, { respond: 1 });
  // Not in the problem list: a matter declined, one still waiting.
  await send(secretary, `/api/matters/${await raise(r1, '想要换个门牌', 'other')}/decline`, {
    reason: '不属于社区事务',
  });
  await raise(r2, '新反映：井盖松动', 'environment');
}, 120_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

let ledger: Buffer;

describe('the problem list as a ledger', () => {
  it('a street officer exports the community’s problems as XLSX, and every row is the database’s', async () => {
    const job = await exported(t.app, officer, {
      kind: 'problems',
      format: 'xlsx',
      filters: { placeId: town.community.id, sort: 'deadline' },
    });
    const file = await download(t.app, officer, job.id);
    expect(file.statusCode).toBe(200);
    ledger = file.rawPayload;
    const rows = records(await xlsxRows(ledger));
    const problems = await t.database.db
      .selectFrom('problems')
      .selectAll()
      .where('community_id', '=', town.community.id)
      .execute();
    expect(rows.length).toBe(problems.length);
    expect(rows.length).toBe(7);
    for (const p of problems) {
      const row = rows.find((r) => r.问题编号 === p.id);
      expect(row, p.title).toBeDefined();
      const matters = await t.database.db
        .selectFrom('matters')
        .selectAll()
        .where('problem_id', '=', p.id)
        .execute();
      expect(row).toMatchObject({
        问题: p.title,
        社区: '亲水阳光社区',
        状态: problemStateNames[p.state as keyof typeof problemStateNames]['zh-CN'],
        类别: categoryNames[p.category as keyof typeof categoryNames]['zh-CN'],
        受理时间: beijingTime(p.created_at),
        首次响应时间: beijingTime(p.first_taken_at),
        解决时间: beijingTime(p.resolved_at),
        办结时间: beijingTime(p.closed_at),
        重办次数: String(p.reopen_count),
        反映人数: String(matters.length),
        确认解决人数: String(matters.filter((m) => m.feedback_solved === 1).length),
        不满意人数: String(matters.filter((m) => m.feedback_solved === 0).length),
      });
      // A problem filed at a household shows its compound and building, never the door.
      expect(row!.地点).toMatch(/^锦秀河畔 [12]号楼$/);
    }
    // The rows by state are the figures' counts.
    const figures = await figuresOf(town.community.id);
    const byState = (...names: string[]) => rows.filter((r) => names.includes(r.状态 ?? '')).length;
    expect(byState('待派单')).toBe(figures.counts.open);
    expect(byState('已派单', '办理中')).toBe(figures.counts.inProgress);
    expect(byState('已办理', '已办结')).toBe(figures.counts.solved);
    expect(rows.reduce((n, r) => n + Number(r.反映人数), 0)).toBe(
      figures.counts.collected - figures.counts.declined - 1,
    );
    expect(figures.counts).toMatchObject({ problems: 7, open: 1, inProgress: 3, solved: 3 });
    expect(figures.counts.overdue).toBeGreaterThan(0);
  });

  it('imported into an empty community, gives the same figures: counts by state and the three rates', async () => {
    const before = await figuresOf(empty.id);
    expect(before.counts.problems).toBe(0);
    const form = () => multipartFile(ledger, '问题清单.xlsx', 'application/octet-stream');
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${empty.id}`,
      ...upload(emptySecretary, form()),
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().counts).toEqual({ rows: 7, new: 7, imported: 0, duplicate: 0, refused: 0 });
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports?placeId=${empty.id}&hash=${preview.json().fileHash}`,
      ...upload(emptySecretary, form()),
    });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().counts).toMatchObject({ imported: 7, refused: 0 });

    const original = await figuresOf(town.community.id);
    const copy = await figuresOf(empty.id);
    expect(copy.rates).toEqual(original.rates);
    expect(copy.onTimeByLevel).toEqual(original.onTimeByLevel);
    expect(copy.counts).toEqual({
      ...original.counts,
      // The ledger lists problems: the matter declined and the one still waiting are not in it.
      collected: original.counts.collected - original.counts.declined - 1,
      declined: 0,
    });
    // The rates are not empty: the round trip is checked on real numbers.
    expect(original.rates.response.denominator).toBe(7);
    expect(original.rates.response.numerator).toBe(4);
    expect(original.rates.satisfaction).toMatchObject({ numerator: 2, denominator: 4 });
    expect(original.rates.resolution).toMatchObject({ numerator: 3, denominator: 4 });
    expect(original.rates.reopens).toBe(1);

    // Importing the same ledger again adds nothing.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports?placeId=${empty.id}`,
      ...upload(emptySecretary, form()),
    });
    expect(again.json().counts).toMatchObject({ duplicate: 7, imported: 0 });
    expect((await figuresOf(empty.id)).counts).toEqual(copy.counts);
  });

  it('imported back into its own community, adds nothing: its problem IDs are the community’s problems', async () => {
    const problems = async () =>
      (
        await t.database.db
          .selectFrom('problems')
          .select('id')
          .where('community_id', '=', town.community.id)
          .execute()
      ).length;
    const before = await problems();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports?placeId=${town.community.id}`,
      ...upload(secretary, multipartFile(ledger, '问题清单.xlsx', 'application/octet-stream')),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toEqual({ rows: 7, new: 0, imported: 0, duplicate: 7, refused: 0 });
    expect(response.json().rows[0].issues[0].message).toContain('就是本社区的问题');
    expect(await problems()).toBe(before);
  });

  it('a hand-kept ledger is checked row by row, in both languages, and nothing is imported while a row is wrong', async () => {
    const csv = [
      '富平社区问题台账（2026年）',
      '问题,地点,类别,状态,受理时间,解决时间,办结时间,满意度评分,确认解决人数',
      '路灯不亮,锦秀河畔小区 1号楼,环境整治,已办结,2026-03-02 09:30,2026-03-05,2026-03-06,5,1',
      '井盖松动,锦秀河畔 9号楼,环境整治,待派单,2026/03/04 10:00,,,,',
      '电梯停运,,物业服务,修好了,2026-03-05 25:00,,,,',
      '广场舞扰民,锦秀河畔 二号楼,噪音,办理中,2026-03-08 19:00,2026-03-09,,7,0',
    ].join('\r\n');
    const form = () => multipartFile(Buffer.from(csv), '台账.csv', 'text/csv');
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${empty.id}`,
      ...upload(emptySecretary, form()),
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json();
    expect(report.counts).toEqual({ rows: 4, new: 1, imported: 0, duplicate: 0, refused: 3 });
    const issues = (row: number) =>
      report.rows
        .find((r: { row: number }) => r.row === row)
        .issues.map((i: { field: string; column: string }) => [i.field, i.column]);
    expect(issues(4)).toEqual([['place', '地点']]);
    expect(issues(5)).toEqual(
      expect.arrayContaining([
        ['state', '状态'],
        ['openedAt', '受理时间'],
      ]),
    );
    // 噪音 is no category of ours: it is filed as 环境整治 by its word, as 12345 sheets are.
    expect(issues(6)).toEqual(
      expect.arrayContaining([
        ['resolvedAt', '解决时间'],
        ['ratings', '满意度评分'],
      ]),
    );
    const english = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${empty.id}`,
      ...upload(emptySecretary, form(), { 'accept-language': 'en' }),
    });
    const place = english.json().rows.find((r: { row: number }) => r.row === 4).issues[0];
    expect(place.message).toContain('No “锦秀河畔 9号楼” in the community');

    const problemsBefore = (await figuresOf(empty.id)).counts.problems;
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports?placeId=${empty.id}`,
      ...upload(emptySecretary, form()),
    });
    expect(commit.statusCode).toBe(400);
    expect(commit.json().errors[0].message).toContain('3 行需要修改');
    expect((await figuresOf(empty.id)).counts.problems).toBe(problemsBefore);
  });

  it('a hand-kept ledger without problem IDs is imported once: again, its rows are known by problem, place and time', async () => {
    const csv = (...rows: string[]) => ['问题,地点,类别,状态,受理时间', ...rows].join('\r\n');
    const lamp = '楼道灯坏了,锦秀河畔小区 1号楼,环境整治,待派单,2026-04-02 09:30';
    const cover = '井盖松动,锦秀河畔小区 1号楼,环境整治,办理中,2026-04-03 10:00';
    const send = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/problem-imports?placeId=${empty.id}`,
        ...upload(emptySecretary, multipartFile(Buffer.from(text), '台账.csv', 'text/csv')),
      });
    const before = (await figuresOf(empty.id)).counts.problems;
    const first = await send(csv(lamp, cover));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().counts).toMatchObject({ imported: 2, duplicate: 0 });
    expect((await figuresOf(empty.id)).counts.problems).toBe(before + 2);

    // Next month's ledger repeats both rows and adds one: only the new one is imported.
    const next = await send(csv(lamp, cover, '路面塌陷,锦秀河畔小区 1号楼,环境整治,待派单,2026-05-06 08:00'));
    expect(next.json().counts).toMatchObject({ imported: 1, duplicate: 2 });
    expect((await figuresOf(empty.id)).counts.problems).toBe(before + 3);

    // The same row twice in one file is one problem written twice: refused, pointing at the first.
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${empty.id}`,
      ...upload(emptySecretary, multipartFile(Buffer.from(csv(cover, cover)), '台账.csv', 'text/csv')),
    });
    const second = twice.json().rows.find((r: { row: number }) => r.row === 3);
    expect(second.status).toBe('refused');
    expect(second.issues[0].message).toContain('与第 2 行的问题、地点和受理时间都相同');
  });

  it('is imported only by those who accept matters there', async () => {
    const form = multipartFile(ledger, '问题清单.xlsx', 'application/octet-stream');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${empty.id}`,
      headers: { ...as(secretary), ...form.headers },
      payload: form.payload,
    });
    expect(response.statusCode).toBe(404);
    // A deputy sees the community but accepts no matters there.
    const deputy = (
      await signedInUser(t.app, t.database, { grants: [{ role: 'npc_deputy', place: town.street }] })
    ).session;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/problem-imports/preview?placeId=${town.community.id}`,
      headers: { ...as(deputy), ...form.headers },
      payload: form.payload,
    });
    expect(refused.statusCode).toBe(403);
  });
});
