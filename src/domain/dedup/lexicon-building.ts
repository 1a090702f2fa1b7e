import type { ProblemKind } from './kinds.ts';

// Problems of one building 楼栋: the same words about another building are another problem
// (test/data/README-dedup.md, "Building-specific problems"). Narrower kinds come before broader
// ones that share their words (smoking in the lift before lift faults).
export const BUILDING_KINDS: readonly ProblemKind[] = [
  {
    id: 'lift_smoking',
    label: '公共区域吸烟',
    scope: 'building',
    when: ['吸烟|抽烟|烟味|烟头|烟蒂|香烟|二手烟|禁烟|烟雾'],
    also: '电梯|轿厢|楼道|呛|熏|咳嗽|监控',
  },
  {
    id: 'home_childcare',
    label: '住宅内托管班（小饭桌）',
    scope: 'building',
    when: [
      '小饭桌|午托|晚托|托管班|托管点|托管|辅导班|补习班|学生餐 + 电梯|楼道|楼里|住宅|吵|噪音|扰民|占|拥堵|挤',
    ],
    also: '孩子|娃|学生|放学|接送|中午|午休|追跑|打闹|按钮',
  },
  {
    id: 'ebike_charging',
    label: '电动车进楼充电',
    scope: 'building',
    when: [
      '电瓶车|电动车|电车|电驴|电摩|电动自行车|电瓶 + 充电|飞线|插排|拉线|电线|进楼|推进|楼道|上楼|电梯|楼梯',
      '飞线充电|私拉电线|楼道充电',
    ],
    also: '火|火灾|火星|起火|冒烟|阻车器|充电桩|集中充电|危险',
  },
  {
    id: 'lift_adding',
    label: '加装电梯',
    scope: 'building',
    when: ['加装电梯|电梯加装|装电梯|装上电梯|装个电梯|安装电梯|安电梯|加梯|增设电梯|没有电梯|没电梯'],
    also: '补贴|签字|同意|分摊|采光|高层|老人|上下楼|腿脚|出钱',
  },
  {
    id: 'lift_fault',
    label: '电梯故障',
    scope: 'building',
    when: [
      '电梯|轿厢|直梯 + 坏|故障|失灵|停摆|夹|不动|趴窝|没反应|毛病|哐当|晃|溜梯|冲顶|蹲底|停运|停了|停在|停到|又停|停用|卡在|卡住|被困|困在|困了|困人|困住|下坠|关不|开不|维保|检修|修好|没修|维修|异响|抖|报修|急停|不能用|不运行',
    ],
    also: '高层|爬楼|楼梯|被困|救援|电梯公司|维保记录|检测|配件|修',
  },
  {
    id: 'stairwell_clutter',
    label: '楼道堆物',
    scope: 'building',
    when: [
      '杂物|堆放|堆满|堆了|堆的|堆着|乱堆|堆东西|那堆|废品|纸箱|纸壳|旧家具|破柜子|柜子|床垫|木板|木料|油漆桶|沙发|煤气罐|腌菜缸|鞋柜|花盆|破烂|废旧 + 楼道|楼到|楼梯|楼梯间|楼梯口|拐角|通道|平台|过道',
      '楼道公约|占用楼道|楼道堆|堆物',
    ],
    also: '清理|清|堆|东西|搬|侧着身|消防隐患|火灾隐患|老鼠|蟑螂|绊|堵',
  },
  {
    id: 'stairwell_light',
    label: '楼道灯不亮',
    scope: 'building',
    when: [
      '楼道灯|声控灯|感应灯|楼梯灯|楼道照明|楼梯间照明|楼道的灯|声控',
      '楼道|楼梯|楼到|楼梯间 + 灯|照明|漆黑|黑咕隆咚',
    ],
    also: '不亮|坏了|灯泡|摸黑|手电|电筒|摔|上楼|下楼',
  },
  {
    id: 'roof_leak',
    label: '屋顶漏水',
    scope: 'building',
    when: [
      '屋顶|楼顶|顶楼|屋面|顶层|房顶|楼板|天花板|吊顶|防水层 + 漏|渗|水帘|接水|霉|滴水|进水|雨水',
      '防水 + 坏|老化|失效|漏|渗',
    ],
    also: '下雨|雨|防水|维修资金|修缮|墙皮|发黑|盆',
  },
  {
    id: 'drain_blocked',
    label: '下水管道堵塞',
    scope: 'building',
    when: ['下水|地漏|排水管|排污|化粪池|污水井|污水|马桶 + 堵|返水|冒|臭|溢|倒灌|不通|疏通|返味'],
    also: '一楼|厨房|油水|主管|疏通|泡|地板|臭味',
  },
  {
    id: 'pipe_leak',
    label: '供水管道漏水',
    scope: 'building',
    when: [
      '水管|管道|管子|供水管|主管道|管网|自来水管 + 漏|破裂|锈|爆|渗|淹|泡|滴|喷',
      '地下室|储藏室 + 淹|泡|积水|进水|水哗哗',
    ],
    also: '地下室|维修|更换|老化|补丁|结冰|湿|水务|抽水',
  },
  {
    id: 'water_pressure',
    label: '水压低',
    scope: 'building',
    when: ['水压|水流|么水|没水|水小|水上不去|上不去水|细细一股|跟线一样|水量小|提水|出水小|出不来水'],
    also: '顶楼|高层|五楼|六楼|热水器|水龙头|做饭|洗|接|晚上|白天',
  },
  {
    id: 'fire_equipment',
    label: '消防设施损坏',
    scope: 'building',
    when: ['消防栓|消火栓|灭火器|消防水带|水带|烟感|喷淋|应急灯|疏散指示'],
    also: '过期|没水|干的|发霉|坏|检查|整改',
  },
  {
    id: 'outer_wall',
    label: '外墙脱落',
    scope: 'building',
    when: ['外墙|墙皮|保温层|外立面|瓷砖 + 脱落|掉|砸|空鼓|裂'],
    also: '危险|高空|行人|车',
  },
  {
    id: 'building_crack',
    label: '楼体裂缝',
    scope: 'building',
    when: ['楼体|墙体|承重墙|地基 + 裂缝|开裂|沉降|倾斜'],
    also: '危房|鉴定|安全',
  },
  {
    id: 'unit_door',
    label: '单元门损坏',
    scope: 'building',
    when: ['单元门|防盗门|楼宇门|楼门|门禁对讲|可视对讲 + 坏|关不|锁不|开不|打不开|合不上|掉了'],
    also: '陌生人|推销|安全',
  },
  {
    id: 'heating',
    label: '暖气不热',
    scope: 'building',
    when: ['暖气|供暖|地暖|暖气片|采暖 + 不热|不暖|冰|温度|凉|冷|漏|不达标'],
    also: '度|室温|冬天|热力|阀门|放气',
  },
  {
    id: 'thrown_objects',
    label: '高空抛物',
    scope: 'building',
    when: ['高空抛物|高空坠物|往下扔|楼上扔|从楼上扔|窗外扔|抛物'],
    also: '砸|危险|监控|烟头|垃圾',
  },
  {
    id: 'renovation_noise',
    label: '装修噪音',
    scope: 'building',
    when: ['装修|施工 + 噪|吵|太响|午休|休息|周末|时间', '电钻|冲击钻|砸墙|装修扰民'],
    also: '中午|周末|规定|心慌|休息',
  },
  {
    id: 'shop_fumes',
    label: '商铺油烟噪音',
    scope: 'building',
    when: ['油烟|烧烤|排烟|饭店|餐馆|底商|商铺|饭馆 + 油烟|吵|噪|烟|味'],
    also: '窗户|凌晨|排烟管|楼上|扰民',
  },
  {
    id: 'dog_leash',
    label: '遛狗不拴绳',
    scope: 'building',
    when: ['拴绳|栓绳|牵绳|不拴|没拴|么拴|不牵|没牵|狗链|大型犬|烈性犬|散养|扑倒|咬人|咬伤|被咬'],
    also: '狗|犬|扑|吓|孩子|老人|金毛',
  },
  {
    id: 'dog_barking',
    label: '犬吠扰民',
    scope: 'building',
    when: ['狗叫|犬吠|狗吠|叫个不停', '狗 + 叫到|叫个|乱叫|直叫|叫唤|汪汪|吠|嚎'],
    also: '邻居|休息|关在家|从早|扰民',
  },
];
