/** What a workbench shows beside a deadline: "2 days left", "overdue by 3 h". */
export interface TimeLeft {
  overdue: boolean;
  amount: number;
  unit: 'minutes' | 'hours' | 'days';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The gap between `now` and `dueAt` in whole units, rounded down: "2 days left" means at least two
 * days. `dueAt` is an exclusive end, so at that very instant the deadline has passed. Hours are used up
 * to two days, since "1 day left" would hide up to a day's difference.
 */
export function timeLeft(dueAt: Date, now: Date): TimeLeft {
  const gap = dueAt.getTime() - now.getTime();
  const overdue = gap <= 0;
  const span = Math.abs(gap);
  if (span < HOUR) return { overdue, amount: Math.floor(span / MINUTE), unit: 'minutes' };
  if (span < 2 * DAY) return { overdue, amount: Math.floor(span / HOUR), unit: 'hours' };
  return { overdue, amount: Math.floor(span / DAY), unit: 'days' };
}
