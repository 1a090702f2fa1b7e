import { sql } from 'kysely';
import type { Db, Trx } from '../../db/transaction.ts';
import {
  type MatterDims,
  matterDims,
  type ProblemDims,
  problemDims,
} from '../../domain/figures/definitions.ts';
import type { Tx } from '../../server/transaction.ts';

// The roll-ups behind every count and rate: each matter and problem is counted in exactly one row, the one
// its current values name. A change moves it from the row it was counted in (figure_keys) to its new row,
// inside the transaction of the change — so the figures are always the count of the records.

const matterKey = [
  'community_path',
  'category',
  'channel',
  'day',
  'state',
  'feedback',
  'rating',
] as const satisfies readonly (keyof MatterDims)[];
const problemKey = [
  'community_path',
  'category',
  'channel',
  'day',
  'state',
  'level',
  'response',
  'resolution',
  'reopened',
] as const satisfies readonly (keyof ProblemDims)[];

async function loadMatter(db: Trx, id: string) {
  return db
    .selectFrom('matters')
    .innerJoin('places as community', 'community.id', 'matters.community_id')
    .select([
      'community.path as community_path',
      'matters.category',
      'matters.channel',
      'matters.created_at',
      'matters.state',
      'matters.feedback_solved',
      'matters.rating',
      'matters.problem_id',
    ])
    .where('matters.id', '=', id)
    .executeTakeFirst();
}

async function loadProblem(db: Trx, id: string) {
  const problem = await db
    .selectFrom('problems')
    .innerJoin('places as community', 'community.id', 'problems.community_id')
    .select([
      'community.path as community_path',
      'problems.category',
      'problems.created_at',
      'problems.state',
      'problems.level',
      'problems.first_taken_at',
      'problems.resolved_at',
      'problems.deadline_at',
      'problems.reopen_count',
    ])
    .where('problems.id', '=', id)
    .executeTakeFirst();
  if (!problem) return undefined;
  const first = await db
    .selectFrom('matters')
    .select('channel')
    .where('problem_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return { ...problem, channel: first?.channel ?? 'online' };
}

async function moveMatter(db: Trx, dims: MatterDims, delta: number) {
  await db
    .insertInto('rollup_matters')
    .values({ ...dims, n: delta })
    .onConflict((oc) =>
      oc.columns(matterKey).doUpdateSet({ n: sql<number>`${sql.ref('rollup_matters.n')} + ${delta}` }),
    )
    .execute();
}

async function moveProblem(db: Trx, dims: ProblemDims, delta: number) {
  const { reopens, ...key } = dims;
  await db
    .insertInto('rollup_problems')
    .values({ ...key, n: delta, reopens: delta * reopens })
    .onConflict((oc) =>
      oc.columns(problemKey).doUpdateSet({
        n: sql<number>`${sql.ref('rollup_problems.n')} + ${delta}`,
        reopens: sql<number>`${sql.ref('rollup_problems.reopens')} + ${delta * reopens}`,
      }),
    )
    .execute();
}

async function recount<D>(
  db: Trx,
  entityType: 'matter' | 'problem',
  id: string,
  now: D | undefined,
  move: (dims: D, delta: number) => Promise<void>,
) {
  const stored = await db
    .selectFrom('figure_keys')
    .select('dims')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .executeTakeFirst();
  const next = now === undefined ? null : JSON.stringify(now);
  if (stored?.dims === next) return;
  if (stored) await move(JSON.parse(stored.dims) as D, -1);
  if (now !== undefined) await move(now, 1);
  if (next === null) {
    await db
      .deleteFrom('figure_keys')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', id)
      .execute();
  } else if (stored) {
    await db
      .updateTable('figure_keys')
      .set({ dims: next })
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', id)
      .execute();
  } else {
    await db
      .insertInto('figure_keys')
      .values({ entity_type: entityType, entity_id: id, dims: next })
      .execute();
  }
}

/**
 * Brings the figures up to date with a change of a matter or a problem, in the transaction of the change:
 * the one call each transition makes. A matter's problem is recounted too (its first channel may change);
 * a problem that no longer exists (merged away) leaves the figures.
 */
export async function countChange(tx: Tx, changed: { matterId?: string; problemId?: string }) {
  const problemIds = new Set<string>();
  if (changed.problemId) problemIds.add(changed.problemId);
  if (changed.matterId) {
    const matter = await loadMatter(tx.db, changed.matterId);
    await recount(tx.db, 'matter', changed.matterId, matter && matterDims(matter), (d, n) =>
      moveMatter(tx.db, d, n),
    );
    if (matter?.problem_id) problemIds.add(matter.problem_id);
  }
  for (const id of problemIds) {
    const problem = await loadProblem(tx.db, id);
    await recount(tx.db, 'problem', id, problem && problemDims(problem), (d, n) => moveProblem(tx.db, d, n));
  }
}

/**
 * Counts every matter and problem not yet in the roll-ups: a database that held matters before the
 * roll-ups existed, or rows written in bulk (the benchmark city). Batches of 500 per transaction.
 */
export async function backfillFigures(database: { db: Db; dialect: Tx['dialect'] }): Promise<number> {
  let counted = 0;
  for (const entity of ['matter', 'problem'] as const) {
    for (;;) {
      const table = entity === 'matter' ? 'matters' : 'problems';
      const missing = await database.db
        .selectFrom(table)
        .leftJoin('figure_keys', (join) =>
          join.onRef('figure_keys.entity_id', '=', `${table}.id`).on('figure_keys.entity_type', '=', entity),
        )
        .select(`${table}.id as id`)
        .where('figure_keys.entity_id', 'is', null)
        .limit(500)
        .execute();
      if (missing.length === 0) break;
      await database.db.transaction().execute(async (db) => {
        const tx: Tx = { db, dialect: database.dialect, actor: null, now: new Date(), auditKey: '' };
        for (const row of missing)
          await countChange(tx, entity === 'matter' ? { matterId: row.id } : { problemId: row.id });
      });
      counted += missing.length;
    }
  }
  return counted;
}
