import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { containsText, pathBelow, pathInScope, pinyinOrder } from '../../db/fragments.ts';
import type { DB, InvitationsTable, RoleGrantsTable, UserKind } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { Scope } from '../access/policy.ts';

// A grant, and an invitation, sit at a place or at a grid; a grid counts as its community for scope.
type GrantJoins = ExpressionBuilder<
  DB & { gp: DB['places']; cp: DB['places']; grids: DB['grids'] },
  'role_grants' | 'gp' | 'cp' | 'grids'
>;
function grantPath(eb: GrantJoins): RawBuilder<string | null> {
  return sql<string | null>`coalesce(${eb.ref('gp.path')}, ${eb.ref('cp.path')})`;
}

function grantsWithPlaces(db: Db | Trx) {
  return db
    .selectFrom('role_grants')
    .leftJoin('places as gp', 'gp.id', 'role_grants.place_id')
    .leftJoin('grids', 'grids.id', 'role_grants.grid_id')
    .leftJoin('places as cp', 'cp.id', 'grids.community_id');
}

export type StaffFilter = {
  scope: Scope;
  role?: string;
  placePath?: string;
  name?: string;
  sort: 'name' | 'grantedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

function filteredGrants(db: Db | Trx, filter: StaffFilter) {
  let query = grantsWithPlaces(db)
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .where((eb) => pathInScope(grantPath(eb), filter.scope));
  if (filter.role) query = query.where('role_grants.role', '=', filter.role);
  if (filter.placePath) {
    const placePath = filter.placePath;
    query = query.where((eb) => pathBelow(grantPath(eb), placePath));
  }
  if (filter.name) {
    const name = filter.name;
    query = query.where(({ ref }) => containsText(ref('people.name'), name));
  }
  return query;
}

/** Staff holding at least one matching grant in scope, a page of them, by name or by their latest grant. */
export async function listStaffUsers(db: Db | Trx, filter: StaffFilter) {
  const grantedAt = sql<string>`max(role_grants.created_at)`;
  const [rows, count] = await Promise.all([
    filteredGrants(db, filter)
      .select(['users.id', 'people.name', 'users.phone', 'users.status', grantedAt.as('granted_at')])
      .groupBy(['users.id', 'people.name', 'users.phone', 'users.status'])
      .orderBy(filter.sort === 'name' ? pinyinOrder(db, sql.ref('people.name')) : grantedAt, filter.order)
      .orderBy('users.id', filter.order)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    filteredGrants(db, filter)
      .select((eb) => eb.fn.count<number>('role_grants.user_id').distinct().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The grants of these users that lie in scope, with the names of their places, grids and parties. */
export function grantsInScope(db: Db | Trx, userIds: string[], scope: Scope) {
  if (userIds.length === 0) return Promise.resolve([]);
  return grantsWithPlaces(db)
    .leftJoin('parties', 'parties.id', 'role_grants.party_id')
    .select((eb) => [
      'role_grants.id',
      'role_grants.user_id',
      'role_grants.role',
      'role_grants.place_id',
      'gp.name as place_name',
      'role_grants.grid_id',
      'grids.name as grid_name',
      'role_grants.party_id',
      'parties.name as party_name',
      'role_grants.sector',
      'role_grants.created_at',
      grantPath(eb).as('scope_path'),
      sql<string | null>`coalesce(${eb.ref('gp.kind')}, ${eb.ref('cp.kind')})`.as('scope_kind'),
    ])
    .where('role_grants.user_id', 'in', userIds)
    .where((eb) => pathInScope(grantPath(eb), scope))
    .orderBy('role_grants.created_at')
    .orderBy('role_grants.id')
    .execute();
}

export function findGrant(db: Db | Trx, grantId: string) {
  return grantsWithPlaces(db)
    .select((eb) => [
      'role_grants.id',
      'role_grants.user_id',
      'role_grants.role',
      'role_grants.place_id',
      'role_grants.grid_id',
      'role_grants.party_id',
      'role_grants.sector',
      grantPath(eb).as('scope_path'),
      sql<string | null>`coalesce(${eb.ref('gp.kind')}, ${eb.ref('cp.kind')})`.as('scope_kind'),
    ])
    .where('role_grants.id', '=', grantId)
    .executeTakeFirst();
}

/** Whether the user holds a grant in scope: whom a grant-holder may see and give another role. */
export async function hasGrantInScope(db: Db | Trx, userId: string, scope: Scope) {
  const row = await grantsWithPlaces(db)
    .select('role_grants.id')
    .where('role_grants.user_id', '=', userId)
    .where((eb) => pathInScope(grantPath(eb), scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The place paths of a user's grants (a grid grant at its community): where their record belongs. */
export async function grantPathsOf(db: Db | Trx, userId: string) {
  const rows = await grantsWithPlaces(db)
    .select((eb) => [
      grantPath(eb).as('path'),
      sql<string | null>`coalesce(${eb.ref('gp.kind')}, ${eb.ref('cp.kind')})`.as('kind'),
    ])
    .where('role_grants.user_id', '=', userId)
    .execute();
  return rows.flatMap((r) => (r.path && r.kind ? [{ path: r.path, kind: r.kind }] : []));
}

export function sameGrant(
  db: Db | Trx,
  grant: Pick<RoleGrantsTable, 'user_id' | 'role' | 'place_id' | 'grid_id' | 'party_id'>,
) {
  let query = db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', grant.user_id)
    .where('role', '=', grant.role);
  for (const column of ['place_id', 'grid_id', 'party_id'] as const) {
    const value = grant[column];
    query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
  }
  return query.executeTakeFirst();
}

export async function insertGrant(db: Trx, row: RoleGrantsTable) {
  await db.insertInto('role_grants').values(row).execute();
}

export async function deleteGrant(db: Trx, grantId: string) {
  await db.deleteFrom('role_grants').where('id', '=', grantId).execute();
}

export async function countGrants(db: Db | Trx, userId: string, role: string) {
  const row = await db
    .selectFrom('role_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPerson(db: Trx, row: { id: string; name: string; phone: string; now: string }) {
  await db
    .insertInto('people')
    .values({ id: row.id, name: row.name, phone: row.phone, created_at: row.now, erased_at: null })
    .execute();
}

export async function insertUser(
  db: Trx,
  row: { id: string; person_id: string; phone: string; kind: UserKind; password_hash: string; now: string },
) {
  await db
    .insertInto('users')
    .values({
      id: row.id,
      person_id: row.person_id,
      phone: row.phone,
      kind: row.kind,
      password_hash: row.password_hash,
      status: 'active',
      created_at: row.now,
      password_changed_at: row.now,
    })
    .execute();
}

export async function setUserKind(db: Trx, userId: string, kind: UserKind) {
  await db.updateTable('users').set({ kind }).where('id', '=', userId).execute();
}

export function userKinds(db: Db | Trx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'kind']).where('id', 'in', userIds).execute();
}

export async function ensureMember(db: Trx, partyId: string, userId: string) {
  const existing = await db
    .selectFrom('party_members')
    .select('user_id')
    .where('party_id', '=', partyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing) return false;
  await db.insertInto('party_members').values({ party_id: partyId, user_id: userId, title: null }).execute();
  return true;
}

export function gridsInScope(db: Db | Trx, scope: Scope) {
  return db
    .selectFrom('grids')
    .innerJoin('places', 'places.id', 'grids.community_id')
    .select(['grids.id', 'grids.name', 'places.name as community_name'])
    .where(({ ref }) => pathInScope(ref('places.path'), scope))
    .orderBy('places.name')
    .orderBy('grids.name')
    .limit(500)
    .execute();
}

// ── Invitations ────────────────────────────────────────────────────────────────────────────────

function invitationsWithNames(db: Db | Trx) {
  return db
    .selectFrom('invitations')
    .leftJoin('places as gp', 'gp.id', 'invitations.place_id')
    .leftJoin('grids', 'grids.id', 'invitations.grid_id')
    .leftJoin('places as cp', 'cp.id', 'grids.community_id')
    .leftJoin('parties', 'parties.id', 'invitations.party_id')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .innerJoin('people as inviter_person', 'inviter_person.id', 'inviter.person_id')
    .select((eb) => [
      'invitations.id',
      'invitations.name',
      'invitations.role',
      'invitations.place_id',
      'gp.name as place_name',
      'invitations.grid_id',
      'grids.name as grid_name',
      'cp.name as community_name',
      'invitations.party_id',
      'parties.name as party_name',
      'invitations.sector',
      'invitations.invited_by',
      'inviter.person_id as invited_by_person',
      'inviter_person.name as invited_by_name',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.accepted_at',
      sql<string | null>`coalesce(${eb.ref('gp.path')}, ${eb.ref('cp.path')})`.as('scope_path'),
      sql<string | null>`coalesce(${eb.ref('gp.kind')}, ${eb.ref('cp.kind')})`.as('scope_kind'),
    ]);
}

export type InvitationRow = Awaited<ReturnType<typeof findInvitation>>;

export function findInvitation(db: Db | Trx, invitationId: string) {
  return invitationsWithNames(db).where('invitations.id', '=', invitationId).executeTakeFirst();
}

export function findInvitationByDigest(db: Db | Trx, tokenHash: string) {
  return invitationsWithNames(db).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listPendingInvitations(
  db: Db | Trx,
  filter: { scope: Scope; now: string; limit: number; offset: number },
) {
  const pending = () =>
    invitationsWithNames(db)
      .where('invitations.accepted_at', 'is', null)
      .where('invitations.expires_at', '>', filter.now)
      .where((eb) =>
        pathInScope(sql<string | null>`coalesce(${eb.ref('gp.path')}, ${eb.ref('cp.path')})`, filter.scope),
      );
  const [rows, count] = await Promise.all([
    pending()
      .orderBy('invitations.created_at', 'desc')
      .orderBy('invitations.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    pending()
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertInvitation(db: Trx, row: InvitationsTable) {
  await db.insertInto('invitations').values(row).execute();
}

/** Marks an invitation used; false when another acceptance got there first. */
export async function markAccepted(db: Trx, invitationId: string, userId: string, now: string) {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A revoked invitation simply ends now: the link stops working and the record stays. */
export async function expireInvitation(db: Trx, invitationId: string, now: string) {
  await db.updateTable('invitations').set({ expires_at: now }).where('id', '=', invitationId).execute();
}
