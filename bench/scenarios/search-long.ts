import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import { communityTexts, publishedTexts, recallOf, summarise } from '../harness/search-recall.ts';
import type { Scenario } from '../harness/types.ts';

// Three characters and more (三号楼, 消防通道, 楼道灯, lift is broken): narrowed by all their character
// pairs in the index and confirmed on the normalised text. Community staff, and the echo wall's public
// search over the whole city's published summaries. After the load every query is paged to its end
// and compared with a LIKE-style scan of the texts its reader may see.
const staffQueries = ['三号楼', '消防通道', '电动车', '广场舞', '楼道灯', 'lift is broken'];
const publicQueries = ['三号楼', '消防通道', '维修人员', '电梯不'];

export default {
  name: 'search-long',
  description:
    'GET /api/workbench/search and /api/public/search, 3+ character queries, first page + exact total',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 10, rps: 2_000 },
  setup: ensureProblemListData,
  requests: async (ctx) => {
    const sessions = await ctx.sessions('community_staff', 12);
    return [
      ...sessions.map((s, i) => ({
        path: `/api/workbench/search?q=${encodeURIComponent(staffQueries[i % staffQueries.length]!)}`,
        headers: ctx.as(s),
      })),
      ...publicQueries.map((q) => ({ path: `/api/public/search?q=${encodeURIComponent(q)}` })),
    ];
  },
  verify: async (ctx) => {
    const [staff] = await ctx.sessions('community_staff', 1);
    const mine = await communityTexts(ctx, ctx.dataset.sample.community.id);
    const published = await publishedTexts(ctx);
    const results = [];
    for (const q of staffQueries) results.push(await recallOf(ctx, '/api/workbench/search', q, mine, staff));
    for (const q of publicQueries) results.push(await recallOf(ctx, '/api/public/search', q, published));
    return summarise(results);
  },
} satisfies Scenario;
