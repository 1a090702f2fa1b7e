import type { Category, MatterKind } from '../domain/matters/vocabulary.ts';
import { loadActor } from '../modules/auth/session.plugin.ts';
import {
  acceptMatter,
  giveFeedback,
  intakeMatter,
  submitMatter,
} from '../modules/matters/matters.service.ts';
import { dispatchProblem, reportOrder, takeOrder } from '../modules/problems/orders.service.ts';
import { addTimelineText, championProblem } from '../modules/problems/problems.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoBuildings } from './households.ts';
import { pumpClimbs, whistleOnWaterPipes } from './ladder.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlace } from './places.ts';
import type { DemoPlaces } from './tree.ts';

// The matters and problems of the reference cases (domain.md), in every state, told through the same
// services a resident and the staff use. Dates are spread over 2026 so figures by period have a history.

type Parties = Record<DemoPartyKey, string>;
type Story = { tx: Tx; places: DemoPlaces; parties: Parties; buildings: DemoBuildings };

/** The same transaction, acting as the demo user with this phone, on this day (Beijing time 10:00). */
export async function as(tx: Tx, phone: string, day: string): Promise<Tx> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'person_id', 'kind'])
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(tx.db, { userId: user.id, personId: user.person_id, kind: user.kind }, '');
  return { ...tx, actor, now: new Date(`${day}T10:00:00+08:00`) };
}

const phones = {
  admin: '17000000001',
  xieYu: '17000000002',
  buYanan: '17000000003',
  liNa: '17000000009',
  chenJing: '17000000011',
  maWenhua: '17000000013',
  dingHaiyan: '17000000015',
  zhaoGang: '17000000021',
  tianJun: '17000000022',
  luoQian: '17000000005',
  yuYing: '17000000006',
  wangWengui: '17000000041',
  maXiaolan: '17000000042',
  liDama: '17000000043',
};

type Said = { kind: MatterKind; category: Category; title?: string; text: string };
type Heard = Said & { channel: 'wechat' | 'phone' | 'visit' | 'meeting'; place: DemoPlace; who?: string };

async function hear(tx: Tx, matter: Heard) {
  return intakeMatter(tx, {
    kind: matter.kind,
    category: matter.category,
    title: matter.title,
    text: matter.text,
    placeId: matter.place.id,
    channel: matter.channel,
    submitterName: matter.who,
    hideName: false,
  });
}

async function orderOf(tx: Tx, problemId: string) {
  const order = await tx.db
    .selectFrom('orders')
    .select('id')
    .where('problem_id', '=', problemId)
    .where('state', '=', 'dispatched')
    .orderBy('dispatched_at', 'desc')
    .executeTakeFirstOrThrow();
  return order.id;
}

/** 下单 · 派单 · 接单 · 反馈: a problem handled to the end by a party whose member reports it. */
async function handle(
  dispatcher: Tx,
  handler: Tx,
  problemId: string,
  partyId: string,
  result?: { report: string; reply: string },
) {
  await dispatchProblem(dispatcher, problemId, { lead: { partyId }, assisting: [] });
  const orderId = await orderOf(dispatcher, problemId);
  await takeOrder(handler, orderId);
  if (result) await reportOrder(handler, orderId, { text: result.report, publicReply: result.reply });
}

/** 秦汉人家: dark streetlights and no benches; 5 benches and 4 solar lamps later, 王文贵 confirms. */
async function qinhanLightsAndBenches({ tx, parties }: Story) {
  const wang = await as(tx, phones.wangWengui, '2026-02-26');
  const lights = await submitMatter(wang, {
    kind: 'problem',
    category: 'environment',
    title: '小区路灯不亮',
    text: '小区路灯好多都不亮了，一到晚上黑乎乎的，老年人出门不方便，反映了好几次了。',
    hideName: false,
  });
  const benches = await submitMatter(wang, {
    kind: 'micro_wish',
    category: 'elderly_children',
    title: '想要几把休闲座椅',
    text: '我们想出来聊天打牌也没个坐的地方，能不能在小区里放几把座椅？',
    hideName: false,
  });
  const grid = await as(tx, phones.maWenhua, '2026-02-27');
  const problem = await acceptMatter(grid, lights, {
    title: '秦汉人家路灯不亮、缺少休闲座椅',
    urgency: 2,
    severity: 2,
  });
  await acceptMatter(grid, benches, { problemId: problem });
  const liNa = await as(tx, phones.liNa, '2026-03-10');
  await addTimelineText(liNa, problem, {
    visibility: 'public',
    text: '社区党委已召集物业、业委会和红管家召开协商议事会，商定购置休闲座椅、安装太阳能路灯。',
  });
  await handle(liNa, await as(tx, phones.tianJun, '2026-03-12'), problem, parties.fupingProperty, {
    report: '社区申请资金购置休闲座椅5个，安装太阳能板节能灯4个，已验收。',
    reply: '已安装休闲座椅5个、太阳能节能灯4个，感谢大家的参与！',
  });
  const answered = await as(tx, phones.wangWengui, '2026-03-28');
  await giveFeedback(answered, lights, { solved: true, rating: 5, comment: '灯亮了，也有地方坐了' });
  await giveFeedback(answered, benches, { solved: true, rating: 5 });
}

/** 星河悦城: the booster pump under 2号楼 keeps 马小兰 awake; the property company has it in hand. */
async function yuechengPump({ tx, parties }: Story) {
  const ma = await as(tx, phones.maXiaolan, '2026-10-09');
  const matter = await submitMatter(ma, {
    kind: 'problem',
    category: 'property_service',
    title: '地下增压泵噪音大',
    text: '2号楼负一层的增压水泵一开就嗡嗡响，晚上吵得睡不着，物业换了好几任都没解决。',
    hideName: true,
  });
  const grid = await as(tx, phones.dingHaiyan, '2026-10-10');
  const problem = await acceptMatter(grid, matter, {
    title: '星河悦城2号楼增压泵噪音扰民',
    urgency: 2,
    severity: 3,
  });
  await dispatchProblem(grid, problem, { lead: { partyId: parties.fupingProperty }, assisting: [] });
  await takeOrder(await as(tx, phones.tianJun, '2026-10-11'), await orderOf(tx, problem));
  await pumpClimbs((phone, day) => as(tx, phone, day), problem);
}

/** 亲水阳光: the "有事共商量" meeting ranks property service and stairwell clutter (a fire hazard) first. */
async function qinshuiMeeting({ tx, places, parties, buildings }: Story) {
  const xie = await as(tx, phones.xieYu, '2026-05-06');
  const building = buildings.jinxiu[0]!.building;
  const clutter = await hear(xie, {
    kind: 'problem',
    category: 'fire_safety',
    title: '公共通道堆物',
    text: '居民代表在议事会上反映：楼道和公共通道堆放杂物、电动车，存在消防安全隐患。',
    channel: 'meeting',
    place: building,
  });
  const service = await hear(xie, {
    kind: 'suggestion',
    category: 'property_service',
    title: '提升物业服务品质',
    text: '党员代表建议物业加强保洁和巡查，及时回应居民报修。',
    channel: 'meeting',
    place: places.jinxiu,
  });
  const hazard = await acceptMatter(xie, clutter, {
    title: '红宝锦秀河畔公共通道堆物消防隐患',
    urgency: 3,
    severity: 3,
  });
  const quality = await acceptMatter(xie, service, {
    title: '提升红宝锦秀河畔物业服务品质',
    urgency: 2,
    severity: 2,
  });
  const zhao = await as(tx, phones.zhaoGang, '2026-05-07');
  await handle(xie, zhao, hazard, parties.jinxiuProperty);
  await dispatchProblem(xie, quality, { lead: { partyId: parties.jinxiuProperty }, assisting: [] });
}

/** 唐徕: clinics at the doorstep, 小饭桌 children holding the lifts, dog fouling — raised at a meeting. */
async function tanglaiMeeting({ tx, places, parties }: Story) {
  const bu = await as(tx, phones.buYanan, '2026-06-03');
  const asked: Heard[] = [
    {
      kind: 'micro_wish',
      category: 'health',
      title: '家门口义诊',
      text: '老年人行动不便，可以在家门口多开展义诊活动吗？',
      channel: 'meeting',
      place: places.tanglai,
    },
    {
      kind: 'complaint',
      category: 'property_service',
      title: '小饭桌占用电梯',
      text: '小饭桌高峰期内长时间占用电梯，孩子们还经常打闹影响住户正常休息，能否帮忙协调解决？',
      channel: 'meeting',
      place: places.tanglai,
    },
    {
      kind: 'problem',
      category: 'pets',
      title: '养犬不文明',
      text: '小区现在养狗的人特别多，有些人养狗不注意卫生，社区可以联合相关部门管一管吗？',
      channel: 'meeting',
      place: places.tanglai,
    },
  ];
  const [clinic, lifts, dogs] = [
    await hear(bu, asked[0]!),
    await hear(bu, asked[1]!),
    await hear(bu, asked[2]!),
  ];
  const clinicProblem = await acceptMatter(bu, clinic!, {
    title: '为老年人开展家门口义诊',
    urgency: 1,
    severity: 2,
  });
  await dispatchProblem(bu, clinicProblem, { lead: { partyId: parties.tanglaiClinic }, assisting: [] });
  const liftProblem = await acceptMatter(bu, lifts!, {
    title: '小饭桌高峰占用电梯',
    urgency: 2,
    severity: 2,
  });
  await dispatchProblem(bu, liftProblem, {
    lead: { partyId: parties.tanglaiProperty },
    assisting: [{ partyId: parties.tanglaiMerchants }],
  });
  await acceptMatter(bu, dogs!, { title: '文明养犬、清理犬粪', urgency: 1, severity: 2 });
}

// 朔方路街道: "28 suggestions collected, merged into a list of 13 problems, 11 solved, 2 in progress", in
// the categories the source names. Each problem: its title, category, and what residents said of it.
const shuofangProblems: {
  title: string;
  category: Category;
  said: string[];
  solved: boolean;
  place: 'jianxiao' | 'community217';
}[] = [
  {
    title: '建校家属院上水管道跑冒滴漏、水压低、水质浑浊',
    category: 'old_compound_renovation',
    said: [
      '楼里水管又漏了，楼道里全是水。',
      '水压太低了，三楼以上早上接不上水。',
      '自来水发黄浑浊，不敢喝。',
    ],
    solved: true,
    place: 'jianxiao',
  },
  {
    title: '建校家属院东侧围墙倾斜',
    category: 'old_compound_renovation',
    said: ['东边的围墙歪得厉害，怕倒下来砸到人。', '围墙裂缝越来越大，孩子们经常在旁边玩。'],
    solved: true,
    place: 'jianxiao',
  },
  {
    title: '社区举办招聘会',
    category: 'employment',
    said: [
      '能不能在社区办个招聘会？',
      '希望多提供家门口的就业岗位。',
      '想找离家近的工作，社区能帮忙推荐吗？',
    ],
    solved: true,
    place: 'community217',
  },
  {
    title: '灵活就业人员社保咨询',
    category: 'social_security',
    said: ['灵活就业怎么交社保？', '养老保险断缴了怎么补？'],
    solved: true,
    place: 'community217',
  },
  {
    title: '公租房申请指导',
    category: 'housing',
    said: ['想申请公租房，不知道要准备什么材料。', '公租房排队进度怎么查？'],
    solved: true,
    place: 'community217',
  },
  {
    title: '老年助餐点',
    category: 'elderly_children',
    said: ['老人做饭不方便，社区能不能办个助餐点？', '希望有老年饭桌。'],
    solved: true,
    place: 'community217',
  },
  {
    title: '儿童课后托管',
    category: 'elderly_children',
    said: ['双职工家庭孩子放学没人管。', '能不能开个四点半课堂？'],
    solved: true,
    place: 'community217',
  },
  {
    title: '建校家属院楼道照明',
    category: 'old_compound_renovation',
    said: ['楼道灯坏了，晚上上楼看不见。', '楼道声控灯不灵。'],
    solved: true,
    place: 'jianxiao',
  },
  {
    title: '建校家属院垃圾清运不及时',
    category: 'environment',
    said: ['垃圾桶满了好几天没人拉。', '夏天垃圾味道太大。'],
    solved: true,
    place: 'jianxiao',
  },
  {
    title: '背街小巷路面破损',
    category: 'environment',
    said: ['巷子里的路坑坑洼洼，下雨全是积水。', '巷子路面破了，老人走路容易摔倒。'],
    solved: true,
    place: 'community217',
  },
  {
    title: '建校家属院外墙保温脱落',
    category: 'old_compound_renovation',
    said: ['外墙皮一块块往下掉。', '外墙保温层脱落，怕砸到楼下的人。'],
    solved: true,
    place: 'jianxiao',
  },
  {
    title: '建校家属院加装电梯',
    category: 'old_compound_renovation',
    said: ['老人爬楼太难了，能不能加装电梯？', '加装电梯的费用怎么分摊？'],
    solved: false,
    place: 'jianxiao',
  },
  {
    title: '建校家属院停车难',
    category: 'environment',
    said: ['院里车位太少，晚上回来没地方停。', '外来车辆占了院里的车位。'],
    solved: false,
    place: 'jianxiao',
  },
];

/** 朔方路街道 and 建校家属院: the street's problem list, with the water pipes taken up by a deputy and a member. */
async function shuofangList({ tx, places, parties }: Story) {
  const admin = await as(tx, phones.admin, '2026-04-08');
  const luo = await as(tx, phones.luoQian, '2026-04-15');
  const yu = await as(tx, phones.yuYing, '2026-04-15');
  let total = 0;
  for (const [i, problem] of shuofangProblems.entries()) {
    const day = `2026-0${4 + Math.floor(i / 4)}-${String(10 + (i % 4) * 4).padStart(2, '0')}`;
    const staff = { ...admin, now: new Date(`${day}T09:00:00+08:00`) };
    const ids: string[] = [];
    for (const text of problem.said) {
      ids.push(
        await hear(staff, {
          kind: 'problem',
          category: problem.category,
          text,
          channel: total % 3 === 0 ? 'visit' : total % 3 === 1 ? 'phone' : 'wechat',
          place: places[problem.place],
        }),
      );
      total++;
    }
    const problemId = await acceptMatter(staff, ids[0]!, { title: problem.title, urgency: 2, severity: 2 });
    for (const id of ids.slice(1)) await acceptMatter(staff, id, { problemId });
    if (i === 0) {
      // 代表委员双联动: a deputy and a CPPCC member visit and convene the college, the utility and residents.
      await championProblem(luo, problemId);
      await championProblem(yu, problemId);
    }
    if (i === 0) {
      await whistleOnWaterPipes((phone, at) => as(tx, phone, at), problemId, parties, day);
      continue;
    }
    const lead = i === 1 ? parties.college : parties.park801;
    await dispatchProblem(staff, problemId, { lead: { partyId: lead }, assisting: [] });
    if (!problem.solved) continue;
    // The parties hold no demo accounts; the street's admin reports for them, as an office does on paper.
    await takeOrder(staff, await orderOf(staff, problemId));
    const done = { ...staff, now: new Date(`${day}T17:00:00+08:00`) };
    const order = await tx.db
      .selectFrom('orders')
      .select('id')
      .where('problem_id', '=', problemId)
      .where('state', '=', 'taken')
      .executeTakeFirstOrThrow();
    await reportOrder(done, order.id, {
      text: '已协调解决',
      publicReply: `${problem.title}：已协调相关单位解决。`,
    });
  }
}

/** 富平: 30 micro-wishes 微心愿 lit up through the 三单 of the red property alliance. */
async function fupingMicroWishes({ tx, places, parties }: Story) {
  const wishes = ['安装休闲座椅', '维修破损路面', '更换单元门锁', '修剪绿化带', '增设晾衣架', '楼道扶手加固'];
  const liNa = await as(tx, phones.liNa, '2026-07-01');
  const tian = await as(tx, phones.tianJun, '2026-07-02');
  for (let i = 0; i < 30; i++) {
    const wish = wishes[i % wishes.length]!;
    const day = { ...liNa, now: new Date(Date.parse('2026-07-01T02:00:00Z') + i * 86_400_000) };
    const id = await hear(day, {
      kind: 'micro_wish',
      category: 'property_service',
      title: wish,
      text: `居民在微信群里许下微心愿：${wish}。`,
      channel: 'wechat',
      place: i % 2 === 0 ? places.qinhan : places.xingheJincheng,
    });
    const problem = await acceptMatter(day, id, {
      title: `微心愿：${wish}（第${i + 1}个）`,
      urgency: 1,
      severity: 1,
    });
    await handle(day, { ...tian, now: day.now }, problem, parties.fupingProperty, {
      report: `${wish}已完成`,
      reply: `您的微心愿「${wish}」已点亮。`,
    });
  }
}

export async function tellMatters(story: Story) {
  await qinhanLightsAndBenches(story);
  await yuechengPump(story);
  await qinshuiMeeting(story);
  await tanglaiMeeting(story);
  await shuofangList(story);
  await fupingMicroWishes(story);
}
