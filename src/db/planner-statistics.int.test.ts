import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../test/factories.ts';
import { sessionRows } from '../modules/auth/auth.repo.ts';
import { type Database, openDatabase, refreshPlannerStatistics } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';
import { OurSqliteDialect } from './sqlite-dialect.ts';

// SQLite plans from the statistics refreshPlannerStatistics gathers. Every signed-in request reads its
// session: on a server started with one session, that read must still go by the session's key once
// thousands of people have signed in, not walk every session on every request.

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-statistics-'));
  database = openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
  await migrateToLatest(database);
});

afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const session = (userId: string, n: number) => ({
  id: `session-${n}`,
  user_id: userId,
  csrf_token: `token-${n}`,
  created_at: '2026-11-28T08:00:00.000Z',
  last_seen_at: '2026-11-28T08:00:00.000Z',
  revoked_at: null,
});

describe('planner statistics (SQLite)', () => {
  it('reads a session by its key after the sessions table grew from one row', async () => {
    const { userId } = await makeUser(database);
    await database.db.insertInto('sessions').values(session(userId, 0)).execute();
    await refreshPlannerStatistics(database, true);
    for (let n = 1; n <= 5_000; n += 500)
      await database.db
        .insertInto('sessions')
        .values(Array.from({ length: 500 }, (_, i) => session(userId, n + i)))
        .execute();

    const sqlite = new SQLite(path.join(dir, 'db.sqlite'), { readonly: true });
    let lookup = '';
    const logged = new Kysely<DB>({
      dialect: new OurSqliteDialect(sqlite),
      log: (event) => {
        lookup = event.query.sql;
      },
    });
    const rows = await sessionRows(logged, 'session-4321');
    const steps = sqlite.prepare(`explain query plan ${lookup}`).all(
      ...lookup
        .split('?')
        .slice(1)
        .map(() => 'session-4321'),
    ) as { detail: string }[];
    await logged.destroy();

    expect(rows.filter((r) => r.part === 'session')).toHaveLength(1);
    expect(
      steps.map((s) => s.detail).filter((d) => /^SCAN (sessions|role_grants|household_links)\b/.test(d)),
    ).toEqual([]);
  });
});
