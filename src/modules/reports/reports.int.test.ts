import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, makeUser, type Session, signedInUser } from '../../../test/factories.ts';
import { categoryNames, channelNames, levelNames } from '../../domain/matters/vocabulary.ts';
import { matterStateNames, problemStateNames } from '../../domain/reports/notable.ts';
import { inTransaction, type Tx } from '../../server/transaction.ts';
import type { Actor } from '../access/actor.ts';
import { loadActor } from '../auth/session.plugin.ts';
import { publish } from '../echo/echo.service.ts';
import { escalateProblem } from '../ladder/escalation.service.ts';
import { acceptMatter, declineMatter, giveFeedback, intakeMatter } from '../matters/matters.service.ts';
import { conveneMeeting } from '../meetings/convene.service.ts';
import { docxFiles, docxParagraphs, docxParts, docxTables } from '../meetings/docx-text.testkit.ts';
import { addAttendee, decideItem, openMeeting } from '../meetings/record.service.ts';
import { dispatchProblem, reportOrder, takeOrder } from '../problems/orders.service.ts';
import type { MonthlyReport } from './reports.schemas.ts';

// A community and its street with problems in several states over October and November 2026, told through
// the services at chosen moments; the report's JSON and .docx are checked against counts made here, straight
// from the records — not through the figures code the report itself uses.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let admin: Actor;
let residents: { actor: Actor; phone: string; name: string }[];
let partyId: string;
const sessions = {} as Record<
  'officer' | 'secretary' | 'otherSecretary' | 'grid' | 'resident' | 'property',
  Session
>;
const ids = {} as Record<string, string>;

// Beijing's November 2026 runs from 2026-10-31T16:00Z to 2026-11-30T16:00Z.
const NOVEMBER = { startIso: '2026-10-31T16:00:00.000Z', endIso: '2026-11-30T16:00:00.000Z' };
const OCTOBER = { startIso: '2026-09-30T16:00:00.000Z', endIso: '2026-10-31T16:00:00.000Z' };

function at<T>(actor: Actor, iso: string, work: (tx: Tx) => Promise<T>) {
  return inTransaction(
    t.database,
    { actor, now: new Date(iso), auditKey: 'test-audit-key-0123456789' },
    work,
  );
}

async function raise(
  iso: string,
  o: {
    category: string;
    channel: 'phone' | 'wechat' | 'visit' | 'hotline_12345';
    who?: number;
    placeId?: string;
  },
) {
  return at(admin, iso, (tx) =>
    intakeMatter(tx, {
      kind: 'problem',
      category: o.category as 'environment',
      text: '小区路灯不亮，晚上看不清路',
      placeId: o.placeId ?? town.household101.id,
      channel: o.channel,
      submitterPhone: residents[o.who ?? 0]!.phone,
      hotlineNo: o.channel === 'hotline_12345' ? `GD${Date.parse(iso)}` : undefined,
      hideName: false,
      photoIds: [],
    }),
  );
}
const accept = (iso: string, matterId: string, title: string) =>
  at(admin, iso, (tx) => acceptMatter(tx, matterId, { title, urgency: 2, severity: 2 }));
const dispatch = (iso: string, problemId: string) =>
  at(admin, iso, (tx) => dispatchProblem(tx, problemId, { lead: { partyId }, assisting: [] }));
async function leadOrder(problemId: string) {
  const order = await t.database.db
    .selectFrom('orders')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('role', '=', 'lead')
    .where('state', 'in', ['dispatched', 'taken'])
    .executeTakeFirstOrThrow();
  return order.id;
}
const take = async (iso: string, problemId: string) => {
  const orderId = await leadOrder(problemId);
  await at(admin, iso, (tx) => takeOrder(tx, orderId));
};
const report = async (iso: string, problemId: string) => {
  const orderId = await leadOrder(problemId);
  await at(admin, iso, (tx) => reportOrder(tx, orderId, { text: '已维修' }));
};
const feedback = (iso: string, who: number, matterId: string, solved: boolean, rating: number) =>
  at(residents[who]!.actor, iso, (tx) => giveFeedback(tx, matterId, { solved, rating }));

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  const actorOf = async (spec: Parameters<typeof makeUser>[1]) => {
    const user = await makeUser(t.database, spec);
    return {
      actor: await loadActor(
        t.database.db,
        { userId: user.userId, personId: user.personId, kind: spec?.grants ? 'staff' : 'resident' },
        '',
      ),
      phone: user.phone,
    };
  };
  admin = (await actorOf({ grants: [{ role: 'admin', place: town.city }] })).actor;
  residents = [
    {
      ...(await actorOf({ kind: 'resident', name: '王文贵', households: [town.household101] })),
      name: '王文贵',
    },
    {
      ...(await actorOf({ kind: 'resident', name: '马小兰', households: [town.household201] })),
      name: '马小兰',
    },
  ];
  partyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: partyId,
      kind: 'property_company',
      name: '红宝物业',
      place_id: town.street.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  const session = async (spec: Parameters<typeof signedInUser>[2]) =>
    (await signedInUser(t.app, t.database, spec)).session;
  sessions.officer = await session({ grants: [{ role: 'street_officer', place: town.street }] });
  sessions.secretary = await session({ grants: [{ role: 'community_secretary', place: town.community }] });
  sessions.otherSecretary = await session({
    grants: [{ role: 'community_secretary', place: town.otherCommunity }],
  });
  sessions.grid = await session({ grants: [{ role: 'grid_worker', gridId: town.grid1.id }] });
  sessions.property = await session({ grants: [{ role: 'property_staff', place: town.compound, partyId }] });
  sessions.resident = await session({ kind: 'resident', households: [town.household101] });

  // October: one solved and confirmed; one taken and left running past its deadline; the last minute of
  // October in Beijing (15:59Z on the 31st).
  const o1 = await raise('2026-10-08T02:00:00Z', { category: 'environment', channel: 'phone' });
  ids.oct1 = await accept('2026-10-08T03:00:00Z', o1, '十月路灯维修');
  await dispatch('2026-10-08T04:00:00Z', ids.oct1);
  await take('2026-10-08T05:00:00Z', ids.oct1);
  await report('2026-10-09T05:00:00Z', ids.oct1);
  await feedback('2026-10-10T05:00:00Z', 0, o1, true, 5);
  const o2 = await raise('2026-10-20T02:00:00Z', { category: 'property_service', channel: 'wechat', who: 1 });
  ids.oct2 = await accept('2026-10-20T03:00:00Z', o2, '十月楼道堆物');
  await dispatch('2026-10-20T04:00:00Z', ids.oct2);
  await take('2026-10-20T06:00:00Z', ids.oct2);
  const o3 = await raise('2026-10-31T15:59:00Z', { category: 'pets', channel: 'visit' });
  ids.oct3 = await accept('2026-10-31T15:59:30Z', o3, '十月末犬只扰民');

  // November: the first minutes of the month in Beijing are 2026-10-31T17:00Z.
  const n1 = await raise('2026-10-31T17:00:00Z', { category: 'environment', channel: 'phone' });
  ids.nov1 = await accept('2026-10-31T17:30:00Z', n1, '十一月初路灯不亮');
  await dispatch('2026-10-31T18:00:00Z', ids.nov1);
  await take('2026-11-01T02:00:00Z', ids.nov1);
  await report('2026-11-02T02:00:00Z', ids.nov1);
  await feedback('2026-11-03T02:00:00Z', 0, n1, true, 5);
  await at(admin, '2026-11-04T02:00:00Z', (tx) => publish(tx, ids.nov1!, '小区路灯已修好'));

  // Taken late (30 hours), reported, the resident unhappy: reopened 重办.
  const n2 = await raise('2026-11-03T01:00:00Z', { category: 'property_service', channel: 'wechat', who: 1 });
  ids.nov2 = await accept('2026-11-03T01:30:00Z', n2, '电梯经常停运');
  await dispatch('2026-11-03T02:00:00Z', ids.nov2);
  await take('2026-11-04T08:00:00Z', ids.nov2);
  await report('2026-11-05T08:00:00Z', ids.nov2);
  await feedback('2026-11-06T08:00:00Z', 1, n2, false, 2);

  // Accepted and never dispatched: past its deadline by now.
  const n3 = await raise('2026-11-05T03:00:00Z', { category: 'fire_safety', channel: 'hotline_12345' });
  ids.nov3 = await accept('2026-11-05T04:00:00Z', n3, '楼道电动车充电');

  // Declined.
  const n4 = await raise('2026-11-10T03:00:00Z', { category: 'other', channel: 'phone' });
  await at(admin, '2026-11-10T04:00:00Z', (tx) => declineMatter(tx, n4, '不属于社区职责'));

  // Two residents, one problem; dispatched, escalated, then decided at a consultation meeting.
  const n5 = await raise('2026-11-12T03:00:00Z', { category: 'environment', channel: 'visit' });
  ids.nov5 = await accept('2026-11-12T04:00:00Z', n5, '二次供水泵房噪声');
  const n5b = await raise('2026-11-12T05:00:00Z', { category: 'environment', channel: 'phone', who: 1 });
  await at(admin, '2026-11-12T06:00:00Z', (tx) => acceptMatter(tx, n5b, { problemId: ids.nov5! }));
  await dispatch('2026-11-12T07:00:00Z', ids.nov5);
  await at(admin, '2026-11-13T07:00:00Z', (tx) => escalateProblem(tx, ids.nov5!, '物业无法解决'));
  const meetingId = await at(admin, '2026-11-14T01:00:00Z', (tx) =>
    conveneMeeting(tx, {
      kind: 'council',
      title: '泵房噪声协商议事会',
      placeId: town.community.id,
      startsAt: '2026-11-16T07:00:00Z',
      endsAt: '2026-11-16T09:00:00Z',
      venue: '社区会议室',
      recurrence: 'none',
      invite: { partyIds: [], roles: [], userIds: [] },
      problemIds: [ids.nov5!],
      topics: [],
    }),
  );
  await at(admin, '2026-11-16T07:00:00Z', (tx) => openMeeting(tx, meetingId));
  await at(admin, '2026-11-16T07:05:00Z', (tx) => addAttendee(tx, meetingId, { name: '居民代表' }));
  const item = await t.database.db
    .selectFrom('meeting_agenda_items')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  await at(admin, '2026-11-16T08:00:00Z', (tx) =>
    decideItem(tx, meetingId, item.id, {
      outcome: 'decided',
      method: 'consensus',
      decision: '开发商更换静音泵',
    }),
  );

  // The other community of the street: one problem in November.
  const x1 = await raise('2026-11-15T03:00:00Z', {
    category: 'traffic_parking',
    channel: 'phone',
    placeId: town.otherHousehold.id,
  });
  ids.other = await accept('2026-11-15T04:00:00Z', x1, '车辆乱停放');
}, 120_000);
afterAll(() => t.close());

const get = (session: Session | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { ...as(session), 'accept-language': 'zh-CN' } });
const monthly = (placeId: string, month: string, session: Session | null = sessions.officer, ext = '') =>
  get(session, `/api/workbench/reports/monthly${ext}?placeId=${placeId}&month=${month}`);

/** The month's figures counted straight from the records, as domain.md and docs/figures.md define them. */
async function direct(placePath: string, month: { startIso: string; endIso: string }, nowIso: string) {
  const db = t.database.db;
  const paths = new Map(
    (await db.selectFrom('places').select(['id', 'path', 'name']).execute()).map((p) => [p.id, p]),
  );
  const inMonth = (r: { created_at: string; community_id: string }) =>
    r.created_at >= month.startIso &&
    r.created_at < month.endIso &&
    paths.get(r.community_id)!.path.startsWith(placePath);
  const allMatters = await db.selectFrom('matters').selectAll().orderBy('created_at').orderBy('id').execute();
  const matters = allMatters.filter(inMonth);
  const problems = (
    await db.selectFrom('problems').selectAll().orderBy('created_at').orderBy('id').execute()
  ).filter(inMonth);
  const count = <T>(rows: T[], f: (r: T) => boolean) => rows.filter(f).length;
  const running = (s: string) => ['open', 'dispatched', 'in_progress'].includes(s);
  const dueBy = Date.parse(nowIso) - 24 * 3_600_000;
  const firstChannel = (problemId: string) =>
    allMatters.find((m) => m.problem_id === problemId)?.channel ?? 'online';
  const overdueNow = await db
    .selectFrom('problems')
    .selectAll()
    .where('state', 'in', ['open', 'dispatched', 'in_progress'])
    .where('deadline_at', '<', nowIso)
    .where('created_at', '<', month.endIso)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const countsOf = (m: typeof matters, p: typeof problems) => ({
    collected: m.length,
    declined: count(m, (x) => x.state === 'declined'),
    problems: p.length,
    open: count(p, (x) => x.state === 'open'),
    inProgress: count(p, (x) => x.state === 'dispatched' || x.state === 'in_progress'),
    solved: count(p, (x) => x.state === 'resolved' || x.state === 'closed'),
    overdue: count(p, (x) => running(x.state) && x.deadline_at !== null && x.deadline_at < nowIso),
  });
  return {
    matters,
    problems,
    counts: countsOf(matters, problems),
    countsOf,
    rates: {
      response: [
        count(
          problems,
          (x) =>
            Date.parse(x.created_at) <= dueBy &&
            x.first_taken_at !== null &&
            Date.parse(x.first_taken_at) <= Date.parse(x.created_at) + 24 * 3_600_000,
        ),
        count(problems, (x) => Date.parse(x.created_at) <= dueBy),
      ],
      resolution: [
        count(matters, (x) => x.feedback_solved === 1),
        count(matters, (x) => x.feedback_solved !== null),
      ],
      satisfaction: [count(matters, (x) => (x.rating ?? 0) >= 4), count(matters, (x) => x.rating !== null)],
      reopens: problems.reduce((sum, x) => sum + x.reopen_count, 0),
    },
    firstChannel,
    overdue: overdueNow.filter((p) => paths.get(p.community_id)!.path.startsWith(placePath)),
    communityName: (id: string) => paths.get(id)!.name,
  };
}

const rateCells = (pair: number[]) => [
  String(pair[0]),
  String(pair[1]),
  pair[1] === 0 ? '—' : `${((pair[0]! / pair[1]!) * 100).toFixed(1)}%`,
];

/** The table whose header row starts with these cells. */
function tableHeaded(tables: string[][][], ...header: string[]) {
  const found = tables.find((tbl) => header.every((h, i) => tbl[0]?.[i] === h));
  if (!found) throw new Error(`no table headed ${header.join(' | ')}`);
  return found.slice(1);
}

describe('the monthly report of a community', () => {
  let json: MonthlyReport;
  let file: Buffer;
  let d: Awaited<ReturnType<typeof direct>>;

  beforeAll(async () => {
    const response = await monthly(town.community.id, '2026-11', sessions.secretary);
    expect(response.statusCode).toBe(200);
    json = response.json();
    const docx = await monthly(town.community.id, '2026-11', sessions.secretary, '.docx');
    expect(docx.statusCode).toBe(200);
    file = docx.rawPayload;
    if (process.env.REPORT_DUMP) (await import('node:fs')).writeFileSync(process.env.REPORT_DUMP, file);
    d = await direct(town.community.path, NOVEMBER, json.generatedAt);
  }, 60_000);

  it('counts the month by Beijing days: 17:00Z on 31 October is November, 15:59Z is October', async () => {
    expect(json.problems.items.map((p) => p.id)).toContain(ids.nov1);
    expect(json.problems.items.map((p) => p.id)).not.toContain(ids.oct3);
    expect(json.problems.items.find((p) => p.id === ids.nov1)?.receivedOn).toBe('2026-11-01');
    const october = (await monthly(town.community.id, '2026-10', sessions.secretary)).json() as MonthlyReport;
    expect(october.problems.items.map((p) => p.id)).toEqual([ids.oct1, ids.oct2, ids.oct3]);
    expect(october.problems.items.at(-1)?.receivedOn).toBe('2026-10-31');
    const od = await direct(town.community.path, OCTOBER, october.generatedAt);
    expect(october.counts).toEqual(od.counts);
  });

  it('gives the figures and the three rates of a direct count, in the JSON and in the .docx', () => {
    expect(json.counts).toEqual(d.counts);
    expect(json.counts).toMatchObject({ collected: 6, declined: 1, problems: 4 });
    const r = json.rates;
    expect([r.response.numerator, r.response.denominator]).toEqual(d.rates.response);
    expect([r.resolution.numerator, r.resolution.denominator]).toEqual(d.rates.resolution);
    expect([r.satisfaction.numerator, r.satisfaction.denominator]).toEqual(d.rates.satisfaction);
    expect(r.reopens).toBe(d.rates.reopens);
    expect(r.reopens).toBe(1);

    const tables = docxTables(file);
    const c = d.counts;
    expect(tableHeaded(tables, '指标', '数量')).toEqual([
      ['收集事项（件）', String(c.collected)],
      ['其中：不予受理（件）', String(c.declined)],
      ['形成问题（个）', String(c.problems)],
      ['其中：已解决（个）', String(c.solved)],
      ['在办（个）', String(c.inProgress)],
      ['待派单（个）', String(c.open)],
      ['逾期（个）', String(c.overdue)],
    ]);
    const three = tableHeaded(tables, '指标', '计算口径');
    expect(three.slice(0, 3).map((row) => [row[0], ...row.slice(2)])).toEqual([
      ['响应率', ...rateCells(d.rates.response)],
      ['解决率', ...rateCells(d.rates.resolution)],
      ['满意率', ...rateCells(d.rates.satisfaction)],
    ]);
    const text = docxParagraphs(file).join('\n');
    expect(text).toContain(`因居民不满意重办${d.rates.reopens}次`);
  });

  it('counts problems and matters by state, category and channel as the records do', () => {
    const byState = tableHeaded(docxTables(file), '问题状态', '问题（个）');
    for (const [state, names] of Object.entries(problemStateNames)) {
      const n = d.problems.filter((p) => p.state === state).length;
      expect(json.problemsByState.find((s) => s.state === state)?.n).toBe(n);
      expect(byState.find((row) => row[0] === names['zh-CN'])?.[1]).toBe(String(n));
    }
    for (const [state, names] of Object.entries(matterStateNames)) {
      const n = d.matters.filter((m) => m.state === state).length;
      expect(json.mattersByState.find((s) => s.state === state)?.n).toBe(n);
      expect(byState.find((row) => row[2] === names['zh-CN'])?.[3]).toBe(String(n));
    }

    const tables = docxTables(file);
    const byCategory = tableHeaded(tables, '类别', '收集事项');
    const categories = [...new Set(d.matters.map((m) => m.category))];
    expect(byCategory).toHaveLength(categories.length);
    for (const category of categories) {
      const c = d.countsOf(
        d.matters.filter((m) => m.category === category),
        d.problems.filter((p) => p.category === category),
      );
      const row = byCategory.find((r) => r[0] === categoryNames[category as 'other']['zh-CN']);
      expect(row).toEqual([
        categoryNames[category as 'other']['zh-CN'],
        ...[c.collected, c.problems, c.solved, c.inProgress, c.open, c.overdue].map(String),
      ]);
    }
    const byChannel = tableHeaded(tables, '渠道', '收集事项');
    const used = [...new Set(d.matters.map((m) => m.channel))];
    expect(byChannel).toHaveLength(used.length);
    for (const channel of used) {
      const c = d.countsOf(
        d.matters.filter((m) => m.channel === channel),
        d.problems.filter((p) => d.firstChannel(p.id) === channel),
      );
      const name = channelNames[channel as 'phone']['zh-CN'];
      expect(byChannel.find((r) => r[0] === name)?.slice(1, 4)).toEqual(
        [c.collected, c.problems, c.solved].map(String),
      );
    }
  });

  it('lists every problem of the month with its state, level and handler, as stored', async () => {
    const rows = tableHeaded(docxTables(file), '序号', '受理日期', '问题', '类别');
    const handlers = await t.database.db
      .selectFrom('orders')
      .innerJoin('parties', 'parties.id', 'orders.party_id')
      .select(['orders.problem_id', 'parties.name'])
      .where('orders.role', '=', 'lead')
      .where('orders.state', '!=', 'transferred')
      .execute();
    const expected = d.problems.map((p, i) => [
      String(i + 1),
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(p.created_at)),
      p.title,
      categoryNames[p.category as 'other']['zh-CN'],
      `亲水阳光社区 锦秀河畔 1号楼`,
      levelNames[p.level as 'compound']['zh-CN'],
      handlers.find((h) => h.problem_id === p.id)?.name ?? '—',
      problemStateNames[p.state as 'open']['zh-CN'],
    ]);
    expect(rows).toEqual(expected);
    expect(json.problems.total).toBe(d.problems.length);
    expect(json.problems.items.map((p) => [p.id, p.state, p.level])).toEqual(
      d.problems.map((p) => [p.id, p.state, p.level]),
    );
    expect(json.problems.items.find((p) => p.id === ids.nov5)?.voices).toBe(2);
  });

  it('lists the problems overdue now, those of earlier months included', () => {
    expect(d.overdue.map((p) => p.id)).toEqual(expect.arrayContaining([ids.oct2, ids.nov3]));
    expect(json.overdue.items.map((p) => p.id)).toEqual(d.overdue.map((p) => p.id));
    const rows = tableHeaded(
      docxTables(file),
      '序号',
      '受理日期',
      '问题',
      '地点',
      '层级',
      '承办单位',
      '办理时限',
    );
    expect(rows.map((r) => r[2])).toEqual(d.overdue.map((p) => p.title));
    for (const level of json.overdue.byLevel)
      expect(level.n).toBe(d.overdue.filter((p) => p.level === level.level).length);
  });

  it('tells the notable cases by the stated rule: meeting, escalation, echo wall', () => {
    const cases = Object.fromEntries(json.notable.map((n) => [n.id, n.reasons]));
    expect(cases).toEqual({ [ids.nov5!]: ['meeting', 'escalated'], [ids.nov1!]: ['published'] });
    expect(json.notable[0]?.meetings).toEqual(['泵房噪声协商议事会']);
    expect(json.notable[1]?.publicSummary).toBe('小区路灯已修好');
    const text = docxParagraphs(file);
    expect(text).toContain('（一）二次供水泵房噪声（亲水阳光社区）');
    expect(text.join('\n')).toContain('回音壁公开内容：小区路灯已修好');
  });

  it('is laid out as Chinese offices expect: fonts named for East Asian text, title, date, sections', () => {
    const parts = docxParts(file);
    const xml = parts.get('word/document.xml')!;
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(xml).toContain(`w:eastAsia="${font}"`);
    expect(parts.get('word/styles.xml')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(parts.get('word/fontTable.xml')).toContain(
      '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>',
    );
    expect(parts.get('word/fontTable.xml')).toContain(
      '<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>',
    );
    // A4 with the margins of GB/T 9704: 210 × 297 mm, top 37 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:top="2098"');
    const text = docxParagraphs(file);
    expect(text[0]).toBe('亲水阳光社区2026年11月群众诉求办理情况月报');
    expect(text[1]).toBe('（统计时段：2026年11月1日—2026年11月30日）');
    const headings = text.filter((p) => /^[一二三四五六七八九十]+、/.test(p));
    expect(headings).toEqual([
      '一、总体情况',
      '二、“三率”情况',
      '三、分类和渠道情况',
      '四、逾期问题',
      '五、问题清单',
      '六、典型案例',
      '七、统计口径',
    ]);
  });

  it('embeds the charts as valid PNG images', async () => {
    const media = [...docxFiles(file)].filter(([name]) => name.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const [, png] of media) {
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThanOrEqual(1280);
      // Not a blank canvas: a drawn chart has many colours.
      const stats = await sharp(png).stats();
      expect(stats.channels[0]!.stdev).toBeGreaterThan(10);
    }
  });

  it('carries no resident’s name or phone number, in the JSON or the document', () => {
    const everything = `${JSON.stringify(json)}\n${[...docxParts(file).values()].join('\n')}`;
    for (const r of residents) {
      expect(everything).not.toContain(r.phone);
      expect(everything).not.toContain(r.name);
    }
  });
});

describe('the monthly report of a street', () => {
  it('adds a table of its communities, each as counted from the records', async () => {
    const response = await monthly(town.street.id, '2026-11');
    expect(response.statusCode).toBe(200);
    const json = response.json() as MonthlyReport;
    const d = await direct(town.street.path, NOVEMBER, json.generatedAt);
    expect(json.counts).toEqual(d.counts);
    expect(json.problems.items.map((p) => p.id)).toEqual(d.problems.map((p) => p.id));

    const docx = await monthly(town.street.id, '2026-11', sessions.officer, '.docx');
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const name = encodeURIComponent('长城中路街道2026年11月群众诉求办理情况月报.docx');
    expect(docx.headers['content-disposition']).toContain(`filename*=UTF-8''${name}`);
    const rows = tableHeaded(docxTables(docx.rawPayload), '社区', '收集事项');
    expect(rows.map((r) => r[0]).sort()).toEqual(['亲水阳光社区', '香溪美地社区'].sort());
    for (const community of [town.community, town.otherCommunity]) {
      const c = d.countsOf(
        d.matters.filter((m) => m.community_id === community.id),
        d.problems.filter((p) => p.community_id === community.id),
      );
      expect(rows.find((r) => r[0] === community.name)?.slice(1, 6)).toEqual(
        [c.collected, c.problems, c.solved, c.inProgress, c.overdue].map(String),
      );
    }
    expect(docxParagraphs(docx.rawPayload)).toContain('四、各社区情况');
    expect([...docxFiles(docx.rawPayload).keys()].filter((n) => n.startsWith('word/media/'))).toHaveLength(3);
  });
});

describe('who may read a monthly report', () => {
  it('asks for a sign-in, and refuses staff who keep no community office', async () => {
    expect((await monthly(town.community.id, '2026-11', null)).statusCode).toBe(401);
    expect((await monthly(town.community.id, '2026-11', null, '.docx')).statusCode).toBe(401);
    for (const who of ['resident', 'grid', 'property'] as const) {
      expect((await monthly(town.community.id, '2026-11', sessions[who])).statusCode).toBe(403);
      expect((await monthly(town.community.id, '2026-11', sessions[who], '.docx')).statusCode).toBe(403);
    }
  });

  it('answers 404 for a place out of scope, as for one that does not exist', async () => {
    expect((await monthly(town.community.id, '2026-11', sessions.otherSecretary)).statusCode).toBe(404);
    expect((await monthly(town.street.id, '2026-11', sessions.secretary, '.docx')).statusCode).toBe(404);
    expect((await monthly(uuidv7(), '2026-11', sessions.officer)).statusCode).toBe(404);
  });

  it('offers each reader the places in their scope', async () => {
    const places = async (s: Session) =>
      ((await get(s, '/api/workbench/reports/places')).json() as { places: { name: string }[] }).places.map(
        (p) => p.name,
      );
    expect(await places(sessions.officer)).toEqual(['长城中路街道', '亲水阳光社区', '香溪美地社区']);
    expect(await places(sessions.secretary)).toEqual(['亲水阳光社区']);
    expect((await get(sessions.grid, '/api/workbench/reports/places')).statusCode).toBe(403);
  });

  it('refuses a compound, a month not yet begun and a malformed month beside the field', async () => {
    const compound = await monthly(town.compound.id, '2026-11', sessions.secretary);
    expect(compound.statusCode).toBe(400);
    expect(compound.json().errors[0].field).toBe('placeId');
    const future = await monthly(town.community.id, '2999-01', sessions.secretary);
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('month');
    expect((await monthly(town.community.id, '2026-13', sessions.secretary)).statusCode).toBe(400);
  });
});
