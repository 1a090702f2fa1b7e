import type { Updateable } from 'kysely';
import type { ProblemsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { WorkingCalendar } from '../../domain/deadlines/calendar.ts';
import { computeDeadline, type DeadlineRule } from '../../domain/deadlines/deadline.ts';
import { type LevelRule, ruleFor, type StoredRule, warningAt } from '../../domain/ladder/ladder.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import type { Level } from '../../domain/matters/vocabulary.ts';
import type { Tx } from '../../server/transaction.ts';
import { countChange } from '../figures/rollup.ts';
import { workingCalendar } from './calendar.ts';

/** The problem states whose deadline still runs: nobody has resolved them yet. */

export async function communityRules(db: Trx, communityId: string): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom('deadline_rules')
    .select(['level', 'category', 'amount', 'unit', 'warn_minutes'])
    .where('community_id', '=', communityId)
    .execute();
  return rows.map((r) => ({
    level: r.level as Level,
    category: r.category,
    amount: r.amount,
    unit: r.unit as DeadlineRule['unit'],
    warnMinutes: r.warn_minutes,
  }));
}

/** The columns of a deadline that starts at `start` under `rule`. */
export function deadlineColumns(
  start: Date,
  rule: LevelRule,
  calendar: WorkingCalendar,
): Updateable<ProblemsTable> {
  const { dueAt, provisional } = computeDeadline(start, rule, calendar);
  return {
    deadline_at: dueAt.toISOString(),
    deadline_provisional: provisional ? 1 : 0,
    deadline_started_at: start.toISOString(),
    deadline_amount: rule.amount,
    deadline_unit: rule.unit,
    deadline_warn_at: warningAt(start, dueAt, rule.warnMinutes)?.toISOString() ?? null,
    deadline_warned_at: null,
  };
}

/** The deadline a problem gets at `level` from now: its community's rule for the level and its category. */
export async function levelDeadline(
  tx: Tx,
  problem: { community_id: string; category: string },
  level: Level,
): Promise<Updateable<ProblemsTable>> {
  const rule = ruleFor(await communityRules(tx.db, problem.community_id), level, problem.category);
  return deadlineColumns(tx.now, rule, await workingCalendar(tx.db));
}

/** Starts the deadline of a problem at its current level, from now (accepted, dispatched without one, reopened). */
export async function startLevelDeadline(tx: Tx, problemId: string): Promise<void> {
  const problem = await tx.db
    .selectFrom('problems')
    .select(['community_id', 'category', 'level'])
    .where('id', '=', problemId)
    .executeTakeFirst();
  if (!problem) return;
  const columns = await levelDeadline(tx, problem, problem.level as Level);
  await tx.db.updateTable('problems').set(columns).where('id', '=', problemId).execute();
  await countChange(tx, { problemId });
}

/**
 * Recomputes the running day-based deadlines after a holiday notice was loaded: each from the start and
 * rule it was set with. Returns how many deadlines moved or stopped being provisional.
 */
export async function recomputeRunningDeadlines(tx: Tx): Promise<number> {
  const calendar = await workingCalendar(tx.db);
  const rows = await tx.db
    .selectFrom('problems')
    .select([
      'id',
      'deadline_at',
      'deadline_provisional',
      'deadline_started_at',
      'deadline_amount',
      'deadline_unit',
      'deadline_warn_at',
    ])
    .where('state', 'in', [...unsolvedProblemStates])
    .where('deadline_unit', 'in', ['days', 'working_days'])
    .where('deadline_started_at', 'is not', null)
    .execute();
  let changed = 0;
  for (const row of rows) {
    if (!row.deadline_started_at || !row.deadline_amount || !row.deadline_unit || !row.deadline_at) continue;
    const start = new Date(row.deadline_started_at);
    const rule = { amount: row.deadline_amount, unit: row.deadline_unit as DeadlineRule['unit'] };
    const { dueAt, provisional } = computeDeadline(start, rule, calendar);
    const due = dueAt.toISOString();
    if (due === row.deadline_at && (provisional ? 1 : 0) === row.deadline_provisional) continue;
    // The warning keeps its distance from the deadline; a deadline that moved may be warned of again.
    const lead = row.deadline_warn_at ? Date.parse(row.deadline_at) - Date.parse(row.deadline_warn_at) : null;
    await tx.db
      .updateTable('problems')
      .set({
        deadline_at: due,
        deadline_provisional: provisional ? 1 : 0,
        deadline_warn_at:
          lead === null ? null : new Date(Math.max(start.getTime(), dueAt.getTime() - lead)).toISOString(),
        ...(due === row.deadline_at ? {} : { deadline_warned_at: null }),
      })
      .where('id', '=', row.id)
      .execute();
    await countChange(tx, { problemId: row.id });
    changed++;
  }
  return changed;
}
