import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../../test/factories.ts';
import { buildWorkingCalendar } from '../../domain/deadlines/calendar.ts';
import { computeDeadline } from '../../domain/deadlines/deadline.ts';
import { defaultLevelRules } from '../../domain/ladder/ladder.ts';
import { shippedNotices } from './calendar.ts';
import { type LadderWorld, ladderWorld } from './ladder.testkit.ts';

let w: LadderWorld;
beforeAll(async () => {
  w = await ladderWorld();
});
afterAll(() => w.t.close());

const calendar = buildWorkingCalendar(shippedNotices);

describe('deadlines when a problem is accepted', () => {
  it('follow the level’s default in working days without a rule of the community', async () => {
    const id = await w.newProblem('pets', '楼道里有狗粪');
    const row = await w.problemRow(id);
    const expected = computeDeadline(new Date(row.created_at), defaultLevelRules.compound, calendar);
    expect(row.deadline_at).toBe(expected.dueAt.toISOString());
    expect(row.deadline_provisional).toBe(expected.provisional ? 1 : 0);
    expect(row.deadline_unit).toBe('working_days');
  });

  it('follow the community’s rule for the level and category, set through the workbench', async () => {
    const saved = await w.t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(w.secretary.session),
      payload: {
        communityId: w.town.community.id,
        level: 'compound',
        category: 'fire_safety',
        amount: 4,
        unit: 'hours',
        warnMinutes: 60,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().rules).toContainEqual(
      expect.objectContaining({ level: 'compound', category: 'fire_safety', amount: 4, unit: 'hours' }),
    );
    const id = await w.newProblem('fire_safety', '楼道堆放电动车');
    const row = await w.problemRow(id);
    expect(Date.parse(row.deadline_at!) - Date.parse(row.created_at)).toBe(4 * 3_600_000);
    expect(Date.parse(row.deadline_at!) - Date.parse(row.deadline_warn_at!)).toBe(60 * 60_000);
  });

  it('refuses a rule from someone who does not keep the community', async () => {
    const response = await w.t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(w.property),
      payload: {
        communityId: w.town.community.id,
        level: 'compound',
        category: null,
        amount: 1,
        unit: 'days',
        warnMinutes: 0,
      },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('a year without a holiday notice', () => {
  it('counts Monday to Friday and marks the deadline provisional, until an admin loads the notice', async () => {
    await w.t.app.inject({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      headers: as(w.secretary.session),
      payload: {
        communityId: w.town.community.id,
        level: 'compound',
        category: 'health',
        amount: 200,
        unit: 'working_days',
        warnMinutes: 0,
      },
    });
    const id = await w.newProblem('health', '社区卫生站排队久');
    const before = await w.problemRow(id);
    expect(before.deadline_provisional).toBe(1);
    const listed = (
      await w.t.app.inject({ url: '/api/workbench/holiday-notices', headers: as(w.secretary.session) })
    ).json();
    expect(listed.notices.map((n: { year: number }) => n.year)).toContain(2026);
    expect(listed.canLoad).toBe(false);

    // A made-up notice for the test, not the real one: a week off in early 2027 pushes the deadline back.
    const fictional = (year: number) => ({
      source: `测试用通知（虚构） ${year}`,
      year,
      holidays: [{ name: '测试假期', from: `${year}-03-01`, to: `${year}-03-05` }],
      working_weekend_days: [],
    });
    const refused = await w.t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(w.secretary.session),
      payload: fictional(2027),
    });
    expect(refused.statusCode).toBe(403);
    const wrong = await w.t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(w.admin),
      payload: { ...fictional(2027), working_weekend_days: ['2027-03-03'] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('working_weekend_days.0');

    const loaded = await w.t.app.inject({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      headers: as(w.admin),
      payload: fictional(2027),
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().recomputed).toBeGreaterThanOrEqual(1);
    const after = await w.problemRow(id);
    expect(after.deadline_provisional).toBe(0);
    // Five working days off in the fictional notice: the deadline is a week later.
    expect(Date.parse(after.deadline_at!) - Date.parse(before.deadline_at!)).toBe(7 * 86_400_000);
  });
});
