import { addDaysTo } from '../deadlines/civil-day.ts';
import { monthDays } from '../reports/month.ts';

// The figures' roll-ups come in two tiers: rows per community × day, and coarser rows per street × month.
// A period of local days is served by the month rows for the whole months inside it and by the day rows
// for the days left at either end — and, where the day matters (a problem's response deadline passing
// today), for every day from a given day on.

/** Local days `YYYY-MM-DD`, inclusive; an end left out is open. */
export type DayRange = { from?: string; to?: string };
/** Months `YYYY-MM`, inclusive; an end left out is open. */
export type MonthRange = { from?: string; to?: string };
export type MonthSplit = { months: MonthRange | null; days: DayRange[] };

const monthAfter = (month: string) => addDaysTo(monthDays(month).to, 1).slice(0, 7);
const monthBefore = (month: string) => addDaysTo(`${month}-01`, -1).slice(0, 7);

/**
 * Splits `range` into the whole months inside it and the days outside them. With `daysFrom`, the month of
 * that day and every later one are left to the day rows too.
 */
export function splitByMonths(range: DayRange, daysFrom?: string): MonthSplit {
  const first =
    range.from === undefined
      ? undefined
      : range.from.endsWith('-01')
        ? range.from.slice(0, 7)
        : monthAfter(range.from.slice(0, 7));
  let last =
    range.to === undefined
      ? undefined
      : range.to === monthDays(range.to.slice(0, 7)).to
        ? range.to.slice(0, 7)
        : monthBefore(range.to.slice(0, 7));
  if (daysFrom !== undefined) {
    const cap = monthBefore(daysFrom.slice(0, 7));
    if (last === undefined || cap < last) last = cap;
  }
  if (first !== undefined && last !== undefined && first > last) return { months: null, days: [range] };
  const days: DayRange[] = [];
  if (first !== undefined && range.from !== `${first}-01`)
    days.push({ from: range.from, to: addDaysTo(`${first}-01`, -1) });
  if (last !== undefined) {
    const after = addDaysTo(monthDays(last).to, 1);
    if (range.to === undefined || range.to >= after) days.push({ from: after, to: range.to });
  }
  return { months: { from: first, to: last }, days };
}
