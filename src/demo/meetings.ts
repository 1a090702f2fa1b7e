import { createParty } from '../modules/parties/parties.service.ts';
import { as, hold, phones, type Story, userOf } from './meeting-holder.ts';
import { holdFupingMeetings } from './meetings-fuping.ts';

// The meetings of the reference cases (domain.md, cases 1–3, 5, 6).
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

  await holdFupingMeetings({ tx, places, parties });

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
