import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeHousehold, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let first: Session; // 1号楼 101
let upstairs: Session; // 1号楼 102
let otherBuilding: Session; // 2号楼 201
let otherCompound: Session;
let gridWorker: Session;
let secretary: Session;

async function submit(session: Session, text: string, extra: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(session),
    payload: { kind: 'problem', category: 'property_service', text, ...extra },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function accept(matterId: string, title: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matterId}/accept`,
    headers: as(secretary),
    payload: { title, urgency: 2, severity: 2 },
  });
  expect(response.statusCode).toBe(200);
  return response.json().problemId as string;
}

async function typing(session: Session, text: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/matters/already-reported',
    headers: as(session),
    payload: { text },
  });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    problemId: string;
    publicSummary: string | null;
    placeName: string;
    voices: number;
  }[];
}

let liftProblem: string;
let otherLiftProblem: string;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  const household102 = await makeHousehold(t.database, town.entrance1, '102');
  first = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  upstairs = (await signedInUser(t.app, t.database, { households: [household102] })).session;
  otherBuilding = (await signedInUser(t.app, t.database, { households: [town.household201] })).session;
  otherCompound = (await signedInUser(t.app, t.database, { households: [town.otherHousehold] })).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  liftProblem = await accept(
    await submit(first, '我家王大爷被困电梯里半小时，电梯三天两头坏'),
    '1号楼电梯故障',
  );
  otherLiftProblem = await accept(
    await submit(otherBuilding, '2号楼电梯坏了，老人下不了楼'),
    '2号楼电梯故障',
  );
});
afterAll(() => t.close());

describe('already reported? while typing', () => {
  it('offers the open problem of the same building by category, place and date — never the other resident’s words', async () => {
    const items = await typing(upstairs, '电梯又坏了');
    expect(items.map((i) => i.problemId)).toEqual([liftProblem]);
    expect(items[0]).toMatchObject({
      publicSummary: null,
      placeName: '锦秀河畔 1号楼',
      voices: 1,
      category: 'property_service',
    });
    const shown = JSON.stringify(items);
    expect(shown).not.toContain('王大爷');
    expect(shown).not.toContain('1号楼电梯故障');
    expect(shown).not.toContain('101');
  });

  it('does not offer another building’s lift, nor another compound’s', async () => {
    expect((await typing(otherBuilding, '电梯又坏了')).map((i) => i.problemId)).toEqual([otherLiftProblem]);
    expect(await typing(otherCompound, '电梯又坏了')).toEqual([]);
  });

  it('shows the public summary once it is published', async () => {
    await t.database.db
      .updateTable('problems')
      .set({
        public_summary: '1号楼电梯维修中，已联系厂家',
        published_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', liftProblem)
      .execute();
    const items = await typing(upstairs, '电梯坏了');
    expect(items[0]).toMatchObject({ problemId: liftProblem, publicSummary: '1号楼电梯维修中，已联系厂家' });
  });

  it('"me too" files the resident’s matter under that problem: one more voice, and they hear its outcome', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/matters/me-too',
      headers: { ...as(upstairs), 'idempotency-key': 'me-too-1' },
      payload: { problemId: liftProblem, text: '电梯又坏了，我也遇到了', category: 'property_service' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ state: 'accepted', problem: { id: liftProblem, voices: 2 } });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/matters/me-too',
      headers: { ...as(upstairs), 'idempotency-key': 'me-too-1' },
      payload: { problemId: liftProblem, text: '电梯又坏了，我也遇到了', category: 'property_service' },
    });
    expect(again.json().id).toBe(response.json().id);
    expect((await typing(upstairs, '电梯坏了'))[0]!.voices).toBe(2);
  });

  it('refuses "me too" for a problem of another compound as not found', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/matters/me-too',
      headers: as(otherCompound),
      payload: { problemId: liftProblem, text: '我也是' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('merge suggestions, merge and split', () => {
  let streetlightA: string;
  let streetlightB: string;
  let streetlightProblem: string;

  beforeAll(async () => {
    streetlightProblem = await accept(await submit(first, '小区路灯坏了好几盏，晚上很黑'), '小区路灯不亮');
    streetlightA = await submit(upstairs, '路灯不亮一个多月了');
    streetlightB = await submit(otherBuilding, '晚上小区里路灯都不亮，老人摔倒了');
    await submit(otherCompound, '路灯不亮');
  });

  it('groups open matters and problems of one compound with the reason, and keeps compounds apart', async () => {
    const response = await t.app.inject({
      url: '/api/workbench/problem-list/suggestions',
      headers: as(secretary),
    });
    expect(response.statusCode).toBe(200);
    const { groups, compared } = response.json();
    expect(compared.problems).toBeGreaterThanOrEqual(3);
    const lights = groups.find((g: { members: { id: string }[] }) =>
      g.members.some((m) => m.id === streetlightProblem),
    );
    expect(lights.members.map((m: { id: string }) => m.id).sort()).toEqual(
      [streetlightProblem, streetlightA, streetlightB].sort(),
    );
    expect(lights.reasons.join(' ')).toContain('锦秀河畔');
    expect(lights.reasons.join(' ')).toContain('路灯');
    const lifts = groups.find((g: { members: { id: string }[] }) =>
      g.members.some((m) => m.id === liftProblem),
    );
    expect(lifts?.members.some((m: { id: string }) => m.id === otherLiftProblem) ?? false).toBe(false);
  });

  it('refuses residents', async () => {
    const response = await t.app.inject({
      url: '/api/workbench/problem-list/suggestions',
      headers: as(first),
    });
    expect(response.statusCode).toBe(403);
  });

  it('merges the group into the problem and tells every submitter whose matter moved', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/problem-list/merge',
      headers: as(secretary),
      payload: { targetProblemId: streetlightProblem, matterIds: [streetlightA, streetlightB] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ problemId: streetlightProblem, notified: 2 });
    const matters = await t.database.db
      .selectFrom('matters')
      .select(['id', 'problem_id', 'state'])
      .where('id', 'in', [streetlightA, streetlightB])
      .execute();
    expect(matters.every((m) => m.problem_id === streetlightProblem && m.state === 'accepted')).toBe(true);
    const told = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('problem_id', '=', streetlightProblem)
      .execute();
    expect(told).toHaveLength(2);
    expect(told[0]!.title).toContain('小区路灯不亮');
  });

  it('merges two problems into one; their submitters stay linked', async () => {
    const a = await accept(await submit(first, '垃圾桶满了没人清'), '垃圾清运不及时');
    const b = await accept(await submit(upstairs, '垃圾好几天不清运了'), '垃圾没人清');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/problem-list/merge',
      headers: as(secretary),
      payload: { targetProblemId: a, problemIds: [b] },
    });
    expect(response.json()).toEqual({ problemId: a, notified: 1 });
    const mine = (await t.app.inject({ url: '/api/matters/mine', headers: as(upstairs) })).json();
    expect(mine.items.find((m: { text: string }) => m.text === '垃圾好几天不清运了').problem).toMatchObject({
      id: a,
      voices: 2,
    });
  });

  it('splits one matter out into a problem of its own and tells its submitter', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problem-list/matters/${streetlightB}/split`,
      headers: as(secretary),
    });
    expect(response.statusCode).toBe(200);
    const { problemId } = response.json();
    expect(problemId).not.toBe(streetlightProblem);
    const told = await t.database.db
      .selectFrom('notifications')
      .select(['title'])
      .where('problem_id', '=', problemId)
      .execute();
    expect(told.map((n) => n.title)).toEqual([expect.stringContaining('单独立为问题')]);
  });

  it('a grid worker cannot merge matters outside their grid', async () => {
    const away = await submit(otherBuilding, '2号楼楼道灯不亮');
    const near = await submit(first, '1号楼楼道灯不亮');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/problem-list/merge',
      headers: as(gridWorker),
      payload: { title: '楼道灯不亮', matterIds: [near, away] },
    });
    expect(response.statusCode).toBe(403);
    const still = await t.database.db
      .selectFrom('matters')
      .select('state')
      .where('id', '=', near)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('submitted');
  });
});
