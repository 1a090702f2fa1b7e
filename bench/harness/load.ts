import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './server.ts';
import type { HttpMethod, LoadRequest } from './types.ts';

// The load comes from a process of its own (bench/harness/load-worker.ts running autocannon), on
// loopback, so the harness's own work never slows the generator down.

export type WireRequest = {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type LoadPlan = {
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  idReplacement: boolean;
  /** Each connection sends only every n-th request (n = connections), starting at its own index. */
  partitioned?: boolean;
  /** Each connection sends its share once, then closes; the load ends when all are done. */
  burst?: boolean;
  requests: WireRequest[];
};

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
};

export function toWire(request: LoadRequest): WireRequest {
  const headers = { ...request.headers };
  let body: string | undefined;
  if (typeof request.body === 'string') body = request.body;
  else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  return {
    method: request.method ?? 'GET',
    path: request.path,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

/** What the load generator says on stderr when the warm-up is over and the counted requests begin. */
export const MEASURING = '@measuring';

export function runLoad(plan: LoadPlan, onMeasuring: () => void = () => {}): Promise<LoadResult> {
  const worker = path.join(ROOT, 'bench/harness/load-worker.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes(MEASURING)) {
      stderr = stderr.replace(`${MEASURING}\n`, '');
      onMeasuring();
    }
  });
  child.stdin.end(JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`the load generator failed (${code}): ${stderr.slice(-2_000)}`));
      try {
        resolve(JSON.parse(stdout) as LoadResult);
      } catch {
        reject(
          new Error(`the load generator answered no result: ${stdout.slice(0, 500)} ${stderr.slice(-500)}`),
        );
      }
    });
  });
}
