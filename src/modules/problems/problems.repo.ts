import { sql } from 'kysely';
import { pathInScope } from '../../db/fragments.ts';
import { type Db, pathRange } from '../../db/transaction.ts';
import type { Scope } from '../access/policy.ts';
import type { InboxQuery, QueueQuery } from './problems.schemas.ts';

async function placePath(db: Db, placeId: string | undefined) {
  if (!placeId) return undefined;
  const place = await db.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst();
  return place?.path ?? '/none/';
}

/** The workbench queue: problems in scope, most urgent first (从急从重), then the nearest deadline. */
export async function problemQueue(db: Db, scope: Scope, query: QueueQuery, championId?: string) {
  const under = await placePath(db, query.placeId);
  let base = db
    .selectFrom('problems')
    .innerJoin('places', 'places.id', 'problems.place_id')
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
  if (query.state) base = base.where('problems.state', '=', query.state);
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
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = base.select([
    'problems.id',
    'problems.title',
    'problems.category',
    'problems.state',
    'problems.level',
    'problems.priority',
    'problems.deadline_at',
    'problems.created_at',
    'places.name as place_name',
    (eb) =>
      eb
        .selectFrom('matters')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('matters.problem_id', '=', 'problems.id')
        .as('voices'),
  ]);
  // A missing deadline sorts after every real one, the same on both databases.
  const deadlineLast = sql`case when problems.deadline_at is null then 1 else 0 end`;
  if (query.sort === 'priority')
    rows = rows.orderBy('problems.priority', 'desc').orderBy(deadlineLast).orderBy('problems.deadline_at');
  if (query.sort === 'deadline')
    rows = rows.orderBy(deadlineLast).orderBy('problems.deadline_at').orderBy('problems.priority', 'desc');
  rows = rows.orderBy('problems.created_at', 'desc').orderBy('problems.id');
  const items = await rows
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

const staffMatterColumns = [
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

/** Matters waiting to be accepted or declined, oldest first: the intake inbox. */
export async function matterInbox(db: Db, scope: Scope, query: InboxQuery) {
  const under = await placePath(db, query.placeId);
  let base = db
    .selectFrom('matters')
    .innerJoin('places', 'places.id', 'matters.place_id')
    .leftJoin('people', 'people.id', 'matters.submitter_person_id')
    .where('matters.state', '=', 'submitted')
    .where(pathInScope(sql.ref('matters.place_path'), scope));
  if (under) {
    const { from, to } = pathRange(under);
    base = base.where('matters.place_path', '>=', from).where('matters.place_path', '<', to);
  }
  if (query.category) base = base.where('matters.category', '=', query.category);
  if (query.channel) base = base.where('matters.channel', '=', query.channel);
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

/** Orders waiting for or taken by me: mine by name, or my parties'. */
export async function myOrders(
  db: Db,
  userId: string,
  partyIds: string[],
  page: { limit: number; offset: number; state?: 'dispatched' | 'taken'; sort?: 'priority' | 'dispatched' },
) {
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
  if (page.state) base = base.where('orders.state', '=', page.state);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = base.select([
    'orders.id',
    'orders.role',
    'orders.state',
    'orders.problem_id',
    'orders.dispatched_at',
    'problems.title',
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
