import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/normalize.ts';
import { classifyKind, type ProblemKind, rankKinds } from './kinds.ts';
import { PROBLEM_KINDS } from './lexicon.ts';

const kindOf = (text: string): string | undefined =>
  classifyKind(normalizeText(text), PROBLEM_KINDS)?.kind.id;

describe('classifyKind', () => {
  it('tells apart problems of the lift that share the word 电梯', () => {
    expect(kindOf('电梯门关不上，老是报故障')).toBe('lift_fault');
    expect(kindOf('电梯里有人抽烟，一股烟味')).toBe('lift_smoking');
    expect(kindOf('小饭桌的孩子中午把电梯占了')).toBe('home_childcare');
    expect(kindOf('老楼没有电梯，想加装电梯')).toBe('lift_adding');
    expect(kindOf('电梯里的广告钱归谁了')).toBe('public_revenue');
  });

  it('tells stairwell clutter from cars in the fire lane, though both block a passage', () => {
    expect(kindOf('安全通道楼梯间里放了旧沙发和纸箱')).toBe('stairwell_clutter');
    expect(kindOf('消防通道晚上停满了私家车')).toBe('fire_lane');
  });

  it('tells the compound job fair from one person looking for work', () => {
    expect(kindOf('希望社区请企业来小区办招聘会')).toBe('job_fair');
    expect(kindOf('张师傅厂子关了，想找个看大门的活')).toBe('job_seeking');
  });

  it('knows which kinds belong to a building, the compound or a person', () => {
    const scope = (id: string): string | undefined => PROBLEM_KINDS.find((k) => k.id === id)?.scope;
    for (const id of [
      'lift_fault',
      'roof_leak',
      'pipe_leak',
      'drain_blocked',
      'stairwell_clutter',
      'stairwell_light',
      'ebike_charging',
      'lift_adding',
    ])
      expect(scope(id)).toBe('building');
    for (const id of [
      'streetlight',
      'square_dance',
      'garbage',
      'fee_increase',
      'gate_access',
      'fire_lane',
      'equipment_noise',
    ])
      expect(scope(id)).toBe('compound');
    expect(scope('job_seeking')).toBe('personal');
  });

  it('reads typos and dialect residents really write', () => {
    expect(kindOf('我们小区的路等坏了好几个了')).toBe('streetlight');
    expect(kindOf('六号楼楼到里堆的东西太多了')).toBe('stairwell_clutter');
    expect(kindOf('三号楼泵房燥音问题拖了这么久')).toBe('equipment_noise');
    expect(kindOf('7号楼那只大黄狗又么拴绳')).toBe('dog_leash');
  });

  it('names no kind for text the lexicon does not know', () => {
    expect(classifyKind(normalizeText('宣传栏玻璃碎了'), PROBLEM_KINDS)).toBeNull();
  });

  it('needs every group of a pattern, and prefers the kind with more of its words', () => {
    const kinds: ProblemKind[] = [
      { id: 'a', label: 'A', scope: 'compound', when: ['电梯 + 坏'] },
      { id: 'b', label: 'B', scope: 'compound', when: ['电梯'], also: '烟|呛|味' },
    ];
    expect(rankKinds('电梯里烟味呛', kinds).map((m) => m.kind.id)).toEqual(['b']);
    expect(classifyKind('电梯坏了', kinds)?.kind.id).toBe('a');
    expect(classifyKind('电梯坏了，烟味呛', kinds)?.kind.id).toBe('b');
  });
});
