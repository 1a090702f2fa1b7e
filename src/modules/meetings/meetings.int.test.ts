import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type PlaceRow, type Session, signedInUser } from '../../../test/factories.ts';
import { transact } from '../../server/transaction.ts';
import { remindInvitees } from './convene.service.ts';
import { docxParagraphs, docxParts } from './docx-text.testkit.ts';
import { followUpActionItems } from './plan.service.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let secretary: Session;
let property: Session;
let resident: Session;
let neighbour: Session;
let deputy: Session;
let otherSecretary: Session;
let deputyId: string;
const party: Record<'property' | 'college' | 'park', string> = { property: '', college: '', park: '' };

async function makeParty(kind: string, name: string, place: PlaceRow) {
  const id = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({ id, kind, name, place_id: place.id, created_at: new Date().toISOString() })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  party.property = await makeParty('property_company', '红宝物业', town.community);
  party.college = await makeParty('co_building_unit', '建设职业技术学院', town.community);
  party.park = await makeParty('co_building_unit', '801创意园', town.community);
  secretary = (
    await signedInUser(t.app, t.database, {
      name: '谢瑜',
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  property = (
    await signedInUser(t.app, t.database, {
      name: '赵刚',
      grants: [{ role: 'property_staff', place: town.compound, partyId: party.property }],
    })
  ).session;
  resident = (await signedInUser(t.app, t.database, { name: '王文贵', households: [town.household101] }))
    .session;
  neighbour = (await signedInUser(t.app, t.database, { name: '马小兰', households: [town.household201] }))
    .session;
  const luo = await signedInUser(t.app, t.database, {
    name: '罗倩',
    grants: [{ role: 'npc_deputy', place: town.street }],
  });
  deputy = luo.session;
  deputyId = luo.userId;
  otherSecretary = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.otherCommunity }],
    })
  ).session;
  await signedInUser(t.app, t.database, {
    name: '陈静',
    grants: [{ role: 'grid_worker', gridId: town.grid1.id }],
  });
});
afterAll(() => t.close());

async function send(session: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: as(session), payload: payload as never });
}

async function problemRaisedBy(session: Session, text: string, title: string) {
  const matter = await send(session, 'POST', '/api/matters', {
    kind: 'problem',
    category: 'environment',
    text,
  });
  const accepted = await send(secretary, 'POST', `/api/matters/${matter.json().id}/accept`, {
    title,
    urgency: 2,
    severity: 2,
  });
  return { matterId: matter.json().id as string, problemId: accepted.json().problemId as string };
}

const hour = (h: number) => new Date(Date.UTC(2026, 2, 10, h)).toISOString();

async function convene(body: Record<string, unknown>) {
  const response = await send(secretary, 'POST', '/api/meetings', {
    kind: 'council',
    title: '锦秀河畔有事共商量议事会',
    placeId: town.community.id,
    startsAt: hour(7),
    endsAt: hour(9),
    venue: '社区党群服务中心二楼',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('a consultation meeting from convening to the problem resolved', () => {
  let meeting: { id: string; agenda: { id: string; topic: string }[] };
  let lights: { matterId: string; problemId: string };

  it('convenes with an agenda of problems and free topics, inviting by party, role and name', async () => {
    lights = await problemRaisedBy(resident, '院里路灯坏了，晚上看不见路。', '锦秀河畔路灯不亮');
    meeting = await convene({
      problemIds: [lights.problemId],
      topics: ['公共通道堆物整治'],
      invite: { partyIds: [party.property, party.college], roles: ['grid_worker'], userIds: [deputyId] },
    });
    expect(meeting).toMatchObject({
      state: 'scheduled',
      agenda: [
        { topic: '锦秀河畔路灯不亮', problemId: lights.problemId, state: 'pending' },
        { topic: '公共通道堆物整治', problemId: null },
      ],
    });
    const detail = (await send(secretary, 'GET', `/api/meetings/${meeting.id}`)).json();
    expect(detail.procedureRules).toContain('议题确定');
    expect(
      detail.invitations.map((i: { partyName: string | null; name: string | null }) => i.partyName ?? i.name),
    ).toEqual(['红宝物业', '建设职业技术学院', '罗倩', '陈静']);
    // Each invitee hears of it, with the calendar file to download.
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'data'])
      .where('kind', '=', 'meeting.invitation')
      .execute();
    expect(notices).toHaveLength(3); // the property's staff, the deputy, the grid worker
    expect(JSON.parse(notices[0]!.data).calendar).toBe(`/api/meetings/${meeting.id}/invitation.ics`);
    // The submitter sees on the problem that it is on a meeting's agenda.
    const own = (await send(resident, 'GET', `/api/matters/mine/${lights.matterId}`)).json();
    expect(JSON.stringify(own)).toContain('已列入协商议事会议程');
  });

  it('gives the invitation as an .ics file, and takes replies for a party and in person', async () => {
    const ics = await send(deputy, 'GET', `/api/meetings/${meeting.id}/invitation.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20260310T070000Z');
    const delegated = await send(property, 'POST', `/api/meetings/${meeting.id}/reply`, {
      reply: 'delegate',
      delegateName: '物业客服主管',
    });
    expect(delegated.statusCode, delegated.body).toBe(200);
    await send(deputy, 'POST', `/api/meetings/${meeting.id}/reply`, { reply: 'coming' });
    const replies = delegated.json().invitations.map((i: { reply: string }) => i.reply);
    expect(replies[0]).toBe('delegate');
    const after = (await send(secretary, 'GET', `/api/meetings/${meeting.id}`)).json();
    expect(after.invitations[2]).toMatchObject({ name: '罗倩', reply: 'coming' });
    const missing = await send(property, 'POST', `/api/meetings/${meeting.id}/reply`, { reply: 'delegate' });
    expect(missing.json().errors[0].field).toBe('delegateName');
  });

  it('hides the meeting from another community, and refuses residents who were not invited', async () => {
    expect((await send(otherSecretary, 'GET', `/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await send(neighbour, 'GET', `/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await send(null, 'GET', `/api/meetings/${meeting.id}`)).statusCode).toBe(401);
    const list = (await send(otherSecretary, 'GET', '/api/meetings')).json();
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(meeting.id);
  });

  it('records attendance and speeches live, and decides by vote of those present or defers', async () => {
    const early = await send(secretary, 'POST', `/api/meetings/${meeting.id}/speeches`, {
      speakerName: '王文贵',
      text: '路灯的事说了好几次了',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().state).toBe('scheduled');
    await send(secretary, 'POST', `/api/meetings/${meeting.id}/open`, {});
    for (const who of [
      { name: '王文贵', capacity: '居民代表' },
      { name: '赵刚', partyId: party.property },
      { userId: deputyId, capacity: '人大代表' },
    ])
      expect((await send(secretary, 'POST', `/api/meetings/${meeting.id}/attendees`, who)).statusCode).toBe(
        200,
      );
    const [lightsItem, clutterItem] = meeting.agenda;
    await send(secretary, 'POST', `/api/meetings/${meeting.id}/speeches`, {
      agendaItemId: lightsItem!.id,
      speakerName: '王文贵',
      capacity: '居民代表',
      text: '路灯不亮，老人晚上出门不方便。',
    });
    const proposal = await send(secretary, 'POST', `/api/meetings/${meeting.id}/speeches`, {
      kind: 'proposal',
      agendaItemId: lightsItem!.id,
      speakerName: '赵刚',
      partyId: party.property,
      text: '物业负责更换灯具，社区申请资金安装太阳能灯。',
    });
    expect(proposal.json().speeches.map((s: { partyName: string | null }) => s.partyName)).toEqual([
      null,
      '红宝物业',
    ]);
    const tooMany = await send(
      secretary,
      'POST',
      `/api/meetings/${meeting.id}/agenda/${lightsItem!.id}/decision`,
      {
        outcome: 'decided',
        method: 'vote',
        votesFor: 3,
        votesAgainst: 1,
        votesAbstain: 0,
        decision: '更换路灯',
      },
    );
    expect(tooMany.json().errors).toEqual([{ field: 'votesFor', message: '票数合计超过到会人数（3）' }]);
    const decided = await send(
      secretary,
      'POST',
      `/api/meetings/${meeting.id}/agenda/${lightsItem!.id}/decision`,
      {
        outcome: 'decided',
        method: 'vote',
        votesFor: 2,
        votesAgainst: 0,
        votesAbstain: 1,
        decision: '物业更换灯具，社区安装太阳能灯4盏；王文贵负责监督。',
      },
    );
    expect(decided.json().agenda[0]).toMatchObject({
      state: 'decided',
      adopted: true,
      present: 3,
      votesFor: 2,
    });
    const deferred = await send(
      secretary,
      'POST',
      `/api/meetings/${meeting.id}/agenda/${clutterItem!.id}/decision`,
      {
        outcome: 'deferred',
        decision: '待消防部门意见',
      },
    );
    expect(deferred.json().agenda[1].state).toBe('deferred');
  });

  it('fixes action items and an exact cost split that each payer confirms', async () => {
    const [lightsItem, clutterItem] = meeting.agenda;
    const notAdopted = await send(secretary, 'POST', `/api/meetings/${meeting.id}/action-items`, {
      agendaItemId: clutterItem!.id,
      title: '清理堆物',
      partyId: party.property,
      dueOn: '2026-03-20',
    });
    expect(notAdopted.json().errors[0].field).toBe('agendaItemId');
    await send(secretary, 'POST', `/api/meetings/${meeting.id}/action-items`, {
      agendaItemId: lightsItem!.id,
      title: '更换损坏灯具',
      partyId: party.property,
      dueOn: '2026-03-20',
    });
    const both = await send(secretary, 'POST', `/api/meetings/${meeting.id}/action-items`, {
      agendaItemId: lightsItem!.id,
      title: '跟进太阳能灯安装',
      userId: deputyId,
      dueOn: '2026-03-31',
    });
    expect(
      both.json().actionItems.map((a: { responsible: string; level: string }) => [a.responsible, a.level]),
    ).toEqual([
      ['红宝物业', 'community'],
      ['罗倩', 'community'],
    ]);

    const wrong = await send(secretary, 'POST', `/api/meetings/${meeting.id}/cost-plans`, {
      agendaItemId: lightsItem!.id,
      title: '太阳能灯',
      totalFen: 100_000,
      payers: [`party:${party.park}`],
      parts: [{ rule: 'percentage', partyId: `party:${party.park}`, basisPoints: 6_000 }],
    });
    expect(wrong.json().errors).toEqual([{ field: 'parts', message: '比例合计 60%，不是 100%' }]);

    // The college gives the materials; the park pays 60 % of the cash; the two households share the rest.
    const plan = await send(secretary, 'POST', `/api/meetings/${meeting.id}/cost-plans`, {
      agendaItemId: lightsItem!.id,
      title: '太阳能灯购置安装',
      totalFen: 1_000_001,
      payers: [
        `party:${party.college}`,
        `party:${party.park}`,
        `household:${town.household101.id}`,
        `household:${town.household201.id}`,
      ],
      parts: [
        { rule: 'inKind', partyId: `party:${party.college}`, description: '灯杆和线材', valueFen: 300_000 },
        { rule: 'percentage', partyId: `party:${party.park}`, basisPoints: 6_000 },
        {
          rule: 'equal',
          partyIds: [`household:${town.household101.id}`, `household:${town.household201.id}`],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const [costs] = plan.json().costPlans;
    expect(costs.shares.map((s: { label: string; amountFen: number }) => [s.label, s.amountFen])).toEqual([
      ['建设职业技术学院', 300_000],
      ['801创意园', 420_001],
      ['1号楼 1单元 101', 140_000],
      ['2号楼 1单元 201', 140_000],
    ]);
    expect(costs.shares.reduce((s: number, x: { amountFen: number }) => s + x.amountFen, 0)).toBe(1_000_001);
    expect(costs.rules.at(-1)).toContain('各份之和等于总额');

    const household = costs.shares[2];
    expect((await send(resident, 'POST', `/api/cost-shares/${household.id}/confirm`)).statusCode).toBe(204);
    expect((await send(resident, 'POST', `/api/cost-shares/${household.id}/confirm`)).statusCode).toBe(409);
    expect((await send(resident, 'POST', `/api/cost-shares/${costs.shares[3].id}/confirm`)).statusCode).toBe(
      404,
    );
    expect((await send(property, 'POST', `/api/cost-shares/${costs.shares[1].id}/confirm`)).statusCode).toBe(
      403,
    );
    // The office confirms for the park, which has no account here, as it received the signed paper.
    expect((await send(secretary, 'POST', `/api/cost-shares/${costs.shares[1].id}/confirm`)).statusCode).toBe(
      204,
    );
  });

  it('writes the minutes as a .docx that opens and holds the decisions, in Chinese fonts', async () => {
    await send(secretary, 'POST', `/api/meetings/${meeting.id}/conclude`, {});
    const response = await send(secretary, 'GET', `/api/meetings/${meeting.id}/minutes.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const file = response.rawPayload;
    const paragraphs = docxParagraphs(file);
    expect(paragraphs[0]).toBe('锦秀河畔有事共商量议事会纪要');
    expect(paragraphs).toContain(
      '决定：表决：到会 3 人，赞成 2 票，反对 0 票，弃权 1 票，通过。物业更换灯具，社区安装太阳能灯4盏；王文贵负责监督。',
    );
    expect(paragraphs).toContain('决定：暂缓，列入下次会议。待消防部门意见');
    expect(paragraphs.join('|')).toContain('801创意园|4200.01|4200.01|—|已确认');
    expect(docxParts(file).get('word/styles.xml')).toContain('w:eastAsia="宋体"');
  });

  it('resolves the problem once every action item for it is done, and asks the submitter for feedback', async () => {
    const items = (await send(secretary, 'GET', `/api/meetings/${meeting.id}`)).json().actionItems;
    const noEvidence = await send(property, 'POST', `/api/action-items/${items[0].id}/progress`, {
      status: 'done',
    });
    expect(noEvidence.json().errors[0].field).toBe('evidence');
    expect(
      (await send(neighbour, 'POST', `/api/action-items/${items[0].id}/progress`, { status: 'in_progress' }))
        .statusCode,
    ).toBe(404);
    await send(property, 'POST', `/api/action-items/${items[0].id}/progress`, {
      status: 'done',
      evidence: '已更换12盏灯具',
    });
    let own = (await send(resident, 'GET', `/api/matters/mine/${lights.matterId}`)).json();
    expect(own.problem.state).not.toBe('resolved');
    expect(
      (
        await send(property, 'POST', `/api/action-items/${items[1].id}/progress`, {
          status: 'done',
          evidence: 'x',
        })
      ).statusCode,
    ).toBe(403);
    await send(deputy, 'POST', `/api/action-items/${items[1].id}/progress`, {
      status: 'done',
      evidence: '4盏太阳能灯已验收',
    });
    own = (await send(resident, 'GET', `/api/matters/mine/${lights.matterId}`)).json();
    expect(own.problem.state).toBe('resolved');
    const notice = await t.database.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'problem.resolved')
      .executeTakeFirstOrThrow();
    expect(notice.title).toContain('锦秀河畔路灯不亮');
    const feedback = await send(resident, 'POST', `/api/matters/${lights.matterId}/feedback`, {
      solved: true,
      rating: 5,
    });
    expect(feedback.json().state).toBe('confirmed');
  });

  it('shows published outcomes to the public per problem, without residents’ names', async () => {
    const url = `/api/public/problems/${lights.problemId}/meetings`;
    expect((await send(null, 'GET', url)).statusCode).toBe(404); // the problem is not published yet
    await t.database.db
      .updateTable('problems')
      .set({ published_at: new Date().toISOString(), public_summary: '路灯不亮' })
      .where('id', '=', lights.problemId)
      .execute();
    expect((await send(null, 'GET', url)).json().items).toEqual([]); // nor is the meeting
    const refused = await send(secretary, 'PUT', `/api/meetings/${meeting.id}/summary`, { published: true });
    expect(refused.json().errors[0].field).toBe('publicSummary');
    await send(secretary, 'PUT', `/api/meetings/${meeting.id}/summary`, {
      publicSummary: '议事会商定：物业更换灯具，社区安装太阳能灯。王文贵等居民代表参加。',
      published: true,
    });
    const outcomes = (await send(null, 'GET', url)).json();
    expect(outcomes.items).toHaveLength(1);
    const text = JSON.stringify(outcomes);
    expect(text).not.toContain('王文贵');
    expect(text).not.toContain('罗倩');
    expect(text).toContain('王**');
    expect(outcomes.items[0].decisions[0]).toMatchObject({ adopted: true, votesFor: 2, method: 'vote' });
    expect(outcomes.items[0].actionItems).toEqual([
      { title: '更换损坏灯具', responsibleParty: '红宝物业', dueOn: '2026-03-20', status: 'done' },
      { title: '跟进太阳能灯安装', responsibleParty: null, dueOn: '2026-03-31', status: 'done' },
    ]);
  });
});

describe('joint meetings 联席会议', () => {
  it('take up the problems that climbed to their rung, and carry over the open items of the last one', async () => {
    const roof = await problemRaisedBy(neighbour, '顶楼漏水，屋里墙皮都泡了。', '2号楼屋面漏水');
    await t.database.db
      .updateTable('problems')
      .set({ level: 'joint_meeting' })
      .where('id', '=', roof.problemId)
      .execute();
    const first = await convene({
      kind: 'joint',
      title: '物业联席会议（第一季度）',
      recurrence: 'quarterly',
      startsAt: '2026-01-15T02:00:00Z',
      endsAt: '2026-01-15T04:00:00Z',
      topics: ['停车秩序'],
    });
    expect(first.agenda.map((a: { topic: string }) => a.topic)).toEqual(['2号楼屋面漏水', '停车秩序']);
    await send(secretary, 'POST', `/api/meetings/${first.id}/open`, {});
    await send(secretary, 'POST', `/api/meetings/${first.id}/attendees`, {
      name: '田军',
      partyId: party.property,
    });
    await send(secretary, 'POST', `/api/meetings/${first.id}/agenda/${first.agenda[1].id}/decision`, {
      outcome: 'decided',
      method: 'consensus',
      decision: '施划临时停车位',
    });
    await send(secretary, 'POST', `/api/meetings/${first.id}/conclude`, {});
    const next = await send(secretary, 'POST', `/api/meetings/${first.id}/next`);
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ startsAt: '2026-04-15T02:00:00.000Z', previousId: first.id });
    expect(
      next.json().agenda.map((a: { topic: string; carriedOver: boolean }) => [a.topic, a.carriedOver]),
    ).toEqual([['2号楼屋面漏水', true]]);
  });
});

describe('follow-up of action items', () => {
  it('reminds before the due date and climbs the ladder once overdue', async () => {
    const problem = await problemRaisedBy(resident, '单元门禁坏了。', '1号楼单元门禁损坏');
    const m = await convene({ problemIds: [problem.problemId] });
    await send(secretary, 'POST', `/api/meetings/${m.id}/open`, {});
    await send(secretary, 'POST', `/api/meetings/${m.id}/attendees`, { name: '居民甲' });
    await send(secretary, 'POST', `/api/meetings/${m.id}/agenda/${m.agenda[0].id}/decision`, {
      outcome: 'decided',
      method: 'consensus',
      decision: '物业维修门禁',
    });
    await send(secretary, 'POST', `/api/meetings/${m.id}/action-items`, {
      agendaItemId: m.agenda[0].id,
      title: '维修门禁',
      partyId: party.property,
      dueOn: '2026-05-20',
    });
    const at = (iso: string) =>
      transact(t.app.deps, null, (tx) => followUpActionItems({ ...tx, now: new Date(iso) }));
    expect(await at('2026-05-20T03:00:00Z')).toMatchObject({ reminded: 1, climbed: 0 });
    expect(await at('2026-05-20T04:00:00Z')).toMatchObject({ reminded: 0, climbed: 0 });
    expect(await at('2026-05-20T16:00:00Z')).toMatchObject({ climbed: 1 });
    const item = await t.database.db
      .selectFrom('action_items')
      .select('level')
      .where('meeting_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(item.level).toBe('joint_meeting');
    const told = await t.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('kind', 'in', ['action_item.due_soon', 'action_item.overdue'])
      .execute();
    expect(told.map((n) => n.kind).sort()).toEqual([
      'action_item.due_soon',
      'action_item.overdue',
      'action_item.overdue',
    ]);
  });
});

describe('reminders of a meeting', () => {
  it('remind the invitees who did not decline, once, the day before', async () => {
    const m = await convene({
      title: '听证会：小区停车收费',
      kind: 'hearing',
      startsAt: '2026-08-20T07:00:00Z',
      endsAt: '2026-08-20T09:00:00Z',
      invite: { partyIds: [party.property], userIds: [deputyId] },
    });
    await send(deputy, 'POST', `/api/meetings/${m.id}/reply`, { reply: 'not_coming' });
    const at = (iso: string) =>
      transact(t.app.deps, null, (tx) => remindInvitees({ ...tx, now: new Date(iso) }));
    expect(await at('2026-08-19T06:00:00Z')).toBe(0);
    expect(await at('2026-08-19T08:00:00Z')).toBe(1);
    expect(await at('2026-08-19T09:00:00Z')).toBe(0);
    const reminded = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'meeting.reminder')
      .execute();
    expect(reminded.map((r) => r.user_id)).not.toContain(deputyId);
    expect(reminded).toHaveLength(1); // the property company's staff
  });
});
