import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, type Session } from '../../../test/factories.ts';
import type { LogSmsProvider } from '../auth/sms.ts';
import { deliverDue } from './deliver.ts';
import { sendDigests } from './digest.ts';
import { loopWorld } from './notifications.testkit.ts';
import { remindNearDeadlines } from './reminders.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof loopWorld>>;
let base: string;

beforeAll(async () => {
  // Digest hour 0: the digest is due whenever the suite runs.
  t = await testApp({ NOTIFY_POLL_SECONDS: 0, DIGEST_HOUR: 0 });
  w = await loopWorld(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const post = (url: string, session: Session, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: as(session), ...(payload === undefined ? {} : { payload }) });

describe('the core loop tells the people it concerns', () => {
  it('a dispatch reaches the property company; taking and reporting reach the grid worker, not the other grid', async () => {
    const { problemId, orderId, title } = await w.dispatchedProblem();
    const property = await w.inbox(w.property.session);
    expect(property.items[0]).toMatchObject({
      kind: 'dispatched',
      problemId,
      title: `新派单（主办）：${title}`,
    });
    expect(property.unread).toBeGreaterThan(0);

    expect((await post(`/api/orders/${orderId}/take`, w.property.session)).statusCode).toBe(204);
    expect(
      (await post(`/api/orders/${orderId}/report`, w.property.session, { text: '已更换灯具' })).statusCode,
    ).toBe(204);
    const grid = await w.inbox(w.gridWorker.session);
    const kinds = grid.items.filter((n) => n.problemId === problemId).map((n) => n.kind);
    expect(kinds).toEqual(['reported', 'taken']);
    expect(grid.items[0]?.title).toBe(`红宝物业已反馈办理结果：${title}`);
    const secretary = await w.inbox(w.secretary.session);
    expect(secretary.items.some((n) => n.problemId === problemId && n.kind === 'taken')).toBe(true);
    const other = await w.inbox(w.otherGridWorker.session);
    expect(other.items.some((n) => n.problemId === problemId)).toBe(false);
    // The one who acted is not told of their own step.
    expect((await w.inbox(w.property.session)).items.some((n) => n.kind === 'taken')).toBe(false);
  });

  it('the submitter hears the result once, with the public reply, and any later public reply', async () => {
    const { problemId, orderId } = await w.dispatchedProblem();
    await post(`/api/orders/${orderId}/take`, w.property.session);
    await post(`/api/orders/${orderId}/report`, w.property.session, {
      text: '已更换灯具',
      publicReply: '路灯已修好，感谢您的反映。',
    });
    let mine = (await w.inbox(w.resident.session)).items.filter((n) => n.problemId === problemId);
    expect(mine.map((n) => [n.kind, n.body])).toEqual([['result_to_confirm', '路灯已修好，感谢您的反映。']]);

    await post(`/api/workbench/problems/${problemId}/timeline`, w.gridWorker.session, {
      text: '另外，单元门口也加装了一盏灯。',
      visibility: 'public',
    });
    await post(`/api/workbench/problems/${problemId}/timeline`, w.gridWorker.session, {
      text: '内部：灯具保修三年',
      visibility: 'staff',
    });
    mine = (await w.inbox(w.resident.session)).items.filter((n) => n.problemId === problemId);
    expect(mine.map((n) => n.kind)).toEqual(['reply', 'result_to_confirm']);
    expect(mine[0]?.body).toBe('另外，单元门口也加装了一盏灯。');
  });
});

describe('notices follow their problem', () => {
  it('when two dispatched problems are merged, the handler’s notices point at the one that remains, and the submitter is told', async () => {
    const a = await w.dispatchedProblem('垃圾桶满溢');
    const b = await w.dispatchedProblem('垃圾桶满了没人清');
    const merged = await post(`/api/workbench/problems/${a.problemId}/merge`, w.gridWorker.session, {
      sourceIds: [b.problemId],
    });
    expect(merged.statusCode).toBe(200);
    const mine = (await w.inbox(w.property.session, '?pageSize=100')).items;
    expect(mine.filter((n) => n.problemId === b.problemId)).toEqual([]);
    expect(mine.filter((n) => n.problemId === a.problemId)).toHaveLength(2);
    const told = (await w.inbox(w.resident.session, '?pageSize=100')).items.filter(
      (n) => n.kind === 'matter.merged',
    );
    expect(told.map((n) => [n.problemId, n.title])).toEqual([
      [a.problemId, '您反映的事项已并入问题「垃圾桶满溢」'],
    ]);
  });
});

describe('the inbox', () => {
  it('pages, filters by kind and unread, and marks one or all read', async () => {
    await w.dispatchedProblem();
    await w.dispatchedProblem();
    const all = await w.inbox(w.property.session, '?pageSize=1');
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const seq = all.items[0]!.seq;
    expect((await post(`/api/notifications/${seq}/read`, w.property.session)).statusCode).toBe(204);
    const unread = await w.inbox(w.property.session, '?unread=true&kind=dispatched&pageSize=100');
    expect(unread.items.map((n) => n.seq)).not.toContain(seq);
    expect(unread.unread).toBe(all.unread - 1);

    // Someone else's notice cannot be marked by me: nothing changes for its owner.
    await post(`/api/notifications/${seq}/read`, w.gridWorker.session);
    const count = await t.app.inject({
      url: '/api/notifications/unread-count',
      headers: as(w.property.session),
    });
    expect(count.json()).toEqual({ unread: all.unread - 1 });

    const marked = await post('/api/notifications/read-all', w.property.session);
    expect(marked.json().marked).toBe(all.unread - 1);
    expect((await w.inbox(w.property.session)).unread).toBe(0);
  });

  it('keeps out what a user turned off, and SMS reaches a resident only when they opted in', async () => {
    const put = (session: Session, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: as(session), payload });
    const prefs = (
      await t.app.inject({ url: '/api/notifications/preferences', headers: as(w.property.session) })
    ).json();
    expect(prefs.items.find((i: { kind: string }) => i.kind === 'dispatched')).toEqual({
      kind: 'dispatched',
      inbox: true,
      sms: true,
    });
    await put(w.property.session, { items: [{ kind: 'dispatched', inbox: false, sms: false }] });
    const before = (await w.inbox(w.property.session)).total;
    await w.dispatchedProblem();
    expect((await w.inbox(w.property.session)).total).toBe(before);
    await put(w.property.session, { items: [{ kind: 'dispatched', inbox: true, sms: false }] });

    const sms = t.app.deps.sms as LogSmsProvider;
    const first = await w.dispatchedProblem();
    await post(`/api/orders/${first.orderId}/take`, w.property.session);
    await post(`/api/orders/${first.orderId}/report`, w.property.session, {
      text: '已修',
      publicReply: '已修好',
    });
    const queued = () =>
      t.database.db
        .selectFrom('notification_deliveries')
        .select('id')
        .where('transport', '=', 'sms')
        .where('user_id', '=', w.resident.userId)
        .execute();
    expect(await queued()).toEqual([]);

    const opted = await put(w.resident.session, { items: [], smsOptIn: true });
    expect(opted.json().smsOptIn).toBe(true);
    const second = await w.dispatchedProblem('楼道堆物');
    await post(`/api/orders/${second.orderId}/take`, w.property.session);
    await post(`/api/orders/${second.orderId}/report`, w.property.session, {
      text: '已清理',
      publicReply: '已清理完毕',
    });
    expect(await queued()).toHaveLength(1);
    // Sent after commit by the server's deliverer, or by this call if it comes first.
    await deliverDue(t.app.deps);
    const deadline = Date.now() + 5000;
    while (!sms.lastTo(w.resident.phone) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const text = sms.lastTo(w.resident.phone) ?? '';
    expect(text).toMatch(/^【商量】您反映的“楼道堆物”已办结，请确认：已清理完毕$/);
    expect(Array.from(text).length).toBeLessThanOrEqual(70);
  });

  it('sends a staff member who chose it one daily digest of new and overdue problems in their scope', async () => {
    const { problemId } = await w.dispatchedProblem('井盖松动');
    await t.database.db
      .updateTable('problems')
      .set({ deadline_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where('id', '=', problemId)
      .execute();
    await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: as(w.secretary.session),
      payload: { items: [], digest: true },
    });
    expect(await sendDigests(t.app.deps)).toBe(1);
    expect(await sendDigests(t.app.deps)).toBe(0);
    const digest = (await w.inbox(w.secretary.session, '?kind=digest')).items[0];
    expect(digest?.title).toMatch(/每日摘要：新问题 \d+ 个，已超期 1 个/);
    expect(digest?.body).toContain('· 井盖松动');
  });
});

describe('deadline near', () => {
  it('reminds the handler and the dispatchers once a day before, and spares those who chose the digest', async () => {
    const { problemId, title } = await w.dispatchedProblem('单元门禁失灵');
    const deadline = new Date(Date.now() + 3 * 3_600_000).toISOString();
    await t.database.db
      .updateTable('problems')
      .set({ deadline_at: deadline })
      .where('id', '=', problemId)
      .execute();
    expect(await remindNearDeadlines(t.app.deps)).toBeGreaterThanOrEqual(1);
    expect(await remindNearDeadlines(t.app.deps)).toBe(0);
    const reminded = async (session: Session) =>
      (await w.inbox(session, '?kind=deadline_near')).items.filter((n) => n.problemId === problemId);
    expect((await reminded(w.property.session)).map((n) => n.title)).toEqual([`临近期限：${title}`]);
    expect(await reminded(w.gridWorker.session)).toHaveLength(1);
    // The secretary chose the daily digest above: the near deadline waits for it.
    expect(await reminded(w.secretary.session)).toEqual([]);
  });
});

/** Reads a live stream until `until` holds for the events seen, or the time runs out. */
function stream(session: Session, lastEventId?: number) {
  const events: { id: number; data: { kind: string; problemId: string | null } }[] = [];
  let buffer = '';
  const request = http.get(`${base}/api/notifications/stream`, {
    headers: {
      accept: 'text/event-stream',
      cookie: session.cookie,
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
  });
  const opened = new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
  void opened.then((res) =>
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id: Number(id), data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }),
  );
  return {
    events,
    opened,
    close: () => request.destroy(),
    async until(check: () => boolean) {
      const deadline = Date.now() + 5000;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return check();
    },
  };
}

describe('live updates (Server-Sent Events)', () => {
  it('pushes a dispatch to the open page of the handler at once', async () => {
    const live = stream(w.property.session);
    const res = await live.opened;
    expect(res.headers['content-type']).toContain('text/event-stream');
    const { problemId } = await w.dispatchedProblem();
    expect(await live.until(() => live.events.some((e) => e.data.problemId === problemId))).toBe(true);
    expect(live.events.at(-1)?.data.kind).toBe('dispatched');
    live.close();
  });

  it('sends a reconnecting page what it missed after Last-Event-ID, in order, then goes on live', async () => {
    const seen = (await w.inbox(w.property.session)).items[0]!.seq;
    const missedA = await w.dispatchedProblem();
    const missedB = await w.dispatchedProblem();
    const live = stream(w.property.session, seen);
    await live.opened;
    expect(await live.until(() => live.events.length >= 2)).toBe(true);
    expect(live.events.map((e) => e.data.problemId)).toEqual([missedA.problemId, missedB.problemId]);
    expect(live.events[0]!.id).toBeGreaterThan(seen);
    const next = await w.dispatchedProblem();
    expect(await live.until(() => live.events.length === 3)).toBe(true);
    expect(live.events[2]!.data.problemId).toBe(next.problemId);
    live.close();
  });

  it('answers a page that cannot stream with the missed notices as JSON, and refuses the public', async () => {
    const seen = (await w.inbox(w.resident.session)).items[0]?.seq ?? 0;
    const { orderId, problemId } = await w.dispatchedProblem();
    await post(`/api/orders/${orderId}/take`, w.property.session);
    await post(`/api/orders/${orderId}/report`, w.property.session, { text: '已修', publicReply: '修好了' });
    const missed = await t.app.inject({
      url: `/api/notifications/stream?after=${seen}`,
      headers: as(w.resident.session),
    });
    expect(missed.json().items.map((n: { problemId: string }) => n.problemId)).toEqual([problemId]);
    expect((await t.app.inject({ url: '/api/notifications/stream' })).statusCode).toBe(401);
  });
});
