import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { voteApi, votingBuilding } from './votes.testkit.ts';

let t: TestApp;
let b: Awaited<ReturnType<typeof votingBuilding>>;
let api: ReturnType<typeof voteApi>;

beforeAll(async () => {
  t = await testApp();
  b = await votingBuilding(t);
  api = voteApi(t);
});
afterAll(() => t.close());

describe('asking a question', () => {
  it('counts owners as 法释〔2009〕7号 says: one owner of two flats once, the developer’s unsold flats once', async () => {
    const q = await api.ask(b.sessions.secretary, {
      title: '筹集维修资金加装电梯',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Special' },
      secret: false,
    });
    const detail = await api.detail(b.sessions.secretary, q.id);
    expect(detail.electorate).toEqual({ heads: 4, areaCentiM2: 54_000 });
    const told = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'vote.asked')
      .where('user_id', '=', b.sessions.yi.userId)
      .execute();
    expect(told).toHaveLength(1);
    expect(detail.phase).toBe('open');
    const voters = (
      await api.send(b.sessions.secretary, 'GET', `/api/workbench/votes/${q.id}/voters`)
    ).json();
    expect(voters.items.map((v: { label: string }) => v.label)).toContain('建设单位未售房屋（2 套）');
    expect(
      voters.items.find(
        (v: { householdIds: string[] }) =>
          v.householdIds.length === 2 && v.householdIds.includes(b.homes['101']!.id),
      ),
    ).toBeTruthy();
  });

  it('asks one voice per household under a majority rule, leaving out the developer’s empty flats', async () => {
    const q = await api.ask(b.sessions.secretary, {
      title: '厨房下水管疏通费用平摊',
      asked: {
        kind: 'households',
        householdIds: [b.homes['101']!.id, b.homes['201']!.id, b.homes['301']!.id],
      },
      rule: { kind: 'majorityOfAsked' },
      secret: false,
    });
    expect((await api.detail(b.sessions.secretary, q.id)).electorate.heads).toBe(2);
  });

  it('refuses a closing time in the past, field by field, and a grid worker who may not ask', async () => {
    const refused = await api.send(b.sessions.secretary, 'POST', '/api/workbench/votes', {
      title: '屋面维修',
      body: '使用维修资金',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Ordinary' },
      secret: false,
      closesAt: '2020-01-01T00:00:00Z',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('closesAt');
    const grid = await api.send(b.sessions.gridWorker, 'POST', '/api/workbench/votes', {
      title: '屋面维修',
      body: '使用维修资金',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Ordinary' },
      secret: false,
      closesAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(grid.statusCode).toBe(403);
  });
});

describe('an open ballot (art. 278 special)', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await api.ask(b.sessions.secretary, {
        title: '筹集维修资金加装电梯（公开）',
        asked: { kind: 'place', placeId: b.building.id },
        rule: { kind: 'art278Special' },
        secret: false,
      })
    ).id;
  });

  it('counts owners by head and area; the last answer counts and every change is audited', async () => {
    expect((await api.answer(b.sessions.jia, id, 'approve')).statusCode).toBe(201);
    expect((await api.answer(b.sessions.yi, id, 'approve')).statusCode).toBe(201);
    expect((await api.answer(b.sessions.bing, id, 'reject')).statusCode).toBe(201);
    let tally = (await api.detail(b.sessions.secretary, id)).tally;
    expect(tally.answered).toEqual({ heads: 3, areaCentiM2: 38_000 });
    expect(tally.participation.heads.met).toBe(true);
    // 2 of 3 owners and 280 of 380 m² approve: short of three quarters on both.
    expect(tally.approval.heads).toMatchObject({ numerator: 2, denominator: 3, met: false });
    expect(tally.passed).toBe(false);

    const changed = await api.answer(b.sessions.bing, id, 'approve');
    expect(changed.json().choice).toBe('approve');
    tally = (await api.detail(b.sessions.secretary, id)).tally;
    expect(tally.answered.heads).toBe(3);
    expect(tally.passed).toBe(true);
    const changes = await t.database.db
      .selectFrom('audit_log')
      .select(['changes'])
      .where('entity_id', '=', id)
      .where('action', '=', 'vote.answer_changed')
      .execute();
    expect(changes).toHaveLength(1);
    expect(JSON.parse(changes[0]!.changes).choice).toEqual({ from: 'reject', to: 'approve' });
    const history = (await api.send(b.sessions.secretary, 'GET', `/api/audit/vote_question/${id}`)).json();
    expect(history.entries.map((e: { action: string }) => e.action)).toContain('vote.answer_changed');
  });

  it('answers a replay with the same Idempotency-Key with the first response and stores nothing', async () => {
    const first = await api.answer(b.sessions.jia, id, 'abstain', 'jia-key-1');
    const audits = await t.database.db.selectFrom('audit_log').select('seq').execute();
    const again = await api.answer(b.sessions.jia, id, 'abstain', 'jia-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await t.database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(audits.length);
  });

  it('shows the voters who answered, with their open choices, to the grid worker of the building only', async () => {
    const voters = (
      await api.send(b.sessions.gridWorker, 'GET', `/api/workbench/votes/${id}/voters?status=answered`)
    ).json();
    expect(voters.total).toBe(3);
    expect(voters.items.every((v: { choice: string | null }) => v.choice !== null)).toBe(true);
    expect((await api.send(b.sessions.otherGridWorker, 'GET', `/api/workbench/votes/${id}`)).statusCode).toBe(
      404,
    );
  });

  it('takes a door-to-door answer with evidence, and a proxy’s with the authority', async () => {
    const visit = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${id}/answers`, {
      householdId: b.homes['301']!.id,
      choice: 'reject',
      evidence: { note: '开发商代表在纸质表决票上签字' },
      proxy: { name: '周经理', authority: '开发商出具的授权委托书（2026年11月）' },
    });
    expect(visit.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('vote_participations')
      .select(['channel', 'proxy_authority', 'evidence_id'])
      .where('question_id', '=', id)
      .where('voter_key', '=', 'developer')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'proxy', proxy_authority: '开发商出具的授权委托书（2026年11月）' });
    expect(row.evidence_id).not.toBeNull();
    const listed = (
      await api.send(
        b.sessions.gridWorker,
        'GET',
        `/api/workbench/votes/${id}/voters?label=${encodeURIComponent('建设单位')}`,
      )
    ).json();
    expect(listed.items[0]).toMatchObject({
      channel: 'proxy',
      evidence: '开发商代表在纸质表决票上签字',
      photos: [],
      proxy: { name: '周经理' },
    });
    const outside = await api.send(b.sessions.otherGridWorker, 'POST', `/api/workbench/votes/${id}/answers`, {
      householdId: b.homes['301']!.id,
      choice: 'approve',
      evidence: { note: '入户' },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('closes, certifies and then refuses every change', async () => {
    const closed = await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${id}/close`);
    expect(closed.statusCode).toBe(200);
    const detail = closed.json();
    expect(detail.phase).toBe('closed');
    expect(detail.certificate).toMatchObject({ closedEarly: true });
    expect(detail.certificate.digest).toMatch(/^[0-9a-f]{64}$/);
    const late = await api.answer(b.sessions.yi, id, 'reject');
    expect(late.statusCode).toBe(409);
    expect(late.json().state).toBe('closed');
    expect(
      (await api.send(b.sessions.secretary, 'POST', `/api/workbench/votes/${id}/close`)).statusCode,
    ).toBe(409);
    expect((await api.detail(b.sessions.secretary, id)).certificate).toEqual(detail.certificate);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

describe('a consultation with options of its own', () => {
  it('names the option more than half of the households asked chose', async () => {
    const { id } = await api.ask(b.sessions.secretary, {
      title: '楼道粉刷颜色',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'majorityOfAsked' },
      options: [
        { key: 'cream', label: '米白' },
        { key: 'grey', label: '浅灰' },
      ],
      secret: false,
    });
    for (const s of [b.sessions.jia, b.sessions.yi, b.sessions.bing]) await api.answer(s, id, 'grey');
    // 101, 102, 201 and 202 are asked (the developer's empty flats are not): 3 of 4 chose grey.
    const tally = (await api.detail(b.sessions.secretary, id)).tally;
    expect(tally.winner).toBe('grey');
    expect(tally.options.map((o: { heads: number }) => o.heads)).toEqual([0, 3]);
    expect((await api.answer(b.sessions.jia, id, 'approve')).statusCode).toBe(400);
  });
});

describe('fifty answers at once from one household', () => {
  it('counts one for a secret question and refuses the rest with 409', async () => {
    const { id } = await api.ask(b.sessions.secretary, {
      title: '并发测试（无记名）',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Ordinary' },
      secret: true,
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.answer(b.sessions.jia, id, i % 2 ? 'approve' : 'reject', `burst-${i}`),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(49);
    const counts = await t.database.db
      .selectFrom('vote_counts')
      .select(['heads'])
      .where('question_id', '=', id)
      .execute();
    expect(counts.reduce((s, c) => s + Number(c.heads), 0)).toBe(1);
  });

  it('keeps one counted answer for an open question, the last one', async () => {
    const { id } = await api.ask(b.sessions.secretary, {
      title: '并发测试（公开）',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'majorityOfAnswered' },
      secret: false,
    });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.answer(b.sessions.jia, id, i % 3 ? 'approve' : 'reject')),
    );
    const rows = await t.database.db
      .selectFrom('vote_participations')
      .select(['choice'])
      .where('question_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    const counts = await t.database.db
      .selectFrom('vote_counts')
      .select(['option_key', 'heads'])
      .where('question_id', '=', id)
      .execute();
    expect(counts.reduce((s, c) => s + Number(c.heads), 0)).toBe(1);
    expect(counts.find((c) => Number(c.heads) === 1)?.option_key).toBe(rows[0]!.choice);
  });

  it('counts the others when one ballot of those arriving together is refused', async () => {
    const { id } = await api.ask(b.sessions.secretary, {
      title: '同时到达（无记名）',
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'art278Ordinary' },
      secret: true,
    });
    await api.answer(b.sessions.jia, id, 'approve', 'together-first');
    // Sent at once, these are cast in one transaction; 甲's second ballot is refused inside it.
    const [yi, again, bing, replay] = await Promise.all([
      api.answer(b.sessions.yi, id, 'approve', 'together-yi'),
      api.answer(b.sessions.jia, id, 'reject', 'together-again'),
      api.answer(b.sessions.bing, id, 'reject', 'together-bing'),
      api.answer(b.sessions.jia, id, 'approve', 'together-first'),
    ]);
    expect([yi!.statusCode, again!.statusCode, bing!.statusCode, replay!.statusCode]).toEqual([
      201, 409, 201, 201,
    ]);
    const counts = await t.database.db
      .selectFrom('vote_counts')
      .select(['option_key', 'heads'])
      .where('question_id', '=', id)
      .execute();
    const heads = Object.fromEntries(counts.map((c) => [c.option_key, Number(c.heads)]));
    expect(heads).toMatchObject({ approve: 2, reject: 1 });
    const taking = await t.database.db
      .selectFrom('vote_participations')
      .select('voter_key')
      .where('question_id', '=', id)
      .execute();
    expect(taking).toHaveLength(3);
    // The refused ballot left no replay record: the same key may be tried again and is refused again.
    expect((await api.answer(b.sessions.jia, id, 'reject', 'together-again')).statusCode).toBe(409);
  });
});
