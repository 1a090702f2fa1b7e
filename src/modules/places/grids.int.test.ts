import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makePlace, makeTown, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
type Signed = Awaited<ReturnType<typeof signedInUser>>;
let secretary: Signed;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  secretary = await signedInUser(t.app, t.database, {
    grants: [{ role: 'community_secretary', place: town.community }],
  });
});
afterAll(() => t.close());

const gridsOf = async (who: Signed) =>
  t.app.inject({ url: `/api/places/${town.community.id}/grids`, headers: as(who.session) });

describe('grids of a community', () => {
  it('lists each grid with its buildings', async () => {
    const response = await gridsOf(secretary);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      grids: [
        {
          id: town.grid1.id,
          name: '第一网格',
          buildings: [{ id: town.building1.id, name: '1号楼', compoundName: '锦秀河畔' }],
        },
        {
          id: town.grid2.id,
          name: '第二网格',
          buildings: [{ id: town.building2.id, name: '2号楼', compoundName: '锦秀河畔' }],
        },
      ],
      unassigned: [],
    });
  });

  it('moves a building to a new grid: the old grid’s worker loses it, the new one gains it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/places/${town.community.id}/grids`,
      headers: as(secretary.session),
      payload: { name: '第三网格' },
    });
    expect(created.statusCode).toBe(201);
    const grid3 = created.json().id as string;
    const oldWorker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: town.grid2.id }],
    });
    const newWorker = await signedInUser(t.app, t.database, {
      grants: [{ role: 'grid_worker', gridId: grid3 }],
    });
    const canSee = (who: Signed) =>
      t.app
        .inject({ url: `/api/places/${town.building2.id}`, headers: as(who.session) })
        .then((r) => r.statusCode);
    expect(await canSee(oldWorker)).toBe(200);
    expect(await canSee(newWorker)).toBe(404);

    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/grids/${grid3}/buildings/${town.building2.id}`,
      headers: as(secretary.session),
    });
    expect(moved.statusCode).toBe(204);
    expect(await canSee(oldWorker)).toBe(404);
    expect(await canSee(newWorker)).toBe(200);

    const body = (await gridsOf(secretary)).json();
    expect(body.grids.find((g: { id: string }) => g.id === town.grid2.id).buildings).toEqual([]);
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'grid.building_assigned')
      .where('entity_id', '=', town.building2.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes)).toEqual({ gridId: { from: town.grid2.id, to: grid3 } });

    const out = await t.app.inject({
      method: 'DELETE',
      url: `/api/grids/${grid3}/buildings/${town.building2.id}`,
      headers: as(secretary.session),
    });
    expect(out.statusCode).toBe(204);
    expect((await gridsOf(secretary)).json().unassigned.map((b: { name: string }) => b.name)).toEqual([
      '2号楼',
    ]);
    expect(await canSee(newWorker)).toBe(404);
  });

  it('refuses a building of another community, and a grid name the community already has', async () => {
    const stray = await t.app.inject({
      method: 'PUT',
      url: `/api/grids/${town.grid1.id}/buildings/${town.otherBuilding.id}`,
      headers: as(secretary.session),
    });
    expect(stray.statusCode).toBe(404);
    const same = await t.app.inject({
      method: 'POST',
      url: `/api/places/${town.community.id}/grids`,
      headers: as(secretary.session),
      payload: { name: '第一网格' },
    });
    expect(same.statusCode).toBe(409);
  });

  it('is managed only by the community office: 403 for property staff, 404 outside the community', async () => {
    const property = await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.community }],
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/places/${town.community.id}/grids`,
      headers: as(property.session),
      payload: { name: '物业网格' },
    });
    expect(refused.statusCode).toBe(403);
    const neighbour = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.otherCommunity }],
    });
    expect((await gridsOf(neighbour)).statusCode).toBe(404);
    const move = await t.app.inject({
      method: 'PUT',
      url: `/api/grids/${town.grid1.id}/buildings/${town.building2.id}`,
      headers: as(neighbour.session),
    });
    expect(move.statusCode).toBe(404);
  });

  it('lists a new building as in no grid', async () => {
    await makePlace(t.database, 'building', '5号楼', town.compound);
    const body = (await gridsOf(secretary)).json();
    expect(body.unassigned.map((b: { name: string }) => b.name)).toContain('5号楼');
  });
});
