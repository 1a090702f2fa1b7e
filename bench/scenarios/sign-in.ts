import type { Scenario } from '../harness/types.ts';

// Bound by argon2id on purpose (19 MiB, 2 passes: OWASP's minimum), so it is read against the machine's
// argon2id rate, not /healthz. Each sign-in also commits a session and an audit entry.
export default {
  name: 'sign-in',
  description: 'POST /api/auth/sign-in by 20 residents in turn: argon2id, a new session and an audit entry',
  limit: 'argon2',
  connections: 4,
  requests: async (ctx) =>
    (await ctx.accounts('resident', 20)).map((a) => ({
      method: 'POST' as const,
      path: '/api/auth/sign-in',
      body: { phone: a.phone, password: a.password },
    })),
} satisfies Scenario;
