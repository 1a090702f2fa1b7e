import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import type { Scenario } from '../harness/types.ts';

// Three characters and more (水压太低, 三号楼, 楼道灯不亮, lift broken): walked along the rarest
// character pair and confirmed on the normalised text. Staff search and the echo wall's public search.
export default {
  name: 'search-long',
  description:
    'GET /api/workbench/search and /api/public/search, 3+ character queries, first page + exact total',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 10, rps: 2_000 },
  setup: ensureProblemListData,
  requests: async (ctx) => {
    const sessions = await ctx.sessions('community_staff', 10);
    const queries = ['水压太低', '三号楼', '楼道灯不亮', '电梯又停运', '消防通道', 'lift is broken'];
    return [
      ...sessions.map((s, i) => ({
        path: `/api/workbench/search?q=${encodeURIComponent(queries[i % queries.length]!)}`,
        headers: ctx.as(s),
      })),
      ...queries.map((q) => ({ path: `/api/public/search?q=${encodeURIComponent(q)}` })),
    ];
  },
} satisfies Scenario;
