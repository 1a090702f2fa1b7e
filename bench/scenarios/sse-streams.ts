import fs from 'node:fs';
import http from 'node:http';
import type { BenchSession, Scenario } from '../harness/types.ts';

// Live updates hold one open Server-Sent Events stream per open page. This scenario opens many, from
// many signed-in staff (a user keeps at most 8 streams, as tabs), reads how much resident memory each
// costs the server, then measures the unread-count read (the badge's request) while they stay open.
// Streams: SSE_STREAMS, else 400 in a quick run and 5,000 in a full one.

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const open: http.ClientRequest[] = [];
let badge: BenchSession[] = [];

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

function openFileLimit(pid: number): string {
  try {
    return /^Max open files\s+(\S+)/m.exec(fs.readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

/** Opens one stream; resolves once the server has answered with its first bytes (the stream is held). */
function stream(baseUrl: string, session: BenchSession): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${baseUrl}/api/notifications/stream`, {
      agent,
      headers: { accept: 'text/event-stream', cookie: session.cookie },
    });
    request.on('response', (res) => {
      res.once('data', () => resolve(res.statusCode === 200));
      res.on('data', () => {});
    });
    request.on('error', () => resolve(false));
    open.push(request);
  });
}

const settle = () => new Promise((r) => setTimeout(r, 2000));

export default {
  name: 'sse-streams',
  description: 'GET /api/notifications/unread-count while the server holds many open live-update streams',
  limit: 'healthz',
  connections: 10,
  async setup(ctx) {
    const wanted = Number(process.env.SSE_STREAMS ?? (ctx.quick ? 400 : 5000));
    const users = await ctx.sessions('community_staff', Math.ceil(wanted / 8));
    badge = users.slice(0, 10);
    await settle();
    const before = rssKb(ctx.serverPid);
    let held = 0;
    // In batches, so the server is not asked to accept thousands of connections in one tick.
    for (let i = 0; i < wanted; i += 200) {
      const batch = Array.from(
        { length: Math.min(200, wanted - i) },
        (_, j) => users[Math.floor((i + j) / 8)]!,
      );
      held += (await Promise.all(batch.map((s) => stream(ctx.baseUrl, s)))).filter(Boolean).length;
    }
    await settle();
    const after = rssKb(ctx.serverPid);
    const perStreamKb = held > 0 ? Math.round(((after - before) / held) * 10) / 10 : 0;
    ctx.log(
      `  sse-streams: ${held} of ${wanted} streams held; server RSS ${Math.round(before / 1024)} → ` +
        `${Math.round(after / 1024)} MB, about ${perStreamKb} KB a stream; open-file limit ${openFileLimit(ctx.serverPid)}`,
    );
  },
  async teardown() {
    for (const request of open.splice(0)) request.destroy();
  },
  requests: (ctx) => badge.map((s) => ({ path: '/api/notifications/unread-count', headers: ctx.as(s) })),
} satisfies Scenario;
