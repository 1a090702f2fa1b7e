import { describe, expect, it } from 'vitest';
import { indexProblems, similarProblems } from './similar.ts';
import type { MatterRecord } from './types.ts';

const problems: MatterRecord[] = [
  { id: 'lift5', compound: '悦海名邸', building: '5号楼', text: '5号楼电梯频繁故障，多次困人' },
  { id: 'lift8', compound: '悦海名邸', building: '8号楼', text: '8号楼电梯停运一周' },
  { id: 'smoke5', compound: '悦海名邸', building: '5号楼', text: '5号楼电梯里有人抽烟' },
  { id: 'lights', compound: '悦海名邸', building: '', text: '南区路灯不亮' },
  { id: 'other', compound: '丰泽园', building: '5号楼', text: '5号楼电梯坏了' },
];

describe('similarProblems', () => {
  it('suggests the lift problem of the draft’s own building, not another building or another kind', () => {
    const found = similarProblems(
      { compound: '悦海名邸', building: '5号楼', text: '电梯又坏了，把我困在里面' },
      problems,
    );
    expect(found.map((p) => p.id)).toEqual(['lift5']);
    expect(found[0]!.kind).toBe('电梯故障');
    expect(found[0]!.reason.text).toContain('悦海名邸 5号楼');
  });

  it('ranks both lifts for a draft that names no building, and nothing of another compound', () => {
    const found = similarProblems({ compound: '悦海名邸', building: '', text: '电梯停了好几天了' }, problems);
    expect(found.map((p) => p.id).sort()).toEqual(['lift5', 'lift8']);
    expect(found[0]!.score).toBeGreaterThanOrEqual(found[1]!.score);
  });

  it('answers from a prepared index exactly as from the raw list', () => {
    const draft = { compound: '悦海名邸', building: '5号楼', text: '电梯里烟味太重了' };
    const index = indexProblems(problems);
    expect(similarProblems(draft, index)).toEqual(similarProblems(draft, problems));
    expect(similarProblems(draft, index).map((p) => p.id)).toEqual(['smoke5']);
  });

  it('suggests nothing for an empty draft or an unknown compound', () => {
    expect(similarProblems({ compound: '悦海名邸', text: '  ' }, problems)).toEqual([]);
    expect(similarProblems({ compound: '不存在', text: '电梯坏了' }, problems)).toEqual([]);
  });

  it('returns at most `limit` suggestions', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      compound: '丰泽园',
      building: '',
      text: `小区路灯不亮第${i}段`,
    }));
    expect(similarProblems({ compound: '丰泽园', text: '路灯坏了' }, many, { limit: 3 })).toHaveLength(3);
  });
});
