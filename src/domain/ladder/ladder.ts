import type { DeadlineRule } from '../deadlines/deadline.ts';
import { type Level, levels } from '../matters/vocabulary.ts';

/**
 * The ladder 小事小区办 · 大事社区帮 · 难事齐上阵 · then the street or town: the levels above `level`,
 * nearest first. A problem at the street/town has nowhere further to climb.
 */
export function levelsAbove(level: Level): Level[] {
  return levels.slice(levels.indexOf(level) + 1);
}

export function isTopLevel(level: Level): boolean {
  return levelsAbove(level).length === 0;
}

/** A deadline rule with the warning time before it runs out. */
export type LevelRule = DeadlineRule & { warnMinutes: number };

/**
 * Used where a community has set no rule of its own. Working days, as the 12345 hotlines count: the
 * compound three, the community five, a joint meeting ten, the street/town fifteen; a day's warning.
 */
export const defaultLevelRules: Record<Level, LevelRule> = {
  compound: { amount: 3, unit: 'working_days', warnMinutes: 24 * 60 },
  community: { amount: 5, unit: 'working_days', warnMinutes: 24 * 60 },
  joint_meeting: { amount: 10, unit: 'working_days', warnMinutes: 24 * 60 },
  street: { amount: 15, unit: 'working_days', warnMinutes: 24 * 60 },
};

export type StoredRule = LevelRule & { level: Level; category: string | null };

/**
 * The rule for a problem of `category` at `level`, out of its community's rules: the one for that
 * category, else the one for every category of the level, else the default of the level.
 */
export function ruleFor(rules: readonly StoredRule[], level: Level, category: string): LevelRule {
  const atLevel = rules.filter((r) => r.level === level);
  const chosen = atLevel.find((r) => r.category === category) ?? atLevel.find((r) => r.category === null);
  if (!chosen) return defaultLevelRules[level];
  return { amount: chosen.amount, unit: chosen.unit, warnMinutes: chosen.warnMinutes };
}

/**
 * When the handler is warned that the deadline is near: `warnMinutes` before it, but never before the
 * period starts (a short period warns at once); null when the rule asks for no warning.
 */
export function warningAt(startedAt: Date, dueAt: Date, warnMinutes: number): Date | null {
  if (warnMinutes <= 0) return null;
  return new Date(Math.max(startedAt.getTime(), dueAt.getTime() - warnMinutes * 60_000));
}

/** An arrival 报到 counts as on time when it is strictly before the deadline (an exclusive end). */
export function arrivedInTime(arrivedAt: Date, arriveBy: Date): boolean {
  return arrivedAt.getTime() < arriveBy.getTime();
}
