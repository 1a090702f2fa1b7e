import { type Level, levels } from '../matters/vocabulary.ts';

/** An action item is reminded once, this long before it is due. */
export const REMIND_BEFORE_MS = 24 * 3_600_000;
/** An overdue item climbs one rung of the ladder, then again after each further week overdue. */
export const CLIMB_EVERY_MS = 7 * 24 * 3_600_000;

export type FollowedItem = {
  status: string;
  dueAt: Date;
  level: Level;
  remindedAt: Date | null;
  climbedAt: Date | null;
};

export type FollowUp = { remind: boolean; climbTo: Level | null };

/** The rung above, or null at the top (street/town). */
export function levelAbove(level: Level): Level | null {
  return levels[levels.indexOf(level) + 1] ?? null;
}

/**
 * What the clock asks of an action item: a reminder to whoever is responsible once the due date is
 * near, and — like a problem whose deadline passed — a climb up the ladder once it is overdue.
 */
export function followUp(item: FollowedItem, now: Date): FollowUp {
  if (item.status === 'done') return { remind: false, climbTo: null };
  const due = item.dueAt.getTime();
  const t = now.getTime();
  const remind = item.remindedAt === null && t < due && t >= due - REMIND_BEFORE_MS;
  const climbedLongAgo = item.climbedAt === null || t - item.climbedAt.getTime() >= CLIMB_EVERY_MS;
  const climbTo = t >= due && climbedLongAgo ? levelAbove(item.level) : null;
  return { remind, climbTo };
}
