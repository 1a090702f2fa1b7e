import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { testConfig } from '../../src/server/config.ts';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, type Session, signedInUser } from '../factories.ts';
import { freePort } from '../server-process.ts';

// When the machine runs out of something — disk, the database, a patient client — the server says so
// clearly, reports unready, and neither corrupts the database nor loses a write it answered.
let t: TestApp;
let resident: Session;

beforeAll(async () => {
  t = await testApp({ REQUEST_TIMEOUT_SECONDS: 1 });
  const town = await makeTown(t.database);
  resident = (await signedInUser(t.app, t.database, { kind: 'resident', households: [town.household101] }))
    .session;
});
afterAll(() => t.close());

const submit = (text: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { ...as(resident), 'accept-language': 'zh-CN' },
    payload: { kind: 'problem', category: 'environment', text },
  });

// SQLite's max_page_count is a full disk on demand; PostgreSQL's disk is the machine's and is not filled here.
if (!process.env.TEST_DATABASE_URL?.startsWith('postgres')) {
  describe('a full database (SQLite max_page_count)', () => {
    it('answers 503 "storage full", reports unready, keeps every answered write, and recovers', async () => {
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(t.database.db);
      const page_count = Number(pages.rows[0]?.page_count);
      await sql.raw(`pragma max_page_count = ${page_count + 3}`).execute(t.database.db);
      const answered: string[] = [];
      let refused: Awaited<ReturnType<typeof submit>> | null = null;
      for (let i = 0; i < 500 && !refused; i++) {
        const reply = await submit(`${'楼道堆满杂物，'.repeat(120)}${i}`);
        if (reply.statusCode < 300) answered.push(reply.json().id);
        else refused = reply;
      }
      expect(refused?.statusCode).toBe(503);
      expect(refused?.json().code).toBe('storage_full');
      expect(refused?.json().title).toContain('存储空间已满');
      expect(refused?.headers['retry-after']).toBeDefined();
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().reason).toBe('storage full');

      const stored = await t.database.db
        .selectFrom('matters')
        .select('id')
        .where('id', 'in', answered)
        .execute();
      expect(stored).toHaveLength(answered.length);
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.database.db);
      expect(integrity.rows[0]?.integrity_check).toBe('ok');

      await sql`pragma max_page_count = 1073741823`.execute(t.database.db);
      expect((await submit('空间腾出来了')).statusCode).toBeLessThan(300);
      expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    });
  });
}

describe('an unreachable database', () => {
  it('answers 503 with Retry-After, never 500, and reports unready', async () => {
    const port = await freePort();
    const database = openDatabase(`postgres://postgres@127.0.0.1:${port}/gone`, { poolSize: 1 });
    const app = await buildApp({ config: testConfig(), database });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'accept-language': 'en' },
        payload: { phone: '13900000000', password: 'correct horse battery' },
      });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.json().code).toBe('unavailable');
      expect(signIn.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('a slow client', () => {
  it('is cut off after the request timeout while everyone else is served', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const socket = net.connect(Number(port), '127.0.0.1');
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      socket.on('close', () => resolve(Date.now() - started));
    });
    socket.on('error', () => {});
    // Headers promise a body that never comes (slowloris).
    socket.write(
      'POST /api/matters HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const meanwhile = await fetch(`${address}/healthz`);
    expect(meanwhile.status).toBe(200);
    expect(await closed).toBeLessThan(10_000);
    socket.destroy();
  });
});
