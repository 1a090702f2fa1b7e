import http from 'node:http';
import type { LoadPlan, LoadResult, WireRequest } from './load.ts';

// A burst sends each request once: every connection its own share, one after another on one kept-alive
// socket, and the burst ends when the last answer is in. autocannon cycles its requests and cannot say
// which it sent and which were answered; here every request is counted, with its own latency.

const TIMEOUT_MS = 10_000;

type Sent = { ms: number; status: number | null; timedOut: boolean };

function send(agent: http.Agent, url: URL, request: WireRequest): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number | null, timedOut = false) =>
      resolve({ ms: performance.now() - started, status, timedOut });
    const req = http.request(
      url,
      { agent, method: request.method, path: request.path, headers: request.headers, timeout: TIMEOUT_MS },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? null));
        res.once('error', () => done(null));
      },
    );
    req.once('timeout', () => {
      req.destroy();
      done(null, true);
    });
    req.once('error', () => done(null));
    req.end(request.body);
  });
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

export async function burst(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.url);
  const started = performance.now();
  const results: Sent[] = [];
  await Promise.all(
    Array.from({ length: plan.connections }, async (_, own) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = own; i < plan.requests.length; i += plan.connections)
        results.push(await send(agent, url, plan.requests[i]!));
      agent.destroy();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const r of results) if (r.status !== null) statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1;
  return {
    requests: results.length,
    seconds,
    rps: results.length / seconds,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    errors: results.filter((r) => r.status === null).length,
    timeouts: results.filter((r) => r.timedOut).length,
    non2xx: results.filter((r) => r.status !== null && (r.status < 200 || r.status >= 300)).length,
    statusCodes,
  };
}
