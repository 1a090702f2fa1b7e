import type { ExpressionBuilder } from 'kysely';
import type { DB, HouseholdLinksTable } from '../../db/schema.ts';
import { type Db, pathRange, type Trx } from '../../db/transaction.ts';
import type { Scope } from '../access/policy.ts';
import type { LinkQueueQuery, LinkStatus } from './residents.schemas.ts';

// ── Accounts ─────────────────────────────────────────────────────────────────────────────────────

export async function phoneHasAccount(db: Trx, phone: string) {
  const row = await db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst();
  return row !== undefined;
}

export async function insertResident(
  db: Trx,
  row: { personId: string; userId: string; name: string; phone: string; passwordHash: string; now: string },
) {
  await db
    .insertInto('people')
    .values({ id: row.personId, name: row.name, phone: row.phone, created_at: row.now, erased_at: null })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: row.userId,
      person_id: row.personId,
      phone: row.phone,
      kind: 'resident',
      password_hash: row.passwordHash,
      status: 'active',
      created_at: row.now,
      password_changed_at: null,
    })
    .execute();
}

// ── The public place lookup ──────────────────────────────────────────────────────────────────────

/** Compounds whose name contains `text`, with their community and street: names only. */
export function searchCompounds(db: Db, text: string, limit: number) {
  // LIKE wildcards typed by the visitor are taken literally by dropping them: names never hold them.
  const needle = text.replace(/[%_\\]/g, '');
  return db
    .selectFrom('places as compound')
    .innerJoin('places as community', 'community.id', 'compound.parent_id')
    .leftJoin('places as street', 'street.id', 'community.parent_id')
    .select(['compound.id', 'compound.name', 'community.name as community', 'street.name as street'])
    .where('compound.kind', '=', 'compound')
    .where('compound.name', 'like', `%${needle}%`)
    .orderBy('compound.name')
    .orderBy('compound.id')
    .limit(limit)
    .execute();
}

export function findPlace(db: Db | Trx, id: string) {
  return db
    .selectFrom('places')
    .select(['id', 'kind', 'name', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function childrenOf(db: Db, parentId: string, limit: number) {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'kind'])
    .where('parent_id', '=', parentId)
    .limit(limit)
    .execute();
}

/** Names and kinds of the places on the given paths, for labels like 锦秀河畔 1号楼 1单元 101. */
export async function placesOnPaths(db: Db | Trx, paths: string[]) {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (ids.length === 0) return new Map<string, { name: string; kind: string }>();
  const rows = await db.selectFrom('places').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

// ── Household links ──────────────────────────────────────────────────────────────────────────────

export function findHouseholdByCode(db: Trx, code: string) {
  return db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select(['households.place_id as id', 'places.path'])
    .where('households.household_code', '=', code)
    .executeTakeFirst();
}

export function findHousehold(db: Trx, id: string) {
  return db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select(['households.place_id as id', 'places.path'])
    .where('households.place_id', '=', id)
    .executeTakeFirst();
}

const linkColumns = [
  'household_links.id',
  'household_links.user_id',
  'household_links.household_id',
  'household_links.status',
  'household_links.via',
  'household_links.created_at',
  'household_links.decided_at',
  'places.path',
] as const;

export function findLinkOf(db: Trx, userId: string, householdId: string) {
  return db
    .selectFrom('household_links')
    .innerJoin('places', 'places.id', 'household_links.household_id')
    .select(linkColumns)
    .where('household_links.user_id', '=', userId)
    .where('household_links.household_id', '=', householdId)
    .executeTakeFirst();
}

export function findLink(db: Trx, id: string) {
  return db
    .selectFrom('household_links')
    .innerJoin('places', 'places.id', 'household_links.household_id')
    .select(linkColumns)
    .where('household_links.id', '=', id)
    .executeTakeFirst();
}

export function linksOfUser(db: Db | Trx, userId: string) {
  return db
    .selectFrom('household_links')
    .innerJoin('places', 'places.id', 'household_links.household_id')
    .select(linkColumns)
    .where('household_links.user_id', '=', userId)
    .orderBy('household_links.created_at', 'desc')
    .execute();
}

export async function countPendingLinks(db: Trx, userId: string) {
  const row = await db
    .selectFrom('household_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLink(db: Trx, row: HouseholdLinksTable | readonly HouseholdLinksTable[]) {
  await db.insertInto('household_links').values(row).execute();
}

export async function updateLink(
  db: Trx,
  id: string,
  values: Pick<HouseholdLinksTable, 'status' | 'via' | 'decided_by' | 'decided_at'> & { created_at?: string },
) {
  await db.updateTable('household_links').set(values).where('id', '=', id).execute();
}

// ── The staff queue ──────────────────────────────────────────────────────────────────────────────

function inScope(scope: Scope) {
  return (eb: ExpressionBuilder<DB & { p: DB['places'] }, 'p'>) =>
    eb.or([
      ...scope.prefixes.map((prefix) => {
        const { from, to } = pathRange(prefix);
        return eb.and([eb('p.path', '>=', from), eb('p.path', '<', to)]);
      }),
      ...(scope.exact.length > 0 ? [eb('p.path', 'in', scope.exact)] : []),
    ]);
}

function queueBase(db: Trx, scope: Scope, status: LinkStatus | undefined) {
  let query = db
    .selectFrom('household_links as hl')
    .innerJoin('places as p', 'p.id', 'hl.household_id')
    .innerJoin('users as u', 'u.id', 'hl.user_id')
    .innerJoin('people as pe', 'pe.id', 'u.person_id')
    .where(inScope(scope));
  if (status) query = query.where('hl.status', '=', status);
  return query;
}

export async function linkQueue(db: Trx, scope: Scope, query: LinkQueueQuery) {
  const sortColumn = query.sort === 'decidedAt' ? 'hl.decided_at' : 'hl.created_at';
  const rows = await queueBase(db, scope, query.status)
    .select([
      'hl.id',
      'hl.user_id',
      'hl.household_id',
      'hl.status',
      'hl.via',
      'hl.created_at',
      'hl.decided_at',
      'p.path',
      'pe.name',
      'u.phone',
    ])
    // Undecided requests sort last either way, the same on SQLite and PostgreSQL.
    .orderBy(sortColumn, (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('hl.id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const count = await queueBase(db, scope, query.status)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** The owners on the register of these households: people (name, phone) and parties (the developer). */
export function ownersOf(db: Trx, householdIds: string[]) {
  if (householdIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ownerships as o')
    .leftJoin('people as pe', 'pe.id', 'o.person_id')
    .leftJoin('parties as pa', 'pa.id', 'o.party_id')
    .select(['o.household_id', 'o.person_id', 'pe.name', 'pe.phone', 'pa.name as party_name'])
    .where('o.household_id', 'in', householdIds)
    .orderBy('o.id')
    .execute();
}
