import type { Scenario } from '../harness/types.ts';

export default {
  name: 'openapi',
  description: 'GET /api/openapi.json: the whole API description, a large reply built once',
  limit: 'healthz',
  connections: 10,
  requests: () => ({ path: '/api/openapi.json' }),
} satisfies Scenario;
