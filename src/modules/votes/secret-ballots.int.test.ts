import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { voteApi, votingBuilding } from './votes.testkit.ts';

let t: TestApp;
let b: Awaited<ReturnType<typeof votingBuilding>>;
let api: ReturnType<typeof voteApi>;
let id: string;

beforeAll(async () => {
  t = await testApp();
  b = await votingBuilding(t);
  api = voteApi(t);
  id = (
    await api.ask(b.sessions.secretary, {
      title: '使用维修资金维修屋面（无记名）',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Ordinary' },
      secret: true,
    })
  ).id;
});
afterAll(() => t.close());

/** Every text the database holds about this question, the audit log and replay store included. */
async function everythingStored(): Promise<string> {
  const db = t.database.db;
  const tables = await Promise.all([
    db.selectFrom('vote_participations').selectAll().where('question_id', '=', id).execute(),
    db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).execute(),
    db.selectFrom('idempotency_keys').selectAll().execute(),
  ]);
  return JSON.stringify(tables);
}

describe('a secret ballot', () => {
  it('keeps who took part apart from what was chosen: no choice beside a voter anywhere, not even in the audit log', async () => {
    const answered = await api.answer(b.sessions.jia, id, 'reject', 'secret-key-1');
    expect(answered.statusCode).toBe(201);
    expect(answered.json().choice).toBeNull();
    const stored = await everythingStored();
    expect(stored).not.toContain('reject');
    const counts = await t.database.db
      .selectFrom('vote_counts')
      .selectAll()
      .where('question_id', '=', id)
      .execute();
    // The counters carry no voter and no time: only an option and its running sums.
    expect(Object.keys(counts[0]!).sort()).toEqual(['area_centi_m2', 'heads', 'option_key', 'question_id']);
    expect(counts.find((c) => Number(c.heads) === 1)?.option_key).toBe('reject');
    if (t.database.dialect === 'postgres') {
      // Every counter was rewritten by the ballot's transaction: their row versions all look alike.
      const versions = await sql<{
        xmin: string;
      }>`select xmin::text as xmin from vote_counts where question_id = ${id}`.execute(t.database.db);
      expect(new Set(versions.rows.map((r) => r.xmin)).size).toBe(1);
    }
  });

  it('answers a replay with the first response, and refuses a second ballot with a new key (409)', async () => {
    const replay = await api.answer(b.sessions.jia, id, 'reject', 'secret-key-1');
    expect(replay.statusCode).toBe(201);
    const again = await api.answer(b.sessions.jia, id, 'approve', 'secret-key-2');
    expect(again.statusCode).toBe(409);
  });

  it('shows participation while open but no option counts, which would move with each ballot', async () => {
    const tally = (await api.detail(b.sessions.secretary, id)).tally;
    expect(tally.answered).toEqual({ heads: 1, areaCentiM2: 18_000 });
    expect(tally.options).toBeNull();
    expect(tally.approval).toBeNull();
    const own = (await api.send(b.sessions.jia, 'GET', `/api/votes/${id}`)).json();
    expect(own).toMatchObject({ answered: true, myChoice: null });
  });

  it('refuses single door-to-door answers: a secret question’s paper ballots are counted as a sealed box', async () => {
    const single = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/answers`, {
      householdId: b.homes['201']!.id,
      choice: 'approve',
      evidence: { note: '入户' },
    });
    expect(single.statusCode).toBe(409);
  });

  it('takes a sealed box’s totals with who took part, when they add up', async () => {
    const developerOnly = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/rounds`, {
      householdIds: [b.homes['301']!.id, b.homes['302']!.id],
      totals: [{ key: 'approve', heads: 1, areaCentiM2: 16_000 }],
      evidence: { note: '只有开发商一位投票人' },
    });
    expect(developerOnly.statusCode).toBe(400);
    expect(developerOnly.json().errors[0].field).toBe('householdIds');
    const households = [b.homes['201']!.id, b.homes['301']!.id, b.homes['302']!.id];
    const wrong = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/rounds`, {
      householdIds: households,
      totals: [{ key: 'approve', heads: 2, areaCentiM2: 18_000 }],
      evidence: { note: '第一轮入户，票箱当面开启' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('totals');
    // 乙 and the developer (two flats, one owner): two heads, 260 m².
    const round = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/rounds`, {
      householdIds: households,
      totals: [
        { key: 'approve', heads: 2, areaCentiM2: 26_000 },
        { key: 'reject', heads: 0, areaCentiM2: 0 },
      ],
      evidence: { note: '第一轮入户，票箱当面开启' },
    });
    expect(round.statusCode).toBe(201);
    expect(round.json().heads).toBe(2);
    const voters = (
      await api.send(b.sessions.secretary, 'GET', `/api/workbench/votes/${id}/voters?status=answered`)
    ).json();
    expect(voters.total).toBe(3);
    expect(voters.items.every((v: { choice: string | null }) => v.choice === null)).toBe(true);
    const overlap = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/rounds`, {
      householdIds: [b.homes['201']!.id, b.homes['202']!.id],
      totals: [{ key: 'approve', heads: 2, areaCentiM2: 20_000 }],
      evidence: { note: '重复' },
    });
    expect(overlap.statusCode).toBe(409);
  });

  it('reveals the counts only at the close, certified', async () => {
    const closed = (await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${id}/close`)).json();
    // 3 of 4 owners, 440 of 540 m² took part; 2 of 3 and 260 of 440 m² approve: more than half on both.
    expect(closed.tally.participation.area).toMatchObject({
      numerator: 44_000,
      denominator: 54_000,
      met: true,
    });
    expect(closed.tally.approval.heads).toMatchObject({ numerator: 2, denominator: 3, met: true });
    expect(closed.tally.options.find((o: { key: string }) => o.key === 'reject').heads).toBe(1);
    expect(closed.certificate.passed).toBe(true);
    if (t.database.dialect === 'sqlite') {
      // The WAL held every earlier image of the counters' page, ballot by ballot: it is emptied at the close,
      // and freed pages are zeroed.
      const file = t.database.label.slice('sqlite:'.length);
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
      const secure = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(t.database.db);
      expect(secure.rows[0]!.secure_delete).toBe(1);
    }
  });
});

describe('a cost-sharing plan from the door-to-door agreement', () => {
  it('shares the repair equally among the households asked, or by floor area when no rule was agreed', async () => {
    const asked = [b.homes['101']!.id, b.homes['201']!.id, b.homes['202']!.id];
    const make = async (rule: 'equal' | 'floorArea') => {
      const q = await api.ask(b.sessions.secretary, {
        title: '厨房下水管疏通费用分摊',
        asked: { kind: 'households', householdIds: asked },
        rule: { kind: 'majorityOfAsked' },
        secret: false,
      });
      for (const s of [b.sessions.jia, b.sessions.yi]) await api.answer(s, q.id, 'approve');
      const early = await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${q.id}/cost-plan`, {
        totalFen: 100_000,
        rule,
      });
      expect(early.statusCode).toBe(409);
      await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${q.id}/close`);
      const planned = await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${q.id}/cost-plan`, {
        totalFen: 100_000,
        rule,
      });
      expect(planned.statusCode).toBe(201);
      return planned
        .json()
        .costPlan.shares.map((s: { amountFen: number }) => s.amountFen)
        .sort();
    };
    expect(await make('equal')).toEqual([33_333, 33_333, 33_334]);
    // 90, 100 and 100 m²: 31,034.48…, 34,482.75… twice, largest remainders first.
    expect(await make('floorArea')).toEqual([31_034, 34_483, 34_483]);
  });
});
