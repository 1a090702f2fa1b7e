import { describe, expect, it } from 'vitest';
import notice2026 from '../../../resources/cn-public-holidays-2026.json' with { type: 'json' };
import { buildWorkingCalendar, HolidayNotice } from './calendar.ts';
import { addDaysTo } from './civil-day.ts';

const notice = HolidayNotice.parse(notice2026);
const calendar = buildWorkingCalendar([notice]);

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysTo(day, 1)) days.push(day);
  return days;
}

describe('working calendar', () => {
  it('takes every day of every holiday in the notice off', () => {
    const holidayDays = notice.holidays.flatMap((h) => daysOf(h.from, h.to));
    expect(holidayDays.length).toBeGreaterThan(0);
    for (const day of holidayDays) expect(calendar.isWorkingDay(day), day).toBe(false);
  });

  it('makes every swapped weekend day 调休 a working day', () => {
    expect(notice.working_weekend_days.length).toBeGreaterThan(0);
    for (const day of notice.working_weekend_days) expect(calendar.isWorkingDay(day), day).toBe(true);
  });

  it('reads the National Day week of 2026 as the notice sets it', () => {
    expect(calendar.isWorkingDay('2026-09-30')).toBe(true); // Wednesday
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // Thursday, 国庆节
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false); // Wednesday, 国庆节
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true); // Thursday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, worked in exchange
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-10-17')).toBe(false); // an ordinary Saturday
  });

  it('knows which years it has a notice for', () => {
    expect(calendar.hasNotice(2026)).toBe(true);
    expect(calendar.hasNotice(2027)).toBe(false);
  });

  it('counts Monday to Friday in a year without a notice', () => {
    const week = daysOf('2027-03-01', '2027-03-07').map((day) => calendar.isWorkingDay(day));
    expect(week).toEqual([true, true, true, true, true, false, false]);
  });

  it('refuses a day that is not a real date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-9-18')).toThrow(RangeError);
  });

  it('refuses two notices for the same year', () => {
    expect(() => buildWorkingCalendar([notice, notice])).toThrow(/two holiday notices for 2026/);
  });

  it('with no notice at all still answers, by weekends only', () => {
    const bare = buildWorkingCalendar([]);
    expect(bare.hasNotice(2026)).toBe(false);
    expect(bare.isWorkingDay('2026-10-01')).toBe(true);
    expect(bare.isWorkingDay('2026-10-10')).toBe(false);
  });
});

describe('HolidayNotice', () => {
  const valid = {
    source: 'test notice',
    year: 2026,
    holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
    working_weekend_days: ['2026-09-20', '2026-10-10'],
  };

  it('accepts the 2026 notice and a well-formed upload', () => {
    expect(HolidayNotice.safeParse(notice2026).success).toBe(true);
    expect(HolidayNotice.safeParse(valid).success).toBe(true);
  });

  it.each([
    [
      'a date that does not exist',
      { holidays: [{ name: 'x', from: '2026-02-15', to: '2026-02-30' }] },
      ['holidays', 0, 'to'],
    ],
    [
      'a holiday ending before it starts',
      { holidays: [{ name: 'x', from: '2026-10-07', to: '2026-10-01' }] },
      ['holidays', 0, 'to'],
    ],
    [
      'a holiday outside the year',
      { holidays: [{ name: 'x', from: '2025-12-31', to: '2026-01-02' }] },
      ['holidays', 0, 'from'],
    ],
    [
      'a swapped day that is a weekday',
      { working_weekend_days: ['2026-09-21'] },
      ['working_weekend_days', 0],
    ],
    [
      'a swapped day inside a holiday',
      { working_weekend_days: ['2026-09-20', '2026-10-03'] },
      ['working_weekend_days', 1],
    ],
    ['a swapped day outside the year', { working_weekend_days: ['2027-01-02'] }, ['working_weekend_days', 0]],
    ['a year that is not a whole number', { year: 2026.5 }, ['year']],
    ['a missing list of swapped days', { working_weekend_days: undefined }, ['working_weekend_days']],
  ])('refuses %s, naming the field', (_case, change, path) => {
    const result = HolidayNotice.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
