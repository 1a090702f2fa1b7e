import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../deadlines/civil-day.ts';
import { type DayRange, splitByMonths } from './month-split.ts';

describe('a period split into whole months and the days around them', () => {
  it('serves an open period from the month rows alone', () => {
    expect(splitByMonths({})).toEqual({ months: { from: undefined, to: undefined }, days: [] });
  });

  it('leaves the partial months at either end to the day rows', () => {
    expect(splitByMonths({ from: '2026-01-15', to: '2026-04-10' })).toEqual({
      months: { from: '2026-02', to: '2026-03' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
    expect(splitByMonths({ from: '2026-02-01', to: '2026-02-28' })).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [],
    });
  });

  it('uses no month rows when no whole month lies inside', () => {
    expect(splitByMonths({ from: '2026-03-02', to: '2026-03-30' })).toEqual({
      months: null,
      days: [{ from: '2026-03-02', to: '2026-03-30' }],
    });
  });

  it('leaves the month of daysFrom and every later day to the day rows', () => {
    expect(splitByMonths({}, '2026-11-27')).toEqual({
      months: { from: undefined, to: '2026-10' },
      days: [{ from: '2026-11-01', to: undefined }],
    });
    expect(splitByMonths({ from: '2026-11-03' }, '2026-11-27')).toEqual({
      months: null,
      days: [{ from: '2026-11-03' }],
    });
  });

  it('covers every day of the period exactly once', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDaysTo('2025-01-01', n));
    fc.assert(
      fc.property(
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        (a, b, daysFrom) => {
          const [from, to] = a && b && a > b ? [b, a] : [a, b];
          const split = splitByMonths({ from, to }, daysFrom);
          const inRange = (d: string, r: DayRange) => (!r.from || d >= r.from) && (!r.to || d <= r.to);
          for (let n = -40; n < 840; n += 1) {
            const d = addDaysTo('2025-01-01', n);
            const byMonth = split.months !== null && inRange(d.slice(0, 7), split.months) ? 1 : 0;
            const byDay = split.days.filter((r) => inRange(d, r)).length;
            expect(byMonth + byDay, d).toBe(inRange(d, { from, to }) ? 1 : 0);
            if (daysFrom && d.slice(0, 7) >= daysFrom.slice(0, 7)) expect(byMonth, d).toBe(0);
          }
        },
      ),
    );
  });
});
