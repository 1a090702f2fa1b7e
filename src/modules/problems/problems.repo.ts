import { type RawBuilder, sql } from 'kysely';
import { pathInScope } from '../../db/fragments.ts';
import { type Db, pathRange } from '../../db/transaction.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import type { Scope } from '../access/policy.ts';
import { soleCommunity } from '../places/places.repo.ts';
import type { InboxQuery, QueueQuery } from './problems.schemas.ts';

async function placePath(db: Db, placeId: string | undefined) {
  if (!placeId) return undefined;
  const place = await db.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst();
  return place?.path ?? '/none/';
}

type Direction = 'asc' | 'desc';

/** The queue's order over `table` (the problems, or the page chosen from them): most urgent first, or
 *  nearest deadline first, or newest; a missing deadline after every real one, on both databases. */
function queueOrder(sort: QueueQuery['sort'], table: 'problems' | 'p'): [RawBuilder<unknown>, Direction][] {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const byPriority: [RawBuilder<unknown>, Direction][] = [[column('priority'), 'desc']];
  const byDeadline: [RawBuilder<unknown>, Direction][] = [
    [sql`case when ${column('deadline_at')} is null then 1 else 0 end`, 'asc'],
    [column('deadline_at'), 'asc'],
  ];
  const lead =
    sort === 'priority'
      ? [...byPriority, ...byDeadline]
      : sort === 'deadline'
        ? [...byDeadline, ...byPriority]
        : [];
  return [...lead, [column('created_at'), 'desc'], [column('id'), 'asc']];
}

/** What the queue is filtered by; the page and the sort are the screen's own. */
export type QueueFilter = Pick<QueueQuery, 'state' | 'level' | 'category' | 'placeId' | 'partyId' | 'userId'>;

/**
 * The problems of the queue: in scope (or taken up by `championId`), filtered as the screen asks. The
 * queue's page and an export of it both read through this, so an export holds what the screen lists.
 */
export async function problemQueueFilter(db: Db, scope: Scope, query: QueueFilter, championId?: string) {
  const under = await placePath(db, query.placeId);
  let base = db
    .selectFrom('problems')
    .where((eb) =>
      championId
        ? eb.or([
            pathInScope(sql.ref('problems.place_path'), scope),
            eb.exists(
              eb
                .selectFrom('problem_champions')
                .select('problem_champions.user_id')
                .whereRef('problem_champions.problem_id', '=', 'problems.id')
                .where('problem_champions.user_id', '=', championId),
            ),
          ])
        : pathInScope(sql.ref('problems.place_path'), scope),
    );
  if (under) {
    const { from, to } = pathRange(under);
    base = base.where('problems.place_path', '>=', from).where('problems.place_path', '<', to);
  }
  if (query.state === 'unsolved') base = base.where('problems.state', 'in', [...unsolvedProblemStates]);
  else if (query.state) base = base.where('problems.state', '=', query.state);
  if (query.level) base = base.where('problems.level', '=', query.level);
  if (query.category) base = base.where('problems.category', '=', query.category);
  if (query.partyId) {
    const partyId = query.partyId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('orders')
          .select('orders.id')
          .whereRef('orders.problem_id', '=', 'problems.id')
          .where('orders.party_id', '=', partyId)
          .where('orders.state', '!=', 'transferred'),
      ),
    );
  }
  if (query.userId) {
    const userId = query.userId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('orders')
          .select('orders.id')
          .whereRef('orders.problem_id', '=', 'problems.id')
          .where('orders.assignee_user_id', '=', userId)
          .where('orders.state', '!=', 'transferred'),
      ),
    );
  }
  return base;
}

/** The workbench queue: problems in scope, most urgent first (从急从重), then the nearest deadline. */
export async function problemQueue(db: Db, scope: Scope, query: QueueQuery, championId?: string) {
  const base = await problemQueueFilter(db, scope, query, championId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page is chosen from the problems alone, then joined to its places and counted voices: a join or
  // a correlated count before the sort would run for every problem in scope, not for the twenty shown.
  // Its community, implied by the scope, is said outright so that the page is read along the community's
  // queue index in the order asked (the count reads the place-path index alone, which holds the filters).
  const community = championId ? null : await soleCommunity(db, scope);
  let chosen = (community ? base.where('problems.community_id', '=', community) : base).select([
    'problems.id',
    'problems.title',
    'problems.category',
    'problems.state',
    'problems.level',
    'problems.priority',
    'problems.deadline_at',
    'problems.deadline_provisional',
    'problems.created_at',
    'problems.place_id',
  ]);
  for (const [by, direction] of queueOrder(query.sort, 'problems')) chosen = chosen.orderBy(by, direction);
  let rows = db
    .selectFrom(
      chosen
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .as('p'),
    )
    .innerJoin('places', 'places.id', 'p.place_id')
    .select([
      'p.id',
      'p.title',
      'p.category',
      'p.state',
      'p.level',
      'p.priority',
      'p.deadline_at',
      'p.deadline_provisional',
      'p.created_at',
      'places.path as place_path',
      'places.name as place_name',
      (eb) =>
        eb
          .selectFrom('matters')
          .select((m) => m.fn.countAll<number>().as('n'))
          .whereRef('matters.problem_id', '=', 'p.id')
          .as('voices'),
    ]);
  for (const [by, direction] of queueOrder(query.sort, 'p')) rows = rows.orderBy(by, direction);
  const items = await rows.execute();
  return { items, total: Number(total.n) };
}

export const staffMatterColumns = [
  'matters.id',
  'matters.kind',
  'matters.title',
  'matters.text',
  'matters.category',
  'matters.channel',
  'matters.state',
  'matters.hotline_no',
  'matters.created_at',
  'matters.feedback_solved',
  'matters.rating',
  'matters.place_path',
  'places.name as place_name',
  'people.name as submitter_name',
  'people.phone as submitter_phone',
] as const;

export type InboxFilter = Pick<InboxQuery, 'placeId' | 'category' | 'channel' | 'state'>;

/** The matters of the inbox in scope, with their places and submitters, filtered as the screen asks. */
export async function matterInboxFilter(db: Db, scope: Scope, query: InboxFilter) {
  const under = await placePath(db, query.placeId);
  let base = db
    .selectFrom('matters')
    .innerJoin('places', 'places.id', 'matters.place_id')
    .leftJoin('people', 'people.id', 'matters.submitter_person_id')
    .where(pathInScope(sql.ref('matters.place_path'), scope));
  if (query.state !== 'any') base = base.where('matters.state', '=', query.state);
  if (under) {
    const { from, to } = pathRange(under);
    base = base.where('matters.place_path', '>=', from).where('matters.place_path', '<', to);
  }
  if (query.category) base = base.where('matters.category', '=', query.category);
  if (query.channel) base = base.where('matters.channel', '=', query.channel);
  return base;
}

/** Matters waiting to be accepted or declined (or in another state asked for), oldest first: the inbox. */
export async function matterInbox(db: Db, scope: Scope, query: InboxQuery) {
  const base = await matterInboxFilter(db, scope, query);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select(staffMatterColumns)
    .orderBy('matters.created_at', query.sort === 'newest' ? 'desc' : 'asc')
    // Matters of one import share a time; their time-ordered ids keep the sheet's order.
    .orderBy('matters.id', query.sort === 'newest' ? 'desc' : 'asc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export function mattersOfProblemForStaff(db: Db, problemId: string) {
  return db
    .selectFrom('matters')
    .innerJoin('places', 'places.id', 'matters.place_id')
    .leftJoin('people', 'people.id', 'matters.submitter_person_id')
    .select(staffMatterColumns)
    .where('matters.problem_id', '=', problemId)
    .orderBy('matters.created_at')
    .execute();
}

export function ordersOfProblem(db: Db, problemId: string) {
  return db
    .selectFrom('orders')
    .leftJoin('parties', 'parties.id', 'orders.party_id')
    .leftJoin('users', 'users.id', 'orders.assignee_user_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'orders.id',
      'orders.role',
      'orders.state',
      'orders.party_id',
      'orders.assignee_user_id',
      'orders.dispatched_at',
      'orders.taken_at',
      'orders.reported_at',
      'orders.report_text',
      'parties.name as party_name',
      'people.name as assignee_name',
    ])
    .where('orders.problem_id', '=', problemId)
    .orderBy('orders.dispatched_at')
    .execute();
}

export function timelineOf(db: Db, problemId: string) {
  return db
    .selectFrom('problem_events')
    .leftJoin('users', 'users.id', 'problem_events.actor_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'problem_events.id',
      'problem_events.at',
      'problem_events.kind',
      'problem_events.visibility',
      'problem_events.text',
      'people.name as actor_name',
    ])
    .where('problem_events.problem_id', '=', problemId)
    .orderBy('problem_events.at')
    .orderBy('problem_events.id')
    .execute();
}

export function championsOf(db: Db, problemId: string) {
  return db
    .selectFrom('problem_champions')
    .innerJoin('users', 'users.id', 'problem_champions.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['problem_champions.user_id', 'people.name'])
    .where('problem_champions.problem_id', '=', problemId)
    .execute();
}

/** Orders waiting for or taken by me (mine by name, or my parties'), with their problems and places. */
export function myOrdersFilter(db: Db, userId: string, partyIds: string[], state?: 'dispatched' | 'taken') {
  let base = db
    .selectFrom('orders')
    .innerJoin('problems', 'problems.id', 'orders.problem_id')
    .innerJoin('places', 'places.id', 'problems.place_id')
    .where('orders.state', 'in', ['dispatched', 'taken'])
    .where((eb) =>
      eb.or([
        eb('orders.assignee_user_id', '=', userId),
        ...(partyIds.length > 0 ? [eb('orders.party_id', 'in', partyIds)] : []),
      ]),
    );
  if (state) base = base.where('orders.state', '=', state);
  return base;
}

/** Orders waiting for or taken by me: mine by name, or my parties'. */
export async function myOrders(
  db: Db,
  userId: string,
  partyIds: string[],
  page: { limit: number; offset: number; state?: 'dispatched' | 'taken'; sort?: 'priority' | 'dispatched' },
) {
  const base = myOrdersFilter(db, userId, partyIds, page.state);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = base.select([
    'orders.id',
    'orders.role',
    'orders.state',
    'orders.problem_id',
    'orders.dispatched_at',
    'problems.title',
    'problems.place_path',
    'places.name as place_name',
  ]);
  if (page.sort !== 'dispatched') rows = rows.orderBy('problems.priority', 'desc');
  const items = await rows
    .orderBy('orders.dispatched_at')
    .orderBy('orders.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items, total: Number(total.n) };
}
