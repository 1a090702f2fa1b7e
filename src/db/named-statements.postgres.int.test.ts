import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.ts';
import { makeUser } from '../../test/factories.ts';
import { sessionRows } from '../modules/auth/auth.repo.ts';
import { type Database, openDatabase } from './database.ts';
import { statementNames } from './prepared.ts';

// Every signed-in request reads its session through a prepared query. On PostgreSQL it goes as a named
// statement, planned once per connection (0.2 ms a run instead of 0.7 ms), and must still answer each run
// for its own session. In the PostgreSQL pass of the suite only (vitest.config.ts).

let database: Database;
let oneConnection: Database;

beforeAll(async () => {
  database = await testDatabase();
  oneConnection = openDatabase(database.url, { poolSize: 1 });
});

afterAll(async () => {
  await oneConnection.close();
  await database.close();
});

const session = (id: string, userId: string) => ({
  id,
  user_id: userId,
  csrf_token: `token-${id}`,
  created_at: '2026-11-28T08:00:00.000Z',
  last_seen_at: '2026-11-28T08:00:00.000Z',
  revoked_at: null,
});

describe('prepared queries on PostgreSQL', () => {
  it('plan the session lookup once per connection and answer each run for its own session', async () => {
    const [a, b] = [await makeUser(database), await makeUser(database)];
    await database.db
      .insertInto('sessions')
      .values([session('session-a', a.userId), session('session-b', b.userId)])
      .execute();

    const users = [];
    for (const id of ['session-a', 'session-b', 'session-a', 'session-b', 'session-gone'])
      users.push((await sessionRows(oneConnection.db, id)).find((r) => r.part === 'session')?.a ?? null);
    expect(users).toEqual([a.userId, b.userId, a.userId, b.userId, null]);

    const { rows } = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements`.execute(oneConnection.db);
    const lookup = rows.filter((r) => r.statement.includes(`'session' as "part"`));
    expect(lookup).toHaveLength(1);
    expect(statementNames.get(lookup[0]!.statement)).toBe(lookup[0]!.name);
  });
});
