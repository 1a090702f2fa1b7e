import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, signedInUser } from '../../../test/factories.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { buildApp } from '../../server/app.ts';
import type { App } from '../../server/app-types.ts';
import { testConfig } from '../../server/config.ts';
import { sweepLadder } from './ladder.sweep.ts';

// Two servers against one database, both sweeping at once: every overdue problem climbs exactly once.
// On PostgreSQL the second server has a pool of its own, as a second machine would. SQLite is one file
// for one server process (two connections inside one process would wait on each other's write lock), so
// there the two app instances share the connection and the test shows the sweeps' steps do not repeat.
let t: TestApp;
let second: { app: App; database: Database };
let secretaryId: string;
const problems: string[] = [];

beforeAll(async () => {
  t = await testApp();
  const database =
    t.database.dialect === 'postgres' ? openDatabase(t.database.url, { poolSize: 5 }) : t.database;
  second = { app: await buildApp({ config: testConfig(), database }), database };
  await second.app.ready();

  const town = await makeTown(t.database);
  const partyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: partyId,
      kind: 'property_company',
      name: '星河物业',
      place_id: town.community.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  const secretary = await signedInUser(t.app, t.database, {
    grants: [{ role: 'community_secretary', place: town.community }],
  });
  secretaryId = secretary.userId;
  for (const level of ['compound', 'community'] as const) {
    await t.database.db
      .insertInto('dispatch_rules')
      .values({
        id: uuidv7(),
        community_id: town.community.id,
        category: 'property_service',
        place_id: null,
        party_id: level === 'compound' ? partyId : null,
        user_id: level === 'community' ? secretaryId : null,
        level,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  for (let i = 0; i < 8; i++) {
    const matter = await t.app.inject({
      method: 'POST',
      url: '/api/matters/intake',
      headers: as(secretary.session),
      payload: {
        kind: 'problem',
        category: 'property_service',
        text: `增压泵噪音 ${i}`,
        placeId: town.building1.id,
        channel: 'phone',
      },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.json().id}/accept`,
      headers: as(secretary.session),
      payload: { title: `增压泵噪音 ${i}`, urgency: 2, severity: 2 },
    });
    const problemId = accepted.json().problemId as string;
    await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(secretary.session),
      payload: { lead: { partyId } },
    });
    problems.push(problemId);
  }
  await t.database.db
    .updateTable('problems')
    .set({ deadline_at: new Date(Date.now() - 60_000).toISOString() })
    .where('id', 'in', problems)
    .execute();
});

afterAll(async () => {
  await second.app.close();
  if (second.database !== t.database) await second.database.close();
  await t.close();
});

describe('two servers sweeping one database', () => {
  it('climb every overdue problem exactly once, with one notification and one handed-on order each', async () => {
    const rounds = await Promise.all([
      sweepLadder(t.app.deps),
      sweepLadder(second.app.deps),
      sweepLadder(t.app.deps),
      sweepLadder(second.app.deps),
    ]);
    expect(rounds.reduce((sum, r) => sum + r.escalated, 0)).toBe(problems.length);
    const { db } = t.database;
    const climbs = await db
      .selectFrom('problem_events')
      .select(['problem_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('problem_id', 'in', problems)
      .where('kind', '=', 'escalated')
      .groupBy('problem_id')
      .execute();
    expect(climbs.map((c) => Number(c.n))).toEqual(problems.map(() => 1));
    const told = await db
      .selectFrom('notifications')
      .select('problem_id')
      .where('user_id', '=', secretaryId)
      .where('kind', '=', 'escalated')
      .where('problem_id', 'in', problems)
      .execute();
    expect(told).toHaveLength(problems.length);
    const levels = await db.selectFrom('problems').select('level').where('id', 'in', problems).execute();
    expect(new Set(levels.map((l) => l.level))).toEqual(new Set(['community']));
    const leads = await db
      .selectFrom('orders')
      .select(['problem_id', 'state'])
      .where('problem_id', 'in', problems)
      .where('role', '=', 'lead')
      .execute();
    expect(leads.filter((o) => o.state === 'dispatched')).toHaveLength(problems.length);
    expect(leads.filter((o) => o.state === 'transferred')).toHaveLength(problems.length);
  });
});
