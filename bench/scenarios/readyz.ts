import type { Scenario } from '../harness/types.ts';

export default {
  name: 'readyz',
  description: 'GET /readyz: one trivial query, the cost of a round trip to the database',
  limit: 'healthz',
  connections: 20,
  requests: () => ({ path: '/readyz' }),
} satisfies Scenario;
