import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
type Signed = Awaited<ReturnType<typeof signedInUser>>;
let staff: Signed;
let property: Signed;
let gridWorker: Signed;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  staff = await signedInUser(t.app, t.database, {
    grants: [{ role: 'community_staff', place: town.community }],
  });
  property = await signedInUser(t.app, t.database, {
    grants: [{ role: 'property_staff', place: town.compound }],
  });
  gridWorker = await signedInUser(t.app, t.database, {
    grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
  });
});
afterAll(() => t.close());

const get = (who: Signed | null, url: string) => t.app.inject({ url, headers: as(who?.session ?? null) });
const names = (body: { places: { name: string }[] }) => body.places.map((p) => p.name);

describe('the place tree of community staff', () => {
  it('starts at their community and reaches everything below it', async () => {
    expect(names((await get(staff, '/api/places')).json())).toEqual(['亲水阳光社区']);
    const compounds = await get(staff, `/api/places?parentId=${town.community.id}`);
    expect(compounds.json().places).toEqual([
      {
        id: town.compound.id,
        parentId: town.community.id,
        kind: 'compound',
        name: '锦秀河畔',
        childCount: 2,
      },
    ]);
    expect(names((await get(staff, `/api/places?parentId=${town.compound.id}`)).json())).toEqual([
      '1号楼',
      '2号楼',
    ]);
  });

  it('shows the breadcrumb up to the city, marking what lies above their scope as not theirs', async () => {
    const response = await get(staff, `/api/places/${town.building1.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ancestors.map((a: { name: string; visible: boolean }) => [a.name, a.visible])).toEqual([
      ['银川市', false],
      ['金凤区', false],
      ['长城中路街道', false],
      ['亲水阳光社区', true],
      ['锦秀河畔', true],
    ]);
    expect(body.allowed).toEqual({ manage: true, manageGrids: false, viewHouseholds: true });
    expect(body.childKinds).toEqual(['entrance']);
  });

  it('creates a compound under their community, audited', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: as(staff.session),
      payload: { parentId: town.community.id, kind: 'compound', name: '星河锦城' },
    });
    expect(response.statusCode).toBe(201);
    const id = response.json().id;
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'changes'])
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'place.created',
        actor_id: staff.userId,
        changes: JSON.stringify({
          kind: { to: 'compound' },
          name: { to: '星河锦城' },
          parentId: { to: town.community.id },
        }),
      },
    ]);
  });

  it('refuses a kind that does not follow the tree, and a name a sibling already has', async () => {
    const wrongKind = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: { ...as(staff.session), 'accept-language': 'en' },
      payload: { parentId: town.community.id, kind: 'building', name: '9号楼' },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([
      { field: 'kind', message: 'A place of this kind cannot be created here' },
    ]);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: as(staff.session),
      payload: { parentId: town.compound.id, kind: 'building', name: '1号楼' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('name');
  });

  it('renames a building and records before and after', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/places/${town.building2.id}`,
      headers: as(staff.session),
      payload: { name: '2号楼（东）' },
    });
    expect(response.json()).toMatchObject({ name: '2号楼（东）' });
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', town.building2.id)
      .where('action', '=', 'place.renamed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes)).toEqual({ name: { from: '2号楼', to: '2号楼（东）' } });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/places/${town.building2.id}`,
      headers: as(staff.session),
      payload: { name: '2号楼' },
    });
  });

  it('cannot see the other community, nor create anything under it: 404, as if it did not exist', async () => {
    expect((await get(staff, `/api/places/${town.otherCommunity.id}`)).statusCode).toBe(404);
    expect((await get(staff, `/api/places?parentId=${town.otherCompound.id}`)).statusCode).toBe(404);
    expect((await get(staff, `/api/places/${town.street.id}`)).statusCode).toBe(404);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: as(staff.session),
      payload: { parentId: town.otherCommunity.id, kind: 'compound', name: '越界小区' },
    });
    expect(create.statusCode).toBe(404);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/places/${town.otherBuilding.id}`,
      headers: as(staff.session),
      payload: { name: '改名' },
    });
    expect(rename.statusCode).toBe(404);
    const other = await t.database.db
      .selectFrom('places')
      .select('name')
      .where('id', '=', town.otherBuilding.id)
      .executeTakeFirstOrThrow();
    expect(other.name).toBe('1号楼');
  });
});

describe('a role that may see but not change', () => {
  it('property staff see their compound and get 403 when they try to add to it', async () => {
    expect(names((await get(property, '/api/places')).json())).toEqual(['锦秀河畔']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: as(property.session),
      payload: { parentId: town.compound.id, kind: 'building', name: '3号楼' },
    });
    expect(response.statusCode).toBe(403);
    expect((await get(property, `/api/places/${town.compound.id}`)).json().allowed.manage).toBe(false);
  });

  it('nobody signed in sees nothing', async () => {
    expect((await get(null, '/api/places')).statusCode).toBe(401);
    expect((await get(null, `/api/places/${town.community.id}`)).statusCode).toBe(401);
  });
});

describe('the place tree of a grid worker', () => {
  it('starts at the compound holding their building and shows only their grid’s building', async () => {
    expect(names((await get(gridWorker, '/api/places')).json())).toEqual(['锦秀河畔']);
    expect(names((await get(gridWorker, `/api/places?parentId=${town.compound.id}`)).json())).toEqual([
      '1号楼',
    ]);
    expect((await get(gridWorker, `/api/places/${town.building1.id}`)).statusCode).toBe(200);
    expect((await get(gridWorker, `/api/places/${town.building2.id}`)).statusCode).toBe(404);
    expect((await get(gridWorker, `/api/places/${town.community.id}`)).statusCode).toBe(404);
  });

  it('lists the households of the compound that are in their grid only', async () => {
    const response = await get(gridWorker, `/api/places/${town.compound.id}/households`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((h: { room: string }) => h.room)).toEqual(['101']);
    expect(response.json().total).toBe(1);
    expect((await get(gridWorker, `/api/places/${town.building2.id}/households`)).statusCode).toBe(404);
  });
});
