import { text } from 'node:stream/consumers';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './load.ts';

// Runs in its own process (started by load.ts): reads a LoadPlan on stdin, fires it with autocannon,
// writes a LoadResult on stdout.

const plan = JSON.parse(await text(process.stdin)) as LoadPlan;

// Each connection starts its cycle at a different request, so N sessions are in use from the first second.
let connection = 0;
const rotated = (client: autocannon.Client) => {
  if (plan.partitioned || plan.burst) {
    const own = connection++ % plan.connections;
    const share = plan.requests.filter((_, i) => i % plan.connections === own);
    client.setRequests(share);
    // autocannon closes a connection once it has made responseMax requests (its own field, untyped).
    if (plan.burst) (client as autocannon.Client & { responseMax: number }).responseMax = share.length;
    return;
  }
  const start = connection++ % plan.requests.length;
  if (start > 0) client.setRequests([...plan.requests.slice(start), ...plan.requests.slice(0, start)]);
};

const options: autocannon.Options & { warmup?: { duration: number } } = {
  url: plan.url,
  connections: plan.connections,
  duration: plan.durationSeconds,
  requests: plan.requests,
  idReplacement: plan.idReplacement,
  setupClient: rotated,
  timeout: 10,
  // JIT, connection pools and caches warm up first, and are not counted.
  ...(plan.warmupSeconds > 0 ? { warmup: { duration: plan.warmupSeconds } } : {}),
};
const result = await autocannon(options);

const statusCodes: Record<string, number> = {};
const stats =
  (result as { statusCodeStats?: Record<string, { count: number | string }> }).statusCodeStats ?? {};
for (const [code, { count }] of Object.entries(stats)) statusCodes[code] = Number(count);

const output: LoadResult = {
  requests: result.requests.total,
  seconds: result.duration,
  rps: result.requests.total / result.duration,
  p50Ms: result.latency.p50,
  p90Ms: result.latency.p90,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCodes,
};
process.stdout.write(JSON.stringify(output));
