import { addHours } from 'date-fns';
import { z } from 'zod';
import type { WorkingCalendar } from './calendar.ts';
import { addDaysTo, CHINA_TIME_ZONE, type CivilDay, endOfLocalDay, localDayOf, yearOf } from './civil-day.ts';

/** How long a party has: elapsed hours, calendar days or working days 工作日. */
export const DeadlineRule = z.object({
  // The cap bounds the day-by-day walk; a period of decades is a typo, not a deadline.
  amount: z.int().min(1).max(10_000),
  unit: z.enum(['hours', 'days', 'working_days']),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export interface Deadline {
  dueAt: Date;
  /** Some day counted fell in a year whose holiday notice is not loaded, so Monday–Friday stood in for it. */
  provisional: boolean;
}

interface LastDay {
  day: CivilDay;
  provisional: boolean;
}

function walkTo(first: CivilDay, calendar: WorkingCalendar, stop: (isWorking: boolean) => boolean): LastDay {
  let provisional = false;
  for (let day = first; ; day = addDaysTo(day, 1)) {
    provisional ||= !calendar.hasNotice(yearOf(day));
    if (stop(calendar.isWorkingDay(day))) return { day, provisional };
  }
}

// Civil Code art. 201: the start day is not counted; art. 203: a period ending on a day off ends on
// the next working day.
function lastDayInDays(startDay: CivilDay, days: number, calendar: WorkingCalendar): LastDay {
  return walkTo(addDaysTo(startDay, days), calendar, (isWorking) => isWorking);
}

// Civil Code art. 201: the start day is not counted.
function lastDayInWorkingDays(startDay: CivilDay, workingDays: number, calendar: WorkingCalendar): LastDay {
  let counted = 0;
  return walkTo(addDaysTo(startDay, 1), calendar, (isWorking) => {
    if (isWorking) counted += 1;
    return counted === workingDays;
  });
}

/**
 * When a period that starts at `start` runs out. `hours` are elapsed time; a day-based period ends at
 * 24:00 of its last day in `timeZone`, returned as 00:00 of the following day (an exclusive end: the
 * deadline is met by anything strictly before `dueAt`).
 */
export function computeDeadline(
  start: Date,
  rule: DeadlineRule,
  calendar: WorkingCalendar,
  timeZone: string = CHINA_TIME_ZONE,
): Deadline {
  if (Number.isNaN(start.getTime())) throw new RangeError('the start of a period must be a valid date');
  const checked = DeadlineRule.safeParse(rule);
  if (!checked.success) throw new RangeError(`not a deadline rule: ${JSON.stringify(rule)}`);
  const { amount, unit } = checked.data;
  if (unit === 'hours') return { dueAt: addHours(start, amount), provisional: false };
  const startDay = localDayOf(start, timeZone);
  const last =
    unit === 'days'
      ? lastDayInDays(startDay, amount, calendar)
      : lastDayInWorkingDays(startDay, amount, calendar);
  return { dueAt: endOfLocalDay(last.day, timeZone), provisional: last.provisional };
}

/** The last day inside a day-based period that ends at `dueAt`, e.g. to show "due by the end of 10 Oct". */
export function dueDayOf(dueAt: Date, timeZone: string = CHINA_TIME_ZONE): CivilDay {
  return localDayOf(new Date(dueAt.getTime() - 1), timeZone);
}

/** Working days after `afterDay` up to and including `throughDay`; 0 when `throughDay` is not later. */
export function workingDaysBetween(
  afterDay: CivilDay,
  throughDay: CivilDay,
  calendar: WorkingCalendar,
): number {
  let count = 0;
  for (let day = addDaysTo(afterDay, 1); day <= throughDay; day = addDaysTo(day, 1)) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}
