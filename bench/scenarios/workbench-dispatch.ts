import type { LoadRequest, Scenario } from '../harness/types.ts';

// A community office at work, 80/20 read/write: four reads of the queue for each 派单 — an assisting
// party (协办) dispatched onto a problem already under way, which commits the orders, the timeline
// event, the audit entries and the notifications, then answers the problem's page.
let problemIds: string[] = [];
let partyId = '';

export default {
  name: 'workbench-dispatch',
  description:
    'Workbench queue and dispatch, 80/20: GET /api/workbench/problems ×4, POST /api/workbench/problems/:id/dispatch ×1, by 10 community staff',
  limit: 'healthz',
  connections: 20,
  // Queue p99 under 30 ms and dispatch p99 under 50 ms on the reference machine: one p99 covers both here.
  targets: { rps: 2_500, p99Ms: 50 },
  setup: async (ctx) => {
    const { db } = ctx.database;
    const community = ctx.dataset.sample.community.id;
    const problems = await db
      .selectFrom('problems')
      .select('id')
      .where('community_id', '=', community)
      .where('state', 'in', ['dispatched', 'in_progress'])
      .orderBy('id')
      .limit(40)
      .execute();
    problemIds = problems.map((p) => p.id);
    const party = await db
      .selectFrom('parties')
      .select('id')
      .where('place_id', '=', community)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    partyId = party.id;
    if (problemIds.length === 0) throw new Error('the dataset has no problem under way to dispatch to');
  },
  requests: async (ctx) => {
    const sessions = await ctx.sessions('community_staff', 10);
    const cycle: LoadRequest[] = [];
    for (const [i, problemId] of problemIds.entries()) {
      const s = sessions[i % sessions.length]!;
      const queue = ['', '?state=in_progress', '?sort=deadline', '?page=2'];
      for (const q of queue) cycle.push({ path: `/api/workbench/problems${q}`, headers: ctx.as(s) });
      cycle.push({
        method: 'POST',
        path: `/api/workbench/problems/${problemId}/dispatch`,
        headers: ctx.as(s),
        body: { assisting: [{ partyId }], note: '请协助处理' },
      });
    }
    return cycle;
  },
} satisfies Scenario;
