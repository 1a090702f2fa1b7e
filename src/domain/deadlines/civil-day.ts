import { TZDate } from '@date-fns/tz';

/**
 * A civil date, `YYYY-MM-DD`: a day on the calendar, with no time of day and no time zone.
 * Holiday notices and deadlines speak in these; instants become one only through a time zone.
 */
export type CivilDay = string;

/** The zone in which every day-based deadline is counted: Beijing time 北京时间. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A civil day is stored as UTC midnight of that date: UTC has no offsets or DST, so its Gregorian
// calendar is the civil calendar and adding days is exact. This is plain date arithmetic, far cheaper
// than a zoned date; time zones enter only in localDayOf and endOfLocalDay.
function parseDay(day: CivilDay): Date {
  const parts = DAY_SHAPE.exec(day);
  const [year, month, date] = parts ? parts.slice(1).map(Number) : [];
  const parsed = new Date(0);
  if (year !== undefined && month !== undefined && date !== undefined) {
    parsed.setUTCFullYear(year, month - 1, date); // unlike Date.UTC, keeps years 0–99 as written
    // A date that rolls over, such as 2026-02-30 becoming 03-02, does not exist.
    if (parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date) return parsed;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${day}`);
}

function formatDay(date: Date): CivilDay {
  return date.toISOString().slice(0, 10);
}

export function isCivilDay(day: string): boolean {
  try {
    parseDay(day);
    return true;
  } catch {
    return false;
  }
}

export function addDaysTo(day: CivilDay, days: number): CivilDay {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDay(date);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CivilDay): number {
  return parseDay(day).getUTCDay();
}

export function yearOf(day: CivilDay): number {
  return parseDay(day).getUTCFullYear();
}

function checked<T extends Date>(date: T, what: string): T {
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant or time zone: ${what}`);
  return date;
}

// One formatter per zone, made once: a zoned date per call took ~20 µs, and the figures ask for the local
// day of every record they count.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new RangeError(`not a valid time zone: ${timeZone}`);
    }
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The day the wall clocks of `timeZone` show at `instant`. */
export function localDayOf(instant: Date, timeZone: string): CivilDay {
  const parts = dayFormatter(timeZone).formatToParts(checked(instant, `${String(instant)} in ${timeZone}`));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The instant `day` ends in `timeZone`, "24:00" of that day, given as 00:00 of the next day: an
 * exclusive end, so the whole of `day` is inside the period and the next day is not.
 */
export function endOfLocalDay(day: CivilDay, timeZone: string): Date {
  const next = parseDay(addDaysTo(day, 1));
  // TZDate reads the components as wall-clock time in `timeZone`, offset and DST included.
  const midnight = new TZDate(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), timeZone);
  return new Date(checked(midnight, `${day} in ${timeZone}`).getTime());
}
