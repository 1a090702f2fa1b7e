import { scheduleNext } from '../modules/meetings/convene.service.ts';
import type { Tx } from '../server/transaction.ts';
import { as, type Held, hold, type Item, phones, type Story } from './meeting-holder.ts';

// Case 6, 富平社区: 秦汉人家's benches and lamps, 星河悦城's pump at the town, and the quarterly property
// joint meetings (2 held, 10+ issues), the second taking up what the first left open.
export async function holdFupingMeetings({ tx, places, parties }: Story & { tx: Tx }) {
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
}
