import type { Random } from './prng.ts';

// Word lists for a city that reads like a Ningxia prefecture city (the source's setting). Invented
// combinations: any likeness to a real compound or person is chance.

export const districtNames = [
  '金凤区',
  '兴庆区',
  '西夏区',
  '永宁县',
  '贺兰县',
  '灵武市',
  '闽宁镇区',
  '滨河新区',
];

const roads = [
  '长城中路',
  '朔方路',
  '正源街',
  '北京中路',
  '宁安大街',
  '亲水大街',
  '黄河东路',
  '上海西路',
  '凤凰北街',
  '解放西街',
  '文化东街',
  '贺兰山路',
  '银新路',
  '丽景街',
  '满春路',
  '新华东街',
  '民族北街',
  '唐徕',
  '富宁街',
  '湖滨西街',
  '六盘山路',
  '同心路',
  '康平路',
  '宝湖路',
];

const communityWords = [
  '亲水',
  '阳光',
  '香溪',
  '美地',
  '唐徕',
  '富平',
  '锦绣',
  '和谐',
  '幸福',
  '丽景',
  '金桂',
  '翠园',
  '康居',
  '兴庆',
  '长城',
  '怀远',
  '宝湖',
  '春晖',
  '贺兰',
  '塞上',
  '枸杞',
  '沙湖',
  '明珠',
  '书香',
  '泰安',
  '新城',
];

const compoundStems = [
  '锦秀河畔',
  '星河',
  '秦汉',
  '建校',
  '香溪',
  '金地',
  '海亮',
  '万达',
  '中房',
  '阅海',
  '世纪',
  '绿地',
  '悦城',
  '锦城',
  '丽水',
  '碧桂',
  '宁馨',
  '润泽',
  '紫金',
  '华雁',
  '西湖',
  '银河',
  '紫荆',
  '观湖',
  '百合',
  '滨河',
  '学府',
  '康馨',
  '兰亭',
  '瑞景',
];
const compoundSuffixes = [
  '家园',
  '花园',
  '小区',
  '苑',
  '人家',
  '嘉园',
  '雅居',
  '新村',
  '家属院',
  '城',
  '府',
  '公馆',
];

const surnames: readonly (readonly [string, number])[] = [
  ['王', 9],
  ['李', 9],
  ['张', 8],
  ['刘', 7],
  ['马', 7],
  ['陈', 5],
  ['杨', 5],
  ['赵', 4],
  ['黄', 3],
  ['周', 3],
  ['吴', 3],
  ['徐', 2],
  ['孙', 2],
  ['朱', 2],
  ['胡', 2],
  ['郭', 2],
  ['何', 2],
  ['高', 2],
  ['林', 1],
  ['罗', 1],
  ['丁', 1],
  ['海', 1],
  ['纳', 1],
  ['田', 1],
  ['苏', 1],
];
const givenChars = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '玉',
  '兰',
  '建',
  '国',
  '文',
  '红',
  '志',
  '宁',
  '学',
  '德',
  '福',
  '海',
  '梅',
  '凤',
  '春',
  '生',
  '成',
  '荣',
  '萍',
  '云',
  '东',
  '慧',
  '晨',
  '宇',
  '欣',
  '悦',
];

const brands = ['宁夏嘉和', '银川新业', '万科', '绿城', '保利', '中海', '碧桂园', '塞上', '西部', '兴庆'];
const coBuildingUnits = [
  '第二十一小学',
  '第三中学',
  '回民中学',
  '第一人民医院',
  '中医医院',
  '社区卫生服务中心',
  '职业技术学院',
  '邮政支局',
  '农商银行支行',
  '供电所',
  '消防救援站',
  '图书馆分馆',
  '老年大学',
  '司法所',
];
const socialOrganisations = ['诸葛议站', '五彩志愿服务队', '邻里互助会', '银龄志愿者协会', '红管家服务站'];
const departments = ['住房和城乡建设局', '城市管理局', '民政局', '卫生健康局', '市场监督管理局'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (up to 99): grid and batch names count in Chinese. */
export function chineseNumeral(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** A name not yet used among siblings (a few fresh draws, then 二期, 三期 … as a new phase is called). */
export function uniqueName(random: Random, used: Set<string>, make: (r: Random) => string): string {
  let name = make(random);
  for (let draw = 0; used.has(name) && draw < 20; draw++) name = make(random);
  const base = name;
  for (let phase = 2; used.has(name); phase++) name = `${base}${chineseNumeral(phase % 100)}期`;
  used.add(name);
  return name;
}

function twoWords(r: Random, words: readonly string[]) {
  const first = r.pick(words);
  let second = r.pick(words);
  while (second === first) second = r.pick(words);
  return `${first}${second}`;
}

export const names = {
  street: (r: Random) => `${r.pick(roads)}街道`,
  community: (r: Random) => `${twoWords(r, communityWords)}社区`,
  compound: (r: Random) => `${r.pick(compoundStems)}${r.pick(compoundSuffixes)}`,
  person: (r: Random) =>
    `${r.weighted(surnames)}${r.pick(givenChars)}${r.chance(0.7) ? r.pick(givenChars) : ''}`,
  brand: (r: Random) => r.pick(brands),
  coBuildingUnit: (r: Random) => r.pick(coBuildingUnits),
  socialOrganisation: (r: Random) => r.pick(socialOrganisations),
  departments,
};
