import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import notice2026 from '../../../resources/cn-public-holidays-2026.json' with { type: 'json' };
import { buildWorkingCalendar, HolidayNotice } from './calendar.ts';
import { addDaysTo, CHINA_TIME_ZONE, endOfLocalDay, localDayOf, yearOf } from './civil-day.ts';
import { computeDeadline, dueDayOf, workingDaysBetween } from './deadline.ts';

const calendar = buildWorkingCalendar([HolidayNotice.parse(notice2026)]);

// Any instant of 2026, Beijing time.
const startIn2026 = fc.date({
  min: new Date('2026-01-01T00:00:00+08:00'),
  max: new Date('2026-12-31T23:59:59.999+08:00'),
  noInvalidDate: true,
});
const amount = fc.integer({ min: 1, max: 30 });

describe('deadline properties over 2026', () => {
  it('a working-day deadline ends at 24:00 of a working day, exactly N working days after the start day', () => {
    fc.assert(
      fc.property(startIn2026, amount, (start, n) => {
        const { dueAt, provisional } = computeDeadline(start, { amount: n, unit: 'working_days' }, calendar);
        const startDay = localDayOf(start, CHINA_TIME_ZONE);
        const dueDay = dueDayOf(dueAt);
        expect(dueAt).toEqual(endOfLocalDay(dueDay, CHINA_TIME_ZONE));
        expect(calendar.isWorkingDay(dueDay)).toBe(true);
        expect(workingDaysBetween(startDay, dueDay, calendar)).toBe(n);
        // Only 2027 lacks a notice, so a deadline is provisional exactly when it reaches into 2027.
        expect(provisional).toBe(yearOf(dueDay) > 2026);
      }),
    );
  });

  it('a day deadline ends on the first working day on or after the Nth calendar day', () => {
    fc.assert(
      fc.property(startIn2026, amount, (start, n) => {
        const { dueAt } = computeDeadline(start, { amount: n, unit: 'days' }, calendar);
        const nthDay = addDaysTo(localDayOf(start, CHINA_TIME_ZONE), n);
        const dueDay = dueDayOf(dueAt);
        expect(dueAt).toEqual(endOfLocalDay(dueDay, CHINA_TIME_ZONE));
        expect(calendar.isWorkingDay(dueDay)).toBe(true);
        expect(dueDay >= nthDay).toBe(true);
        for (let day = nthDay; day < dueDay; day = addDaysTo(day, 1)) {
          expect(calendar.isWorkingDay(day), day).toBe(false);
        }
      }),
    );
  });

  it('a day-based deadline depends only on the local start day, not its hour', () => {
    fc.assert(
      fc.property(
        startIn2026,
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        amount,
        fc.constantFrom('days' as const, 'working_days' as const),
        (start, minuteOfDay, n, unit) => {
          const midnight = endOfLocalDay(addDaysTo(localDayOf(start, CHINA_TIME_ZONE), -1), CHINA_TIME_ZONE);
          const sameDay = new Date(midnight.getTime() + minuteOfDay * 60_000);
          const rule = { amount: n, unit };
          expect(computeDeadline(sameDay, rule, calendar)).toEqual(computeDeadline(start, rule, calendar));
        },
      ),
    );
  });

  it('an hour deadline is exactly N hours of elapsed time', () => {
    fc.assert(
      fc.property(startIn2026, fc.integer({ min: 1, max: 24 * 30 }), (start, n) => {
        const { dueAt, provisional } = computeDeadline(start, { amount: n, unit: 'hours' }, calendar);
        expect(dueAt.getTime() - start.getTime()).toBe(n * 3_600_000);
        expect(provisional).toBe(false);
      }),
    );
  });
});
