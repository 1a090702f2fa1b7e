import { addDaysTo, CHINA_TIME_ZONE, endOfLocalDay, localDayOf } from '../deadlines/civil-day.ts';

// A report month 月份 is a month of the Beijing calendar: a record belongs to the month whose local day it
// was made on, as the figures by period count it (a problem opened 2026-10-31T17:00Z is November's).

export const MONTH_SHAPE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first and last local day of a month, `YYYY-MM-DD`, inclusive: the figures' from/to. */
export function monthDays(month: string): { from: string; to: string } {
  const parts = MONTH_SHAPE.exec(month);
  if (!parts) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const [year, m] = [Number(parts[1]), Number(parts[2])];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDaysTo(next, -1) };
}

/** The instants a month runs between in Beijing time: [start, end), ISO UTC, comparable with stored times. */
export function monthInstants(month: string): { startIso: string; endIso: string } {
  const { from, to } = monthDays(month);
  return {
    startIso: endOfLocalDay(addDaysTo(from, -1), CHINA_TIME_ZONE).toISOString(),
    endIso: endOfLocalDay(to, CHINA_TIME_ZONE).toISOString(),
  };
}

/** The month an instant falls in, Beijing time. */
export function monthOf(instant: Date): string {
  return localDayOf(instant, CHINA_TIME_ZONE).slice(0, 7);
}

/** The month before, for a picker's default: last month is the one a report is usually written about. */
export function previousMonth(month: string): string {
  return monthOf(new Date(Date.parse(monthInstants(month).startIso) - 1));
}

/** 2026年11月 */
export function monthTitle(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** 2026年11月30日, as a date line of a Chinese office document reads (GB/T 9704: Arabic numerals). */
export function chineseDate(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一 … 十, then 十一 …: the numbers of sections 一、二、 and sub-sections （一）. */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return numerals[n - 1] ?? String(n);
  if (n < 20) return `十${numerals[n - 11]}`;
  return String(n);
}
