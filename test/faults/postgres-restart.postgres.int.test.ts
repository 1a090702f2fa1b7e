import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { type PrivatePostgres, privatePostgres, privatePostgresAvailable } from '../private-postgres.ts';
import { type ServerProcess, startServer } from '../server-process.ts';
import { send, signInOverHttp } from './http-client.ts';

// PostgreSQL crashes (immediate stop) and comes back while residents submit: the app server reports
// unready meanwhile, recovers by itself without a restart of its own, and loses nothing it answered.
// It makes a cluster of its own, in the PostgreSQL pass of the suite only (vitest.config.ts).
if (!privatePostgresAvailable() && process.env.REQUIRE_POSTGRES === '1')
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are needed for the restart suite');

describe.runIf(privatePostgresAvailable())('a PostgreSQL restart under load', () => {
  let cluster: PrivatePostgres;
  const readiness = async () => {
    if (server.process.exitCode !== null || server.process.signalCode !== null)
      throw new Error(`the app server died:\n${server.output()}`);
    return (await fetch(`${server.baseURL}/readyz`)).status;
  };
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await privatePostgres();
    server = await startServer({ DATABASE_URL: cluster.url, DEMO: 'auto', WRITES_PER_MINUTE: '1000000' });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    cluster?.destroy();
  });

  it('makes the server unready, then it recovers by itself and keeps every answered write', async () => {
    const resident = await signInOverHttp(server.baseURL, '17000000041');
    const sent: { key: string; text: string; answeredId?: string }[] = [];
    let stop = false;
    const load = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const item = { key: crypto.randomUUID(), text: `数据库重启期间：${crypto.randomUUID()}` };
        sent.push(item);
        const reply = await send(
          server.baseURL,
          resident,
          'POST',
          '/api/matters',
          {
            kind: 'problem',
            category: 'environment',
            text: item.text,
          },
          { 'idempotency-key': item.key },
        );
        if (reply && reply.status < 300) item.answeredId = String(reply.body.id);
        else await new Promise((r) => setTimeout(r, 50));
      }
    });

    await new Promise((r) => setTimeout(r, 1_000));
    cluster.stop('immediate');
    let sawUnready = false;
    for (let i = 0; i < 100 && !sawUnready; i++) {
      sawUnready = (await readiness()) === 503;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sawUnready).toBe(true);
    cluster.start();
    let readyAgain = false;
    for (let i = 0; i < 300 && !readyAgain; i++) {
      readyAgain = (await readiness()) === 200;
      if (!readyAgain) await new Promise((r) => setTimeout(r, 100));
    }
    expect(readyAgain).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    stop = true;
    await Promise.all(load);

    const answeredBefore = sent.filter((s) => s.answeredId).length;
    expect(answeredBefore).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(answeredBefore);
    for (const item of sent) {
      const reply = await send(
        server.baseURL,
        resident,
        'POST',
        '/api/matters',
        {
          kind: 'problem',
          category: 'environment',
          text: item.text,
        },
        { 'idempotency-key': item.key },
      );
      expect(reply?.status).toBeLessThan(300);
      if (item.answeredId) expect(reply?.body.id).toBe(item.answeredId);
    }

    const database = openDatabase(cluster.url, { poolSize: 1 });
    try {
      const rows = await database.db
        .selectFrom('matters')
        .select('text')
        .where('text', 'like', '数据库重启期间：%')
        .execute();
      expect(rows.length).toBe(sent.length);
      expect(new Set(rows.map((r) => r.text)).size).toBe(sent.length);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  }, 300_000);
});
