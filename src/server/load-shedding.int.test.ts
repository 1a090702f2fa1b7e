import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../test/factories.ts';

// Overload forced by hand: the sessions table is held by another transaction, so every signed-in request
// waits on the database; with room for two in flight the third is refused at once, not left to time out.

let t: TestApp;
let staff: Session;
let base: string;

beforeAll(async () => {
  t = await testApp({ MAX_IN_FLIGHT: 2 });
  const town = await makeTown(t.database);
  staff = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'community_staff', place: town.community }] })
  ).session;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Holds the database until `release` is called: SQLite's one connection, or PostgreSQL's sessions table. */
function holdDatabase() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = () => {};
  const holding = new Promise<void>((resolve) => {
    held = resolve;
  });
  const done = t.database.db.transaction().execute(async (trx) => {
    if (t.database.dialect === 'postgres')
      await sql`lock table sessions in access exclusive mode`.execute(trx);
    held();
    await released;
  });
  return holding.then(() => ({
    release: () => {
      release();
      return done;
    },
  }));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('shedding load', () => {
  it('answers 503 with Retry-After beyond the requests in flight, and serves the waiting ones after', async () => {
    const hold = await holdDatabase();
    const queue = () => t.app.inject({ url: '/api/workbench/problems', headers: as(staff) });
    const first = queue();
    const second = queue();
    await settle();
    const shed = await queue();
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(shed.json().title).toBe('系统繁忙，请稍后再试');
    // Asking for a live stream's content type does not slip an ordinary request past the bound.
    const disguised = await t.app.inject({
      url: '/api/workbench/problems',
      headers: { ...as(staff), accept: 'text/event-stream' },
    });
    expect(disguised.statusCode).toBe(503);
    // The load balancer's probe still answers while the server is full.
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);

    await hold.release();
    expect((await first).statusCode).toBe(200);
    expect((await second).statusCode).toBe(200);
    expect((await queue()).statusCode).toBe(200);
  });

  it('gives a place back when its client hangs up before the answer', async () => {
    const hold = await holdDatabase();
    // Two phones send and give up while the database is busy: their places must come back.
    const gaveUp = Array.from({ length: 2 }, () => {
      const request = http.get(`${base}/api/workbench/problems`, { headers: as(staff) });
      request.on('error', () => {});
      return request;
    });
    await settle();
    for (const request of gaveUp) request.destroy();
    await settle();
    await hold.release();
    await settle();
    const next = await t.app.inject({ url: '/api/workbench/problems', headers: as(staff) });
    expect(next.statusCode).toBe(200);
  });
});

describe('live streams', () => {
  it('are not counted as requests in flight: open pages do not make the server refuse work', async () => {
    // Three open pages of one officer, more than the two requests in flight the server takes.
    const streams = Array.from({ length: 3 }, () =>
      http.get(`${base}/api/notifications/stream`, {
        headers: { accept: 'text/event-stream', cookie: staff.cookie },
      }),
    );
    const statuses = await Promise.all(
      streams.map(
        (s) => new Promise<number | undefined>((resolve) => s.on('response', (r) => resolve(r.statusCode))),
      ),
    );
    expect(statuses).toEqual([200, 200, 200]);
    const queue = await t.app.inject({ url: '/api/workbench/problems', headers: as(staff) });
    expect(queue.statusCode).toBe(200);
    for (const s of streams) s.destroy();
  });
});
