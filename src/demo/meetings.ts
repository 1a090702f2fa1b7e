import type { CostPart } from '../domain/cost-sharing/plan.ts';
import type { MeetingKind } from '../domain/meetings/vocabulary.ts';
import { loadActor } from '../modules/auth/session.plugin.ts';
import { conveneMeeting, scheduleNext } from '../modules/meetings/convene.service.ts';
import { addCostPlan, confirmShare } from '../modules/meetings/cost.service.ts';
import { saveSummary } from '../modules/meetings/outcomes.service.ts';
import { addActionItem, reportProgress } from '../modules/meetings/plan.service.ts';
import {
  addAttendee,
  concludeMeeting,
  decideItem,
  openMeeting,
  recordSpeech,
} from '../modules/meetings/record.service.ts';
import { createParty } from '../modules/parties/parties.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlaces } from './tree.ts';

// The meetings of the reference cases (domain.md, cases 1–3, 5, 6), held through the same services the
// workbench uses, on the days the demo's matters place them.

type Parties = Record<DemoPartyKey, string>;
type Story = { tx: Tx; places: DemoPlaces; parties: Parties };

async function as(tx: Tx, phone: string, at: string): Promise<Tx> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'person_id', 'kind'])
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(tx.db, { userId: user.id, personId: user.person_id, kind: user.kind }, '');
  return { ...tx, actor, now: new Date(at) };
}

async function problemTitled(tx: Tx, title: string) {
  const row = await tx.db
    .selectFrom('problems')
    .select('id')
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function userOf(tx: Tx, phone: string) {
  return (await tx.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow())
    .id;
}

type Said = { who: string; party?: string; capacity?: string; text: string; proposal?: true };
type Item = {
  said?: Said[];
  /** Consensus, a vote [for, against, abstain], or deferred. */
  decide: 'consensus' | [number, number, number] | 'defer';
  decision: string;
  actions?: { title: string; party?: string; user?: string; dueOn: string; done?: string }[];
  costs?: { title: string; totalFen: number; payers: string[]; parts: CostPart[]; confirm: boolean };
};
type Held = {
  convener: string;
  kind: MeetingKind;
  title: string;
  placeId: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  recurrence?: 'quarterly';
  convenerPartyId?: string;
  invite: { partyIds?: string[]; userIds?: string[] };
  problems?: string[];
  topics?: string[];
  present: { name: string; party?: string; capacity?: string }[];
  items: Item[];
  publicSummary?: string;
};

/** Convenes, opens, records, decides, plans and closes one meeting; returns its id. */
async function hold(tx: Tx, m: Held, existing?: string): Promise<string> {
  const start = Date.parse(m.startsAt);
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const convener = await as(tx, m.convener, new Date(start - 5 * 86_400_000).toISOString());
  const problemIds = await Promise.all((m.problems ?? []).map((title) => problemTitled(tx, title)));
  const id =
    existing ??
    (await conveneMeeting(convener, {
      kind: m.kind,
      title: m.title,
      placeId: m.placeId,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      venue: m.venue,
      recurrence: m.recurrence ?? 'none',
      convenerPartyId: m.convenerPartyId,
      invite: { partyIds: m.invite.partyIds ?? [], userIds: m.invite.userIds ?? [], roles: [] },
      problemIds,
      topics: m.topics ?? [],
    }));
  const desk = { ...convener, now: new Date(at(0)) };
  await openMeeting(desk, id);
  for (const p of m.present)
    await addAttendee(desk, id, { name: p.name, partyId: p.party, capacity: p.capacity });
  const agenda = await tx.db
    .selectFrom('meeting_agenda_items')
    .select(['id', 'position'])
    .where('meeting_id', '=', id)
    .orderBy('position')
    .execute();
  let minute = 5;
  for (const [i, item] of m.items.entries()) {
    const agendaItemId = agenda[i]?.id;
    if (!agendaItemId) break;
    for (const s of item.said ?? []) {
      minute += 4;
      await recordSpeech({ ...desk, now: new Date(at(minute)) }, id, {
        kind: s.proposal ? 'proposal' : 'speech',
        agendaItemId,
        speakerName: s.who,
        partyId: s.party,
        capacity: s.capacity,
        text: s.text,
      });
    }
    minute += 3;
    const when = { ...desk, now: new Date(at(minute)) };
    if (item.decide === 'defer') {
      await decideItem(when, id, agendaItemId, { outcome: 'deferred', decision: item.decision });
      continue;
    }
    const [votesFor, votesAgainst, votesAbstain] = item.decide === 'consensus' ? [] : item.decide;
    await decideItem(when, id, agendaItemId, {
      outcome: 'decided',
      method: item.decide === 'consensus' ? 'consensus' : 'vote',
      votesFor,
      votesAgainst,
      votesAbstain,
      decision: item.decision,
    });
    for (const a of item.actions ?? []) {
      await addActionItem(when, id, {
        agendaItemId,
        title: a.title,
        partyId: a.party,
        userId: a.user,
        dueOn: a.dueOn,
      });
    }
    if (item.costs) {
      await addCostPlan(when, id, { agendaItemId, ...item.costs });
    }
  }
  const end = { ...desk, now: new Date(m.endsAt) };
  await concludeMeeting(end, id);
  // Payers confirm their shares; the office records those of parties without accounts.
  const shares = await tx.db
    .selectFrom('cost_shares')
    .innerJoin('cost_plans', 'cost_plans.id', 'cost_shares.plan_id')
    .select('cost_shares.id')
    .where('cost_plans.meeting_id', '=', id)
    .execute();
  if (m.items.some((i) => i.costs?.confirm)) for (const s of shares) await confirmShare(end, s.id);
  // Work done afterwards, with its evidence: the last item of a problem resolves it.
  const actions = await tx.db
    .selectFrom('action_items')
    .select(['id', 'title'])
    .where('meeting_id', '=', id)
    .orderBy('created_at')
    .execute();
  const planned = m.items.flatMap((i) => i.actions ?? []);
  for (const [i, action] of actions.entries()) {
    const done = planned[i]?.done;
    if (done)
      await reportProgress({ ...end, now: new Date(`${planned[i]?.dueOn}T09:00:00+08:00`) }, action.id, {
        status: 'done',
        evidence: done,
      });
  }
  if (m.publicSummary) await saveSummary(end, id, { publicSummary: m.publicSummary, published: true });
  return id;
}

const phones = {
  admin: '17000000001',
  xieYu: '17000000002',
  buYanan: '17000000003',
  maJia: '17000000004',
  luoQian: '17000000005',
  yuYing: '17000000006',
  yangZhijun: '17000000008',
  liNa: '17000000009',
};

export async function holdMeetings({ tx, places, parties }: Story) {
  const admin = await as(tx, phones.admin, '2026-04-01T09:00:00+08:00');
  const luo = await userOf(tx, phones.luoQian);
  const yu = await userOf(tx, phones.yuYing);
  // 217社区 pays part of the east wall (case 3): its community party committee stands for it.
  const community217 = (
    await createParty(admin, {
      kind: 'party_organisation',
      name: '217社区党委',
      placeId: places.community217.id,
    })
  ).id;

  // Case 1: 亲水阳光's "有事共商量" meeting ranks property service and stairwell clutter first.
  await hold(tx, {
    convener: phones.xieYu,
    kind: 'council',
    title: '亲水阳光社区“有事共商量”协商议事会',
    placeId: places.qinshui.id,
    startsAt: '2026-05-08T15:00:00+08:00',
    endsAt: '2026-05-08T17:00:00+08:00',
    venue: '亲水阳光社区党群服务中心',
    invite: { partyIds: [parties.policeStation, parties.jinxiuProperty, parties.jinxiuBranch] },
    problems: ['红宝锦秀河畔公共通道堆物消防隐患', '提升红宝锦秀河畔物业服务品质'],
    present: [
      { name: '谢瑜', capacity: '社区党委书记' },
      { name: '民警', party: parties.policeStation },
      { name: '赵刚', party: parties.jinxiuProperty },
      { name: '支部书记', party: parties.jinxiuBranch },
      { name: '党员代表', capacity: '党员代表' },
      { name: '居民代表', capacity: '居民代表' },
    ],
    items: [
      {
        said: [
          {
            who: '居民代表',
            capacity: '居民代表',
            text: '楼道里堆的纸箱、电动车太多，一旦着火跑都跑不出去。',
          },
          {
            who: '民警',
            party: parties.policeStation,
            text: '楼道堆物和电动车入户充电是消防重点，派出所配合开展清理。',
          },
          {
            who: '赵刚',
            party: parties.jinxiuProperty,
            text: '物业本周内逐楼清理，并在楼下增设电动车充电桩。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '排在第一位：物业一周内清理公共通道堆物，派出所联合检查，党员包楼栋劝导。',
        actions: [
          {
            title: '逐楼清理公共通道堆物',
            party: parties.jinxiuProperty,
            dueOn: '2026-05-15',
            done: '已清理12个单元楼道，拍照存档。',
          },
          {
            title: '联合开展消防安全检查',
            party: parties.policeStation,
            dueOn: '2026-05-20',
            done: '已联合物业检查全部楼栋。',
          },
        ],
      },
      {
        said: [
          { who: '党员代表', capacity: '党员代表', text: '保洁不及时，报修电话常常没人接。' },
          {
            who: '赵刚',
            party: parties.jinxiuProperty,
            text: '公布24小时报修电话，保洁每天两次，每月向居民公开服务情况。',
          },
        ],
        decide: [6, 0, 0],
        decision: '物业当场作出服务承诺，按月公示，社区每季度组织居民评议。',
        actions: [
          {
            title: '公布24小时报修电话并按月公示服务情况',
            party: parties.jinxiuProperty,
            dueOn: '2026-06-30',
            done: '已在各单元张贴并在公众号每月公示。',
          },
        ],
      },
    ],
    publicSummary:
      '社区党委召集派出所、物业、党支部、党员和居民代表协商，将物业服务品质和公共通道堆物（消防隐患）列为首要问题，物业当场答复，现场确定整改方案。',
  });

  // Case 2: 唐徕's meeting on clinics, the lifts and dog fouling, with merchants and co-building units.
  await hold(tx, {
    convener: phones.buYanan,
    kind: 'council',
    title: '唐徕社区居民议事会',
    placeId: places.tanglai.id,
    startsAt: '2026-06-05T09:30:00+08:00',
    endsAt: '2026-06-05T11:30:00+08:00',
    venue: '唐徕社区议事厅',
    invite: { partyIds: [parties.tanglaiClinic, parties.tanglaiMerchants, parties.tanglaiProperty] },
    problems: ['为老年人开展家门口义诊', '小饭桌高峰占用电梯', '文明养犬、清理犬粪'],
    present: [
      { name: '卜亚楠', capacity: '社区党委书记' },
      { name: '卫生服务站站长', party: parties.tanglaiClinic },
      { name: '商户代表', party: parties.tanglaiMerchants },
      { name: '物业经理', party: parties.tanglaiProperty },
      { name: '党员代表', capacity: '党员代表' },
      { name: '居民代表甲', capacity: '居民代表' },
      { name: '居民代表乙', capacity: '居民代表' },
    ],
    items: [
      {
        said: [
          {
            who: '卫生服务站站长',
            party: parties.tanglaiClinic,
            text: '每月第一个周六在小区开展义诊，行动不便的老人可预约上门。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '卫生服务站每月开展一次家门口义诊。',
        actions: [
          {
            title: '开展首次家门口义诊',
            party: parties.tanglaiClinic,
            dueOn: '2026-07-04',
            done: '已为86位老人义诊。',
          },
        ],
      },
      {
        said: [
          { who: '居民代表甲', capacity: '居民代表', text: '中午放学小饭桌的孩子一趟趟坐电梯，老人等不上。' },
          {
            who: '商户代表',
            party: parties.tanglaiMerchants,
            text: '小饭桌错峰接送，安排人员看护孩子乘梯。',
          },
        ],
        decide: [6, 1, 0],
        decision: '小饭桌错峰接送并派人看护，物业在高峰时段安排专人引导。',
        actions: [
          { title: '小饭桌错峰接送、专人看护', party: parties.tanglaiMerchants, dueOn: '2026-06-20' },
          { title: '高峰时段电梯引导', party: parties.tanglaiProperty, dueOn: '2026-06-20' },
        ],
      },
      {
        said: [
          {
            who: '党员代表',
            capacity: '党员代表',
            text: '成立“五彩唐徕”志愿服务队，早晚巡查，劝导文明养犬。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '组建“五彩唐徕”志愿服务队，形成志愿服务清单，开展文明养犬劝导。',
        actions: [
          { title: '组建志愿服务队并开展文明养犬巡查', party: parties.tanglaiProperty, dueOn: '2026-07-31' },
        ],
      },
    ],
  });

  // Case 3: a deputy and a CPPCC member convene the college, the water utility and residents.
  await hold(tx, {
    convener: phones.luoQian,
    kind: 'council',
    title: '建校家属院供水管网改造协商会',
    placeId: places.community217.id,
    startsAt: '2026-04-10T14:00:00+08:00',
    endsAt: '2026-04-10T16:00:00+08:00',
    venue: '217社区会议室',
    invite: {
      partyIds: [parties.college, parties.waterUtility, parties.park801, community217],
      userIds: [luo, yu],
    },
    problems: ['建校家属院上水管道跑冒滴漏、水压低、水质浑浊', '建校家属院东侧围墙倾斜'],
    present: [
      { name: '罗倩', capacity: '人大代表' },
      { name: '于颖', capacity: '政协委员（社会福利和社会保障界）' },
      { name: '学院后勤处', party: parties.college },
      { name: '中铁水务', party: parties.waterUtility },
      { name: '801创意园', party: parties.park801 },
      { name: '社区书记', party: community217 },
      { name: '李大妈', capacity: '居民代表' },
    ],
    items: [
      {
        said: [
          { who: '李大妈', capacity: '居民代表', text: '水管老化漏水，三楼以上水压不够，水还发黄。' },
          {
            who: '中铁水务',
            party: parties.waterUtility,
            text: '可以对院内管网整体改造，需要产权单位同意。',
          },
          { who: '学院后勤处', party: parties.college, text: '学院同意移交并配合施工。' },
        ],
        decide: 'consensus',
        decision: '学院与中铁水务签订供水管网改造合同，水务公司负责施工。',
        actions: [
          {
            title: '签订供水管网改造合同',
            party: parties.waterUtility,
            dueOn: '2026-04-10',
            done: '合同已签订。',
          },
        ],
      },
      {
        said: [
          {
            who: '于颖',
            capacity: '政协委员',
            text: '围墙由学院出材料，217社区和801创意园分担人工费用。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '学院提供建材，217社区和801创意园按六四比例分担其余费用。',
        actions: [
          { title: '东侧围墙加固', party: parties.college, dueOn: '2026-04-14', done: '围墙已加固并验收。' },
        ],
        costs: {
          title: '东侧围墙加固',
          totalFen: 4_800_000,
          payers: [`party:${parties.college}`, `party:${community217}`, `party:${parties.park801}`],
          parts: [
            {
              rule: 'inKind',
              partyId: `party:${parties.college}`,
              description: '砖、水泥等建材',
              valueFen: 1_800_000,
            },
            { rule: 'percentage', partyId: `party:${community217}`, basisPoints: 6_000 },
            { rule: 'percentage', partyId: `party:${parties.park801}`, basisPoints: 4_000 },
          ],
          confirm: true,
        },
      },
    ],
    publicSummary:
      '人大代表、政协委员召集学院、水务公司和居民代表协商，签订供水管网改造合同；东侧围墙由学院提供建材，217社区和801创意园分担费用。',
  });

  // Case 6: 秦汉人家's meeting: 5 benches and 4 solar lamps.
  await hold(tx, {
    convener: phones.liNa,
    kind: 'council',
    title: '秦汉人家协商议事会',
    placeId: places.fuping.id,
    startsAt: '2026-03-10T15:00:00+08:00',
    endsAt: '2026-03-10T16:30:00+08:00',
    venue: '秦汉人家小区广场',
    invite: { partyIds: [parties.fupingProperty] },
    problems: ['秦汉人家路灯不亮、缺少休闲座椅'],
    present: [
      { name: '李娜', capacity: '社区工作人员' },
      { name: '田军', party: parties.fupingProperty },
      { name: '王秀英', capacity: '楼道红管家' },
      { name: '居民代表', capacity: '居民代表' },
    ],
    items: [
      {
        said: [
          {
            who: '王秀英',
            capacity: '楼道红管家',
            text: '晚上路灯不亮，老人没地方坐，希望装几盏灯放几把椅子。',
          },
        ],
        decide: 'consensus',
        decision: '社区申请资金购置休闲座椅5个、安装太阳能节能灯4个，物业负责安装维护。',
      },
    ],
  });

  // Case 6: 星河悦城's booster pump, at the town party committee, through the night.
  await hold(tx, {
    convener: phones.yangZhijun,
    kind: 'council',
    title: '星河悦城增压泵噪音问题连夜协商会',
    placeId: places.jinxing.id,
    startsAt: '2026-10-20T19:30:00+08:00',
    endsAt: '2026-10-21T01:30:00+08:00',
    venue: '金星镇党委会议室',
    convenerPartyId: parties.townCommittee,
    invite: { partyIds: [parties.developer, parties.fupingProperty] },
    problems: ['星河悦城2号楼增压泵噪音扰民'],
    present: [
      { name: '杨志军', party: parties.townCommittee },
      { name: '马佳', capacity: '富平社区党委书记' },
      { name: '开发商代表', party: parties.developer },
      { name: '田军', party: parties.fupingProperty },
      { name: '业主代表', capacity: '业主代表' },
    ],
    items: [
      {
        said: [
          { who: '业主代表', capacity: '业主代表', text: '水泵一开整栋楼都嗡嗡响，已经反映一年多了。' },
          {
            who: '开发商代表',
            party: parties.developer,
            text: '同意更换为静音水泵并做减震处理。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '开发商出资更换静音增压泵并加装减震装置，物业配合施工。',
        actions: [{ title: '更换静音增压泵', party: parties.developer, dueOn: '2026-11-30' }],
      },
    ],
  });

  // Case 6: 富平's quarterly property joint meetings, 2 held, 10+ issues; the second takes up what is open.
  const joint: Omit<Held, 'items' | 'startsAt' | 'endsAt'> = {
    convener: phones.maJia,
    kind: 'joint',
    title: '富平社区物业联席会议',
    placeId: places.fuping.id,
    venue: '富平社区党群服务中心',
    recurrence: 'quarterly',
    invite: { partyIds: [parties.fupingProperty, parties.jinchengCommittee, parties.developer] },
    topics: [
      '星河锦城顶楼屋面漏水',
      '秦汉人家停车位不足',
      '电梯维保不及时',
      '垃圾分类投放点设置',
      '绿化带补植',
      '单元门禁维修',
      '地下室积水',
      '消防通道被占用',
      '物业费收支公示',
      '楼道照明改造',
      '外墙空鼓脱落',
    ],
    present: [
      { name: '马佳', capacity: '社区党委书记' },
      { name: '田军', party: parties.fupingProperty },
      { name: '金凤霞', party: parties.jinchengCommittee },
      { name: '开发商代表', party: parties.developer },
      { name: '何建国', capacity: '楼道红管家' },
    ],
  };
  const decided = (decision: string, party: string, dueOn: string, done?: string): Item => ({
    decide: 'consensus',
    decision,
    actions: [{ title: decision, party, dueOn, done }],
  });
  const first = await hold(tx, {
    ...joint,
    startsAt: '2026-03-25T14:30:00+08:00',
    endsAt: '2026-03-25T17:00:00+08:00',
    items: [
      decided('开发商维修星河锦城顶楼防水层', parties.developer, '2026-05-31', '6栋楼屋面防水已重做。'),
      { decide: 'defer', decision: '待测算可改造车位数量' },
      decided(
        '物业督促电梯维保单位按月维保并公示',
        parties.fupingProperty,
        '2026-04-30',
        '维保记录已张贴在各电梯厅。',
      ),
      decided('增设4个垃圾分类投放点', parties.fupingProperty, '2026-04-30', '已设置4个投放点。'),
      decided('春季补植绿化带', parties.fupingProperty, '2026-05-15', '已补植。'),
      decided('维修损坏单元门禁', parties.fupingProperty, '2026-04-15', '已维修11个单元门禁。'),
      decided('地下室排水泵检修', parties.fupingProperty, '2026-06-30'),
      decided('清理消防通道并施划禁停线', parties.fupingProperty, '2026-04-10', '已清理并施划。'),
      decided('物业费收支按季度公示', parties.fupingProperty, '2026-04-10', '一季度收支已公示。'),
      { decide: 'defer', decision: '待申请老旧小区改造资金' },
      {
        decide: [4, 0, 1],
        decision: '开发商排查外墙空鼓，业委会监督',
        actions: [{ title: '排查外墙空鼓', party: parties.developer, dueOn: '2026-06-30' }],
      },
    ],
  });
  const nextId = await scheduleNext(await as(tx, phones.maJia, '2026-06-15T09:00:00+08:00'), first);
  await hold(
    tx,
    {
      ...joint,
      startsAt: '2026-06-25T14:30:00+08:00',
      endsAt: '2026-06-25T17:00:00+08:00',
      items: [
        decided('利用闲置空地改造停车位30个', parties.fupingProperty, '2026-09-30'),
        decided('地下室排水泵更换', parties.fupingProperty, '2026-07-31'),
        { decide: 'consensus', decision: '纳入老旧小区改造项目申报' },
        decided('外墙空鼓部位修复', parties.developer, '2026-08-31'),
      ],
    },
    nextId,
  );

  // Case 5: 香溪美地 with the social organisation 诸葛议站.
  await hold(tx, {
    convener: phones.admin,
    kind: 'council',
    title: '香溪美地社区社会组织管理与孵化议事会',
    placeId: places.xiangxi.id,
    startsAt: '2026-09-12T15:00:00+08:00',
    endsAt: '2026-09-12T17:00:00+08:00',
    venue: '香溪美地社区“诸葛议站”',
    convenerPartyId: parties.zhuge,
    invite: { partyIds: [parties.zhuge] },
    topics: ['社区社会组织的管理和孵化'],
    present: [
      { name: '诸葛议站负责人', party: parties.zhuge },
      { name: '社区工作人员', capacity: '社区工作人员' },
      { name: '居民骨干', capacity: '居民代表' },
    ],
    items: [
      {
        said: [
          {
            who: '诸葛议站负责人',
            party: parties.zhuge,
            text: '建立孵化清单，按需求培育兴趣类和服务类社会组织。',
            proposal: true,
          },
        ],
        decide: 'consensus',
        decision: '建立社区社会组织孵化清单，诸葛议站提供场地和辅导。',
        actions: [{ title: '建立社会组织孵化清单', party: parties.zhuge, dueOn: '2026-10-31' }],
      },
    ],
    publicSummary: '社区与社会组织“诸葛议站”协商社会组织的管理和孵化，决定建立孵化清单。',
  });
}
