import { sql } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { Db, Trx } from '../../db/transaction.ts';

function userWithPerson(db: Db | Trx) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select([
      'users.id',
      'users.person_id',
      'users.kind',
      'users.status',
      'users.password_hash',
      'people.name',
      'users.phone',
    ]);
}

export function findUserByPhone(db: Db | Trx, phone: string) {
  return userWithPerson(db).where('users.phone', '=', phone).executeTakeFirst();
}

export function findUser(db: Db | Trx, userId: string) {
  return userWithPerson(db).where('users.id', '=', userId).executeTakeFirst();
}

export function findLiveSession(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'users.person_id',
      'users.kind',
      'users.status',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSession(
  db: Trx,
  row: { id: string; user_id: string; csrf_token: string; now: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      user_id: row.user_id,
      csrf_token: row.csrf_token,
      created_at: row.now,
      last_seen_at: row.now,
    })
    .execute();
}

export async function revokeSession(db: Db | Trx, sessionId: string, now: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeAllSessions(db: Trx, userId: string, now: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchSession(db: Db, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

/** The grants of a user with the paths they reach; a grid grant carries its buildings' paths. */
export async function grantsOf(db: Db, userId: string) {
  const grants = await db
    .selectFrom('role_grants')
    .leftJoin('places', 'places.id', 'role_grants.place_id')
    .leftJoin('grids', 'grids.id', 'role_grants.grid_id')
    .select([
      'role_grants.role',
      'role_grants.place_id',
      'places.name as place_name',
      'places.path as place_path',
      'role_grants.grid_id',
      'grids.name as grid_name',
      'role_grants.party_id',
      'role_grants.sector',
    ])
    .where('role_grants.user_id', '=', userId)
    .execute();
  const gridIds = grants.flatMap((g) => (g.grid_id ? [g.grid_id] : []));
  const buildings =
    gridIds.length === 0
      ? []
      : await db
          .selectFrom('grid_buildings')
          .innerJoin('places', 'places.id', 'grid_buildings.building_id')
          .select(['grid_buildings.grid_id', 'places.path'])
          .where('grid_buildings.grid_id', 'in', gridIds)
          .execute();
  return grants.map((g) => ({
    ...g,
    building_paths: buildings.filter((b) => b.grid_id === g.grid_id).map((b) => b.path),
  }));
}

export async function confirmedHouseholdsOf(db: Db, userId: string) {
  const rows = await db
    .selectFrom('household_links')
    .select('household_id')
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .execute();
  return rows.map((r) => r.household_id);
}

export async function partiesOf(db: Db, userId: string) {
  const rows = await db
    .selectFrom('party_members')
    .select('party_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.party_id);
}

export async function countRecentFailures(db: Db | Trx, account: string, since: string) {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account', '=', account)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordFailure(db: Db | Trx, account: string, at: string) {
  await db.insertInto('sign_in_failures').values({ account, at }).execute();
}

export async function insertSmsCode(
  db: Trx,
  row: { id: string; phone: string; code_hash: string; created_at: string; expires_at: string },
) {
  await db.insertInto('sms_codes').values(row).execute();
}

export function countSmsCodesSince(db: Trx, phone: string, since: string) {
  return db
    .selectFrom('sms_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone', '=', phone)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function latestLiveSmsCode(db: Trx, phone: string, now: string) {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function spendSmsCode(db: Trx, id: string, now: string) {
  const result = await db
    .updateTable('sms_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countSmsAttempt(db: Trx, id: string) {
  await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function setPassword(db: Trx, userId: string, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * A live session with everything the acting user is made of — the user, their grants with the paths they
 * reach, the buildings of their grids, their confirmed households and their parties — in one statement,
 * so each signed-in request pays one round trip instead of five. Rows are tagged by `part`. Nothing is
 * cached but the compiled SQL: a revoked session, a withdrawn grant or a new household link counts from
 * the next request.
 */
export const sessionRows = prepared((db: Db, sessionId: string) => {
  const text = (ref: string) => sql.ref<string | null>(ref);
  const none = sql<string | null>`null`;
  const tag = (part: string) => sql<string>`${sql.lit(part)}`.as('part');
  const userOfSession = db
    .selectFrom('sessions')
    .select('sessions.user_id')
    .where('sessions.id', '=', sessionId)
    .where('sessions.revoked_at', 'is', null);
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      tag('session'),
      text('sessions.user_id').as('a'),
      text('sessions.csrf_token').as('b'),
      text('sessions.last_seen_at').as('c'),
      text('users.person_id').as('d'),
      text('users.kind').as('e'),
      text('users.status').as('f'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.revoked_at', 'is', null)
    .unionAll(
      db
        .selectFrom('role_grants')
        .leftJoin('places', 'places.id', 'role_grants.place_id')
        .select([
          tag('grant'),
          text('role_grants.role').as('a'),
          text('places.path').as('b'),
          text('role_grants.grid_id').as('c'),
          text('role_grants.party_id').as('d'),
          text('role_grants.sector').as('e'),
          none.as('f'),
        ])
        .where('role_grants.user_id', 'in', userOfSession),
    )
    .unionAll(
      db
        .selectFrom('grid_buildings')
        .innerJoin('places', 'places.id', 'grid_buildings.building_id')
        .select([
          tag('building'),
          text('grid_buildings.grid_id').as('a'),
          text('places.path').as('b'),
          none.as('c'),
          none.as('d'),
          none.as('e'),
          none.as('f'),
        ])
        .where(
          'grid_buildings.grid_id',
          'in',
          db
            .selectFrom('role_grants')
            .select('role_grants.grid_id')
            .where('role_grants.user_id', 'in', userOfSession)
            .where('role_grants.grid_id', 'is not', null),
        ),
    )
    .unionAll(
      db
        .selectFrom('household_links')
        .select([
          tag('household'),
          text('household_links.household_id').as('a'),
          none.as('b'),
          none.as('c'),
          none.as('d'),
          none.as('e'),
          none.as('f'),
        ])
        .where('household_links.user_id', 'in', userOfSession)
        .where('household_links.status', '=', 'confirmed'),
    )
    .unionAll(
      db
        .selectFrom('party_members')
        .select([
          tag('party'),
          text('party_members.party_id').as('a'),
          none.as('b'),
          none.as('c'),
          none.as('d'),
          none.as('e'),
          none.as('f'),
        ])
        .where('party_members.user_id', 'in', userOfSession),
    );
});
