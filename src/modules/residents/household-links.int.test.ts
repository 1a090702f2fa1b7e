import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeHousehold, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { householdCode, registeredResident } from './residents.testkit.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let gridWorker1: Session;
let gridWorker2: Session;
let communityStaff: Session;
let propertyStaff: Session;

async function addOwner(householdId: string, name: string, phone: string) {
  const personId = uuidv7();
  await t.database.db
    .insertInto('people')
    .values({ id: personId, name, phone, created_at: new Date().toISOString(), erased_at: null })
    .execute();
  await t.database.db
    .insertInto('ownerships')
    .values({ id: uuidv7(), household_id: householdId, person_id: personId, party_id: null })
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  await addOwner(town.household101.id, '丁建国', '13811112222');
  const staff = (spec: Parameters<typeof signedInUser>[2]) =>
    signedInUser(t.app, t.database, spec).then((u) => u.session);
  gridWorker1 = await staff({ grants: [{ role: 'grid_worker', gridId: town.grid1.id }] });
  gridWorker2 = await staff({ grants: [{ role: 'grid_worker', gridId: town.grid2.id }] });
  communityStaff = await staff({ grants: [{ role: 'community_staff', place: town.community }] });
  propertyStaff = await staff({ grants: [{ role: 'property_staff', place: town.compound }] });
});
afterAll(() => t.close());

function ask(session: Session, householdId: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/residents/me/household-links',
    headers: as(session),
    payload: { householdId },
  });
}

function decide(session: Session, linkId: string, decision: 'confirm' | 'refuse') {
  return t.app.inject({
    method: 'POST',
    url: `/api/residents/household-links/${linkId}/decision`,
    headers: as(session),
    payload: { decision },
  });
}

async function queue(session: Session, query = '') {
  const response = await t.app.inject({
    url: `/api/residents/household-links?${query}`,
    headers: as(session),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Array<Record<string, never>>; total: number };
}

async function householdIdsOf(session: Session) {
  return (await t.app.inject({ url: '/api/auth/session', headers: as(session) })).json().user.householdIds;
}

describe('finding one’s household without seeing who lives there', () => {
  it('finds the compound by name, then its buildings, entrances and rooms in natural order', async () => {
    const compounds = await t.app.inject({ url: '/api/residents/places/compounds?q=锦秀' });
    expect(compounds.statusCode).toBe(200);
    expect(compounds.json()).toEqual([
      { id: town.compound.id, name: '锦秀河畔', community: '亲水阳光社区', street: '长城中路街道' },
    ]);
    const buildings = await t.app.inject({ url: `/api/residents/places/${town.compound.id}/children` });
    expect(buildings.json().map((b: { name: string }) => b.name)).toEqual(['1号楼', '2号楼']);
    await makeHousehold(t.database, town.entrance1, '1101');
    await makeHousehold(t.database, town.entrance1, '201');
    const rooms = await t.app.inject({ url: `/api/residents/places/${town.entrance1.id}/children` });
    expect(rooms.json().map((r: { name: string }) => r.name)).toEqual(['101', '201', '1101']);
    expect(rooms.body).not.toContain('丁建国');
    expect(rooms.body).not.toContain('13811112222');
    expect(rooms.body).not.toContain(await householdCode(t, town.household101.id));
  });

  it('does not browse above a compound or into a household', async () => {
    expect(
      (await t.app.inject({ url: `/api/residents/places/${town.community.id}/children` })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/residents/places/${town.household101.id}/children` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/residents/places/compounds?q=锦' })).statusCode).toBe(400);
  });
});

describe('linking by the household code on a notice', () => {
  it('confirms at once, and the household belongs to the resident from then on', async () => {
    const resident = await registeredResident(t);
    const code = await householdCode(t, town.household201.id);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/me/household-links/by-code',
      headers: as(resident.session),
      payload: { code: ` ${code} ` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      householdId: town.household201.id,
      place: '锦秀河畔 2号楼 1单元 201',
      status: 'confirmed',
      via: 'household_code',
    });
    expect(await householdIdsOf(resident.session)).toEqual([town.household201.id]);
  });

  it('refuses a wrong code on the code field, and stops counting after ten wrong codes an hour', async () => {
    const resident = await registeredResident(t);
    const tryCode = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/residents/me/household-links/by-code',
        headers: { ...as(resident.session), 'accept-language': 'en' },
        payload: { code },
      });
    const first = await tryCode('nosuchcode');
    expect(first.statusCode).toBe(400);
    expect(first.json().errors).toEqual([
      { field: 'code', message: 'No household has this code; check the code on the notice' },
    ]);
    for (let i = 0; i < 9; i++) expect((await tryCode(`wrong${i}`)).statusCode).toBe(400);
    const right = await householdCode(t, town.household101.id);
    expect((await tryCode(right)).statusCode).toBe(429);
    expect(await householdIdsOf(resident.session)).toEqual([]);
  });

  it('is refused without a session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents/me/household-links/by-code',
      payload: { code: 'whatever' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('a claim decided by staff', () => {
  it('waits for the grid worker of the building, who confirms it', async () => {
    const resident = await registeredResident(t, { name: '丁小雨' });
    const asked = await ask(resident.session, town.household101.id);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'pending', place: '锦秀河畔 1号楼 1单元 101' });
    expect(await householdIdsOf(resident.session)).toEqual([]);

    const pending = await queue(gridWorker1, 'status=pending');
    const item = pending.items.find((i) => i.id === asked.json().id);
    expect(item).toMatchObject({
      resident: { name: '丁小雨', phone: resident.phone },
      household: { id: town.household101.id, place: '锦秀河畔 1号楼 1单元 101' },
      owners: [{ kind: 'person', name: '丁建国', phone: '13811112222' }],
      canDecide: true,
      unmasked: true,
    });

    const confirmed = await decide(gridWorker1, asked.json().id, 'confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    expect(await householdIdsOf(resident.session)).toEqual([town.household101.id]);
    const mine = await t.app.inject({
      url: '/api/residents/me/household-links',
      headers: as(resident.session),
    });
    expect(mine.json()).toEqual([expect.objectContaining({ id: asked.json().id, status: 'confirmed' })]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('cannot be decided by the grid worker of another grid, nor by a resident, nor twice', async () => {
    const resident = await registeredResident(t);
    const other = await registeredResident(t);
    const id = (await ask(resident.session, town.household101.id)).json().id;

    const outOfGrid = await decide(gridWorker2, id, 'confirm');
    expect(outOfGrid.statusCode).toBe(403);
    expect((await queue(gridWorker2)).items.map((i) => i.id)).not.toContain(id);
    expect((await decide(other.session, id, 'confirm')).statusCode).toBe(403);
    expect((await decide(resident.session, id, 'confirm')).statusCode).toBe(403);
    expect(await householdIdsOf(resident.session)).toEqual([]);

    expect((await decide(communityStaff, id, 'refuse')).statusCode).toBe(200);
    const again = await decide(communityStaff, id, 'confirm');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_state');
  });

  it('tells the resident of a refusal, and lets them ask again', async () => {
    const resident = await registeredResident(t);
    const id = (await ask(resident.session, town.household201.id)).json().id;
    expect((await decide(communityStaff, id, 'refuse')).statusCode).toBe(200);
    const mine = await t.app.inject({
      url: '/api/residents/me/household-links',
      headers: as(resident.session),
    });
    expect(mine.json()[0]).toMatchObject({ id, status: 'rejected' });
    expect(mine.json()[0].decidedAt).not.toBeNull();
    expect(await householdIdsOf(resident.session)).toEqual([]);

    const renewed = await ask(resident.session, town.household201.id);
    expect(renewed.json()).toMatchObject({ id, status: 'pending', decidedAt: null });
  });

  it('lets a resident wait on three households at most', async () => {
    const resident = await registeredResident(t);
    const extra = await Promise.all(
      ['102', '103', '104'].map((room) => makeHousehold(t.database, town.entrance1, room)),
    );
    expect((await ask(resident.session, town.household101.id)).statusCode).toBe(200);
    expect((await ask(resident.session, extra[0]!.id)).statusCode).toBe(200);
    expect((await ask(resident.session, extra[1]!.id)).statusCode).toBe(200);
    const fourth = await ask(resident.session, extra[2]!.id);
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json().errors[0].field).toBe('householdId');
  });
});

describe('the staff queue', () => {
  it('masks names and phones for property staff and shows them to community staff', async () => {
    const resident = await registeredResident(t, { name: '欧阳秀英' });
    const id = (await ask(resident.session, town.household101.id)).json().id;
    const masked = (await queue(propertyStaff)).items.find((i) => i.id === id);
    expect(masked).toMatchObject({
      resident: { name: '欧**', phone: `${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}` },
      owners: [{ kind: 'person', name: '丁**', phone: '138****2222' }],
      canDecide: false,
      unmasked: false,
    });
    expect(JSON.stringify(await queue(propertyStaff))).not.toContain(resident.phone);
    expect((await decide(propertyStaff, id, 'confirm')).statusCode).toBe(403);

    const full = (await queue(communityStaff)).items.find((i) => i.id === id);
    expect(full).toMatchObject({
      resident: { name: '欧阳秀英', phone: resident.phone },
      owners: [{ kind: 'person', name: '丁建国', phone: '13811112222' }],
      canDecide: true,
    });
  });

  it('is refused to residents and shows nothing outside the community', async () => {
    const resident = await registeredResident(t);
    const refused = await t.app.inject({
      url: '/api/residents/household-links',
      headers: as(resident.session),
    });
    expect(refused.statusCode).toBe(403);
    const elsewhere = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    const id = (await ask(resident.session, town.household101.id)).json().id;
    expect((await queue(elsewhere.session)).items.map((i) => i.id)).not.toContain(id);
    expect((await decide(elsewhere.session, id, 'confirm')).statusCode).toBe(403);
  });

  it('filters by status, sorts by date and pages', async () => {
    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    const requests: string[] = [];
    for (let i = 0; i < 3; i++) {
      const session = (await signedInUser(t.app, t.database)).session;
      requests.push((await ask(session, town.otherHousehold.id)).json().id);
    }
    expect((await decide(staff.session, requests[0]!, 'confirm')).statusCode).toBe(200);

    const pending = await queue(staff.session, 'status=pending&sort=createdAt&order=asc&pageSize=1');
    expect(pending.total).toBe(2);
    expect(pending.items.map((i) => i.id)).toEqual([requests[1]]);
    const secondPage = await queue(staff.session, 'status=pending&order=asc&pageSize=1&page=2');
    expect(secondPage.items.map((i) => i.id)).toEqual([requests[2]]);
    const newestFirst = await queue(staff.session, 'order=desc');
    expect(newestFirst.items.map((i) => i.id)).toEqual([...requests].reverse());
    const confirmed = await queue(staff.session, 'status=confirmed');
    expect(confirmed.items.map((i) => i.id)).toEqual([requests[0]]);
  });
});
