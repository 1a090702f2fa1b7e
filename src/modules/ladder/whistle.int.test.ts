import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../../test/factories.ts';
import { type LadderWorld, ladderWorld } from './ladder.testkit.ts';

let w: LadderWorld;
beforeAll(async () => {
  w = await ladderWorld();
});
afterAll(() => w.t.close());

describe('吹哨报到', () => {
  it('an officer summons departments at the street level; each reports in, its time recorded', async () => {
    await w.catalogue('old_compound_renovation', 'compound', { partyId: w.propertyPartyId });
    await w.catalogue('old_compound_renovation', 'street', { partyId: w.townCommitteeId });
    const id = await w.newProblem('old_compound_renovation', '上水管道跑冒滴漏');
    const arriveBy = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const payload = { partyIds: [w.waterUtilityId, w.policeId], arriveBy, note: '请带图纸到现场' };
    const early = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(w.officer),
      payload,
    });
    expect(early.statusCode).toBe(409);
    await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/escalate`,
      headers: as(w.grid),
      payload: { reason: '涉及供水管网，需街道协调' },
    });
    expect((await w.problemRow(id)).level).toBe('street');
    const notOfficer = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(w.secretary.session),
      payload,
    });
    expect(notOfficer.statusCode).toBe(403);
    const blown = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${id}/whistle`,
      headers: as(w.officer),
      payload,
    });
    expect(blown.statusCode).toBe(200);
    const [whistle] = blown.json().whistles;
    expect(whistle.arriveBy).toBe(arriveBy);
    expect(whistle.summons.map((s: { partyName: string }) => s.partyName).sort()).toEqual(
      ['中铁水务', '长城中路派出所'].sort(),
    );
    const water = whistle.summons.find((s: { partyId: string }) => s.partyId === w.waterUtilityId);
    expect(water).toMatchObject({ orderState: 'dispatched', reportedInAt: null });

    const mine = (await w.t.app.inject({ url: '/api/orders/mine', headers: as(w.waterMember) })).json();
    expect(mine.items.map((o: { problemId: string }) => o.problemId)).toContain(id);
    const waterUser = await w.t.database.db
      .selectFrom('party_members')
      .select('user_id')
      .where('party_id', '=', w.waterUtilityId)
      .executeTakeFirstOrThrow();
    expect(await w.notices(waterUser.user_id, id, 'whistle')).toHaveLength(1);

    const reported = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/summons/${water.id}/report-in`,
      headers: as(w.waterMember),
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toEqual({ onTime: true });
    const twice = await w.t.app.inject({
      method: 'POST',
      url: `/api/workbench/summons/${water.id}/report-in`,
      headers: as(w.waterMember),
    });
    expect(twice.statusCode).toBe(409);
    const view = (
      await w.t.app.inject({ url: `/api/workbench/problems/${id}/ladder`, headers: as(w.officer) })
    ).json();
    const after = view.whistles[0].summons.find((s: { partyId: string }) => s.partyId === w.waterUtilityId);
    expect(after).toMatchObject({ orderState: 'taken', onTime: true, canReportIn: false });
    expect(Date.parse(after.reportedInAt)).toBeLessThan(Date.parse(arriveBy));
    expect((await w.events(id, 'reported_in'))[0]?.text).toBe('中铁水务按时报到');
    expect((await w.events(id, 'whistled'))[0]?.text).toBe('请带图纸到现场');
  });
});
