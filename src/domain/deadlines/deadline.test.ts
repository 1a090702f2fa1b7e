import { describe, expect, it } from 'vitest';
import notice2026 from '../../../resources/cn-public-holidays-2026.json' with { type: 'json' };
import { buildWorkingCalendar, HolidayNotice } from './calendar.ts';
import { computeDeadline, type DeadlineRule, dueDayOf, workingDaysBetween } from './deadline.ts';

const calendar = buildWorkingCalendar([HolidayNotice.parse(notice2026)]);
const at = (isoWithOffset: string) => new Date(isoWithOffset);
const workingDays = (amount: number): DeadlineRule => ({ amount, unit: 'working_days' });
const days = (amount: number): DeadlineRule => ({ amount, unit: 'days' });
const hours = (amount: number): DeadlineRule => ({ amount, unit: 'hours' });

describe('working-day deadlines', () => {
  it.each(['00:00', '09:15', '23:59'])(
    'created Friday 2026-09-18 at %s with 2 working days is due at the end of Monday 09-21 (Sunday 09-20 is worked)',
    (time) => {
      const deadline = computeDeadline(at(`2026-09-18T${time}:00+08:00`), workingDays(2), calendar);
      expect(deadline).toEqual({ dueAt: at('2026-09-22T00:00:00+08:00'), provisional: false });
      expect(dueDayOf(deadline.dueAt)).toBe('2026-09-21');
    },
  );

  it('created 2026-09-30 with 3 working days is due at the end of Saturday 10-10, across National Day', () => {
    const deadline = computeDeadline(at('2026-09-30T15:00:00+08:00'), workingDays(3), calendar);
    expect(deadline).toEqual({ dueAt: at('2026-10-11T00:00:00+08:00'), provisional: false });
    expect(dueDayOf(deadline.dueAt)).toBe('2026-10-10');
  });

  it('does not count the start day, even when created at its first minute (Civil Code art. 201)', () => {
    const deadline = computeDeadline(at('2026-09-30T00:00:00+08:00'), workingDays(1), calendar);
    expect(dueDayOf(deadline.dueAt)).toBe('2026-10-08');
  });

  it('gives the same deadline for 00:30 and 23:30 of the same Beijing day', () => {
    // 00:30 Beijing time is still the previous day in UTC: the local day is what counts.
    const early = at('2026-09-18T00:30:00+08:00');
    const late = at('2026-09-18T23:30:00+08:00');
    expect(early.toISOString().slice(0, 10)).toBe('2026-09-17');
    for (const rule of [workingDays(2), days(2), workingDays(10), days(10)]) {
      expect(computeDeadline(early, rule, calendar)).toEqual(computeDeadline(late, rule, calendar));
    }
  });

  it('counts in the time zone it is given', () => {
    // Thursday 20:00 in Paris: 2 working days are Friday 09-18 and the swapped Sunday 09-20.
    const start = at('2026-09-18T02:00:00+08:00');
    expect(computeDeadline(start, workingDays(2), calendar, 'Europe/Paris').dueAt).toEqual(
      at('2026-09-21T00:00:00+02:00'),
    );
  });
});

describe('calendar-day deadlines', () => {
  it('counts weekends when the period ends on a working day', () => {
    const deadline = computeDeadline(at('2026-09-14T10:00:00+08:00'), days(7), calendar);
    expect(deadline).toEqual({ dueAt: at('2026-09-22T00:00:00+08:00'), provisional: false });
  });

  it('moves a period ending inside a holiday to the next working day (Civil Code art. 203)', () => {
    // 3 days after Monday 09-28 is 10-01, National Day; the holiday runs to 10-07.
    const deadline = computeDeadline(at('2026-09-28T10:00:00+08:00'), days(3), calendar);
    expect(dueDayOf(deadline.dueAt)).toBe('2026-10-08');
    expect(deadline.dueAt).toEqual(at('2026-10-09T00:00:00+08:00'));
  });

  it('moves a period ending on an ordinary Saturday to Monday', () => {
    const deadline = computeDeadline(at('2026-10-14T10:00:00+08:00'), days(3), calendar);
    expect(dueDayOf(deadline.dueAt)).toBe('2026-10-19');
  });

  it('keeps a period ending on a swapped working Saturday', () => {
    const deadline = computeDeadline(at('2026-10-07T10:00:00+08:00'), days(3), calendar);
    expect(dueDayOf(deadline.dueAt)).toBe('2026-10-10');
  });
});

describe('hour deadlines', () => {
  it('run across midnight by elapsed time', () => {
    const deadline = computeDeadline(at('2026-03-10T22:30:00+08:00'), hours(4), calendar);
    expect(deadline).toEqual({ dueAt: at('2026-03-11T02:30:00+08:00'), provisional: false });
  });

  it('ignore holidays and missing notices', () => {
    expect(computeDeadline(at('2026-10-01T20:00:00+08:00'), hours(8), calendar).dueAt).toEqual(
      at('2026-10-02T04:00:00+08:00'),
    );
    expect(computeDeadline(at('2027-03-05T20:00:00+08:00'), hours(48), calendar)).toEqual({
      dueAt: at('2027-03-07T20:00:00+08:00'),
      provisional: false,
    });
  });
});

describe('years without a notice', () => {
  it('count Monday to Friday and mark the deadline provisional', () => {
    // Friday 2027-03-05: the next working day is Monday 03-08.
    expect(computeDeadline(at('2027-03-05T10:00:00+08:00'), workingDays(1), calendar)).toEqual({
      dueAt: at('2027-03-09T00:00:00+08:00'),
      provisional: true,
    });
    expect(computeDeadline(at('2027-03-05T10:00:00+08:00'), days(1), calendar)).toEqual({
      dueAt: at('2027-03-09T00:00:00+08:00'),
      provisional: true,
    });
  });

  it('make a deadline provisional as soon as it reaches into one', () => {
    expect(computeDeadline(at('2026-12-30T10:00:00+08:00'), workingDays(1), calendar).provisional).toBe(
      false,
    );
    expect(computeDeadline(at('2026-12-31T10:00:00+08:00'), workingDays(1), calendar)).toEqual({
      dueAt: at('2027-01-02T00:00:00+08:00'),
      provisional: true,
    });
  });

  it('do not matter when only the uncounted start day lies in one', () => {
    // 2026-01-01..03 are off and Sunday 01-04 is worked, all by the 2026 notice.
    expect(computeDeadline(at('2025-12-31T10:00:00+08:00'), workingDays(1), calendar)).toEqual({
      dueAt: at('2026-01-05T00:00:00+08:00'),
      provisional: false,
    });
  });
});

describe('refused input', () => {
  it.each([0, -1, 1.5, Number.NaN])('an amount of %s', (amount) => {
    expect(() =>
      computeDeadline(at('2026-09-18T10:00:00+08:00'), { amount, unit: 'days' }, calendar),
    ).toThrow(RangeError);
  });

  it('an invalid start or an unknown time zone', () => {
    expect(() => computeDeadline(new Date(Number.NaN), days(1), calendar)).toThrow(RangeError);
    expect(() => computeDeadline(at('2026-09-18T10:00:00+08:00'), days(1), calendar, 'Mars/Olympus')).toThrow(
      RangeError,
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-10', calendar)).toBe(3);
    expect(workingDaysBetween('2026-09-18', '2026-09-21', calendar)).toBe(2);
    expect(workingDaysBetween('2026-09-18', '2026-09-19', calendar)).toBe(0);
  });

  it('is 0 when the last day is not later than the first', () => {
    expect(workingDaysBetween('2026-09-21', '2026-09-21', calendar)).toBe(0);
    expect(workingDaysBetween('2026-09-21', '2026-09-18', calendar)).toBe(0);
  });
});
