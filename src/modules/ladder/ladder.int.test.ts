import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type PlaceRow, type Session, signedInUser } from '../../../test/factories.ts';
import { buildWorkingCalendar } from '../../domain/deadlines/calendar.ts';
import { computeDeadline } from '../../domain/deadlines/deadline.ts';
import { defaultLevelRules } from '../../domain/ladder/ladder.ts';
import { runSweeps } from '../../server/sweeps.ts';
import { shippedNotices } from './calendar.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let grid: Session;
let property: Session;
let secretary: { userId: string; session: Session };
let officer: Session;
let admin: Session;
let waterMember: Session;
let propertyPartyId: string;
let townCommitteeId: string;
let waterUtilityId: string;
let policeId: string;

async function makeParty(kind: string, name: string, place: PlaceRow) {
  const id = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({ id, kind, name, place_id: place.id, created_at: new Date().toISOString() })
    .execute();
  return id;
}

async function catalogue(category: string, level: string, who: { partyId?: string; userId?: string }) {
  await t.database.db
    .insertInto('dispatch_rules')
    .values({
      id: uuidv7(),
      community_id: town.community.id,
      category,
      place_id: null,
      party_id: who.partyId ?? null,
      user_id: who.userId ?? null,
      level,
      created_at: new Date().toISOString(),
    })
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  propertyPartyId = await makeParty('property_company', '星河物业', town.community);
  townCommitteeId = await makeParty('party_organisation', '金星镇党委', town.street);
  waterUtilityId = await makeParty('utility', '中铁水务', town.street);
  policeId = await makeParty('police_station', '长城中路派出所', town.street);
  grid = (await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] }))
    .session;
  property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId: propertyPartyId }],
    })
  ).session;
  const sec = await signedInUser(t.app, t.database, {
    name: '马佳',
    grants: [{ role: 'community_secretary', place: town.community }],
  });
  secretary = { userId: sec.userId, session: sec.session };
  officer = (
    await signedInUser(t.app, t.database, {
      name: '杨志军',
      grants: [{ role: 'street_officer', place: town.street, partyId: townCommitteeId }],
    })
  ).session;
  admin = (await signedInUser(t.app, t.database, { grants: [{ role: 'admin', place: town.city }] })).session;
  waterMember = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'department_liaison', place: town.street, partyId: waterUtilityId }],
    })
  ).session;
  // The pump-noise ladder: property company → community secretary → town party committee.
  await catalogue('property_service', 'compound', { partyId: propertyPartyId });
  await catalogue('property_service', 'community', { userId: sec.userId });
  await catalogue('property_service', 'street', { partyId: townCommitteeId });
});
afterAll(() => t.close());

async function newProblem(category = 'property_service', text = '2号楼增压泵噪音大') {
  const matter = await t.app.inject({
    method: 'POST',
    url: '/api/matters/intake',
    headers: as(grid),
    payload: { kind: 'problem', category, text, placeId: town.building1.id, channel: 'visit' },
  });
  expect(matter.statusCode).toBe(201);
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matter.json().id}/accept`,
    headers: as(grid),
    payload: { title: `${text} ${uuidv7().slice(-4)}`, urgency: 2, severity: 3 },
  });
  expect(accepted.statusCode).toBe(200);
  return accepted.json().problemId as string;
}

function problemRow(id: string) {
  return t.database.db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function dispatchToProperty(problemId: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/workbench/problems/${problemId}/dispatch`,
    headers: as(grid),
    payload: { lead: { partyId: propertyPartyId } },
  });
  expect(response.statusCode).toBe(200);
}

/** What an overdue problem looks like after its deadline passed: the deadline moved into the past. */
async function letDeadlinePass(problemId: string) {
  const past = new Date(Date.now() - 60_000).toISOString();
  await t.database.db
    .updateTable('problems')
    .set({ deadline_at: past, deadline_warn_at: null })
    .where('id', '=', problemId)
    .execute();
}

function events(problemId: string, kind: string) {
  return t.database.db
    .selectFrom('problem_events')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('kind', '=', kind)
    .execute();
}

function notices(userId: string, problemId: string, kind: string) {
  return t.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('problem_id', '=', problemId)
    .where('kind', '=', kind)
    .execute();
}

const calendar = buildWorkingCalendar(shippedNotices);

describe('deadlines when a problem is accepted', () => {
  it('follow the level’s default in working days without a rule of the community', async () => {
    const id = await newProblem('pets', '楼道里有狗粪');
    const row = await problemRow(id);
    const expected = computeDeadline(new Date(row.created_at), defaultLevelRules.compound, calendar);
    expect(row.deadline_at).toBe(expected.dueAt.toISOString());
    expect(row.deadline_provisional).toBe(expected.provisional ? 1 : 0);
    expect(row.deadline_unit).toBe('working_days');
  });

  it('follow the community’s rule for the level and category, set through the workbench', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(secretary.session),
      payload: {
        communityId: town.community.id,
        level: 'compound',
        category: 'fire_safety',
        amount: 4,
        unit: 'hours',
        warnMinutes: 60,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().rules).toContainEqual(
      expect.objectContaining({ level: 'compound', category: 'fire_safety', amount: 4, unit: 'hours' }),
    );
    const id = await newProblem('fire_safety', '楼道堆放电动车');
    const row = await problemRow(id);
    expect(Date.parse(row.deadline_at!) - Date.parse(row.created_at)).toBe(4 * 3_600_000);
    expect(Date.parse(row.deadline_at!) - Date.parse(row.deadline_warn_at!)).toBe(60 * 60_000);
  });

  it('refuses a rule from someone who does not keep the community', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(property),
      payload: {
        communityId: town.community.id,
        level: 'compound',
        category: null,
        amount: 1,
        unit: 'days',
        warnMinutes: 0,
      },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('a year without a holiday notice', () => {
  it('counts Monday to Friday and marks the deadline provisional, until an admin loads the notice', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(secretary.session),
      payload: {
        communityId: town.community.id,
        level: 'compound',
        category: 'health',
        amount: 200,
        unit: 'working_days',
        warnMinutes: 0,
      },
    });
    const id = await newProblem('health', '社区卫生站排队久');
    const before = await problemRow(id);
    expect(before.deadline_provisional).toBe(1);
    const listed = (
      await t.app.inject({ url: '/api/workbench/holiday-notices', headers: as(secretary.session) })
    ).json();
    expect(listed.notices.map((n: { year: number }) => n.year)).toContain(2026);
    expect(listed.canLoad).toBe(false);

    // A made-up notice for the test, not the real one: a week off in early 2027 pushes the deadline back.
    const fictional = (year: number) => ({
      source: `测试用通知（虚构） ${year}`,
      year,
      holidays: [{ name: '测试假期', from: `${year}-03-01`, to: `${year}-03-05` }],
      working_weekend_days: [],
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(secretary.session),
      payload: fictional(2027),
    });
    expect(refused.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(admin),
      payload: { ...fictional(2027), working_weekend_days: ['2027-03-03'] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('working_weekend_days.0');

    const loaded = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(admin),
      payload: fictional(2027),
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().recomputed).toBeGreaterThanOrEqual(1);
    const after = await problemRow(id);
    expect(after.deadline_provisional).toBe(0);
    // Five working days off in the fictional notice: the deadline is a week later.
    expect(Date.parse(after.deadline_at!) - Date.parse(before.deadline_at!)).toBe(7 * 86_400_000);
  });
});

describe('a handler escalates 上报', () => {
  it('sends the problem to the next level’s handler from the catalogue, with a notification and a timeline step', async () => {
    const id = await newProblem();
    await dispatchToProperty(id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(property),
      payload: { reason: '' },
    });
    expect(refused.statusCode).toBe(400);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(property),
      payload: { reason: '增压泵需开发商更换，物业无权处理' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      level: 'community',
      next: { level: 'street', handlerName: '金星镇党委' },
    });

    const orders = await t.database.db
      .selectFrom('orders')
      .selectAll()
      .where('problem_id', '=', id)
      .orderBy('dispatched_at')
      .execute();
    expect(orders.map((o) => [o.state, o.party_id ?? o.assignee_user_id])).toEqual([
      ['transferred', propertyPartyId],
      ['dispatched', secretary.userId],
    ]);
    const mine = (await t.app.inject({ url: '/api/orders/mine', headers: as(secretary.session) })).json();
    expect(mine.items.map((o: { problemId: string }) => o.problemId)).toContain(id);
    expect(await notices(secretary.userId, id, 'escalated')).toHaveLength(1);
    const [step] = await events(id, 'escalated');
    expect(step?.text).toBe('增压泵需开发商更换，物业无权处理');
    expect(JSON.parse(step!.data)).toMatchObject({ from: 'compound', to: 'community', by: 'handler' });
    const detail = (
      await t.app.inject({ url: `/api/workbench/problems/${id}`, headers: as(secretary.session) })
    ).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('escalated');
    const row = await problemRow(id);
    const expected = computeDeadline(new Date(step!.at), defaultLevelRules.community, calendar);
    expect(row.deadline_at).toBe(expected.dueAt.toISOString());

    // Once the property company no longer holds the lead, it may not send the problem further.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(property),
      payload: { reason: '再上报' },
    });
    expect(again.statusCode).toBe(403);
  });

  it('cannot go beyond the street/town', async () => {
    const id = await newProblem();
    await t.database.db.updateTable('problems').set({ level: 'street' }).where('id', '=', id).execute();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(officer),
      payload: { reason: '再上报' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().state).toBe('street');
  });
});

describe('the sweep', () => {
  it('climbs a problem past its deadline once, restart after restart', async () => {
    const id = await newProblem();
    await dispatchToProperty(id);
    await letDeadlinePass(id);
    await runSweeps(t.app.deps, t.app.log);
    await runSweeps(t.app.deps, t.app.log);
    const row = await problemRow(id);
    expect(row.level).toBe('community');
    expect(Date.parse(row.deadline_at!)).toBeGreaterThan(Date.now());
    expect(await events(id, 'escalated')).toHaveLength(1);
    expect(await notices(secretary.userId, id, 'escalated')).toHaveLength(1);
    const overdue = (
      await t.app.inject({ url: '/api/workbench/overdue', headers: as(secretary.session) })
    ).json();
    expect(overdue.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('passes over a level without a handler in the catalogue to the next one with one', async () => {
    const id = await newProblem();
    await t.database.db.updateTable('problems').set({ level: 'community' }).where('id', '=', id).execute();
    await letDeadlinePass(id);
    const overdue = (
      await t.app.inject({ url: '/api/workbench/overdue?level=community', headers: as(secretary.session) })
    ).json();
    expect(overdue.counts.community).toBeGreaterThanOrEqual(1);
    expect(overdue.items.map((p: { id: string }) => p.id)).toContain(id);
    await runSweeps(t.app.deps, t.app.log);
    const row = await problemRow(id);
    expect(row.level).toBe('street');
    expect(row.state).toBe('dispatched');
    const lead = await t.database.db
      .selectFrom('orders')
      .select(['party_id', 'state'])
      .where('problem_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(lead).toEqual({ party_id: townCommitteeId, state: 'dispatched' });
  });

  it('warns the handler once when the deadline is near', async () => {
    const id = await newProblem();
    await dispatchToProperty(id);
    await t.database.db
      .updateTable('problems')
      .set({ deadline_warn_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await runSweeps(t.app.deps, t.app.log);
    await runSweeps(t.app.deps, t.app.log);
    const propertyUser = await t.database.db
      .selectFrom('party_members')
      .select('user_id')
      .where('party_id', '=', propertyPartyId)
      .executeTakeFirstOrThrow();
    const warned = await notices(propertyUser.user_id, id, 'deadline_near');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.title).toContain('即将超期');
    expect((await problemRow(id)).level).toBe('compound');
  });
});

describe('吹哨报到', () => {
  it('an officer summons departments at the street level; each reports in, its time recorded', async () => {
    await catalogue('old_compound_renovation', 'compound', { partyId: propertyPartyId });
    await catalogue('old_compound_renovation', 'street', { partyId: townCommitteeId });
    const id = await newProblem('old_compound_renovation', '上水管道跑冒滴漏');
    const arriveBy = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const payload = { partyIds: [waterUtilityId, policeId], arriveBy, note: '请带图纸到现场' };
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(officer),
      payload,
    });
    expect(early.statusCode).toBe(409);
    await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(grid),
      payload: { reason: '涉及供水管网，需街道协调' },
    });
    expect((await problemRow(id)).level).toBe('street');
    const notOfficer = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(secretary.session),
      payload,
    });
    expect(notOfficer.statusCode).toBe(403);
    const blown = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(officer),
      payload,
    });
    expect(blown.statusCode).toBe(200);
    const [whistle] = blown.json().whistles;
    expect(whistle.arriveBy).toBe(arriveBy);
    expect(whistle.summons.map((s: { partyName: string }) => s.partyName).sort()).toEqual(
      ['中铁水务', '长城中路派出所'].sort(),
    );
    const water = whistle.summons.find((s: { partyId: string }) => s.partyId === waterUtilityId);
    expect(water).toMatchObject({ orderState: 'dispatched', reportedInAt: null });

    const mine = (await t.app.inject({ url: '/api/orders/mine', headers: as(waterMember) })).json();
    expect(mine.items.map((o: { problemId: string }) => o.problemId)).toContain(id);
    const waterUser = await t.database.db
      .selectFrom('party_members')
      .select('user_id')
      .where('party_id', '=', waterUtilityId)
      .executeTakeFirstOrThrow();
    expect(await notices(waterUser.user_id, id, 'whistle')).toHaveLength(1);

    const reported = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/summons/${water.id}/report-in`,
      headers: as(waterMember),
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toEqual({ onTime: true });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/summons/${water.id}/report-in`,
      headers: as(waterMember),
    });
    expect(twice.statusCode).toBe(409);
    const view = (
      await t.app.inject({ url: `/api/workbench/problems/${id}/ladder`, headers: as(officer) })
    ).json();
    const after = view.whistles[0].summons.find((s: { partyId: string }) => s.partyId === waterUtilityId);
    expect(after).toMatchObject({ orderState: 'taken', onTime: true, canReportIn: false });
    expect(Date.parse(after.reportedInAt)).toBeLessThan(Date.parse(arriveBy));
    expect((await events(id, 'reported_in'))[0]?.text).toBe('中铁水务按时报到');
    expect((await events(id, 'whistled'))[0]?.text).toBe('请带图纸到现场');
  });
});
