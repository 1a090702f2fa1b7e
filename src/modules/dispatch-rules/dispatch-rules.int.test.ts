import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let secretary: Session;
let otherSecretary: Session;
let gridWorker: Session;
let resident: Session;
let propertyId: string;
let electrician: { userId: string; session: Session };

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  propertyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: propertyId,
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
  otherSecretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.otherCommunity }],
    })
  ).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  const staff = await signedInUser(t.app, t.database, {
    name: '马建国',
    grants: [{ role: 'building_steward', place: town.building1 }],
  });
  electrician = { userId: staff.userId, session: staff.session };
});
afterAll(() => t.close());

const createRule = (session: Session | null, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/dispatch-rules', headers: as(session), payload: body });
const list = (session: Session | null, query = '') =>
  t.app.inject({ url: `/api/dispatch-rules${query}`, headers: as(session) });

async function newProblem(category: string, text: string) {
  const matter = await t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(resident),
    payload: { kind: 'problem', category, text },
  });
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matter.json().id}/accept`,
    headers: as(gridWorker),
    payload: { title: text.slice(0, 20), urgency: 2, severity: 2 },
  });
  const problemId = accepted.json().problemId as string;
  return (
    await t.app.inject({ url: `/api/workbench/problems/${problemId}`, headers: as(gridWorker) })
  ).json();
}

describe('the dispatch catalogue', () => {
  let communityRule: string;
  let buildingRule: string;

  it('is kept by the community office: category × place → handler and level', async () => {
    const created = await createRule(secretary, {
      communityId: town.community.id,
      category: 'property_service',
      partyId: propertyId,
      level: 'compound',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ partyName: '红宝物业', placeId: null, level: 'compound' });
    communityRule = created.json().id;

    const atBuilding = await createRule(secretary, {
      communityId: town.community.id,
      category: 'property_service',
      placeId: town.building1.id,
      userId: electrician.userId,
      level: 'community',
    });
    expect(atBuilding.statusCode).toBe(201);
    expect(atBuilding.json()).toMatchObject({ placeName: '1号楼', userName: '马建国' });
    buildingRule = atBuilding.json().id;
  });

  it('refuses a second rule for the same category and place, a place of another community, and no handler', async () => {
    const twice = await createRule(secretary, {
      communityId: town.community.id,
      category: 'property_service',
      partyId: propertyId,
      level: 'community',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('category');
    const elsewhere = await createRule(secretary, {
      communityId: town.community.id,
      category: 'pets',
      placeId: town.otherBuilding.id,
      partyId: propertyId,
      level: 'compound',
    });
    expect(elsewhere.json().errors[0].field).toBe('placeId');
    const nobody = await createRule(secretary, {
      communityId: town.community.id,
      category: 'pets',
      level: 'compound',
    });
    expect(nobody.json().errors[0].field).toBe('partyId');
  });

  it('is read by dispatchers of the community, kept only by its office, and unseen elsewhere', async () => {
    const seen = (await list(gridWorker, `?communityId=${town.community.id}`)).json();
    expect(seen.total).toBe(2);
    expect(
      (
        await createRule(gridWorker, {
          communityId: town.community.id,
          category: 'pets',
          partyId: propertyId,
          level: 'compound',
        })
      ).statusCode,
    ).toBe(404); // the community itself lies outside a grid worker’s places: not theirs to know
    expect((await list(otherSecretary)).json().total).toBe(0);
    expect((await list(resident)).statusCode).toBe(403);
    expect((await list(null)).statusCode).toBe(401);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/dispatch-rules/${communityRule}`,
      headers: as(otherSecretary),
      payload: { partyId: propertyId, level: 'street' },
    });
    expect(patched.statusCode).toBe(404);
  });

  it('filters, sorts and pages', async () => {
    const page = (await list(secretary, '?sort=place&pageSize=1&page=2')).json();
    expect(page.total).toBe(2);
    expect(page.items.map((r: { id: string }) => r.id)).toEqual([buildingRule]);
    const byParty = (await list(secretary, `?partyId=${propertyId}`)).json();
    expect(byParty.items.map((r: { id: string }) => r.id)).toEqual([communityRule]);
    expect((await list(secretary, '?level=street')).json().total).toBe(0);
  });

  it('proposes the handler of a new problem at once: the nearest place wins, and sets its level', async () => {
    const atBuilding = await newProblem('property_service', '1号楼电梯经常停运，物业不管');
    expect(atBuilding.level).toBe('community');
    expect(atBuilding.proposedHandler).toEqual({
      partyId: null,
      partyName: null,
      userId: electrician.userId,
      userName: '马建国',
      level: 'community',
    });

    await t.app.inject({
      method: 'DELETE',
      url: `/api/dispatch-rules/${buildingRule}`,
      headers: as(secretary),
    });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/dispatch-rules/${communityRule}`,
      headers: as(secretary),
      payload: { partyId: propertyId, level: 'joint_meeting' },
    });
    expect(changed.json().level).toBe('joint_meeting');
    const communityWide = await newProblem('property_service', '物业服务质量差，楼道没人打扫');
    expect(communityWide.proposedHandler).toMatchObject({ partyName: '红宝物业', level: 'joint_meeting' });
    expect(communityWide.level).toBe('joint_meeting');
    expect((await newProblem('pets', '楼下狗粪没人清理')).proposedHandler).toBeNull();
  });

  it('lets the queue be filtered by the handler, party or person', async () => {
    const problem = await newProblem('environment', '2号楼门口路灯坏了');
    await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problem.id}/dispatch`,
      headers: as(gridWorker),
      payload: { lead: { userId: electrician.userId } },
    });
    const byPerson = (
      await t.app.inject({
        url: `/api/workbench/problems?userId=${electrician.userId}`,
        headers: as(secretary),
      })
    ).json();
    expect(byPerson.items.map((p: { id: string }) => p.id)).toEqual([problem.id]);
    const byParty = (
      await t.app.inject({ url: `/api/workbench/problems?partyId=${propertyId}`, headers: as(secretary) })
    ).json();
    expect(byParty.total).toBe(0);

    // The handler's own list of orders filters by state and sorts.
    const waiting = (
      await t.app.inject({
        url: '/api/orders/mine?state=dispatched&sort=dispatched',
        headers: as(electrician.session),
      })
    ).json();
    expect(waiting.items.map((o: { problemId: string }) => o.problemId)).toEqual([problem.id]);
    const taken = (
      await t.app.inject({ url: '/api/orders/mine?state=taken', headers: as(electrician.session) })
    ).json();
    expect(taken.total).toBe(0);
  });
});
