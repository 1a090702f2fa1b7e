import { sql } from 'kysely';
import { containsText, pathBelow, pathInScope, pinyinOrder } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { Scope } from '../access/policy.ts';

export type PartyRow = {
  id: string;
  kind: string;
  name: string;
  place_id: string;
  place_name: string;
  place_path: string;
  place_kind: string;
  created_at: string;
};

export function findParty(db: Db | Trx, partyId: string): Promise<PartyRow | undefined> {
  return db
    .selectFrom('parties')
    .innerJoin('places', 'places.id', 'parties.place_id')
    .select([
      'parties.id',
      'parties.kind',
      'parties.name',
      'parties.place_id',
      'places.name as place_name',
      'places.path as place_path',
      'places.kind as place_kind',
      'parties.created_at',
    ])
    .where('parties.id', '=', partyId)
    .executeTakeFirst();
}

export type PartyFilter = {
  scope: Scope;
  kind?: string;
  name?: string;
  placePath?: string;
  sort: 'name' | 'kind' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

function filtered(db: Db | Trx, filter: PartyFilter) {
  let query = db
    .selectFrom('parties')
    .innerJoin('places', 'places.id', 'parties.place_id')
    .where(({ ref }) => pathInScope(ref('places.path'), filter.scope));
  if (filter.kind) query = query.where('parties.kind', '=', filter.kind);
  if (filter.name) {
    const name = filter.name;
    query = query.where(({ ref }) => containsText(ref('parties.name'), name));
  }
  if (filter.placePath) {
    const placePath = filter.placePath;
    query = query.where(({ ref }) => pathBelow(ref('places.path'), placePath));
  }
  return query;
}

// Names are ordered by pinyin (pinyinOrder); the other sorts by their column.
const sortColumn = { kind: 'parties.kind', createdAt: 'parties.created_at' } as const;

export async function listParties(db: Db | Trx, filter: PartyFilter) {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .select((eb) => [
        'parties.id',
        'parties.kind',
        'parties.name',
        'parties.place_id',
        'places.name as place_name',
        'parties.created_at',
        eb
          .selectFrom('party_members')
          .select((m) => m.fn.countAll<number>().as('n'))
          .whereRef('party_members.party_id', '=', 'parties.id')
          .as('member_count'),
      ])
      .orderBy(
        filter.sort === 'name' ? pinyinOrder(db, sql.ref('parties.name')) : sql.ref(sortColumn[filter.sort]),
        filter.order,
      )
      .orderBy('parties.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function partyNamedAt(db: Db | Trx, placeId: string, name: string) {
  return db
    .selectFrom('parties')
    .select('id')
    .where('place_id', '=', placeId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertParty(
  db: Trx,
  row: { id: string; kind: string; name: string; place_id: string; created_at: string },
) {
  await db.insertInto('parties').values(row).execute();
}

export async function renameParty(db: Trx, partyId: string, name: string) {
  await db.updateTable('parties').set({ name }).where('id', '=', partyId).execute();
}

export function membersOf(db: Db | Trx, partyId: string) {
  return db
    .selectFrom('party_members')
    .innerJoin('users', 'users.id', 'party_members.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['party_members.user_id', 'people.name', 'users.phone', 'party_members.title'])
    .where('party_members.party_id', '=', partyId)
    .orderBy(pinyinOrder(db, sql.ref('people.name')))
    .orderBy('party_members.user_id')
    .execute();
}

export function findMember(db: Db | Trx, partyId: string, userId: string) {
  return db
    .selectFrom('party_members')
    .select(['party_id', 'user_id', 'title'])
    .where('party_id', '=', partyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMember(
  db: Trx,
  row: { party_id: string; user_id: string; title: string | null },
) {
  await db.insertInto('party_members').values(row).execute();
}

export async function deleteMember(db: Trx, partyId: string, userId: string) {
  await db
    .deleteFrom('party_members')
    .where('party_id', '=', partyId)
    .where('user_id', '=', userId)
    .execute();
}
