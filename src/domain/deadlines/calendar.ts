import { z } from 'zod';
import { addDaysTo, type CivilDay, isCivilDay, weekdayOf, yearOf } from './civil-day.ts';

const Day = z.iso.date();

const HolidayRange = z.object({
  name: z.string().min(1),
  from: Day,
  to: Day,
});

/**
 * The State Council's yearly holiday notice 国务院办公厅关于部分节假日安排的通知, as an admin
 * uploads it: the holidays 放假 and the weekend days worked in exchange 调休上班.
 */
export const HolidayNotice = z
  .object({
    source: z.string().min(1),
    year: z.int().min(1000).max(9999),
    holidays: z.array(HolidayRange),
    working_weekend_days: z.array(Day),
  })
  .superRefine((notice, ctx) => {
    // Format errors are reported by the fields themselves; these checks only read well-formed days.
    const inYear = (day: string) => isCivilDay(day) && yearOf(day) === notice.year;
    notice.holidays.forEach((holiday, i) => {
      for (const end of ['from', 'to'] as const) {
        if (isCivilDay(holiday[end]) && !inYear(holiday[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['holidays', i, end],
            message: `${holiday[end]} is outside the notice's year ${notice.year}`,
          });
        }
      }
      if (isCivilDay(holiday.from) && isCivilDay(holiday.to) && holiday.from > holiday.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'to'],
          message: `${holiday.name} ends (${holiday.to}) before it starts (${holiday.from})`,
        });
      }
    });
    notice.working_weekend_days.forEach((day, i) => {
      if (!isCivilDay(day)) return;
      const path = ['working_weekend_days', i];
      if (!inYear(day)) {
        ctx.addIssue({ code: 'custom', path, message: `${day} is outside the notice's year ${notice.year}` });
      }
      const weekday = weekdayOf(day);
      if (weekday !== 0 && weekday !== 6) {
        ctx.addIssue({ code: 'custom', path, message: `${day} is not a Saturday or a Sunday` });
      }
      const holiday = notice.holidays.find((h) => h.from <= day && day <= h.to);
      if (holiday) {
        ctx.addIssue({ code: 'custom', path, message: `${day} falls inside the holiday ${holiday.name}` });
      }
    });
  });
export type HolidayNotice = z.infer<typeof HolidayNotice>;

/** Which days are working days 工作日, by the notices loaded and Monday–Friday elsewhere. */
export interface WorkingCalendar {
  /** Throws a RangeError when `day` is not a real `YYYY-MM-DD` date. */
  isWorkingDay(day: CivilDay): boolean;
  /** Whether that year's notice is loaded; without it the calendar only knows weekends. */
  hasNotice(year: number): boolean;
}

interface YearRules {
  daysOff: Set<CivilDay>;
  workingWeekendDays: Set<CivilDay>;
}

function isWeekend(day: CivilDay): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

export function buildWorkingCalendar(notices: readonly HolidayNotice[]): WorkingCalendar {
  const years = new Map<number, YearRules>();
  for (const input of notices) {
    // The calendar's answers rest on the schema's checks, so it does not trust an unchecked cast.
    const notice = HolidayNotice.parse(input);
    if (years.has(notice.year)) {
      throw new RangeError(`two holiday notices for ${notice.year}: load only the one in force`);
    }
    const daysOff = new Set<CivilDay>();
    for (const holiday of notice.holidays) {
      for (let day = holiday.from; day <= holiday.to; day = addDaysTo(day, 1)) daysOff.add(day);
    }
    years.set(notice.year, { daysOff, workingWeekendDays: new Set(notice.working_weekend_days) });
  }

  return {
    isWorkingDay(day) {
      const weekend = isWeekend(day); // also refuses a malformed day
      const rules = years.get(yearOf(day));
      if (rules?.daysOff.has(day)) return false;
      if (rules?.workingWeekendDays.has(day)) return true;
      return !weekend;
    },
    hasNotice: (year) => years.has(year),
  };
}
