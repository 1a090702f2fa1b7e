import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeParty, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

// The workbench's first page counts what waits for each member of staff; every number must be the total
// the list behind it shows, and moves as the work moves.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let gridWorker: Session;
let otherGridWorker: Session;
let property: Session;
let propertyPartyId: string;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  propertyPartyId = await makeParty(t.database, {
    kind: 'property_company',
    name: '红宝物业',
    place: town.community,
  });
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
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
});
afterAll(() => t.close());

const today = async (session: Session) =>
  (await t.app.inject({ url: '/api/workbench/today', headers: as(session) })).json();
const listTotal = async (session: Session, url: string) =>
  (await t.app.inject({ url, headers: as(session) })).json().total;

async function submit(text: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(resident),
    payload: { kind: 'problem', category: 'environment', text },
  });
  return response.json().id;
}

describe('the workbench’s day', () => {
  it('counts the matters waiting, the problems by state and the orders to take, as their lists do', async () => {
    const before = await today(gridWorker);
    expect(before.inbox).toEqual({ waiting: 0, oldestAt: null });

    const first = await submit('楼道灯不亮，晚上看不见台阶');
    await submit('单元门禁坏了');
    const waiting = await today(gridWorker);
    expect(waiting.inbox.waiting).toBe(2);
    expect(waiting.inbox.waiting).toBe(await listTotal(gridWorker, '/api/workbench/inbox'));
    expect(waiting.inbox.oldestAt).not.toBeNull();
    // The grid worker of another building does not see this building's matters.
    expect((await today(otherGridWorker)).inbox.waiting).toBe(0);

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${first}/accept`,
      headers: as(gridWorker),
      payload: { title: '楼道灯不亮', urgency: 2, severity: 2 },
    });
    const problemId = accepted.json().problemId;
    const afterAccept = await today(gridWorker);
    expect(afterAccept.inbox.waiting).toBe(1);
    expect(afterAccept.problems).toEqual({ open: 1, dispatched: 0, in_progress: 0, resolved: 0 });
    expect(afterAccept.problems.open).toBe(await listTotal(gridWorker, '/api/workbench/problems?state=open'));

    expect((await today(property)).orders).toEqual({ toTake: 0, taken: 0 });
    await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(gridWorker),
      payload: { lead: { partyId: propertyPartyId } },
    });
    expect((await today(gridWorker)).problems).toMatchObject({ open: 0, dispatched: 1 });
    const propertyDay = await today(property);
    expect(propertyDay.orders).toEqual({ toTake: 1, taken: 0 });
    expect(propertyDay.orders.toTake).toBe(await listTotal(property, '/api/orders/mine?state=dispatched'));
  });

  it('leaves out what the member of staff may not open, and refuses residents', async () => {
    // A property manager triages no matters: no inbox on their page, as the inbox itself refuses them.
    expect((await t.app.inject({ url: '/api/workbench/inbox', headers: as(property) })).statusCode).toBe(403);
    expect((await today(property)).inbox).toBeNull();
    const refused = await t.app.inject({ url: '/api/workbench/today', headers: as(resident) });
    expect(refused.statusCode).toBe(403);
  });
});
