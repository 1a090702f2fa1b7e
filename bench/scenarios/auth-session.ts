import type { Scenario } from '../harness/types.ts';

// Every signed-in request pays for the session lookup (session, grants, households, parties) before
// its own work; this is that cost alone, over 20 staff sessions of one community.
export default {
  name: 'auth-session',
  description:
    'GET /api/auth/session with 20 signed-in community staff: the session lookup every request pays',
  limit: 'healthz',
  connections: 20,
  requests: async (ctx) =>
    (await ctx.sessions('community_staff', 20)).map((s) => ({
      path: '/api/auth/session',
      headers: ctx.as(s),
    })),
} satisfies Scenario;
