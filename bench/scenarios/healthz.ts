import type { Scenario } from '../harness/types.ts';

// The first limit: what this server answers per second when the answer costs nothing.
export default {
  name: 'healthz',
  description: 'GET /healthz: the bare server, no database; every other figure is read against it',
  limit: 'healthz',
  connections: 20,
  requests: () => ({ path: '/healthz' }),
} satisfies Scenario;
