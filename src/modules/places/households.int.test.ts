import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makePlace, makeTown, type PlaceRow, signedInUser } from '../../../test/factories.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
type Signed = Awaited<ReturnType<typeof signedInUser>>;
let staff: Signed;
let property: Signed;
let building: PlaceRow;
let entrance: PlaceRow;
let developerId: string;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  staff = await signedInUser(t.app, t.database, {
    grants: [{ role: 'community_staff', place: town.community }],
  });
  property = await signedInUser(t.app, t.database, {
    grants: [{ role: 'property_staff', place: town.compound }],
  });
  building = await makePlace(t.database, 'building', '8号楼', town.compound);
  entrance = await makePlace(t.database, 'entrance', '1单元', building);
  developerId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: developerId,
      kind: 'developer',
      name: '宁夏星河置业',
      place_id: town.compound.id,
      created_at: new Date().toISOString(),
    })
    .execute();
});
afterAll(() => t.close());

function addHousehold(who: Signed, payload: Record<string, unknown>, language = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/households',
    headers: { ...as(who.session), 'accept-language': language },
    payload: { parentId: entrance.id, ...payload },
  });
}

function list(who: Signed, place: PlaceRow, query = '') {
  return t.app.inject({ url: `/api/places/${place.id}/households?${query}`, headers: as(who.session) });
}

type Item = { room: string; area: string; owners: { name: string; phone: string | null }[] };

describe('households added by hand', () => {
  it('keep 89.5 m² as exactly 8950 hundredths and show it as 89.50', async () => {
    const response = await addHousehold(staff, {
      room: '101',
      area: '89.5',
      owners: [{ name: '马小燕', phone: '13895001234' }],
    });
    expect(response.statusCode).toBe(201);
    const stored = await t.database.db
      .selectFrom('households')
      .select('area_centi_m2')
      .where('place_id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.area_centi_m2).toBe(8950);
    const item = (await list(staff, entrance)).json().items.find((h: Item) => h.room === '101');
    expect(item.area).toBe('89.50');
  });

  it('refuses an area with more than two decimals on the area field', async () => {
    const response = await addHousehold(staff, { room: '102', area: '89.555' }, 'en');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'area', message: 'Area must be a positive number with at most two decimals' },
    ]);
    expect((await addHousehold(staff, { room: '102', area: '0' })).statusCode).toBe(400);
  });

  it('refuses a room the entrance already has', async () => {
    const response = await addHousehold(staff, { room: '101', area: '90' });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].field).toBe('room');
  });

  it('finds the same person by name and phone when they own a second unit', async () => {
    const second = await addHousehold(staff, {
      room: '201',
      area: '120',
      owners: [{ name: '马小燕', phone: '13895001234' }],
    });
    expect(second.statusCode).toBe(201);
    const owners = await t.database.db
      .selectFrom('ownerships')
      .innerJoin('people', 'people.id', 'ownerships.person_id')
      .select('people.id')
      .where('people.phone', '=', '13895001234')
      .execute();
    expect(owners).toHaveLength(2);
    expect(new Set(owners.map((o) => o.id)).size).toBe(1);
  });

  it('records names and phones in the audit log only as digests', async () => {
    const response = await addHousehold(staff, {
      room: '301',
      area: '75.25',
      owners: [{ name: '杨建国', phone: '13995007777' }],
    });
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('household.created');
    expect(entry.changes).not.toContain('杨建国');
    expect(entry.changes).not.toContain('13995007777');
    const changes = JSON.parse(entry.changes);
    expect(changes.owners.to).toMatch(/^\[personal\] [0-9a-f]{16}$/);
    expect(changes.areaCentiM2).toEqual({ to: 7525 });
  });

  it('is refused to property staff, who may only look', async () => {
    expect((await addHousehold(property, { room: '401', area: '80' })).statusCode).toBe(403);
  });
});

describe('the household list', () => {
  it('shows phones in full to community staff and masked to property staff', async () => {
    const full = (await list(staff, entrance, 'room=101')).json().items[0];
    expect(full.owners).toEqual([
      expect.objectContaining({ name: '马小燕', phone: '13895001234', masked: false }),
    ]);
    expect(full.householdCode).toMatch(/^[2-9A-Z]{10}$/);
    const masked = (await list(property, entrance, 'room=101')).json().items[0];
    expect(masked.owners).toEqual([
      expect.objectContaining({ name: '马**', phone: '138****1234', masked: true }),
    ]);
    expect(masked.householdCode).toBeNull();
  });

  it('shows the developer’s name on its unsold units, to everyone who may see the household', async () => {
    const response = await addHousehold(staff, {
      room: '502',
      area: '98',
      owners: [{ partyId: developerId }],
    });
    expect(response.statusCode).toBe(201);
    const item = (await list(property, entrance, 'room=502')).json().items[0];
    expect(item.owners).toEqual([
      { personId: null, partyId: developerId, name: '宁夏星河置业', phone: null, masked: false },
    ]);
  });

  it('pages, sorts by area and filters by room and by whether anyone owns it', async () => {
    for (const [room, area] of [
      ['601', '60'],
      ['602', '160.5'],
      ['603', '99.99'],
    ])
      expect((await addHousehold(staff, { room, area })).statusCode).toBe(201);
    const page = (await list(staff, building, 'sort=area&order=desc&pageSize=2')).json();
    expect(page.total).toBe(7);
    expect(page.items.map((h: Item) => h.area)).toEqual(['160.50', '120.00']);
    const next = (await list(staff, building, 'sort=area&order=desc&pageSize=2&page=2')).json();
    expect(next.items.map((h: Item) => h.area)).toEqual(['99.99', '98.00']);
    const rooms = (await list(staff, building, 'room=60')).json();
    expect(rooms.items.map((h: Item) => h.room)).toEqual(['601', '602', '603']);
    const unowned = (await list(staff, building, 'hasOwner=false')).json();
    expect(unowned.items.map((h: Item) => h.room)).toEqual(['601', '602', '603']);
    const owned = (await list(staff, building, 'hasOwner=true&sort=room')).json();
    expect(owned.items.map((h: Item) => h.room)).toEqual(['101', '201', '301', '502']);
    expect((await list(staff, building, 'pageSize=101')).statusCode).toBe(400);
  });

  it('sorts buildings in natural order and filters by building', async () => {
    await makePlace(t.database, 'building', '10号楼', town.compound);
    const all = (await list(staff, town.compound, 'sort=building&pageSize=100')).json();
    const buildings = [...new Set(all.items.map((h: { buildingName: string }) => h.buildingName))];
    expect(buildings).toEqual(['1号楼', '2号楼', '8号楼']);
    const only = (await list(staff, town.compound, `building=${town.building2.id}`)).json();
    expect(only.items.map((h: Item) => h.room)).toEqual(['201']);
    expect(only.items[0]).toMatchObject({ buildingName: '2号楼', entranceName: '1单元' });
  });
});

describe('editing a household', () => {
  it('changes the area and the owners, keeping an owner by id, with one audit entry', async () => {
    const created = await addHousehold(staff, {
      room: '701',
      area: '88',
      owners: [{ name: '李桂兰', phone: '13709512345' }],
    });
    const id = created.json().id;
    const before = (await list(staff, entrance, 'room=701')).json().items[0];
    const keep = before.owners[0].personId;
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${id}`,
      headers: as(staff.session),
      payload: { area: '88.1', owners: [{ personId: keep }, { name: '王强', phone: '13609518888' }] },
    });
    expect(response.statusCode).toBe(200);
    const after = (await list(staff, entrance, 'room=701')).json().items[0];
    expect(after.area).toBe('88.10');
    expect(after.owners.map((o: { name: string }) => o.name)).toEqual(['李桂兰', '王强']);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['household.created', 'household.updated']);
    const changes = JSON.parse(entries[1]!.changes);
    expect(changes.areaCentiM2).toEqual({ from: 8800, to: 8810 });
    expect(entries[1]!.changes).not.toContain('王强');
  });

  it('writes nothing when nothing changes', async () => {
    const item = (await list(staff, entrance, 'room=701')).json().items[0];
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${item.id}`,
      headers: as(staff.session),
      payload: {
        area: '88.10',
        owners: item.owners.map((o: { personId: string }) => ({ personId: o.personId })),
      },
    });
    expect(response.statusCode).toBe(200);
    expect(await count()).toBe(before);
  });

  it('refuses to keep a person who is not an owner of this household', async () => {
    const item = (await list(staff, entrance, 'room=701')).json().items[0];
    const stranger = (await list(staff, entrance, 'room=301')).json().items[0].owners[0].personId;
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${item.id}`,
      headers: as(staff.session),
      payload: { owners: [{ personId: stranger }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('owners.0.personId');
  });
});
