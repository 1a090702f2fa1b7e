import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Db, pathRange, type Trx } from '../../db/transaction.ts';
import { inBatches } from './places.repo.ts';

export type Range = { from: string; to: string };

export type NewHousehold = { place_id: string; room: string; area_centi_m2: number; household_code: string };
export type NewPerson = { id: string; name: string; phone: string | null };
export type NewOwnership = {
  id: string;
  household_id: string;
  person_id: string | null;
  party_id: string | null;
};

export async function insertHouseholds(db: Trx, rows: readonly NewHousehold[], now: string) {
  await inBatches(rows, (batch) =>
    db
      .insertInto('households')
      .values(batch.map((h) => ({ ...h, updated_at: now })))
      .execute(),
  );
}

export async function insertPeople(db: Trx, rows: readonly NewPerson[], now: string) {
  await inBatches(rows, (batch) =>
    db
      .insertInto('people')
      .values(batch.map((p) => ({ ...p, created_at: now, erased_at: null })))
      .execute(),
  );
}

export async function insertOwnerships(db: Trx, rows: readonly NewOwnership[]) {
  await inBatches(rows, (batch) => db.insertInto('ownerships').values(batch).execute());
}

export async function removeOwnerships(db: Trx, householdId: string) {
  await db.deleteFrom('ownerships').where('household_id', '=', householdId).execute();
}

export async function updateHousehold(
  db: Trx,
  id: string,
  change: { room?: string; area_centi_m2?: number },
  now: string,
) {
  await db
    .updateTable('households')
    .set({ ...change, updated_at: now })
    .where('place_id', '=', id)
    .execute();
  if (change.room !== undefined)
    await db.updateTable('places').set({ name: change.room }).where('id', '=', id).execute();
}

/** The first person on record with this name and phone, the same person an import would find. */
export function personByNameAndPhone(db: Trx, name: string, phone: string) {
  return db
    .selectFrom('people')
    .select('id')
    .where('name', '=', name)
    .where('phone', '=', phone)
    .where('erased_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** People among these phones, for matching by name and phone. */
export async function peopleWithPhones(db: Trx, phones: readonly string[]) {
  const found: { id: string; name: string | null; phone: string | null }[] = [];
  await inBatches(phones, async (batch) => {
    found.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'name', 'phone'])
        .where('phone', 'in', batch)
        .where('erased_at', 'is', null)
        .orderBy('id')
        .execute()),
    );
  });
  return found;
}

/** Owners of these households, people and parties, in the order they were recorded. */
export async function ownersOf(db: Db | Trx, householdIds: readonly string[]) {
  if (householdIds.length === 0) return [];
  return db
    .selectFrom('ownerships as o')
    .leftJoin('people as p', 'p.id', 'o.person_id')
    .leftJoin('parties as pa', 'pa.id', 'o.party_id')
    .select(['o.household_id', 'o.person_id', 'o.party_id', 'p.name', 'p.phone', 'pa.name as party_name'])
    .where('o.household_id', 'in', householdIds)
    .orderBy('o.id')
    .execute();
}

/** Owners of every household below a place, one range scan. */
export function ownersBelow(db: Trx, path: string) {
  const { from, to } = pathRange(path);
  return db
    .selectFrom('ownerships as o')
    .innerJoin('places as hp', 'hp.id', 'o.household_id')
    .leftJoin('people as p', 'p.id', 'o.person_id')
    .leftJoin('parties as pa', 'pa.id', 'o.party_id')
    .select(['o.household_id', 'o.person_id', 'o.party_id', 'p.name', 'p.phone', 'pa.name as party_name'])
    .where('hp.path', '>=', from)
    .where('hp.path', '<', to)
    .orderBy('o.id')
    .execute();
}

export function findHousehold(db: Db | Trx, id: string) {
  return db
    .selectFrom('households')
    .select(['place_id', 'room', 'area_centi_m2', 'household_code'])
    .where('place_id', '=', id)
    .executeTakeFirst();
}

export type HouseholdFilter = {
  within: Range;
  /** Null when the whole place is in scope; otherwise the ranges in scope (a grid worker's buildings). */
  scope: Range[] | null;
  building?: Range;
  entrance?: Range;
  room?: string;
  hasOwner?: boolean;
};
export type HouseholdSort = { by: 'building' | 'room' | 'area'; order: 'asc' | 'desc' };

type Eb = ExpressionBuilder<
  DB & { hp: DB['places']; parent: DB['places']; grand: DB['places']; h: DB['households'] },
  'h' | 'hp' | 'parent' | 'grand'
>;

function inRange(eb: Eb, range: Range) {
  return eb.and([eb('hp.path', '>=', range.from), eb('hp.path', '<', range.to)]);
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function householdRows(db: Db | Trx, filter: HouseholdFilter) {
  return db
    .selectFrom('households as h')
    .innerJoin('places as hp', 'hp.id', 'h.place_id')
    .innerJoin('places as parent', 'parent.id', 'hp.parent_id')
    .leftJoin('places as grand', 'grand.id', 'parent.parent_id')
    .where((eb) => {
      const all: Expression<SqlBool>[] = [inRange(eb, filter.within)];
      if (filter.scope) all.push(eb.or(filter.scope.map((r) => inRange(eb, r))));
      if (filter.building) all.push(inRange(eb, filter.building));
      if (filter.entrance) all.push(inRange(eb, filter.entrance));
      if (filter.room) all.push(sql<SqlBool>`h.room like ${`%${escapeLike(filter.room)}%`} escape '\\'`);
      if (filter.hasOwner !== undefined) {
        const owned = eb.exists(
          eb.selectFrom('ownerships as o').select('o.id').whereRef('o.household_id', '=', 'h.place_id'),
        );
        all.push(filter.hasOwner ? owned : eb.not(owned));
      }
      return eb.and(all);
    });
}

export async function countHouseholds(db: Db | Trx, filter: HouseholdFilter): Promise<number> {
  const row = await householdRows(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const buildingName = sql<string>`case when parent.kind = 'entrance' then grand.name else parent.name end`;

/** A page of households. Names holding numbers sort naturally ('2号楼' before '10号楼'): by length, then text. */
export function pageOfHouseholds(
  db: Db | Trx,
  filter: HouseholdFilter,
  sort: HouseholdSort,
  page: { limit: number; offset: number },
) {
  const dir = sort.order === 'desc' ? sql`desc` : sql`asc`;
  const building = [sql`length(${buildingName}) ${dir}`, sql`${buildingName} ${dir}`];
  const entrance = [sql`length(parent.name) asc`, sql`parent.name asc`];
  const room = (d = dir) => [sql`length(h.room) ${d}`, sql`h.room ${d}`];
  const order =
    sort.by === 'area'
      ? [sql`h.area_centi_m2 ${dir}`, ...room(sql`asc`)]
      : sort.by === 'room'
        ? [...room(), sql`${buildingName} asc`]
        : [...building, ...entrance, ...room(sql`asc`)];
  let query = householdRows(db, filter).select([
    'h.place_id as id',
    'h.room',
    'h.area_centi_m2',
    'h.household_code',
    'hp.path',
    'parent.id as parent_id',
    'parent.kind as parent_kind',
    'parent.name as parent_name',
    'grand.id as grand_id',
    'grand.name as grand_name',
  ]);
  for (const o of [...order, sql`h.place_id asc`]) query = query.orderBy(o);
  return query.limit(page.limit).offset(page.offset).execute();
}
