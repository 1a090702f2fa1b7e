import { type Expression, type SqlBool, sql } from 'kysely';
import { pathBelow } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';

// All SQL of the figures: sums over the roll-ups, and the few direct reads of what moves with the clock
// (problems whose response deadline passed today, overdue problems).

export type FigureFilter = {
  placePath?: string;
  category?: string;
  channel?: string;
  /** local days, inclusive */
  from?: string;
  to?: string;
};

/** The dimension a breakdown groups by, as a roll-up column. */
export type GroupColumn = 'category' | 'channel' | 'day' | 'community_path' | null;

type Filterable = 'community_path' | 'category' | 'channel' | 'day';

function rollupWhere(filter: FigureFilter, col: (c: Filterable) => Expression<string>): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (filter.placePath) terms.push(pathBelow(col('community_path'), filter.placePath));
  if (filter.category) terms.push(sql<SqlBool>`${col('category')} = ${filter.category}`);
  if (filter.channel) terms.push(sql<SqlBool>`${col('channel')} = ${filter.channel}`);
  if (filter.from) terms.push(sql<SqlBool>`${col('day')} >= ${filter.from}`);
  if (filter.to) terms.push(sql<SqlBool>`${col('day')} <= ${filter.to}`);
  return terms.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(terms, sql` and `)}`;
}

const groupKey = (group: GroupColumn) => (group === null ? sql<string>`''` : sql<string>`${sql.ref(group)}`);

export type MatterGroupRow = { key: string; state: string; feedback: number; rating: number; n: number };

export async function matterGroups(db: Db, filter: FigureFilter, group: GroupColumn) {
  const key = groupKey(group);
  const rows = await db
    .selectFrom('rollup_matters')
    .select([key.as('key'), 'state', 'feedback', 'rating', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where(rollupWhere(filter, (c) => sql.ref(`rollup_matters.${c}`)))
    .groupBy(group === null ? ['state', 'feedback', 'rating'] : [key, 'state', 'feedback', 'rating'])
    .execute();
  return rows.map(
    (r): MatterGroupRow => ({
      key: r.key,
      state: r.state,
      feedback: Number(r.feedback),
      rating: Number(r.rating),
      n: Number(r.n),
    }),
  );
}

export type ProblemGroupRow = {
  key: string;
  state: string;
  level: string;
  response: string;
  resolution: string;
  reopened: number;
  n: number;
  reopens: number;
  dueN: number;
  dueOnTime: number;
};

/** Problem roll-ups; dueN/dueOnTime count the problems of days wholly before `dueDay` (response deadline passed). */
export async function problemGroups(db: Db, filter: FigureFilter, group: GroupColumn, dueDay: string) {
  const key = groupKey(group);
  const rows = await db
    .selectFrom('rollup_problems')
    .select([
      key.as('key'),
      'state',
      'level',
      'response',
      'resolution',
      'reopened',
      (eb) => eb.fn.sum<number | string>('n').as('n'),
      (eb) => eb.fn.sum<number | string>('reopens').as('reopens'),
      sql<number | string>`sum(case when day < ${dueDay} then n else 0 end)`.as('due_n'),
      sql<number | string>`sum(case when day < ${dueDay} and response = 'on_time' then n else 0 end)`.as(
        'due_on_time',
      ),
    ])
    .where(rollupWhere(filter, (c) => sql.ref(`rollup_problems.${c}`)))
    .groupBy([...(group === null ? [] : [key]), 'state', 'level', 'response', 'resolution', 'reopened'])
    .execute();
  return rows.map(
    (r): ProblemGroupRow => ({
      key: r.key,
      state: r.state,
      level: r.level,
      response: r.response,
      resolution: r.resolution,
      reopened: Number(r.reopened),
      n: Number(r.n),
      reopens: Number(r.reopens),
      dueN: Number(r.due_n),
      dueOnTime: Number(r.due_on_time),
    }),
  );
}

/** The channel a problem was first raised through: that of its earliest matter. */
const firstChannel = sql<string>`coalesce((select m.channel from matters m where m.problem_id = problems.id order by m.created_at, m.id limit 1), 'online')`;

export type LiveProblemRow = {
  category: string;
  /** '' unless asked for (`byChannel`) */
  channel: string;
  community_path: string;
  created_at: string;
  first_taken_at: string | null;
};

/**
 * Problems read directly, not from the roll-ups: those created in [fromIso, toIso] (the day in which the
 * response deadline is passing now), or — with `overdueAt` — the unsolved ones past their deadline.
 */
export async function liveProblems(
  db: Db,
  filter: FigureFilter,
  window: { fromIso: string; toIso: string } | { overdueAt: string },
  /** Whether the rows are grouped by channel: finding a problem's first channel is a read per problem. */
  byChannel: boolean,
): Promise<LiveProblemRow[]> {
  let query = db
    .selectFrom('problems')
    .innerJoin('places as community', 'community.id', 'problems.community_id')
    .select([
      'problems.category',
      (byChannel ? firstChannel : sql<string>`''`).as('channel'),
      'community.path as community_path',
      'problems.created_at',
      'problems.first_taken_at',
    ]);
  if ('overdueAt' in window) {
    query = query
      .where('problems.state', 'in', ['open', 'dispatched', 'in_progress'])
      .where('problems.deadline_at', 'is not', null)
      .where('problems.deadline_at', '<', window.overdueAt);
  } else {
    query = query
      .where('problems.created_at', '>=', window.fromIso)
      .where('problems.created_at', '<=', window.toIso);
  }
  // Naming the kind lets the place filter walk the communities (kind, path) and not every home below the
  // place: a city's overdue problems were read by probing each of its ten thousand places.
  if (filter.placePath)
    query = query
      .where('community.kind', '=', 'community')
      .where(pathBelow(sql.ref('community.path'), filter.placePath));
  if (filter.category) query = query.where('problems.category', '=', filter.category);
  if (filter.channel) query = query.where(sql<SqlBool>`${firstChannel} = ${filter.channel}`);
  return query.execute();
}

export function placeById(db: Db, id: string) {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function placesByPaths(db: Db, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('places').select(['id', 'name', 'kind', 'path']).where('path', 'in', paths).execute();
}

/** Places of one kind below a path: the streets or communities a ranking lists. */
export function placesOfKind(db: Db, kind: 'street' | 'community', below?: string) {
  let query = db.selectFrom('places').select(['id', 'name', 'kind', 'path']).where('kind', '=', kind);
  if (below) query = query.where(pathBelow(sql.ref('path'), below));
  return query.orderBy('path').execute();
}

export function durationsAt(db: Db, placePath: string) {
  return db.selectFrom('figure_durations').selectAll().where('place_path', '=', placePath).execute();
}
