import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.ts';
import { as, signIn } from '../../test/factories.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { DEMO_PASSWORD } from './people.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { jinchengResidentPhone } from './votes.ts';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  await seedDemoIfEmpty(t.database, t.app.log);
}, 120_000);
afterAll(() => t.close());

async function question(title: string) {
  const secretary = await signIn(t.app, '17000000004', DEMO_PASSWORD);
  const list = await t.app.inject({
    method: 'GET',
    url: `/api/workbench/votes?title=${encodeURIComponent(title)}`,
    headers: as(secretary),
  });
  const id = list.json().items[0].id;
  return (
    await t.app.inject({ method: 'GET', url: `/api/workbench/votes/${id}`, headers: as(secretary) })
  ).json();
}

describe('the demo of 星河锦城', () => {
  it('tells the blocked kitchen drain: agreed door to door, certified, the repair shared equally', async () => {
    const drain = await question('厨房下水主管');
    expect(drain.phase).toBe('closed');
    expect(drain.certificate.passed).toBe(true);
    expect(drain.costPlan.rule).toBe('equal');
    expect(drain.costPlan.shares).toHaveLength(6);
    expect(drain.costPlan.shares.reduce((s: number, x: { amountFen: number }) => s + x.amountFen, 0)).toBe(
      186_000,
    );
  });

  it('tells the lift votes: the first fails on participation, the secret second passes', async () => {
    const spring = await question('第一次表决');
    expect(spring.certificate.passed).toBe(false);
    expect(spring.tally.participation.heads.met).toBe(false);
    const autumn = await question('第二次表决');
    expect(autumn.secret).toBe(true);
    expect(autumn.certificate.passed).toBe(true);
    expect(autumn.tally.approval.area.met).toBe(true);
  });

  it('leaves the roof repair open for the resident of 502 to answer on the phone', async () => {
    const roof = await question('屋面防水');
    expect(roof.phase).toBe('open');
    expect(roof.tally.answered.heads).toBeGreaterThan(0);
    const resident = await signIn(t.app, jinchengResidentPhone, DEMO_PASSWORD);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/votes/mine', headers: as(resident) })
    ).json();
    expect(mine.find((q: { id: string }) => q.id === roof.id)).toMatchObject({
      answered: false,
      phase: 'open',
    });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
