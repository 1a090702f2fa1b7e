import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, makeUser, type Session, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let secretary: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  secretary = (
    await signedInUser(t.app, t.database, {
      name: '谢瑜',
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
});
afterAll(() => t.close());

type Listed = { userId: string; name: string; phone: string; grants: { id: string; role: string }[] };

async function staffList(session: Session, query = '') {
  const response = await t.app.inject({ url: `/api/staff?pageSize=100${query}`, headers: as(session) });
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Listed[]; total: number };
}

describe('the staff list', () => {
  it('shows staff with roles in scope, with those roles only, and phones in full to a secretary', async () => {
    const worker = await makeUser(t.database, {
      name: '网格员甲',
      grants: [
        { role: 'grid_worker', gridId: town.grid1.id },
        { role: 'community_staff', place: town.otherCommunity },
      ],
    });
    const elsewhere = await makeUser(t.database, {
      name: '邻居社区',
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    const { items } = await staffList(secretary);
    const listed = items.find((s) => s.userId === worker.userId);
    expect(listed).toMatchObject({ name: '网格员甲', phone: worker.phone });
    expect(listed?.grants.map((g) => g.role)).toEqual(['grid_worker']);
    expect(items.map((s) => s.userId)).not.toContain(elsewhere.userId);
  });

  it('masks phones for a street officer, who may grant roles but not read contact details', async () => {
    const staff = await makeUser(t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const street = await signedInUser(t.app, t.database, {
      grants: [{ role: 'street_officer', place: town.street }],
    });
    const { items } = await staffList(street.session);
    expect(items.find((s) => s.userId === staff.userId)?.phone).toBe(
      `${staff.phone.slice(0, 3)}****${staff.phone.slice(-4)}`,
    );
  });

  it('filters by role, by place and by name, and pages with a total', async () => {
    for (const name of ['楼长一', '楼长二', '楼长三'])
      await makeUser(t.database, { name, grants: [{ role: 'building_steward', place: town.building2 }] });
    const byRole = await staffList(secretary, '&role=building_steward');
    expect(byRole.items.map((s) => s.name).sort()).toEqual(['楼长一', '楼长三', '楼长二'].sort());
    const byPlace = await staffList(secretary, `&placeId=${town.building2.id}`);
    expect(byPlace.total).toBe(3);
    const byName = await staffList(secretary, `&name=${encodeURIComponent('楼长二')}`);
    expect(byName.items.map((s) => s.name)).toEqual(['楼长二']);
    const page = await t.app.inject({
      url: '/api/staff?role=building_steward&pageSize=2&page=2',
      headers: as(secretary),
    });
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(1);
  });

  it('sorts by name or by the latest role given, either way round', async () => {
    const given = {
      排序甲: '2026-01-03T08:00:00.000Z',
      排序乙: '2026-01-01T08:00:00.000Z',
      排序丙: '2026-01-02T08:00:00.000Z',
    };
    for (const [name, at] of Object.entries(given)) {
      const user = await makeUser(t.database, {
        name,
        grants: [{ role: 'building_steward', place: town.building1 }],
      });
      await t.database.db
        .updateTable('role_grants')
        .set({ created_at: at })
        .where('user_id', '=', user.userId)
        .execute();
    }
    const names = async (sort: string) =>
      (await staffList(secretary, `&name=${encodeURIComponent('排序')}&${sort}`)).items.map((s) => [
        s.name,
        (s as Listed & { grantedAt: string }).grantedAt,
      ]);
    expect(await names('sort=grantedAt&order=desc')).toEqual([
      ['排序甲', given.排序甲],
      ['排序丙', given.排序丙],
      ['排序乙', given.排序乙],
    ]);
    expect((await names('sort=grantedAt&order=asc')).map(([n]) => n)).toEqual(['排序乙', '排序丙', '排序甲']);
    const byName = (await names('sort=name&order=asc')).map(([n]) => n);
    // By pinyin: 丙 bing, 甲 jia, 乙 yi (by code point 乙 would come before 甲).
    expect(byName).toEqual(['排序丙', '排序甲', '排序乙']);
    expect((await names('sort=name&order=desc')).map(([n]) => n)).toEqual([...byName].reverse());
  });

  it('is refused to staff who may not grant roles', async () => {
    const worker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
    });
    expect((await t.app.inject({ url: '/api/staff', headers: as(worker.session) })).statusCode).toBe(403);
  });
});

describe('granting and revoking roles', () => {
  it('grants another role to a staff member in scope, and revokes it, both on the user’s history', async () => {
    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const granted = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${staff.userId}/grants`,
      headers: as(secretary),
      payload: { role: 'building_steward', placeId: town.building1.id },
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ role: 'building_steward', placeName: '1号楼' });
    const duplicate = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${staff.userId}/grants`,
      headers: as(secretary),
      payload: { role: 'building_steward', placeId: town.building1.id },
    });
    expect(duplicate.statusCode).toBe(409);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/grants/${granted.json().id}`,
      headers: as(secretary),
    });
    expect(revoked.statusCode).toBe(204);
    // The change reaches the member's next request: roles are read per request, not kept in the session.
    const session = await t.app.inject({ url: '/api/auth/session', headers: as(staff.session) });
    expect(session.json().user.grants.map((g: { role: string }) => g.role)).toEqual(['community_staff']);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', staff.userId)
      .where('action', 'like', 'staff.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['staff.role_granted', 'staff.role_revoked']);
  });

  it('answers a grant outside the revoker’s scope as not found', async () => {
    const elsewhere = await makeUser(t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    const grant = await t.database.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', elsewhere.userId)
      .executeTakeFirstOrThrow();
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/grants/${grant.id}`,
      headers: as(secretary),
    });
    expect(refused.statusCode).toBe(404);
    const grantTo = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${elsewhere.userId}/grants`,
      headers: as(secretary),
      payload: { role: 'community_staff', placeId: town.community.id },
    });
    expect(grantTo.statusCode).toBe(404);
  });

  it('keeps an admin from revoking their own last admin grant, and non-admins from revoking admin', async () => {
    const admin = await signedInUser(t.app, t.database, { grants: [{ role: 'admin', place: town.city }] });
    const own = await t.database.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', admin.userId)
      .executeTakeFirstOrThrow();
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/grants/${own.id}`,
      headers: { ...as(admin.session), 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].message).toBe('You cannot revoke your own last administrator role');

    const otherAdmin = await makeUser(t.database, { grants: [{ role: 'admin', place: town.community }] });
    const theirs = await t.database.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', otherAdmin.userId)
      .executeTakeFirstOrThrow();
    const bySecretary = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/grants/${theirs.id}`,
      headers: as(secretary),
    });
    expect(bySecretary.statusCode).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/grants/${theirs.id}`,
      headers: as(admin.session),
    });
    expect(byAdmin.statusCode).toBe(204);
  });
});

describe('pickers for the invitation form', () => {
  it('offers the grids and places the viewer may grant roles at', async () => {
    const grids = await t.app.inject({ url: '/api/staff/grid-options', headers: as(secretary) });
    expect(grids.json().map((g: { name: string }) => g.name)).toEqual(['第一网格', '第二网格']);
    const roots = await t.app.inject({ url: '/api/staff/place-options', headers: as(secretary) });
    expect(roots.json().map((p: { name: string }) => p.name)).toEqual(['亲水阳光社区']);
    const buildings = await t.app.inject({
      url: `/api/staff/place-options?parentId=${town.compound.id}`,
      headers: as(secretary),
    });
    expect(buildings.json().map((p: { name: string }) => p.name)).toEqual(['1号楼', '2号楼']);
  });
});
