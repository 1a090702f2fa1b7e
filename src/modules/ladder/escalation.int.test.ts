import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../../test/factories.ts';
import { buildWorkingCalendar } from '../../domain/deadlines/calendar.ts';
import { computeDeadline } from '../../domain/deadlines/deadline.ts';
import { defaultLevelRules } from '../../domain/ladder/ladder.ts';
import { runSweeps } from '../../server/sweeps.ts';
import { shippedNotices } from './calendar.ts';
import { type LadderWorld, ladderWorld } from './ladder.testkit.ts';

let w: LadderWorld;
beforeAll(async () => {
  w = await ladderWorld();
});
afterAll(() => w.t.close());

const calendar = buildWorkingCalendar(shippedNotices);

describe('a handler escalates 上报', () => {
  it('sends the problem to the next level’s handler from the catalogue, with a notification and a timeline step', async () => {
    const id = await w.newProblem();
    await w.dispatchToProperty(id);
    const refused = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(w.property),
      payload: { reason: '' },
    });
    expect(refused.statusCode).toBe(400);
    const response = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(w.property),
      payload: { reason: '增压泵需开发商更换，物业无权处理' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      level: 'community',
      next: { level: 'street', handlerName: '金星镇党委' },
    });

    const orders = await w.t.database.db
      .selectFrom('orders')
      .selectAll()
      .where('problem_id', '=', id)
      .orderBy('dispatched_at')
      .execute();
    expect(orders.map((o) => [o.state, o.party_id ?? o.assignee_user_id])).toEqual([
      ['transferred', w.propertyPartyId],
      ['dispatched', w.secretary.userId],
    ]);
    const mine = (await w.t.app.inject({ url: '/api/orders/mine', headers: as(w.secretary.session) })).json();
    expect(mine.items.map((o: { problemId: string }) => o.problemId)).toContain(id);
    expect(await w.notices(w.secretary.userId, id, 'escalated')).toHaveLength(1);
    const [step] = await w.events(id, 'escalated');
    expect(step?.text).toBe('增压泵需开发商更换，物业无权处理');
    expect(JSON.parse(step!.data)).toMatchObject({ from: 'compound', to: 'community', by: 'handler' });
    const detail = (
      await w.t.app.inject({ url: `/api/workbench/problems/${id}`, headers: as(w.secretary.session) })
    ).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('escalated');
    const row = await w.problemRow(id);
    const expected = computeDeadline(new Date(step!.at), defaultLevelRules.community, calendar);
    expect(row.deadline_at).toBe(expected.dueAt.toISOString());

    // Once the w.property company no longer holds the lead, it may not send the problem further.
    const again = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(w.property),
      payload: { reason: '再上报' },
    });
    expect(again.statusCode).toBe(403);
  });

  it('cannot go beyond the street/town', async () => {
    const id = await w.newProblem();
    await w.t.database.db.updateTable('problems').set({ level: 'street' }).where('id', '=', id).execute();
    const response = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(w.officer),
      payload: { reason: '再上报' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().state).toBe('street');
  });
});

describe('the sweep', () => {
  it('climbs a problem past its deadline once, restart after restart', async () => {
    const id = await w.newProblem();
    await w.dispatchToProperty(id);
    await w.letDeadlinePass(id);
    await runSweeps(w.t.app.deps, w.t.app.log);
    await runSweeps(w.t.app.deps, w.t.app.log);
    const row = await w.problemRow(id);
    expect(row.level).toBe('community');
    expect(Date.parse(row.deadline_at!)).toBeGreaterThan(Date.now());
    expect(await w.events(id, 'escalated')).toHaveLength(1);
    expect(await w.notices(w.secretary.userId, id, 'escalated')).toHaveLength(1);
    const overdue = (
      await w.t.app.inject({ url: '/api/workbench/overdue', headers: as(w.secretary.session) })
    ).json();
    expect(overdue.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('passes over a level without a handler in the catalogue to the next one with one', async () => {
    const id = await w.newProblem();
    await w.t.database.db.updateTable('problems').set({ level: 'community' }).where('id', '=', id).execute();
    await w.letDeadlinePass(id);
    const overdue = (
      await w.t.app.inject({
        url: '/api/workbench/overdue?level=community',
        headers: as(w.secretary.session),
      })
    ).json();
    expect(overdue.counts.community).toBeGreaterThanOrEqual(1);
    expect(overdue.items.map((p: { id: string }) => p.id)).toContain(id);
    await runSweeps(w.t.app.deps, w.t.app.log);
    const row = await w.problemRow(id);
    expect(row.level).toBe('street');
    expect(row.state).toBe('dispatched');
    const lead = await w.t.database.db
      .selectFrom('orders')
      .select(['party_id', 'state'])
      .where('problem_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(lead).toEqual({ party_id: w.townCommitteeId, state: 'dispatched' });
  });

  it('warns the handler once when the deadline is near', async () => {
    const id = await w.newProblem();
    await w.dispatchToProperty(id);
    await w.t.database.db
      .updateTable('problems')
      .set({ deadline_warn_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await runSweeps(w.t.app.deps, w.t.app.log);
    await runSweeps(w.t.app.deps, w.t.app.log);
    const propertyUser = await w.t.database.db
      .selectFrom('party_members')
      .select('user_id')
      .where('party_id', '=', w.propertyPartyId)
      .executeTakeFirstOrThrow();
    const warned = await w.notices(propertyUser.user_id, id, 'deadline_near');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.title).toContain('即将超期');
    expect((await w.problemRow(id)).level).toBe('compound');
  });
});
