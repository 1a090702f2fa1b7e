import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterMatters } from './cluster.ts';
import type { MatterRecord } from './types.ts';

function matter(id: string, compound: string, building: string, text: string, title = ''): MatterRecord {
  return { id, compound, building, text, title };
}

/** The clusters as sorted id lists, sorted, so tests compare partitions. */
function partition(records: readonly MatterRecord[]): string[][] {
  return clusterMatters(records)
    .clusters.map((c) => [...c.ids].sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function together(records: readonly MatterRecord[], ...ids: string[]): boolean {
  return partition(records).some((c) => ids.every((id) => c.includes(id)));
}

describe('clusterMatters: place', () => {
  it('never merges matters of two compounds, however alike', () => {
    const records = [
      matter('a', '丰泽园', '', '小区路灯好几盏都不亮了，晚上出门黑乎乎的'),
      matter('b', '悦海名邸', '', '小区路灯好几盏都不亮了，晚上出门黑乎乎的'),
    ];
    expect(partition(records)).toEqual([['a'], ['b']]);
  });

  it('keeps a building problem of another building apart, even when the text names the building', () => {
    const records = [
      matter('a', '矿工新村', '2号楼', '顶楼一下雨屋里就漏水，天花板都霉了'),
      matter('b', '矿工新村', '', '四栋顶楼又漏了，下雨天屋里拿盆接水'),
      matter('c', '矿工新村', '4号楼', '屋面防水层坏了，顶层几户家里渗水'),
    ];
    expect(partition(records)).toEqual([['a'], ['b', 'c']]);
  });

  it('merges a compound-wide problem whatever building each reporter lives in', () => {
    const records = [
      matter('a', '丰泽园', '3号楼', '晚上遛弯黑得啥也看不见，路灯咋都不亮了'),
      matter('b', '丰泽园', '6号楼', '院子里的路灯坏了一个月了，老人晚上不敢出门'),
      matter('c', '丰泽园', '', '小区主干道路灯大面积损坏，建议更换太阳能路灯'),
    ];
    expect(partition(records)).toEqual([['a', 'b', 'c']]);
  });

  it('puts a building complaint that names no building with one building of that kind, never two', () => {
    const records = [
      matter('a5', '悦海名邸', '5号楼', '5号楼电梯三天两头坏，昨天又把人困在里面'),
      matter('b5', '悦海名邸', '5号楼', '电梯又停运了，爬二十层楼腿都软了'),
      matter('a8', '悦海名邸', '8号楼', '8号楼电梯坏了一周还没修好'),
      matter('x', '悦海名邸', '', '电梯老是坏，物业到底有没有维保？'),
    ];
    const clusters = partition(records);
    expect(together(records, 'a5', 'a8')).toBe(false);
    expect(clusters.find((c) => c.includes('x'))!.length).toBeGreaterThan(1);
  });
});

describe('clusterMatters: different problems sharing words', () => {
  const building5 = [
    matter('fault1', '悦海名邸', '5号楼', '电梯又卡在十二层不动了，里面有人被困'),
    matter('fault2', '悦海名邸', '5号楼', '电梯故障率太高，一个月坏了四次'),
    matter('smoke1', '悦海名邸', '5号楼', '有人在电梯里抽烟，烟味呛得孩子直咳嗽'),
    matter('smoke2', '悦海名邸', '5号楼', '电梯轿厢里常有烟头，请贴禁烟标识'),
    matter('kids1', '悦海名邸', '5号楼', '楼里的小饭桌中午带一群孩子占着电梯，住户等半天'),
    matter('kids2', '悦海名邸', '5号楼', '午托班的学生放学挤电梯，还在里面打闹'),
  ];

  it('keeps lift faults, smoking in the lift and after-school providers holding the lift apart', () => {
    expect(partition(building5)).toEqual([
      ['fault1', 'fault2'],
      ['kids1', 'kids2'],
      ['smoke1', 'smoke2'],
    ]);
  });

  it('lets a vague complaint join one of two problems it resembles, never bridge them', () => {
    const records = [
      ...building5,
      matter('vague', '悦海名邸', '5号楼', '5号楼电梯的事情到底有没有人管？'),
      matter('vague2', '悦海名邸', '5号楼', '电梯里的事说了多少遍了，到底谁来管'),
    ];
    // Even with the loosest linkage and threshold, a problem of one kind never absorbs another.
    const clusters = clusterMatters(records, { linkage: 'single', threshold: 0.01 }).clusters.map(
      (c) => c.ids,
    );
    const joined = (x: string, y: string): boolean => clusters.some((c) => c.includes(x) && c.includes(y));
    for (const [x, y] of [
      ['fault1', 'smoke1'],
      ['fault1', 'kids1'],
      ['smoke1', 'kids1'],
    ] as const)
      expect(joined(x, y)).toBe(false);
    expect(joined('vague', 'fault1') || joined('vague', 'smoke1') || joined('vague', 'kids1')).toBe(true);
  });

  it('keeps stairwell clutter, stairwell lights and e-bike charging of one building apart', () => {
    const records = [
      matter('c1', '怀远新村', '6号楼', '楼道里堆满了旧家具和纸箱，上楼都得侧身'),
      matter('c2', '怀远新村', '6号楼', '楼梯拐角那堆杂物啥时候清理？'),
      matter('l1', '怀远新村', '6号楼', '楼道的声控灯坏了，晚上摸黑上楼'),
      matter('l2', '怀远新村', '6号楼', '楼梯间的灯一直不亮，邻居摔了一跤'),
      matter('e1', '怀远新村', '6号楼', '有人把电动车推进楼道里充电，太危险了'),
      matter('e2', '怀远新村', '6号楼', '二楼窗口吊下来电线给电瓶车充电'),
    ];
    expect(partition(records)).toEqual([
      ['c1', 'c2'],
      ['e1', 'e2'],
      ['l1', 'l2'],
    ]);
  });

  it('keeps the fee increase apart from public revenue, though both are about money and the property company', () => {
    const records = [
      matter('fee1', '星海湾', '', '物业费从0.9元涨到1.3元，没开业主大会就涨价'),
      matter('fee2', '星海湾', '8号楼', '物业费上调我们不同意，服务没变好凭啥涨'),
      matter('rev1', '星海湾', '', '电梯广告和场地费这些公共收益，物业从来没公示过'),
    ];
    expect(partition(records)).toEqual([['fee1', 'fee2'], ['rev1']]);
  });
});

describe('clusterMatters: follow-ups and people', () => {
  it('joins a follow-up complaint to the problem it chases', () => {
    const records = [
      matter('p1', '湖畔嘉园', '3号楼', '楼下加压泵房夜里嗡嗡响，一楼住户睡不着'),
      matter('p2', '湖畔嘉园', '3号楼', '水泵噪音和震动已经半年了，要求换静音泵'),
      matter('f', '湖畔嘉园', '', '嘉园3栋水泵的事还有人管么？都说了三次了！'),
      matter('l', '丰泽园', '', '小区路灯坏了好几盏，晚上很黑'),
      matter('lf', '丰泽园', '', '都说了三次了！路灯还是不亮，物业费白交了？？'),
    ];
    expect(partition(records)).toEqual([
      ['f', 'p1', 'p2'],
      ['l', 'lf'],
    ]);
  });

  it('keeps personal requests one per person, and joins the same person asking twice', () => {
    const records = [
      matter('li1', '长胜小区', '5号楼', '来电人李女士，45岁，想找一份家政或保洁的工作'),
      matter('li2', '长胜小区', '5号楼', '网格员走访，李某某（女）家里困难，想找个家政活，请社区推荐'),
      matter('zhang', '长胜小区', '2号楼', '张师傅五十二岁，厂子关了，想找个看大门的活'),
      matter('grad', '长胜小区', '', '刚毕业一直没找到工作，社区有没有见习岗位？'),
    ];
    expect(partition(records)).toEqual([['grad'], ['li1', 'li2'], ['zhang']]);
  });

  it('merges a request for the whole compound, such as a job fair, across people', () => {
    const records = [
      matter('j1', '长胜小区', '', '希望社区联系企业来小区办一场招聘会'),
      matter('j2', '长胜小区', '3号楼', '几户居民说想让社区把招工的企业请到小区来，再搞点技能培训'),
      matter('j3', '长胜小区', '', '社区啥时候再搞招聘会啊？上回没赶上'),
    ];
    expect(partition(records)).toEqual([['j1', 'j2', 'j3']]);
  });
});

describe('clusterMatters: reasons', () => {
  it('explains every merge with the kind, the place and shared words', () => {
    const records = [
      matter('a', '悦海名邸', '5号楼', '电梯又坏了，困了人'),
      matter('b', '悦海名邸', '', '五号楼电梯故障停运，老人下不了楼'),
      matter('c', '悦海名邸', '5号楼', '电梯坏了又坏，修了又坏'),
    ];
    const [cluster] = clusterMatters(records).clusters;
    expect(cluster!.ids).toHaveLength(3);
    expect(cluster!.kind).toBe('电梯故障');
    expect(cluster!.place).toBe('悦海名邸 5号楼');
    expect(cluster!.merges).toHaveLength(2);
    for (const m of cluster!.merges) {
      expect(m.text).toContain('电梯故障');
      expect(m.text).toContain('悦海名邸 5号楼');
      expect(m.sharedWords).toContain('电梯');
    }
  });

  it('names the whole compound for a compound-wide problem', () => {
    const records = [
      matter('a', '金水家园', '3号楼', '广场舞音响太吵，孩子没法写作业'),
      matter('b', '金水家园', '4号楼', '跳广场舞到十点，声音太大'),
    ];
    const [cluster] = clusterMatters(records).clusters;
    expect(cluster!.place).toBe('金水家园');
    expect(cluster!.merges[0]!.text).toContain('（全小区）');
  });

  it('falls back to shared words for matters no kind of problem names', () => {
    const records = [
      matter('a', '清和苑', '', '小区门口的宣传栏玻璃碎了一地'),
      matter('b', '清和苑', '', '门口宣传栏的玻璃碎了，扎到小孩怎么办'),
      matter('c', '清和苑', '', '希望组织一次老年人智能手机培训课'),
    ];
    const result = clusterMatters(records, { kinds: [] });
    const ab = result.clusters.find((c) => c.ids.includes('a'))!;
    expect([...ab.ids].sort()).toEqual(['a', 'b']);
    expect(ab.kind).toBeNull();
    expect(ab.merges[0]!.text).toContain('用词相近');
    expect(result.clusters.find((c) => c.ids.includes('c'))!.ids).toEqual(['c']);
  });
});

describe('clusterMatters: a partition of its input', () => {
  const texts = [
    '电梯坏了',
    '路灯不亮',
    '楼道堆满杂物',
    '屋顶漏水',
    '广场舞太吵',
    '物业费涨价',
    '想找份工作',
    '宣传栏坏了',
  ];
  const record = fc.record({
    compound: fc.constantFrom('甲小区', '乙小区', '丙小区'),
    building: fc.constantFrom('', '1号楼', '2号楼', '3号楼'),
    text: fc.constantFrom(...texts),
  });

  it('puts every matter in exactly one cluster, and no cluster spans two compounds', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (rows) => {
        const records = rows.map((r, i) => ({ ...r, id: `m${i}` }));
        const { clusters } = clusterMatters(records);
        const ids = clusters.flatMap((c) => c.ids).sort();
        expect(ids).toEqual(records.map((r) => r.id).sort());
        const compoundOf = new Map(records.map((r) => [r.id, r.compound]));
        for (const c of clusters) {
          expect(new Set(c.ids.map((id) => compoundOf.get(id))).size).toBe(1);
          expect(c.merges).toHaveLength(c.ids.length - 1);
        }
      }),
      { numRuns: 50 },
    );
  });
});
