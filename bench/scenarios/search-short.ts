import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import { communityTexts, recallOf, summarise } from '../harness/search-recall.ts';
import type { Scenario } from '../harness/types.ts';

// One- and two-character words (水, 电梯, 漏水): a trigram index cannot serve them; ours files every
// character and character pair. Community staff of the city's first community (it keeps its size as the
// city grows): first page of 20 with the exact total. After the load every query is paged to its end
// and compared with a LIKE-style scan of the community's texts.
const queries = ['水', '电梯', '漏水', '灯', '物业', '噪音', '3号'];

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
    return sessions.map((s, i) => ({
      path: `/api/workbench/search?q=${encodeURIComponent(queries[i % queries.length]!)}`,
      headers: ctx.as(s),
    }));
  },
  verify: async (ctx) => {
    const [staff] = await ctx.sessions('community_staff', 1);
    const texts = await communityTexts(ctx, ctx.dataset.sample.community.id);
    const results = [];
    for (const q of queries) results.push(await recallOf(ctx, '/api/workbench/search', q, texts, staff));
    return summarise(results);
  },
} satisfies Scenario;
