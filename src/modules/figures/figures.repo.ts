import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathBelow } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import type { MonthRange } from '../../domain/figures/month-split.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';

// All SQL of the figures: sums over the roll-ups, and the few direct reads of what moves with the clock
// (problems whose response deadline passed today, overdue problems).

export type FigureFilter = {
  placePath?: string;
  category?: string;
  channel?: string;
  /** local days, inclusive */
  from?: string;
  to?: string;
  /**
   * The place checked on each row rather than looked up: for a few days across a whole city or district,
   * where reading by day finds fewer rows than reading every community's.
   */
  placeByRow?: boolean;
};

/** The dimension a breakdown groups by, as a roll-up column. */
export type GroupColumn = 'category' | 'channel' | 'day' | 'community_path' | null;

type Filterable = 'community_path' | 'category' | 'channel' | 'day';

/** Every term holds (true when there is none). */
function allOf(terms: Expression<SqlBool>[]): RawBuilder<SqlBool> {
  return terms.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(terms, sql` and `)}`;
}

function rollupWhere(filter: FigureFilter, col: (c: Filterable) => Expression<string>): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (filter.placePath && filter.placeByRow) {
    const length = filter.placePath.length;
    terms.push(sql<SqlBool>`substr(${col('community_path')}, 1, ${length}) = ${filter.placePath}`);
  } else if (filter.placePath) terms.push(pathBelow(col('community_path'), filter.placePath));
  if (filter.category) terms.push(sql<SqlBool>`${col('category')} = ${filter.category}`);
  if (filter.channel) terms.push(sql<SqlBool>`${col('channel')} = ${filter.channel}`);
  if (filter.from) terms.push(sql<SqlBool>`${col('day')} >= ${filter.from}`);
  if (filter.to) terms.push(sql<SqlBool>`${col('day')} <= ${filter.to}`);
  return allOf(terms);
}

const groupKey = (group: GroupColumn) => (group === null ? null : sql<string>`${sql.ref(group)}`);

export type MatterGroupRow = { key: string; state: string; feedback: number; rating: number; n: number };

/** Sums a matter tier's rows by key, state, feedback and rating. */
async function sumMatters(
  db: Db,
  table: 'rollup_matters' | 'rollup_matters_month',
  key: RawBuilder<string> | null,
  where: Expression<SqlBool>,
) {
  const rows = await db
    .selectFrom(table)
    .select([
      (key ?? sql<string>`''`).as('key'),
      'state',
      'feedback',
      'rating',
      (eb) => eb.fn.sum<number | string>('n').as('n'),
    ])
    .where(where)
    .groupBy(key === null ? ['state', 'feedback', 'rating'] : [key, 'state', 'feedback', 'rating'])
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

export function matterGroups(db: Db, filter: FigureFilter, group: GroupColumn) {
  return sumMatters(
    db,
    'rollup_matters',
    groupKey(group),
    rollupWhere(filter, (c) => sql.ref(c)),
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

/** Sums a problem tier's rows; `due` picks the rows whose problems are past their response deadline. */
async function sumProblems(
  db: Db,
  table: 'rollup_problems' | 'rollup_problems_month',
  key: RawBuilder<string> | null,
  where: Expression<SqlBool>,
  due: RawBuilder<SqlBool>,
) {
  const rows = await db
    .selectFrom(table)
    .select([
      (key ?? sql<string>`''`).as('key'),
      'state',
      'level',
      'response',
      'resolution',
      'reopened',
      (eb) => eb.fn.sum<number | string>('n').as('n'),
      (eb) => eb.fn.sum<number | string>('reopens').as('reopens'),
      sql<number | string>`sum(case when ${due} then n else 0 end)`.as('due_n'),
      sql<number | string>`sum(case when ${due} and response = 'on_time' then n else 0 end)`.as(
        'due_on_time',
      ),
    ])
    .where(where)
    .groupBy([...(key === null ? [] : [key]), 'state', 'level', 'response', 'resolution', 'reopened'])
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

/** Problem roll-ups; dueN/dueOnTime count the problems of days wholly before `dueDay` (response deadline passed). */
export function problemGroups(db: Db, filter: FigureFilter, group: GroupColumn, dueDay: string) {
  const where = rollupWhere(filter, (c) => sql.ref(c));
  return sumProblems(db, 'rollup_problems', groupKey(group), where, sql<SqlBool>`day < ${dueDay}`);
}

/** What the coarse tier (street × month) is filtered by: a place at or above the street, whole months. */
export type MonthFilter = { placePath?: string; months: MonthRange };
/** The coarse tier's stand-in for a group column: the month's first day (a period key), or the street. */
export type MonthGroup = 'month' | 'street_path' | null;

function monthWhere(filter: MonthFilter, col: (c: 'street_path' | 'month') => Expression<string>) {
  const terms: Expression<SqlBool>[] = [];
  if (filter.placePath) terms.push(pathBelow(col('street_path'), filter.placePath));
  if (filter.months.from) terms.push(sql<SqlBool>`${col('month')} >= ${filter.months.from}`);
  if (filter.months.to) terms.push(sql<SqlBool>`${col('month')} <= ${filter.months.to}`);
  return allOf(terms);
}

const monthKey = (group: MonthGroup) =>
  group === 'month' ? sql<string>`month || '-01'` : group === null ? null : sql<string>`${sql.ref(group)}`;

export function matterMonthGroups(db: Db, filter: MonthFilter, group: MonthGroup) {
  return sumMatters(
    db,
    'rollup_matters_month',
    monthKey(group),
    monthWhere(filter, (c) => sql.ref(c)),
  );
}

/** Problem month rows: their months lie wholly before the day the response deadline is passing, so all are due. */
export function problemMonthGroups(db: Db, filter: MonthFilter, group: MonthGroup) {
  const where = monthWhere(filter, (c) => sql.ref(c));
  return sumProblems(db, 'rollup_problems_month', monthKey(group), where, allOf([]));
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

/** The problems created in [fromIso, toIso]: the day in which the response deadline is passing now. */
export async function problemsCreatedBetween(
  db: Db,
  filter: FigureFilter,
  window: { fromIso: string; toIso: string },
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
    ])
    .where('problems.created_at', '>=', window.fromIso)
    .where('problems.created_at', '<=', window.toIso);
  if (filter.placePath) query = query.where(pathBelow(sql.ref('problems.place_path'), filter.placePath));
  if (filter.category) query = query.where('problems.category', '=', filter.category);
  if (filter.channel) query = query.where(sql<SqlBool>`${firstChannel} = ${filter.channel}`);
  return query.execute();
}

/** Overdue problems counted by the group's key and, when a period needs it, the UTC hour they were created. */
export type OverdueCount = { key: string; hour: string; n: number };

/** The unsolved problems past their deadline at `overdueAt`, counted: what moves with the clock. */
export async function overdueCounts(
  db: Db,
  filter: FigureFilter,
  overdueAt: string,
  group: GroupColumn,
  /** Beijing days are whole UTC hours apart: the hour gives the day without a row per problem. */
  byHour: boolean,
): Promise<OverdueCount[]> {
  // By place: grouped by community, whose path is then read once per group rather than joined to every row;
  // by channel: by the first column, the per-problem read of the first channel.
  const [key, groupKey] =
    group === 'channel'
      ? [firstChannel, sql`1`]
      : group === 'category'
        ? [sql<string>`problems.category`, sql`problems.category`]
        : group === 'community_path'
          ? [
              sql<string>`(select places.path from places where places.id = problems.community_id)`,
              sql`problems.community_id`,
            ]
          : [null, null];
  const hour = byHour || group === 'day' ? sql<string>`substr(problems.created_at, 1, 13)` : null;
  let query = db
    .selectFrom('problems')
    .select([
      (key ?? sql<string>`''`).as('key'),
      (hour ?? sql<string>`''`).as('hour'),
      (eb) => eb.fn.countAll<number | string>().as('n'),
    ])
    .where('problems.state', 'in', [...unsolvedProblemStates])
    .where('problems.deadline_at', '<', overdueAt);
  if (filter.placePath) query = query.where(pathBelow(sql.ref('problems.place_path'), filter.placePath));
  if (filter.category) query = query.where('problems.category', '=', filter.category);
  if (filter.channel) query = query.where(sql<SqlBool>`${firstChannel} = ${filter.channel}`);
  // PostgreSQL refuses a constant in GROUP BY: group only by what varies.
  const groups = [groupKey, hour].filter((g) => g !== null);
  const rows = await (groups.length > 0 ? query.groupBy(groups) : query).execute();
  return rows.map((r) => ({ key: r.key, hour: r.hour, n: Number(r.n) }));
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
