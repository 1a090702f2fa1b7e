import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, type Session, signedInUser } from '../factories.ts';

// Many hands on one record at once end in one consistent state: the database arbitrates (unique keys,
// conditional updates), and each loser hears 409 with the state it lost to.
let t: TestApp;
let resident: Session;
let secretary: Session;
let otherSecretary: Session;
let handlerId: string;

beforeAll(async () => {
  // Ten thousand requests at once are the point here, not load shedding (tested on its own).
  t = await testApp({ MAX_IN_FLIGHT: 20_000 });
  const town = await makeTown(t.database);
  resident = (await signedInUser(t.app, t.database, { kind: 'resident', households: [town.household101] }))
    .session;
  secretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  otherSecretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  handlerId = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'building_steward', place: town.compound }] })
  ).userId;
}, 60_000);
afterAll(() => t.close());

const streetlights = { kind: 'problem', category: 'environment', text: '楼道灯不亮' };

async function submit(key?: string, text = streetlights.text) {
  return t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { ...as(resident), ...(key ? { 'idempotency-key': key } : {}) },
    payload: { ...streetlights, text },
  });
}

async function count(table: 'matters' | 'problems' | 'orders', where?: [string, string]) {
  let query = t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (where) query = query.where(where[0] as never, '=', where[1] as never);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function acceptedProblem(text: string) {
  const matterId = (await submit(undefined, text)).json().id;
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matterId}/accept`,
    headers: as(secretary),
    payload: { title: text, urgency: 2, severity: 2 },
  });
  return accepted.json().problemId as string;
}

describe('parallel attempts on one record', () => {
  it('10,000 parallel submissions with one Idempotency-Key store one matter and all get its answer', async () => {
    const before = await count('matters');
    const replies = await Promise.all(
      Array.from({ length: Number(process.env.DUP ?? 10_000) }, () => submit('the-same-key', '电梯坏了')),
    );
    expect(replies.filter((r) => r.statusCode >= 300).map((r) => r.statusCode)).toEqual([]);
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
    expect((await count('matters')) - before).toBe(1);
  }, 300_000);

  it('two dispatchers accepting one matter at once: one problem, the other hears 409 and the state', async () => {
    const matterId = (await submit(undefined, '门禁坏了')).json().id;
    const before = await count('problems');
    const replies = await Promise.all(
      [secretary, otherSecretary, secretary, otherSecretary].map((s) =>
        t.app.inject({
          method: 'POST',
          url: `/api/matters/${matterId}/accept`,
          headers: as(s),
          payload: { title: '门禁坏了', urgency: 2, severity: 2 },
        }),
      ),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(replies.find((r) => r.statusCode === 409)?.json().state).toBe('accepted');
    expect((await count('problems')) - before).toBe(1);
  });

  it('two dispatchers naming a lead at once: one lead order', async () => {
    const problemId = await acceptedProblem('水管漏水');
    const replies = await Promise.all(
      [secretary, otherSecretary, secretary].map((s) =>
        t.app.inject({
          method: 'POST',
          url: `/api/workbench/problems/${problemId}/dispatch`,
          headers: as(s),
          payload: { lead: { userId: handlerId } },
        }),
      ),
    );
    expect(replies.filter((r) => r.statusCode < 300)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(await count('orders', ['problem_id', problemId])).toBe(1);
  });

  it('two problems merged into each other at once: one survives and holds both matters', async () => {
    const a = await acceptedProblem('垃圾没人清');
    const b = await acceptedProblem('垃圾堆满了');
    const merge = (target: string, source: string, s: Session) =>
      t.app.inject({
        method: 'POST',
        url: `/api/workbench/problems/${target}/merge`,
        headers: as(s),
        payload: { sourceIds: [source] },
      });
    const replies = await Promise.all([merge(a, b, secretary), merge(b, a, otherSecretary)]);
    expect(replies.filter((r) => r.statusCode >= 500)).toEqual([]);
    expect(replies.filter((r) => r.statusCode < 300)).toHaveLength(1);
    const survivors = await t.database.db
      .selectFrom('problems')
      .select('id')
      .where('id', 'in', [a, b])
      .execute();
    expect(survivors).toHaveLength(1);
    expect(await count('matters', ['problem_id', survivors[0]?.id ?? ''])).toBe(2);
  });
});
