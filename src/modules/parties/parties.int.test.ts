import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, makeUser, type Session, signedInUser } from '../../../test/factories.ts';
import { isMemberOf } from './parties.service.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let staff: Session;
let otherStaff: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  staff = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'community_staff', place: town.community }] })
  ).session;
  otherStaff = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    })
  ).session;
});
afterAll(() => t.close());

async function createParty(session: Session, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/parties', headers: as(session), payload: body });
}

describe('parties in scope', () => {
  it('lets community staff create a party at a compound of their community and find it in the list', async () => {
    const created = await createParty(staff, {
      kind: 'property_company',
      name: '红宝物业',
      placeId: town.compound.id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'property_company',
      name: '红宝物业',
      placeName: '锦秀河畔',
      members: [],
      canManage: true,
    });
    const list = await t.app.inject({ url: '/api/parties?name=红宝', headers: as(staff) });
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['红宝物业']);
  });

  it('hides a party from staff of another community: not in their list, not found by id', async () => {
    const created = await createParty(staff, {
      kind: 'police_station',
      name: '长城中路派出所',
      placeId: town.community.id,
    });
    const id = created.json().id;
    const list = await t.app.inject({ url: '/api/parties?pageSize=100', headers: as(otherStaff) });
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await t.app.inject({ url: `/api/parties/${id}`, headers: as(otherStaff) })).statusCode).toBe(404);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/parties/${id}`,
      headers: as(otherStaff),
      payload: { name: '改名' },
    });
    expect(rename.statusCode).toBe(404);
  });

  it('refuses to create a party at a place outside the creator’s scope', async () => {
    const refused = await createParty(otherStaff, {
      kind: 'social_organisation',
      name: '越界组织',
      placeId: town.compound.id,
    });
    expect(refused.statusCode).toBe(403);
    const count = await t.database.db
      .selectFrom('parties')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', '越界组织')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a duplicate name at one place and a party at a building, beside the fields', async () => {
    await createParty(staff, { kind: 'owners_committee', name: '锦秀河畔业委会', placeId: town.compound.id });
    const duplicate = await createParty(staff, {
      kind: 'owners_committee',
      name: '锦秀河畔业委会',
      placeId: town.compound.id,
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().errors[0].field).toBe('name');
    const atBuilding = await createParty(staff, {
      kind: 'utility',
      name: '楼里的水务',
      placeId: town.building1.id,
    });
    expect(atBuilding.statusCode).toBe(400);
    expect(atBuilding.json().errors[0].field).toBe('placeId');
  });

  it('renames a party and keeps both names in its audit history', async () => {
    const id = (
      await createParty(staff, { kind: 'utility', name: '水务公司', placeId: town.community.id })
    ).json().id;
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/parties/${id}`,
      headers: as(staff),
      payload: { name: '中铁水务' },
    });
    expect(renamed.json().name).toBe('中铁水务');
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['party.created', 'party.renamed']);
    expect(JSON.parse(entries[1]?.changes ?? '{}')).toEqual({ name: { from: '水务公司', to: '中铁水务' } });
  });

  it('filters by kind and pages with a total', async () => {
    for (const name of ['共建一', '共建二', '共建三'])
      await createParty(staff, { kind: 'co_building_unit', name, placeId: town.community.id });
    const first = await t.app.inject({
      url: '/api/parties?kind=co_building_unit&pageSize=2&page=1',
      headers: as(staff),
    });
    const second = await t.app.inject({
      url: '/api/parties?kind=co_building_unit&pageSize=2&page=2',
      headers: as(staff),
    });
    expect(first.json().total).toBe(3);
    expect(first.json().items).toHaveLength(2);
    expect(second.json().items).toHaveLength(1);
    const all = [...first.json().items, ...second.json().items];
    expect(new Set(all.map((p: { kind: string }) => p.kind))).toEqual(new Set(['co_building_unit']));
  });

  it('sorts names by pinyin, as a Chinese reader looks them up, not by code point', async () => {
    // Code points put 安 (U+5B89) before 张 (U+5F20) before 李 (U+674E) before 王 (U+738B).
    for (const name of ['张记家政', '王府家政', '安居家政', '李氏家政'])
      await createParty(staff, { kind: 'social_organisation', name, placeId: town.community.id });
    const names = async (order: string) =>
      (
        await t.app.inject({
          url: `/api/parties?kind=social_organisation&name=${encodeURIComponent('家政')}&sort=name&order=${order}`,
          headers: as(staff),
        })
      )
        .json()
        .items.map((p: { name: string }) => p.name);
    expect(await names('asc')).toEqual(['安居家政', '李氏家政', '王府家政', '张记家政']);
    expect(await names('desc')).toEqual(['张记家政', '王府家政', '李氏家政', '安居家政']);
  });

  it('shows a grid worker the parties of their compound and of the community above it (to dispatch to), not another community’s, and lets them create none', async () => {
    const worker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
    });
    const atCompound = (
      await createParty(staff, {
        kind: 'party_organisation',
        name: '锦秀河畔小区党支部',
        placeId: town.compound.id,
      })
    ).json().id;
    const atCommunity = (
      await createParty(staff, {
        kind: 'government_department',
        name: '社区卫生站',
        placeId: town.community.id,
      })
    ).json().id;
    const elsewhere = (
      await createParty(otherStaff, {
        kind: 'social_organisation',
        name: '香溪美地议事会',
        placeId: town.otherCommunity.id,
      })
    ).json().id;
    const list = await t.app.inject({ url: '/api/parties?pageSize=100', headers: as(worker.session) });
    const ids = list.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(atCompound);
    expect(ids).toContain(atCommunity);
    expect(ids).not.toContain(elsewhere);
    const refused = await createParty(worker.session, {
      kind: 'social_organisation',
      name: '网格员的组织',
      placeId: town.compound.id,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses the list to someone who is not signed in', async () => {
    expect((await t.app.inject({ url: '/api/parties' })).statusCode).toBe(401);
  });
});

describe('members: parties act through them', () => {
  it('adds a staff account by phone with a title, shows it, and removes it, each change audited', async () => {
    const party = (
      await createParty(staff, { kind: 'property_company', name: '物业甲', placeId: town.compound.id })
    ).json();
    const manager = await makeUser(t.database, {
      name: '张经理',
      grants: [{ role: 'property_staff', place: town.compound }],
    });
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/parties/${party.id}/members`,
      headers: as(staff),
      payload: { phone: manager.phone, title: '项目经理' },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().members).toEqual([
      { userId: manager.userId, name: '张经理', phone: manager.phone, title: '项目经理' },
    ]);
    expect(await isMemberOf(t.database.db, manager.userId, party.id)).toBe(true);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/parties/${party.id}/members/${manager.userId}`,
      headers: as(staff),
    });
    expect(removed.statusCode).toBe(204);
    expect(await isMemberOf(t.database.db, manager.userId, party.id)).toBe(false);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', party.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'party.created',
      'party.member_added',
      'party.member_removed',
    ]);
  });

  it('masks members’ phones for a viewer who may not see contact details', async () => {
    const party = (
      await createParty(staff, { kind: 'police_station', name: '派出所乙', placeId: town.community.id })
    ).json();
    const officer = await makeUser(t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/parties/${party.id}/members`,
      headers: as(staff),
      payload: { phone: officer.phone, title: '社区民警' },
    });
    const street = await signedInUser(t.app, t.database, {
      grants: [{ role: 'street_officer', place: town.street }],
    });
    const seen = await t.app.inject({ url: `/api/parties/${party.id}`, headers: as(street.session) });
    expect(seen.json().members[0].phone).toBe(`${officer.phone.slice(0, 3)}****${officer.phone.slice(-4)}`);
  });

  it('refuses a resident’s phone and a second membership beside the phone field', async () => {
    const party = (
      await createParty(staff, { kind: 'social_organisation', name: '议事站', placeId: town.community.id })
    ).json();
    const resident = await makeUser(t.database, { kind: 'resident' });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/parties/${party.id}/members`,
      headers: { ...as(staff), 'accept-language': 'en' },
      payload: { phone: resident.phone },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'phone', message: 'No staff account uses this phone number; invite them first' },
    ]);
    const member = await makeUser(t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const add = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/parties/${party.id}/members`,
        headers: as(staff),
        payload: { phone: member.phone },
      });
    expect((await add()).statusCode).toBe(200);
    expect((await add()).statusCode).toBe(400);
  });

  it('lets no one outside the party’s scope change its members', async () => {
    const party = (
      await createParty(staff, { kind: 'utility', name: '供电所', placeId: town.community.id })
    ).json();
    const member = await makeUser(t.database, {
      grants: [{ role: 'community_staff', place: town.otherCommunity }],
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/parties/${party.id}/members`,
      headers: as(otherStaff),
      payload: { phone: member.phone },
    });
    expect(refused.statusCode).toBe(404);
    // A grid worker sees the parties of the compounds of their grid, but manages none.
    const worker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
    });
    const compoundParty = (
      await createParty(staff, { kind: 'owners_committee', name: '业委会丙', placeId: town.compound.id })
    ).json();
    const notManager = await t.app.inject({
      method: 'POST',
      url: `/api/parties/${compoundParty.id}/members`,
      headers: as(worker.session),
      payload: { phone: member.phone },
    });
    expect(notManager.statusCode).toBe(403);
  });
});

describe('the place picker for new parties', () => {
  it('starts at the places where the viewer may create parties and goes down to compounds, no further', async () => {
    const roots = await t.app.inject({ url: '/api/parties/place-options', headers: as(staff) });
    expect(roots.json()).toEqual([
      { id: town.community.id, name: '亲水阳光社区', kind: 'community', hasChildren: true },
    ]);
    const children = await t.app.inject({
      url: `/api/parties/place-options?parentId=${town.community.id}`,
      headers: as(staff),
    });
    expect(children.json()).toEqual([
      { id: town.compound.id, name: '锦秀河畔', kind: 'compound', hasChildren: false },
    ]);
    const outside = await t.app.inject({
      url: `/api/parties/place-options?parentId=${town.otherCommunity.id}`,
      headers: as(staff),
    });
    expect(outside.statusCode).toBe(404);
  });
});
