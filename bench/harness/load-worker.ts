import { text } from 'node:stream/consumers';
import autocannon from 'autocannon';
import { burst } from './burst.ts';
import { type LoadPlan, type LoadResult, MEASURING } from './load.ts';

// Runs in its own process (started by load.ts): reads a LoadPlan on stdin, fires it with autocannon (a
// burst with our own client, burst.ts), writes a LoadResult on stdout.

const plan = JSON.parse(await text(process.stdin)) as LoadPlan;

async function cannonade(): Promise<LoadResult> {
  // Each connection starts its cycle at a different request, so N sessions are in use from the first second.
  let connection = 0;
  const rotated = (client: autocannon.Client) => {
    if (plan.partitioned) {
      const own = connection++ % plan.connections;
      client.setRequests(plan.requests.filter((_, i) => i % plan.connections === own));
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
  // Without a callback autocannon answers its instance, which is also the promise of its result.
  const running = autocannon(options) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  // The measured part begins after the warm-up: the harness reads the server's CPU from here.
  running.on('start', () => process.stderr.write(`${MEASURING}\n`));
  const result = await running;

  const statusCodes: Record<string, number> = {};
  const stats =
    (result as { statusCodeStats?: Record<string, { count: number | string }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) statusCodes[code] = Number(count);

  return {
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
}

if (plan.burst) process.stderr.write(`${MEASURING}\n`);
process.stdout.write(JSON.stringify(plan.burst ? await burst(plan) : await cannonade()));
