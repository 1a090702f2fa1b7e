import { publishedProblems } from '../harness/echo-data.ts';
import type { Scenario } from '../harness/types.ts';

// The figures a street office's dashboard and the echo wall read: city-wide and a street's by category,
// from the roll-ups (never a count over the matters).
export default {
  name: 'echo-figures',
  description: 'GET /api/public/figures: the city, and a street by category; counts and the three rates',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 100 },
  setup: (ctx) => publishedProblems(ctx.database, ctx.dataset.sample.community, 2_000),
  requests: (ctx) => [
    { path: `/api/public/figures?placeId=${ctx.dataset.sample.city.id}` },
    { path: `/api/public/figures?placeId=${ctx.dataset.sample.street.id}&by=category` },
    { path: '/api/public/figures?by=period&period=month' },
  ],
} satisfies Scenario;
