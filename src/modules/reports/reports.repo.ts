import { type SqlBool, sql } from 'kysely';
import { type PathScope, pathBelow, pathInScope } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';

// The direct reads of the monthly report; its counts and rates come from the figures' roll-ups instead.

/** A street or community with the name of the place above it. */
export function reportPlace(db: Db, id: string) {
  return db
    .selectFrom('places')
    .leftJoin('places as parent', 'parent.id', 'places.parent_id')
    .select(['places.id', 'places.name', 'places.kind', 'places.path', 'parent.name as parent_name'])
    .where('places.id', '=', id)
    .executeTakeFirst();
}

/** The streets and communities in a scope, street before its communities: what a report can be asked of. */
export function reportPlacesIn(db: Db, scope: PathScope) {
  return db
    .selectFrom('places')
    .leftJoin('places as parent', 'parent.id', 'places.parent_id')
    .select(['places.id', 'places.name', 'places.kind', 'places.path', 'parent.name as parent_name'])
    .where('places.kind', 'in', ['street', 'community'])
    .where(pathInScope(sql.ref('places.path'), scope))
    .orderBy('places.path')
    .limit(1000)
    .execute();
}

export type ProblemListRow = Awaited<ReturnType<typeof problemRows>>[number];

const problemColumns = [
  'problems.id',
  'problems.title',
  'problems.category',
  'problems.state',
  'problems.level',
  'problems.priority',
  'problems.place_path',
  'problems.deadline_at',
  'problems.resolved_at',
  'problems.created_at',
  'problems.public_summary',
  'problems.published_at',
  'community.name as community_name',
] as const;

/**
 * Problems below a place: those opened in [fromIso, toIso), or — with `overdueAt` — the running ones past
 * their deadline at that instant (the figures' overdue: open, dispatched or in progress), opened before
 * `toIso`, or with `ids` those problems.
 */
export function problemRows(
  db: Db,
  placePath: string,
  window: { fromIso: string; toIso: string } | { overdueAt: string; toIso: string } | { ids: string[] },
) {
  const base = db
    .selectFrom('problems')
    .innerJoin('places as community', 'community.id', 'problems.community_id')
    .select([...problemColumns])
    .where(pathBelow(sql.ref('problems.place_path'), placePath));
  const ordered = (query: typeof base) =>
    query.orderBy('problems.created_at').orderBy('problems.id').execute();
  if ('ids' in window) return inChunks(window.ids, (ids) => ordered(base.where('problems.id', 'in', ids)));
  const before = base.where('problems.created_at', '<', window.toIso);
  if ('fromIso' in window) return ordered(before.where('problems.created_at', '>=', window.fromIso));
  return ordered(
    before
      .where('problems.state', 'in', [...unsolvedProblemStates])
      .where('problems.deadline_at', 'is not', null)
      .where('problems.deadline_at', '<', window.overdueAt),
  );
}

/** Runs a read per 500 ids and joins the rows: a month of a street can hold thousands of problems. */
async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await read(ids.slice(i, i + 500))));
  return rows;
}

/** The lead order of each problem that is not transferred away: who handles it now (主办). */
export function leadHandlers(db: Db, problemIds: string[]) {
  return inChunks(problemIds, (ids) =>
    db
      .selectFrom('orders')
      .leftJoin('parties', 'parties.id', 'orders.party_id')
      .leftJoin('users', 'users.id', 'orders.assignee_user_id')
      .leftJoin('people', 'people.id', 'users.person_id')
      .select([
        'orders.problem_id',
        'orders.dispatched_at',
        'parties.name as party_name',
        'people.name as person_name',
      ])
      .where('orders.role', '=', 'lead')
      .where('orders.state', '!=', 'transferred')
      .where('orders.problem_id', 'in', ids)
      .orderBy('orders.dispatched_at')
      .execute(),
  );
}

/** How many matters each problem holds: the residents who raised it. */
export function voicesOf(db: Db, problemIds: string[]) {
  return inChunks(problemIds, (ids) =>
    db
      .selectFrom('matters')
      .select(['problem_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('problem_id', 'in', ids)
      .groupBy('problem_id')
      .execute(),
  );
}

/** Compounds and buildings by id: the part of a problem's place a report names (never the door). */
export function namedPlaces(db: Db, placeIds: string[]) {
  return inChunks(placeIds, (ids) =>
    db
      .selectFrom('places')
      .select(['id', 'name', 'kind'])
      .where('id', 'in', ids)
      .where('kind', 'in', ['compound', 'building'])
      .execute(),
  );
}

/**
 * The steps of the notable-case rule taken in [fromIso, toIso) by problems below a place: climbs and
 * whistles from the timeline, decisions of consultation meetings, and publication on the echo wall.
 */
export async function notableSteps(db: Db, placePath: string, fromIso: string, toIso: string) {
  const below = pathBelow(sql.ref('problems.place_path'), placePath);
  const [events, decisions, published] = await Promise.all([
    db
      .selectFrom('problem_events')
      .innerJoin('problems', 'problems.id', 'problem_events.problem_id')
      .select(['problem_events.problem_id', 'problem_events.kind'])
      .where('problem_events.kind', 'in', ['escalated', 'whistled'])
      .where('problem_events.at', '>=', fromIso)
      .where('problem_events.at', '<', toIso)
      .where(below)
      .execute(),
    db
      .selectFrom('meeting_agenda_items as item')
      .innerJoin('meetings', 'meetings.id', 'item.meeting_id')
      .innerJoin('problems', 'problems.id', 'item.problem_id')
      .select(['item.problem_id', 'meetings.title', 'item.decided_at'])
      .where('item.state', '=', 'decided')
      .where('item.decided_at', '>=', fromIso)
      .where('item.decided_at', '<', toIso)
      .where(below)
      .orderBy('item.decided_at')
      .execute(),
    db
      .selectFrom('problems')
      .select('problems.id')
      .where('problems.published_at', '>=', fromIso)
      .where('problems.published_at', '<', toIso)
      .where(sql<SqlBool>`problems.public_summary is not null`)
      .where(below)
      .execute(),
  ]);
  return { events, decisions, published };
}
