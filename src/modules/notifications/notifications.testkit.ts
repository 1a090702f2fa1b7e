import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

/** A town with a resident, the grid worker of their building, a community secretary and property staff. */
export async function loopWorld(t: TestApp) {
  const town = await makeTown(t.database);
  const propertyPartyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: propertyPartyId,
      kind: 'property_company',
      name: '红宝物业',
      place_id: town.community.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  const user = (spec: Parameters<typeof signedInUser>[2]) => signedInUser(t.app, t.database, spec);
  const resident = await user({ name: '王文贵', households: [town.household101] });
  const gridWorker = await user({ grants: [{ role: 'grid_worker', gridId: town.grid1.id }] });
  const otherGridWorker = await user({ grants: [{ role: 'grid_worker', gridId: town.grid2.id }] });
  const secretary = await user({ grants: [{ role: 'community_secretary', place: town.community }] });
  const property = await user({
    grants: [{ role: 'property_staff', place: town.compound, partyId: propertyPartyId }],
  });
  const inject = t.app.inject.bind(t.app);

  /** Resident submits, the grid worker accepts and dispatches to the property company: the problem and order. */
  async function dispatchedProblem(title = `路灯不亮 ${uuidv7().slice(-6)}`) {
    const matter = (
      await inject({
        method: 'POST',
        url: '/api/matters',
        headers: as(resident.session),
        payload: { kind: 'problem', category: 'environment', title, text: `${title}，晚上看不见路。` },
      })
    ).json();
    const { problemId } = (
      await inject({
        method: 'POST',
        url: `/api/matters/${matter.id}/accept`,
        headers: as(gridWorker.session),
        payload: { title, urgency: 2, severity: 2 },
      })
    ).json();
    const dispatched = await inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(gridWorker.session),
      payload: { lead: { partyId: propertyPartyId } },
    });
    if (dispatched.statusCode !== 200) throw new Error(`dispatch: ${dispatched.body}`);
    const order = await t.database.db
      .selectFrom('orders')
      .select('id')
      .where('problem_id', '=', problemId)
      .executeTakeFirstOrThrow();
    return { matterId: matter.id as string, problemId: problemId as string, orderId: order.id, title };
  }

  async function inbox(session: Session, query = '') {
    return (await inject({ url: `/api/notifications${query}`, headers: as(session) })).json() as {
      items: { seq: number; kind: string; title: string; body: string | null; problemId: string | null }[];
      total: number;
      unread: number;
    };
  }

  return {
    town,
    propertyPartyId,
    resident,
    gridWorker,
    otherGridWorker,
    secretary,
    property,
    dispatchedProblem,
    inbox,
  };
}

export type Received = { url: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver on loopback standing in for a group robot: it records each request and answers what
 * `answer` decides (by default the robot's "ok").
 */
export async function receiver(answer: (r: Received) => { status: number; body: string }) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const out = answer(r);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// What each robot's server checks, written from their documentation, independently of our signing code.

/** DingTalk: sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))), ms, within an hour. */
export function dingtalkAccepts(r: Received, secret: string): boolean {
  const url = new URL(r.url, 'http://x');
  const timestamp = url.searchParams.get('timestamp') ?? '';
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const fresh = Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
  return fresh && url.searchParams.get('sign') === expected && /[?&]sign=[^&]*%/.test(r.url);
}

/** Feishu: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), s, in the body. */
export function feishuAccepts(r: Received, secret: string): boolean {
  const body = JSON.parse(r.body) as { timestamp: string; sign: string };
  const expected = createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
  return body.sign === expected && Math.abs(Date.now() / 1000 - Number(body.timestamp)) < 3600;
}

/** Our webhook: x-shangliang-signature = sha256=hex(HmacSHA256(secret, timestamp + "." + raw body)). */
export function webhookAccepts(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['x-shangliang-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  return r.headers['x-shangliang-signature'] === expected;
}
