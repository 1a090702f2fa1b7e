import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseOrdinal,
  monthDays,
  monthInstants,
  monthOf,
  monthTitle,
  previousMonth,
} from './month.ts';
import { pickNotable } from './notable.ts';

describe('a report month in Beijing time', () => {
  it('runs from 00:00 of its first day to 24:00 of its last, Beijing time', () => {
    expect(monthInstants('2026-11')).toEqual({
      startIso: '2026-10-31T16:00:00.000Z',
      endIso: '2026-11-30T16:00:00.000Z',
    });
    expect(monthDays('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2027-02').to).toBe('2027-02-28');
  });

  it('puts 17:00Z on 31 October in November, and 15:59Z in October', () => {
    expect(monthOf(new Date('2026-10-31T17:00:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
  });

  it('steps back across a year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
  });

  it('refuses what is not a month', () => {
    expect(() => monthDays('2026-13')).toThrow(RangeError);
    expect(() => monthDays('2026-1')).toThrow(RangeError);
  });

  it('writes months, dates and section numbers as Chinese documents do', () => {
    expect(monthTitle('2026-04')).toBe('2026年4月');
    expect(chineseDate('2026-11-01')).toBe('2026年11月1日');
    expect([1, 2, 9, 10, 11, 19].map(chineseOrdinal)).toEqual(['一', '二', '九', '十', '十一', '十九']);
  });
});

describe('the notable cases of a month', () => {
  const c = (id: string, reasons: ('meeting' | 'escalated' | 'whistled' | 'published')[], priority = 4) => ({
    id,
    reasons,
    priority,
    receivedAt: `2026-11-0${id.length}T00:00:00Z`,
  });

  it('tells first the problems that went through more steps, then the more urgent, then the earlier', () => {
    const picked = pickNotable([
      c('a', ['published']),
      c('bb', ['meeting', 'escalated']),
      c('ccc', ['published'], 9),
      c('d', []),
      c('eeee', ['escalated']),
    ]);
    expect(picked.map((p) => p.id)).toEqual(['bb', 'ccc', 'a', 'eeee']);
  });

  it('keeps at most ten', () => {
    const many = Array.from({ length: 14 }, (_, i) => c(`p${i}`, ['published'], i));
    expect(pickNotable(many)).toHaveLength(10);
    expect(pickNotable(many)[0]?.id).toBe('p13');
  });
});
