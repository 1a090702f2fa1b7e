import type { Trx } from '../../db/transaction.ts';

// What the database holds about one person, and its erasure (PIPL arts. 45 and 47).

export function personOf(db: Trx, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'phone', 'created_at', 'erased_at'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

export function accountsOf(db: Trx, personId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'kind', 'status', 'phone', 'sms_opt_in', 'created_at', 'password_changed_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

function userIdsOf(db: Trx, personId: string) {
  return db.selectFrom('users').select('id').where('person_id', '=', personId);
}

export function linksOfPerson(db: Trx, personId: string) {
  return db
    .selectFrom('household_links')
    .innerJoin('places', 'places.id', 'household_links.household_id')
    .select([
      'household_links.household_id',
      'places.path',
      'household_links.status',
      'household_links.via',
      'household_links.created_at',
      'household_links.decided_at',
    ])
    .where('household_links.user_id', 'in', userIdsOf(db, personId))
    .orderBy('household_links.created_at')
    .execute();
}

export function ownershipsOfPerson(db: Trx, personId: string) {
  return db
    .selectFrom('ownerships')
    .innerJoin('households', 'households.place_id', 'ownerships.household_id')
    .innerJoin('places', 'places.id', 'ownerships.household_id')
    .select(['ownerships.household_id', 'places.path', 'households.area_centi_m2'])
    .where('ownerships.person_id', '=', personId)
    .orderBy('places.path')
    .execute();
}

export function grantsOfPerson(db: Trx, personId: string) {
  return db
    .selectFrom('role_grants')
    .leftJoin('places', 'places.id', 'role_grants.place_id')
    .leftJoin('grids', 'grids.id', 'role_grants.grid_id')
    .leftJoin('parties', 'parties.id', 'role_grants.party_id')
    .select([
      'role_grants.role',
      'places.name as place',
      'grids.name as grid',
      'parties.name as party',
      'role_grants.sector',
      'role_grants.created_at',
    ])
    .where('role_grants.user_id', 'in', userIdsOf(db, personId))
    .orderBy('role_grants.created_at')
    .execute();
}

export function membershipsOfPerson(db: Trx, personId: string) {
  return db
    .selectFrom('party_members')
    .innerJoin('parties', 'parties.id', 'party_members.party_id')
    .select(['parties.name as party', 'party_members.title'])
    .where('party_members.user_id', 'in', userIdsOf(db, personId))
    .orderBy('parties.name')
    .execute();
}

/** Sessions without their ids: an id is the digest of a token and has no business leaving the server. */
export function sessionsOfPerson(db: Trx, personId: string) {
  return db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'revoked_at'])
    .where('user_id', 'in', userIdsOf(db, personId))
    .orderBy('created_at')
    .execute();
}

export function signInFailuresOf(db: Trx, accounts: string[]) {
  if (accounts.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sign_in_failures')
    .select(['account', 'at'])
    .where('account', 'in', accounts)
    .orderBy('at')
    .execute();
}

/** What the person did and what was done to their account, as the audit log records it (no values). */
export function auditTrailOf(db: Trx, personId: string) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'action', 'entity_type', 'entity_id'])
    .where((eb) =>
      eb.or([
        eb('actor_id', 'in', userIdsOf(db, personId)),
        eb.and([eb('entity_type', '=', 'user'), eb('entity_id', 'in', userIdsOf(db, personId))]),
        eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', personId)]),
      ]),
    )
    .orderBy('seq')
    .execute();
}

// ── Erasure ──────────────────────────────────────────────────────────────────────────────────────

/** The row stays, so what the person did and owned still adds up; who they were does not. */
export async function erasePerson(db: Trx, personId: string, now: string) {
  await db
    .updateTable('people')
    .set({ name: null, phone: null, erased_at: now })
    .where('id', '=', personId)
    .execute();
}

export async function eraseAccounts(db: Trx, personId: string, now: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', 'in', userIdsOf(db, personId))
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('users')
    .set({ phone: null, password_hash: null, status: 'erased' })
    .where('person_id', '=', personId)
    .execute();
}

/** One-time codes and failed sign-ins are kept by phone number: they go with it. */
export async function forgetPhones(db: Trx, phones: string[], accounts: string[]) {
  if (phones.length > 0) await db.deleteFrom('sms_codes').where('phone', 'in', phones).execute();
  if (accounts.length > 0) await db.deleteFrom('sign_in_failures').where('account', 'in', accounts).execute();
}

/** Claims still waiting or refused say nothing the figures need; confirmed links stay, anonymous. */
export async function dropUndecidedLinks(db: Trx, personId: string) {
  await db
    .deleteFrom('household_links')
    .where('user_id', 'in', userIdsOf(db, personId))
    .where('status', '!=', 'confirmed')
    .execute();
}

/** An erased account acts for nobody. */
export async function dropRoles(db: Trx, personId: string) {
  await db.deleteFrom('role_grants').where('user_id', 'in', userIdsOf(db, personId)).execute();
  await db.deleteFrom('party_members').where('user_id', 'in', userIdsOf(db, personId)).execute();
}
