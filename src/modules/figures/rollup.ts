import { sql } from 'kysely';
import type { Db, Trx } from '../../db/transaction.ts';
import {
  type MatterDims,
  matterDims,
  monthDims,
  type ProblemDims,
  problemDims,
} from '../../domain/figures/definitions.ts';
import type { Tx } from '../../server/transaction.ts';

// The roll-ups behind every count and rate: each matter and problem is counted in exactly one row, the one
// its current values name. A change moves it from the row it was counted in (figure_keys) to its new row,
// inside the transaction of the change — so the figures are always the count of the records.

/** A roll-up table: the columns that name a row, and the counts each change adds to. */
type Tier = {
  table: 'rollup_matters' | 'rollup_problems' | 'rollup_matters_month' | 'rollup_problems_month';
  key: readonly string[];
  counts: readonly ('n' | 'reopens')[];
};

const mattersByDay: Tier = {
  table: 'rollup_matters',
  key: ['community_path', 'category', 'channel', 'day', 'state', 'feedback', 'rating'],
  counts: ['n'],
};
const problemsByDay: Tier = {
  table: 'rollup_problems',
  key: [
    'community_path',
    'category',
    'channel',
    'day',
    'state',
    'level',
    'response',
    'resolution',
    'reopened',
  ],
  counts: ['n', 'reopens'],
};
const mattersByMonth: Tier = {
  table: 'rollup_matters_month',
  key: ['street_path', 'month', 'state', 'feedback', 'rating'],
  counts: ['n'],
};
const problemsByMonth: Tier = {
  table: 'rollup_problems_month',
  key: ['street_path', 'month', 'state', 'level', 'response', 'resolution', 'reopened'],
  counts: ['n', 'reopens'],
};

/** Adds rows to a tier's counts: a new row, or the sum with the row of the same key. One upsert per tier. */
async function addTo(db: Trx, tier: Tier, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const sums = Object.fromEntries(
    tier.counts.map((c) => [c, sql`${sql.ref(`${tier.table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]),
  );
  await db
    .insertInto(tier.table)
    .values(rows as never)
    .onConflict((oc) => oc.columns(tier.key as never).doUpdateSet(sums as never))
    .execute();
}

const mattersWithCommunity = (db: Trx) =>
  db
    .selectFrom('matters')
    .innerJoin('places as community', 'community.id', 'matters.community_id')
    .select([
      'matters.id',
      'community.path as community_path',
      'matters.category',
      'matters.channel',
      'matters.created_at',
      'matters.state',
      'matters.feedback_solved',
      'matters.rating',
      'matters.problem_id',
    ]);

// A problem's channel is the channel of its first matter (a problem made by staff counts as online).
const problemsWithCommunity = (db: Trx) =>
  db
    .selectFrom('problems')
    .innerJoin('places as community', 'community.id', 'problems.community_id')
    .select((eb) => [
      'problems.id',
      'community.path as community_path',
      'problems.category',
      'problems.created_at',
      'problems.state',
      'problems.level',
      'problems.first_taken_at',
      'problems.resolved_at',
      'problems.deadline_at',
      'problems.reopen_count',
      eb
        .selectFrom('matters')
        .select('matters.channel')
        .whereRef('matters.problem_id', '=', 'problems.id')
        .orderBy('matters.created_at')
        .orderBy('matters.id')
        .limit(1)
        .as('first_channel'),
    ]);

const withChannel = <P extends { first_channel: string | null }>({ first_channel, ...p }: P) => ({
  ...p,
  channel: first_channel ?? 'online',
});

const loadMatter = (db: Trx, id: string) =>
  mattersWithCommunity(db).where('matters.id', '=', id).executeTakeFirst();

async function loadProblem(db: Trx, id: string) {
  const problem = await problemsWithCommunity(db).where('problems.id', '=', id).executeTakeFirst();
  return problem && withChannel(problem);
}

async function moveMatter(db: Trx, dims: MatterDims, delta: number) {
  await addTo(db, mattersByDay, [{ ...dims, n: delta }]);
  await addTo(db, mattersByMonth, [{ ...monthDims(dims), n: delta }]);
}

async function moveProblem(db: Trx, dims: ProblemDims, delta: number) {
  const { reopens, ...key } = dims;
  await addTo(db, problemsByDay, [{ ...key, n: delta, reopens: delta * reopens }]);
  const { reopens: _, ...monthKey } = monthDims(dims);
  await addTo(db, problemsByMonth, [{ ...monthKey, n: delta, reopens: delta * reopens }]);
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

/** Rows of one tier to add in one statement: the same key summed, as one upsert may touch a row once. */
function summed(dims: readonly object[], tier: Tier): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown> & { n: number; reopens: number }>();
  for (const d of dims) {
    const { reopens = 0, ...key } = d as { reopens?: number };
    const id = JSON.stringify(key);
    const row = rows.get(id);
    if (row) {
      row.n += 1;
      row.reopens += reopens;
    } else rows.set(id, { ...key, n: 1, reopens });
  }
  return [...rows.values()].map(({ reopens, ...row }) =>
    tier.counts.includes('reopens') ? { ...row, reopens } : row,
  );
}

/** Counts matters and problems that are in no row yet: what countChange does for each, in a few statements. */
async function countNew(db: Trx, entityType: 'matter' | 'problem', ids: string[]) {
  const counted =
    entityType === 'matter'
      ? (await mattersWithCommunity(db).where('matters.id', 'in', ids).execute()).map((m) => ({
          id: m.id,
          dims: matterDims(m) as MatterDims | ProblemDims,
        }))
      : (await problemsWithCommunity(db).where('problems.id', 'in', ids).execute()).map((p) => ({
          id: p.id,
          dims: problemDims(withChannel(p)) as MatterDims | ProblemDims,
        }));
  if (counted.length === 0) return;
  await db
    .insertInto('figure_keys')
    .values(counted.map((c) => ({ entity_type: entityType, entity_id: c.id, dims: JSON.stringify(c.dims) })))
    .execute();
  const dims = counted.map((c) => c.dims);
  const [byDay, byMonth] =
    entityType === 'matter' ? [mattersByDay, mattersByMonth] : [problemsByDay, problemsByMonth];
  await addTo(db, byDay, summed(dims, byDay));
  await addTo(db, byMonth, summed(dims.map(monthDims), byMonth));
}

/**
 * Counts every matter and problem not yet in the roll-ups: a database that held matters before the
 * roll-ups existed, or rows written in bulk (the benchmark city). Batches of 2,000 per transaction, each
 * counted in a few statements (one at a time took most of the build of a million-matter city).
 */
export async function backfillFigures(database: { db: Db; dialect: Tx['dialect'] }): Promise<number> {
  let counted = 0;
  for (const entity of ['matter', 'problem'] as const) {
    // In id order from where the last batch ended: starting again from the first id, each batch walked
    // past every row counted before it (n²/1,000 lookups, a billion for a million-matter city).
    for (let after = ''; ; ) {
      const table = entity === 'matter' ? 'matters' : 'problems';
      const missing = await database.db
        .selectFrom(table)
        .leftJoin('figure_keys', (join) =>
          join.onRef('figure_keys.entity_id', '=', `${table}.id`).on('figure_keys.entity_type', '=', entity),
        )
        .select(`${table}.id as id`)
        .where('figure_keys.entity_id', 'is', null)
        .where(`${table}.id`, '>', after)
        .orderBy(`${table}.id`)
        .limit(2_000)
        .execute();
      if (missing.length === 0) break;
      after = missing.at(-1)!.id;
      await database.db.transaction().execute((db) =>
        countNew(
          db,
          entity,
          missing.map((m) => m.id),
        ),
      );
      counted += missing.length;
    }
  }
  return counted;
}
