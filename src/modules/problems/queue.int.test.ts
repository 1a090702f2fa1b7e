import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { insertMatter, insertProblem } from '../matters/matters.repo.ts';

// The workbench queue's order (从急从重: priority, then the nearest deadline, a missing one last), its
// other sorts, its pages and its counted voices — what a dispatcher sees at the top of the list.

let t: TestApp;
let secretary: Session;
let streetOfficer: Session;
let gridWorker: Session;
const otherCommunityProblem = uuidv7();
const ids: Record<'urgentDated' | 'urgentUndated' | 'middle' | 'low', string> = {
  urgentDated: uuidv7(),
  urgentUndated: uuidv7(),
  middle: uuidv7(),
  low: uuidv7(),
};

let town: Awaited<ReturnType<typeof makeTown>>;
/** A problem of the town's first building, open. */
const problemRow = (
  id: string,
  title: string,
  priority: number,
  deadline: string | null,
  created: string,
) => ({
  id,
  community_id: town.community.id,
  place_id: town.building1.id,
  place_path: town.building1.path,
  category: 'environment',
  title,
  state: 'open',
  level: 'compound',
  urgency: 1,
  severity: priority,
  priority,
  deadline_at: deadline,
  first_taken_at: null,
  resolved_at: null,
  closed_at: null,
  public_summary: null,
  published_at: null,
  created_at: created,
  updated_at: created,
});

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  streetOfficer = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'street_officer', place: town.street }] })
  ).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  const matter = (problemId: string) => ({
    id: uuidv7(),
    problem_id: problemId,
    kind: 'problem',
    title: null,
    text: '楼道灯不亮',
    category: 'environment',
    community_id: town.community.id,
    place_id: town.building1.id,
    place_path: town.building1.path,
    channel: 'visit',
    hotline_no: null,
    submitter_user_id: null,
    submitter_person_id: null,
    recorded_by: null,
    hide_name: 0,
    state: 'accepted',
    decline_reason: null,
    feedback_solved: null,
    rating: null,
    feedback_comment: null,
    feedback_at: null,
    closed_at: null,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  });
  await t.database.db.transaction().execute(async (trx) => {
    await insertProblem(trx, [
      problemRow(
        ids.urgentDated,
        '楼梯间堆放杂物',
        9,
        '2026-12-01T00:00:00.000Z',
        '2026-11-01T00:00:00.000Z',
      ),
      problemRow(ids.urgentUndated, '电动车楼道充电', 9, null, '2026-11-04T00:00:00.000Z'),
      problemRow(ids.middle, '路灯不亮', 4, '2026-11-20T00:00:00.000Z', '2026-11-02T00:00:00.000Z'),
      problemRow(ids.low, '缺少休闲座椅', 1, null, '2026-11-03T00:00:00.000Z'),
    ]);
    await insertProblem(trx, [
      {
        ...problemRow(otherCommunityProblem, '小区门口积水', 5, null, '2026-11-05T00:00:00.000Z'),
        community_id: town.otherCommunity.id,
        place_id: town.otherCommunity.id,
        place_path: town.otherCommunity.path,
      },
    ]);
    await insertMatter(trx, [matter(ids.middle), matter(ids.middle), matter(ids.low)]);
  });
});
afterAll(() => t.close());

async function queue(query: string, who = secretary) {
  const response = await t.app.inject({ url: `/api/workbench/problems?${query}`, headers: as(who) });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { id: string; voices: number; placeName: string }[];
    total: number;
  };
}
const order = (page: { items: { id: string }[] }) => page.items.map((p) => p.id);

describe('the workbench queue', () => {
  it('puts the most urgent first, the nearest deadline next, and a missing deadline after every real one', async () => {
    const page = await queue('');
    expect(order(page)).toEqual([ids.urgentDated, ids.urgentUndated, ids.middle, ids.low]);
    expect(page.total).toBe(4);
    const middle = page.items.find((p) => p.id === ids.middle)!;
    expect(middle).toMatchObject({ voices: 2, placeName: '锦秀河畔 1号楼' });
  });

  it('sorts by deadline (undated last, the urgent first among them) or by newest', async () => {
    expect(order(await queue('sort=deadline'))).toEqual([
      ids.middle,
      ids.urgentDated,
      ids.urgentUndated,
      ids.low,
    ]);
    expect(order(await queue('sort=created'))).toEqual([
      ids.urgentUndated,
      ids.low,
      ids.middle,
      ids.urgentDated,
    ]);
  });

  it('pages in the same order and counts every problem in scope', async () => {
    const second = await queue('pageSize=2&page=2');
    expect(order(second)).toEqual([ids.middle, ids.low]);
    expect(second.total).toBe(4);
  });

  it("lists every community of a street officer's street, and a grid worker's buildings only", async () => {
    const street = await queue('', streetOfficer);
    expect(order(street)).toEqual([
      ids.urgentDated,
      ids.urgentUndated,
      otherCommunityProblem,
      ids.middle,
      ids.low,
    ]);
    expect(street.total).toBe(5);
    // The first community's problems are filed at 1号楼, the first grid's building.
    const grid = await queue('sort=created', gridWorker);
    expect(order(grid)).toEqual([ids.urgentUndated, ids.low, ids.middle, ids.urgentDated]);
    expect(grid.total).toBe(4);
  });

  it('lists the unsolved problems only when asked for them, as the desk does by default', async () => {
    const solved = uuidv7();
    await t.database.db.transaction().execute((trx) =>
      insertProblem(trx, [
        {
          ...problemRow(solved, '垃圾桶已更换', 9, null, '2026-11-06T00:00:00.000Z'),
          state: 'resolved',
          resolved_at: '2026-11-07T00:00:00.000Z',
        },
      ]),
    );
    expect(order(await queue('state=unsolved'))).toEqual([
      ids.urgentDated,
      ids.urgentUndated,
      ids.middle,
      ids.low,
    ]);
    const everything = await queue('');
    expect(everything.total).toBe(5);
    expect(order(everything)).toContain(solved);
  });
});
