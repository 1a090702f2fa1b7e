import { describe, expect, it } from 'vitest';
import { digestText } from './digest.ts';

describe('the daily digest', () => {
  it('says nothing on a quiet day', () => {
    expect(digestText('2026-11-27', { fresh: [], overdue: [], nearDeadline: [] })).toBeNull();
  });

  it('leads with overdue problems and shows at most five titles of each list', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ title: `问题${i + 1}` }));
    const text = digestText('2026-11-27', {
      fresh: many,
      overdue: [{ title: '水泵噪音' }],
      nearDeadline: [],
    });
    expect(text?.title).toBe('2026-11-27 每日摘要：新问题 7 个，已超期 1 个，临近期限 0 个');
    expect(text?.body.split('\n')).toEqual([
      '已超期（1）',
      '· 水泵噪音',
      '新问题（24小时内）（7）',
      '· 问题1',
      '· 问题2',
      '· 问题3',
      '· 问题4',
      '· 问题5',
      '· …另有 2 个',
    ]);
  });
});
