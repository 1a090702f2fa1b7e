import type { Db } from '../../db/transaction.ts';
import { addDaysTo, CHINA_TIME_ZONE, endOfLocalDay } from '../../domain/deadlines/civil-day.ts';
import { figureDay, RESPONSE_HOURS } from '../../domain/figures/definitions.ts';
import { type DayRange, splitByMonths } from '../../domain/figures/month-split.ts';
import { type Period, periodOf } from '../../domain/figures/stats.ts';
import { type Category, type Channel, categoryNames, channelNames } from '../../domain/matters/vocabulary.ts';
import { AppError } from '../../server/errors.ts';
import type { Language } from '../../server/i18n.ts';
import {
  durationsAt,
  type FigureFilter,
  type GroupColumn,
  type LiveProblemRow,
  type MonthGroup,
  matterGroups,
  matterMonthGroups,
  overdueCounts,
  placeById,
  placesByPaths,
  problemGroups,
  problemMonthGroups,
  problemsCreatedBetween,
} from './figures.repo.ts';
import type { Figures, FiguresQuery } from './figures.schemas.ts';
import { type Bucket, Buckets } from './figures.tally.ts';

/** The kinds of place the figures roll up to: the roll-ups hold communities, so a community or above. */
export const figurePlaceKinds = ['city', 'district', 'street', 'community'];

const groupColumns: Record<NonNullable<FiguresQuery['by']>, GroupColumn> = {
  category: 'category',
  channel: 'channel',
  period: 'day',
  place: 'community_path',
};

/** The place a figure is asked for, refused when unknown or below a community. */
export async function figurePlace(db: Db, placeId: string | undefined) {
  if (!placeId) return null;
  const place = await placeById(db, placeId);
  if (!place)
    throw new AppError('validation_failed', { fields: [{ field: 'placeId', message: 'not_found' }] });
  if (!figurePlaceKinds.includes(place.kind)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'placeId',
          message: {
            'zh-CN': '统计数据汇总到社区一级，请选择社区或以上的区划',
            en: 'Figures roll up to communities: choose a community or a place above it',
          },
        },
      ],
    });
  }
  return place;
}

/** The child of `parentPath` that a community path lies in ('/' for the whole tree: its first place). */
export function childPathOf(communityPath: string, parentPath: string | undefined): string {
  const base = parentPath ?? '/';
  const rest = communityPath.slice(base.length).split('/').filter(Boolean);
  return rest.length === 0 ? communityPath : `${base}${rest[0]}/`;
}

/** The street × month tier's stand-in for each group column it can serve. */
const monthGroups: Partial<Record<NonNullable<GroupColumn> | 'none', MonthGroup>> = {
  none: null,
  day: 'month',
  community_path: 'street_path',
};

/** What a breakdown splits the figures into, as far as the street × month tier is concerned. */
export type Grain = 'none' | 'months' | 'weeks' | 'streets' | 'communities' | 'category' | 'channel';

/**
 * Whether the street × month tier can answer: no category or channel asked or broken down by, nothing finer
 * than months and streets, and a place above the street — below it the day rows are few and fast.
 */
export function monthTierServes(filter: FigureFilter, placeKind: string | undefined, grain: Grain): boolean {
  if (filter.category || filter.channel) return false;
  if (placeKind !== undefined && placeKind !== 'city' && placeKind !== 'district') return false;
  return grain === 'none' || grain === 'months' || grain === 'streets';
}

/** The grain of a figures breakdown: a place's children are streets at the finest where the tier serves. */
function grainOf(query: FiguresQuery): Grain {
  if (query.by === undefined) return 'none';
  if (query.by === 'period') return query.period === 'week' ? 'weeks' : 'months';
  if (query.by === 'place') return 'streets';
  return query.by;
}

/**
 * The roll-up rows for a filter: from the day rows, or — `byMonth` — from the month rows for the whole
 * months of the period and the day rows for the days around them (and, for problems, for the month in which
 * the response deadline is passing: whether a day's problems are due is a question of the day).
 */
async function rollupRows(
  db: Db,
  filter: FigureFilter,
  group: GroupColumn,
  dueDay: string,
  byMonth: boolean,
) {
  if (!byMonth)
    return Promise.all([matterGroups(db, filter, group), problemGroups(db, filter, group, dueDay)]);
  const monthGroup = monthGroups[group ?? 'none'] ?? null;
  const daysOf = (range: DayRange) => ({ ...filter, from: range.from, to: range.to, placeByRow: true });
  const forMatters = splitByMonths(filter);
  const forProblems = splitByMonths(filter, dueDay);
  const monthly = { placePath: filter.placePath };
  const [matters, problems] = await Promise.all([
    Promise.all([
      forMatters.months ? matterMonthGroups(db, { ...monthly, months: forMatters.months }, monthGroup) : [],
      ...forMatters.days.map((range) => matterGroups(db, daysOf(range), group)),
    ]),
    Promise.all([
      forProblems.months
        ? problemMonthGroups(db, { ...monthly, months: forProblems.months }, monthGroup)
        : [],
      ...forProblems.days.map((range) => problemGroups(db, daysOf(range), group, dueDay)),
    ]),
  ]);
  return [matters.flat(), problems.flat()] as const;
}

/** The buckets' raw material, read once for a filter and a grouping. */
export async function readBuckets(
  db: Db,
  filter: FigureFilter,
  group: GroupColumn,
  now: Date,
  keyOf: (raw: string) => string,
  /** Whether the street × month tier may serve (`monthTierServes`). */
  byMonth = false,
): Promise<Buckets> {
  // Problems opened before this instant have passed their response deadline.
  const cutoff = new Date(now.getTime() - RESPONSE_HOURS * 3_600_000);
  const dueDay = figureDay(cutoff.toISOString());
  const dueDayStart = endOfLocalDay(addDaysTo(dueDay, -1), CHINA_TIME_ZONE).toISOString();
  const periodBound = Boolean(filter.from || filter.to);
  const inPeriod = (day: string) => (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
  const byChannel = group === 'channel' || Boolean(filter.channel);
  const [[matters, problems], live, overdue] = await Promise.all([
    rollupRows(db, filter, group, dueDay, byMonth),
    inPeriod(dueDay)
      ? problemsCreatedBetween(db, filter, { fromIso: dueDayStart, toIso: cutoff.toISOString() }, byChannel)
      : Promise.resolve([]),
    overdueCounts(db, filter, now.toISOString(), group, periodBound),
  ]);
  const liveKey = (row: LiveProblemRow) =>
    group === 'day' ? figureDay(row.created_at) : group === null ? '' : row[group];
  const buckets = new Buckets();
  for (const row of matters) buckets.get(keyOf(row.key)).matters.push(row);
  for (const row of problems) buckets.get(keyOf(row.key)).problems.push(row);
  for (const row of live) buckets.get(keyOf(liveKey(row))).addLive(row);
  for (const row of overdue) {
    // Beijing days begin on a whole UTC hour: the hour a problem was created in names its day.
    const day = row.hour === '' ? '' : figureDay(`${row.hour}:00:00.000Z`);
    if (periodBound && !inPeriod(day)) continue;
    buckets.get(keyOf(group === 'day' ? day : row.key)).overdue += row.n;
  }
  return buckets;
}

function labelOf(by: NonNullable<FiguresQuery['by']>, key: string, language: Language): string {
  if (by === 'category') return categoryNames[key as Category]?.[language] ?? key;
  if (by === 'channel') return channelNames[key as Channel]?.[language] ?? key;
  return key;
}

/** The figures of a place (or everywhere), filtered by category, channel and period, optionally broken down. */
export async function figures(db: Db, query: FiguresQuery, now: Date, language: Language): Promise<Figures> {
  const place = await figurePlace(db, query.placeId);
  const filter: FigureFilter = {
    placePath: place?.path,
    category: query.category,
    channel: query.channel,
    from: query.from,
    to: query.to,
  };
  const byMonth = monthTierServes(filter, place?.kind, grainOf(query));
  // A breakdown covers the same records as the whole: the whole is the sum of its rows, not a second read.
  const buckets = query.by
    ? await readBuckets(
        db,
        filter,
        groupColumns[query.by],
        now,
        keyOfBreakdown(query.by, query.period, filter),
        byMonth,
      )
    : await readBuckets(db, filter, null, now, () => '', byMonth);
  const whole = buckets.total();
  const [breakdown, children, durations] = await Promise.all([
    query.by ? breakdownOf(db, buckets, query.by, language) : Promise.resolve(null),
    childPlaces(db, place?.path),
    durationsAt(db, place?.path ?? '/'),
  ]);
  const duration = (metric: string) => {
    const row = durations.find((d) => d.metric === metric);
    return {
      n: Number(row?.n ?? 0),
      medianSeconds: row?.median_seconds ?? null,
      p90Seconds: row?.p90_seconds ?? null,
    };
  };
  return {
    place: place ? { id: place.id, name: place.name, kind: place.kind } : null,
    counts: whole.counts(),
    rates: whole.rates(),
    onTimeByLevel: whole.onTimeByLevel(),
    durations: {
      asOf: durations[0]?.computed_at ?? null,
      firstResponse: duration('first_response'),
      resolution: duration('resolution'),
    },
    breakdown: breakdown && { by: query.by!, rows: breakdown },
    children,
    computedAt: now.toISOString(),
  };
}

function keyOfBreakdown(
  by: NonNullable<FiguresQuery['by']>,
  period: Period,
  filter: FigureFilter,
): (raw: string) => string {
  if (by === 'period') return (day) => periodOf(day, period);
  if (by === 'place') return (path) => childPathOf(path, filter.placePath);
  return (key) => key;
}

async function breakdownOf(
  db: Db,
  buckets: Buckets,
  by: NonNullable<FiguresQuery['by']>,
  language: Language,
) {
  const places =
    by === 'place'
      ? await placesByPaths(db, [...buckets.byKey.keys()])
      : ([] as { path: string; id: string; name: string }[]);
  const rows = [...buckets.byKey.entries()].map(([key, bucket]: [string, Bucket]) => {
    const place = places.find((p) => p.path === key);
    return {
      key,
      label: place?.name ?? labelOf(by, key, language),
      placeId: place?.id ?? null,
      counts: bucket.counts(),
      rates: bucket.rates(),
    };
  });
  if (by === 'period') rows.sort((a, b) => a.key.localeCompare(b.key));
  else rows.sort((a, b) => b.counts.collected - a.counts.collected || a.key.localeCompare(b.key));
  return rows;
}

/** The places one level down that the figures can drill into. */
async function childPlaces(db: Db, parentPath: string | undefined) {
  let query = db
    .selectFrom('places')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', figurePlaceKinds as ('city' | 'district' | 'street' | 'community')[]);
  if (parentPath) {
    const parent = await db
      .selectFrom('places')
      .select('id')
      .where('path', '=', parentPath)
      .executeTakeFirst();
    query = query.where('parent_id', '=', parent?.id ?? '');
  } else query = query.where('parent_id', 'is', null);
  return query.orderBy('name').execute();
}
