import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.ts';
import { seedDemoIfEmpty } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemoIfEmpty(t.database, t.app.log);
}, 120_000);
afterAll(() => t.close());

describe('the demo tells the meetings of the reference cases', () => {
  it('holds them, with 富平’s two quarterly joint meetings and the open items carried over', async () => {
    const meetings = await t.database.db
      .selectFrom('meetings')
      .select(['id', 'title', 'kind', 'state', 'previous_id'])
      .orderBy('starts_at')
      .execute();
    expect(meetings.map((m) => m.title)).toEqual([
      '秦汉人家协商议事会',
      '富平社区物业联席会议',
      '建校家属院供水管网改造协商会',
      '亲水阳光社区“有事共商量”协商议事会',
      '唐徕社区居民议事会',
      '富平社区物业联席会议',
      '香溪美地社区社会组织管理与孵化议事会',
      '星河悦城增压泵噪音问题连夜协商会',
    ]);
    expect(meetings.every((m) => m.state === 'concluded')).toBe(true);
    const [first, second] = meetings.filter((m) => m.kind === 'joint');
    expect(second?.previous_id).toBe(first?.id);
    const carried = await t.database.db
      .selectFrom('meeting_agenda_items')
      .select('topic')
      .where('meeting_id', '=', second!.id)
      .where('carried_from_id', 'is not', null)
      .execute();
    expect(carried.map((c) => c.topic)).toContain('秦汉人家停车位不足');
    const firstItems = await t.database.db
      .selectFrom('meeting_agenda_items')
      .select('id')
      .where('meeting_id', '=', first!.id)
      .execute();
    expect(firstItems.length).toBeGreaterThanOrEqual(10);
  });

  it('splits the east wall of 建校家属院: the college’s materials, 217社区 and 801创意园 in cash', async () => {
    const shares = await t.database.db
      .selectFrom('cost_shares')
      .innerJoin('cost_plans', 'cost_plans.id', 'cost_shares.plan_id')
      .select([
        'cost_shares.label',
        'cost_shares.amount_fen',
        'cost_shares.in_kind',
        'cost_shares.confirmed_at',
      ])
      .where('cost_plans.title', '=', '东侧围墙加固')
      .orderBy('cost_shares.position')
      .execute();
    expect(shares.map((s) => [s.label, Number(s.amount_fen), s.in_kind])).toEqual([
      ['建设职业技术学院', 1_800_000, '砖、水泥等建材'],
      ['217社区党委', 1_800_000, null],
      ['801创意园', 1_200_000, null],
    ]);
    expect(shares.every((s) => s.confirmed_at !== null)).toBe(true);
  });

  it('resolves 亲水阳光’s problems through the meeting’s action items', async () => {
    const problems = await t.database.db
      .selectFrom('problems')
      .select(['title', 'state'])
      .where('title', 'in', ['红宝锦秀河畔公共通道堆物消防隐患', '提升红宝锦秀河畔物业服务品质'])
      .orderBy('title')
      .execute();
    expect(problems.map((p) => p.state)).toEqual(['resolved', 'resolved']);
  });
});
