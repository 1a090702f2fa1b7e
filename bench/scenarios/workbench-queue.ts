import type { Scenario } from '../harness/types.ts';

// The workbench queue of a community office (从急从重: priority, then deadline), as staff page and filter
// it. Communities keep their size as the city grows, so at 1M matters this should cost at most twice
// what it costs at 10k: the queue reads one community's slice of the indexes, never the whole table.
const queries = [
  '',
  '?state=dispatched',
  '?state=in_progress',
  '?sort=deadline',
  '?category=property_service',
  '?page=2',
  '?state=open',
  '?level=community',
];

export default {
  name: 'workbench-queue',
  description: 'GET /api/workbench/problems (filters, sorts, pages) by 10 community staff of one community',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 30 },
  requests: async (ctx) => {
    const sessions = await ctx.sessions('community_staff', 10);
    return queries.flatMap((q, i) =>
      sessions
        .slice(i % 2, (i % 2) + 5)
        .map((s) => ({ path: `/api/workbench/problems${q}`, headers: ctx.as(s) })),
    );
  },
} satisfies Scenario;
