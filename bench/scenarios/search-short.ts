import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import type { Scenario } from '../harness/types.ts';

// One- and two-character words (水, 水压, 电梯): a trigram index cannot serve them; our own index of
// characters and character pairs looks each up as one term. First page of 20 with the exact total.
export default {
  name: 'search-short',
  description:
    'GET /api/workbench/search, 1–2 character queries, 20 community staff, first page + exact total',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 50, rps: 2_000 },
  setup: ensureProblemListData,
  requests: async (ctx) => {
    const sessions = await ctx.sessions('community_staff', 20);
    const queries = ['水', '水压', '电梯', '灯', '漏水', '3号楼', 'li'];
    return sessions.map((s, i) => ({
      path: `/api/workbench/search?q=${encodeURIComponent(queries[i % queries.length]!)}`,
      headers: ctx.as(s),
    }));
  },
} satisfies Scenario;
