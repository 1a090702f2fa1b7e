import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import type { Scenario } from '../harness/types.ts';

// Merge-group suggestions over a compound with 2,000 open matters in the inbox (plus its open
// problems): the whole problem-list clustering per request. Target: under 2 s.
export default {
  name: 'merge-suggestions',
  description: 'GET /api/workbench/problem-list/suggestions for a compound of 2,000 open matters',
  limit: 'healthz',
  connections: 1,
  targets: { p99Ms: 2_000 },
  setup: ensureProblemListData,
  requests: async (ctx) => {
    const [s] = await ctx.sessions('community_secretary', 1);
    return {
      path: `/api/workbench/problem-list/suggestions?placeId=${ctx.dataset.sample.compound.id}`,
      headers: ctx.as(s!),
    };
  },
} satisfies Scenario;
