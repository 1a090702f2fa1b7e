import { publishedProblems } from '../harness/echo-data.ts';
import type { Scenario } from '../harness/types.ts';

// A community's echo wall 回音壁 as residents open it from a WeChat group: no sign-in, the first page and
// the pages after it by keyset, over 2,000 published problems of the community.
export default {
  name: 'echo-wall',
  description: 'GET /api/public/echo-wall of a community, first and later keyset pages, no sign-in',
  limit: 'healthz',
  connections: 100,
  targets: { rps: 8_000, p99Ms: 40 },
  setup: (ctx) => publishedProblems(ctx.database, ctx.dataset.sample.community, 2_000),
  requests: async (ctx) => {
    const first = `/api/public/echo-wall?placeId=${ctx.dataset.sample.community.id}&limit=20`;
    const paths = [first];
    let next: string | null = null;
    for (let page = 0; page < 4; page++) {
      const response = await fetch(`${ctx.baseUrl}${paths.at(-1)}`);
      next = ((await response.json()) as { next: string | null }).next;
      if (!next) break;
      paths.push(`${first}&after=${next}`);
    }
    return paths.map((path) => ({ path }));
  },
} satisfies Scenario;
