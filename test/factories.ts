import { uuidv7 } from 'uuidv7';
import type { Database } from '../src/db/database.ts';
import type { DB, PlaceKind } from '../src/db/schema.ts';
import type { Role } from '../src/modules/access/roles.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import type { App } from '../src/server/app-types.ts';

const now = () => new Date().toISOString();

export type PlaceRow = { id: string; path: string; kind: PlaceKind; name: string };

export async function makePlace(
  database: Database,
  kind: PlaceKind,
  name: string,
  parent: PlaceRow | null,
): Promise<PlaceRow> {
  const id = uuidv7();
  const path = `${parent?.path ?? '/'}${id}/`;
  await database.db
    .insertInto('places')
    .values({
      id,
      parent_id: parent?.id ?? null,
      kind,
      name,
      path,
      depth: path.split('/').length - 2,
      created_at: now(),
    })
    .execute();
  return { id, path, kind, name };
}

export async function makeHousehold(
  database: Database,
  parent: PlaceRow,
  room: string,
  areaCentiM2 = 9_000,
): Promise<PlaceRow> {
  const place = await makePlace(database, 'household', room, parent);
  await database.db
    .insertInto('households')
    .values({
      place_id: place.id,
      room,
      area_centi_m2: areaCentiM2,
      household_code: uuidv7().slice(-8),
      updated_at: now(),
    })
    .execute();
  return place;
}

/** Two communities side by side, each with a compound, two buildings and households; one grid per building. */
export async function makeTown(database: Database) {
  const city = await makePlace(database, 'city', '银川市', null);
  const district = await makePlace(database, 'district', '金凤区', city);
  const street = await makePlace(database, 'street', '长城中路街道', district);
  const community = await makePlace(database, 'community', '亲水阳光社区', street);
  const compound = await makePlace(database, 'compound', '锦秀河畔', community);
  const building1 = await makePlace(database, 'building', '1号楼', compound);
  const building2 = await makePlace(database, 'building', '2号楼', compound);
  const entrance1 = await makePlace(database, 'entrance', '1单元', building1);
  const household101 = await makeHousehold(database, entrance1, '101');
  const entrance2 = await makePlace(database, 'entrance', '1单元', building2);
  const household201 = await makeHousehold(database, entrance2, '201');
  const otherCommunity = await makePlace(database, 'community', '香溪美地社区', street);
  const otherCompound = await makePlace(database, 'compound', '香溪美地', otherCommunity);
  const otherBuilding = await makePlace(database, 'building', '1号楼', otherCompound);
  const otherHousehold = await makeHousehold(database, otherBuilding, '301');
  const grid1 = await makeGrid(database, community, '第一网格', [building1]);
  const grid2 = await makeGrid(database, community, '第二网格', [building2]);
  return {
    city,
    district,
    street,
    community,
    compound,
    building1,
    building2,
    entrance1,
    household101,
    household201,
    otherCommunity,
    otherCompound,
    otherBuilding,
    otherHousehold,
    grid1,
    grid2,
  };
}

export async function makeGrid(database: Database, community: PlaceRow, name: string, buildings: PlaceRow[]) {
  const id = uuidv7();
  await database.db
    .insertInto('grids')
    .values({ id, community_id: community.id, name, created_at: now() })
    .execute();
  for (const b of buildings)
    await database.db.insertInto('grid_buildings').values({ building_id: b.id, grid_id: id }).execute();
  return { id, name };
}

let phoneCounter = 0;
/** A party (协商单位) kept at a place. */
export async function makeParty(database: Database, spec: { kind: string; name: string; place: PlaceRow }) {
  const id = uuidv7();
  await database.db
    .insertInto('parties')
    .values({
      id,
      kind: spec.kind,
      name: spec.name,
      place_id: spec.place.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export function uniquePhone(): string {
  phoneCounter++;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export type UserSpec = {
  kind?: 'staff' | 'resident';
  name?: string;
  phone?: string;
  password?: string;
  grants?: { role: Role; place?: PlaceRow; gridId?: string; partyId?: string; sector?: string }[];
  households?: PlaceRow[];
};

export async function makeUser(database: Database, spec: UserSpec = {}) {
  const { db } = database;
  const personId = uuidv7();
  const userId = uuidv7();
  const phone = spec.phone ?? uniquePhone();
  const password = spec.password ?? 'correct horse battery';
  await db
    .insertInto('people')
    .values({ id: personId, name: spec.name ?? '测试用户', phone, created_at: now(), erased_at: null })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: userId,
      person_id: personId,
      phone,
      kind: spec.kind ?? (spec.grants?.length ? 'staff' : 'resident'),
      password_hash: await hashPassword(password),
      status: 'active',
      created_at: now(),
      password_changed_at: null,
    })
    .execute();
  for (const g of spec.grants ?? []) {
    await db
      .insertInto('role_grants')
      .values({
        id: uuidv7(),
        user_id: userId,
        role: g.role,
        place_id: g.place?.id ?? null,
        grid_id: g.gridId ?? null,
        party_id: g.partyId ?? null,
        sector: g.sector ?? null,
        granted_by: null,
        created_at: now(),
      })
      .execute();
    if (g.partyId)
      await db
        .insertInto('party_members')
        .values({ party_id: g.partyId, user_id: userId, title: null })
        .execute();
  }
  for (const h of spec.households ?? []) {
    await db
      .insertInto('household_links')
      .values({
        id: uuidv7(),
        user_id: userId,
        household_id: h.id,
        status: 'confirmed',
        via: 'staff',
        decided_by: null,
        created_at: now(),
        decided_at: now(),
      })
      .execute();
  }
  return { userId, personId, phone, password };
}

export type Session = { cookie: string; csrfToken: string; userId: string };

export async function signIn(app: App, phone: string, password = 'correct horse battery'): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { phone, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'sl_session');
  const body = response.json();
  return { cookie: `sl_session=${cookie?.value}`, csrfToken: body.csrfToken, userId: body.user.id };
}

/** A user with the given spec, signed in. */
export async function signedInUser(app: App, database: Database, spec: UserSpec = {}) {
  const user = await makeUser(database, spec);
  return { ...user, session: await signIn(app, user.phone, user.password) };
}

/** Headers that make an injected request come from a signed-in session (cookie and CSRF token). */
export function as(session: Session | null): Record<string, string> {
  return session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
}

/** How many rows a table holds: what a refused request must leave unchanged. */
export async function rowsIn(database: Database, table: keyof DB): Promise<number> {
  const { n } = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
