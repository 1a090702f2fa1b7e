import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeParty, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { runSweeps } from '../../server/sweeps.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let neighbour: Session;
let gridWorker: Session;
let otherGridWorker: Session;
let property: Session;
let deputy: Session;
let propertyPartyId: string;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  propertyPartyId = await makeParty(t.database, {
    kind: 'property_company',
    name: '红宝物业',
    place: town.community,
  });
  resident = (await signedInUser(t.app, t.database, { name: '王文贵', households: [town.household101] }))
    .session;
  neighbour = (await signedInUser(t.app, t.database, { name: '马小兰', households: [town.household201] }))
    .session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  otherGridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid2.id }] })
  ).session;
  property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId: propertyPartyId }],
    })
  ).session;
  deputy = (
    await signedInUser(t.app, t.database, {
      name: '罗倩',
      grants: [{ role: 'npc_deputy', place: town.street }],
    })
  ).session;
});
afterAll(() => t.close());

const streetlights = {
  kind: 'problem',
  category: 'environment',
  title: '路灯不亮',
  text: '1号楼门口的路灯坏了一个多月，晚上出门看不见路。',
};

async function submit(session: Session, body: Record<string, unknown> = streetlights, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { ...as(session), ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

/** The grid worker accepts a matter into a new problem. */
async function acceptAsNew(
  matterId: string,
  title: string,
  urgency: number,
  severity: number,
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matterId}/accept`,
    headers: as(gridWorker),
    payload: { title, urgency, severity },
  });
  return response.json().problemId;
}

/** The grid worker dispatches the problem to the property company as lead; returns the order. */
async function dispatchToProperty(problemId: string): Promise<string> {
  await t.app.inject({
    method: 'POST',
    url: `/api/workbench/problems/${problemId}/dispatch`,
    headers: as(gridWorker),
    payload: { lead: { partyId: propertyPartyId } },
  });
  const order = await t.database.db
    .selectFrom('orders')
    .select('id')
    .where('problem_id', '=', problemId)
    .executeTakeFirstOrThrow();
  return order.id;
}

describe('a resident raises a matter (下单)', () => {
  it('files it under their household and shows it on their list', async () => {
    const response = await submit(resident);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      state: 'submitted',
      placeName: '101',
      channel: 'online',
      problem: null,
    });
    const mine = (await t.app.inject({ url: '/api/matters/mine', headers: as(resident) })).json();
    expect(mine.items.map((m: { id: string }) => m.id)).toContain(response.json().id);
  });

  it('stores a matter once when the phone sends it again with the same Idempotency-Key', async () => {
    const key = uuidv7();
    const first = await submit(resident, { ...streetlights, text: '重发测试：楼道灯不亮' }, key);
    const again = await submit(resident, { ...streetlights, text: '重发测试：楼道灯不亮' }, key);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const count = await t.database.db
      .selectFrom('matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('text', '=', '重发测试：楼道灯不亮')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const changed = await submit(resident, { ...streetlights, text: '另一件事' }, key);
    expect(changed.statusCode).toBe(422);
  });

  it('refuses a place that is not the resident’s, and an empty text, field by field', async () => {
    const elsewhere = await submit(resident, { ...streetlights, placeId: town.otherHousehold.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].field).toBe('placeId');
    const empty = await submit(resident, { ...streetlights, text: '   ' });
    expect(empty.json().errors).toEqual([{ field: 'text', message: '此项必填' }]);
  });

  it('may be filed under the compound when it is shared', async () => {
    const response = await submit(resident, { ...streetlights, placeId: town.compound.id });
    expect(response.json().placeName).toBe('锦秀河畔');
  });
});

describe('the three orders: accept, dispatch, take, report, feedback', () => {
  it('runs the whole loop and asks the submitter, who confirms and rates', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '完整流程：单元门禁坏了' })).json();

    const inbox = (await t.app.inject({ url: '/api/workbench/inbox', headers: as(gridWorker) })).json();
    expect(inbox.items.map((m: { id: string }) => m.id)).toContain(matter.id);
    const inOtherInbox = (
      await t.app.inject({ url: '/api/workbench/inbox', headers: as(otherGridWorker) })
    ).json();
    expect(inOtherInbox.items.map((m: { id: string }) => m.id)).not.toContain(matter.id);

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/accept`,
      headers: as(gridWorker),
      payload: { title: '1号楼单元门禁损坏', urgency: 2, severity: 2 },
    });
    expect(accepted.statusCode).toBe(200);
    const { problemId } = accepted.json();

    const dispatched = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(gridWorker),
      payload: { lead: { partyId: propertyPartyId } },
    });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json().state).toBe('dispatched');

    const orders = (await t.app.inject({ url: '/api/orders/mine', headers: as(property) })).json();
    const order = orders.items.find((o: { problemId: string }) => o.problemId === problemId);
    expect(order).toMatchObject({ role: 'lead', state: 'dispatched' });

    expect(
      (await t.app.inject({ method: 'POST', url: `/api/orders/${order.id}/take`, headers: as(property) }))
        .statusCode,
    ).toBe(204);
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/report`,
      headers: as(property),
      payload: { text: '已更换门禁控制器', publicReply: '门禁已修好，感谢反映。' },
    });
    expect(report.statusCode).toBe(204);

    const mine = (
      await t.app.inject({ url: `/api/matters/mine/${matter.id}`, headers: as(resident) })
    ).json();
    expect(mine).toMatchObject({ state: 'accepted', awaitsFeedback: true, problem: { state: 'resolved' } });
    expect(mine.replies.map((r: { text: string }) => r.text)).toContain('门禁已修好，感谢反映。');

    const feedback = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/feedback`,
      headers: as(resident),
      payload: { solved: true, rating: 5 },
    });
    expect(feedback.json()).toMatchObject({
      state: 'confirmed',
      feedback: { solved: true, rating: 5 },
      problem: { state: 'closed' },
    });
  });

  it('reopens the problem when the submitter says it is not solved (重办), and the lead works it again', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '重办流程：楼道灯还是不亮' })).json();
    const problemId = await acceptAsNew(matter.id, '楼道灯不亮', 1, 2);
    const orderId = await dispatchToProperty(problemId);
    await t.app.inject({ method: 'POST', url: `/api/orders/${orderId}/take`, headers: as(property) });
    await t.app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/report`,
      headers: as(property),
      payload: { text: '换了灯泡' },
    });
    const no = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/feedback`,
      headers: as(resident),
      payload: { solved: false, rating: 1, comment: '第二天又坏了' },
    });
    expect(no.json()).toMatchObject({ state: 'dissatisfied', problem: { state: 'in_progress' } });
    const detail = (
      await t.app.inject({ url: `/api/workbench/problems/${problemId}`, headers: as(gridWorker) })
    ).json();
    expect(detail.reopenCount).toBe(1);
    expect(detail.orders.filter((o: { state: string }) => o.state === 'dispatched')).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/feedback`,
      headers: as(resident),
      payload: { solved: true, rating: 4 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().state).toBe('dissatisfied');
  });

  it('lets exactly one of two people take the same order at once', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '并发接单：电梯异响' })).json();
    const problemId = await acceptAsNew(matter.id, '电梯异响', 2, 3);
    const orderId = await dispatchToProperty(problemId);
    const colleague = (
      await signedInUser(t.app, t.database, {
        grants: [{ role: 'property_staff', place: town.compound, partyId: propertyPartyId }],
      })
    ).session;
    const results = await Promise.all(
      [property, colleague, property, colleague].map((s) =>
        t.app.inject({ method: 'POST', url: `/api/orders/${orderId}/take`, headers: as(s) }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409, 409, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().state).toBe('taken');
  });

  it('declines with a reason the resident reads', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '不属于社区职责的事' })).json();
    const declined = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/decline`,
      headers: as(gridWorker),
      payload: { reason: '此事属于市政管辖，已告知12345' },
    });
    expect(declined.statusCode).toBe(204);
    const mine = (
      await t.app.inject({ url: `/api/matters/mine/${matter.id}`, headers: as(resident) })
    ).json();
    expect(mine).toMatchObject({ state: 'declined', declineReason: '此事属于市政管辖，已告知12345' });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/accept`,
      headers: as(gridWorker),
      payload: { title: 'x', urgency: 1, severity: 1 },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().state).toBe('declined');
  });
});

describe('a submitter who never answers', () => {
  it('has the matter closed by the sweep after the configured days, once, and the problem with it', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '自动办结：井盖松动' })).json();
    const problemId = await acceptAsNew(matter.id, '井盖松动', 2, 2);
    const orderId = await dispatchToProperty(problemId);
    await t.app.inject({ method: 'POST', url: `/api/orders/${orderId}/take`, headers: as(property) });
    await t.app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/report`,
      headers: as(property),
      payload: { text: '已固定井盖' },
    });

    const days = t.app.deps.config.MATTER_AUTOCLOSE_DAYS;
    const resolvedAt = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    await t.database.db
      .updateTable('problems')
      .set({ resolved_at: resolvedAt(days - 1) })
      .where('id', '=', problemId)
      .execute();
    await runSweeps(t.app.deps, t.app.log);
    expect(
      (await t.app.inject({ url: `/api/matters/mine/${matter.id}`, headers: as(resident) })).json().state,
    ).toBe('accepted');

    await t.database.db
      .updateTable('problems')
      .set({ resolved_at: resolvedAt(days + 1) })
      .where('id', '=', problemId)
      .execute();
    await runSweeps(t.app.deps, t.app.log);
    await runSweeps(t.app.deps, t.app.log);
    const mine = (
      await t.app.inject({ url: `/api/matters/mine/${matter.id}`, headers: as(resident) })
    ).json();
    expect(mine).toMatchObject({
      state: 'closed',
      awaitsFeedback: false,
      feedback: null,
      problem: { state: 'closed' },
    });
    const closes = await t.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', matter.id)
      .where('action', '=', 'matter.close')
      .execute();
    expect(closes).toHaveLength(1);
  });
});

describe('scope and privacy', () => {
  it('hides another community’s and another grid’s matters, and another resident’s own list', async () => {
    const matter = (await submit(neighbour, { ...streetlights, text: '2号楼的事' })).json();
    expect(
      (await t.app.inject({ url: `/api/matters/mine/${matter.id}`, headers: as(resident) })).statusCode,
    ).toBe(404);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${matter.id}/accept`,
      headers: as(gridWorker),
      payload: { title: 'x', urgency: 1, severity: 1 },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('masks submitters’ phones for property staff, shows them to the grid worker', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '号码遮挡测试' })).json();
    const problemId = await acceptAsNew(matter.id, '号码遮挡', 1, 1);
    const forGrid = (
      await t.app.inject({ url: `/api/workbench/problems/${problemId}`, headers: as(gridWorker) })
    ).json();
    expect(forGrid.matters[0].submitterPhone).toMatch(/^1\d{10}$/);
    const forProperty = (
      await t.app.inject({ url: `/api/workbench/problems/${problemId}`, headers: as(property) })
    ).json();
    expect(forProperty.matters[0].submitterPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(forProperty.matters[0].submitterName).toBe('王**');
  });
});

describe('staff intake and deputies', () => {
  it('records a 12345 work order once per number', async () => {
    const body = {
      ...streetlights,
      placeId: town.building1.id,
      channel: 'hotline_12345',
      hotlineNo: 'YC20260001',
      submitterPhone: '13612345678',
      submitterName: '李大妈',
    };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/matters/intake',
      headers: as(gridWorker),
      payload: body,
    });
    expect(first.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/matters/intake',
      headers: as(gridWorker),
      payload: body,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].field).toBe('hotlineNo');
  });

  it('lets a deputy take up a problem in their district; it shows on its timeline', async () => {
    const matter = (await submit(resident, { ...streetlights, text: '代表介入：水管漏水' })).json();
    const problemId = await acceptAsNew(matter.id, '水管跑冒滴漏', 3, 2);
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/champion`,
      headers: as(deputy),
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().champions.map((c: { name: string }) => c.name)).toContain('罗倩');
    expect(taken.json().timeline.map((e: { kind: string }) => e.kind)).toContain('championed');
    const notDeputy = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/champion`,
      headers: as(gridWorker),
    });
    expect(notDeputy.statusCode).toBe(403);
  });

  it('keeps the audit chain intact through it all', async () => {
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
