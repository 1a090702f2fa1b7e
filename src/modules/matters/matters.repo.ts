import type { Insertable, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { MattersTable, OrdersTable, ProblemEventsTable, ProblemsTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { indexMatters, indexProblems } from '../search/search-index.ts';

// Every intake and each keystroke of "already reported?" reads its place: built and compiled once.
const placeById = prepared((db: Db, id: string) =>
  db.selectFrom('places').select(['id', 'name', 'kind', 'path']).where('id', '=', id),
);

/** A place with the community it lies in (from its path), what every matter and problem is filed under. */
export async function placeInContext(db: Db | Trx, placeId: string) {
  const [place] = await placeById(db, placeId);
  if (!place) return undefined;
  const ancestorIds = place.path.split('/').filter(Boolean);
  const community = await db
    .selectFrom('places')
    .select(['id', 'name'])
    .where('id', 'in', ancestorIds)
    .where('kind', '=', 'community')
    .executeTakeFirst();
  return community ? { ...place, communityId: community.id } : undefined;
}

export function placesByIds(db: Db | Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('places').select(['id', 'name', 'kind', 'path']).where('id', 'in', ids).execute();
}

// The inserts take one row or many: the services write one, the bench's generated city writes thousands
// through the same functions, so its rows cannot drift from what the services write.
type Rows<T> = Insertable<T> | readonly Insertable<T>[];

export async function insertMatter(db: Trx, row: Rows<MattersTable>) {
  await db.insertInto('matters').values(row).execute();
  await indexMatters(db, Array.isArray(row) ? row : [row as Insertable<MattersTable>]);
}

export function findMatter(db: Db | Trx, id: string) {
  return db.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMatterByHotlineNo(db: Db | Trx, hotlineNo: string) {
  return db.selectFrom('matters').select(['id']).where('hotline_no', '=', hotlineNo).executeTakeFirst();
}

/** Moves a matter from one state to another only if it is still in the state the caller read. */
export async function updateMatterIf(
  db: Trx,
  id: string,
  expectedState: string,
  changes: Updateable<MattersTable>,
) {
  const result = await db
    .updateTable('matters')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', expectedState)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertProblem(db: Trx, row: Rows<ProblemsTable>) {
  await db.insertInto('problems').values(row).execute();
  const rows: readonly Insertable<ProblemsTable>[] = Array.isArray(row) ? row : [row];
  await indexProblems(
    db,
    rows.map((p) => p.id),
  );
}

export function findProblem(db: Db | Trx, id: string) {
  return db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateProblemIf(
  db: Trx,
  id: string,
  expectedState: string,
  changes: Updateable<ProblemsTable>,
) {
  const result = await db
    .updateTable('problems')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', expectedState)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(db: Trx, row: Rows<ProblemEventsTable>) {
  await db.insertInto('problem_events').values(row).execute();
}

export async function insertOrder(db: Trx, row: Rows<OrdersTable>) {
  await db.insertInto('orders').values(row).execute();
}

export function mattersOfProblem(db: Db | Trx, problemId: string) {
  return db
    .selectFrom('matters')
    .selectAll()
    .where('problem_id', '=', problemId)
    .orderBy('created_at')
    .execute();
}

/** A resident's own matters, a page of them or (with `matterId`) the one just written. */
export async function ownMatters(
  db: Db,
  userId: string,
  page: { limit: number; offset: number },
  matterId?: string,
) {
  const items = await db
    .selectFrom('matters')
    .innerJoin('places', 'places.id', 'matters.place_id')
    .leftJoin('problems', 'problems.id', 'matters.problem_id')
    .select([
      'matters.id',
      'matters.kind',
      'matters.title',
      'matters.text',
      'matters.category',
      'matters.channel',
      'matters.state',
      'matters.decline_reason',
      'matters.feedback_solved',
      'matters.rating',
      'matters.feedback_comment',
      'matters.created_at',
      'matters.problem_id',
      'places.name as place_name',
      'problems.state as problem_state',
      'problems.level as problem_level',
    ])
    .where('matters.submitter_user_id', '=', userId)
    .$if(matterId !== undefined, (q) => q.where('matters.id', '=', matterId!))
    .orderBy('matters.created_at', 'desc')
    .orderBy('matters.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('matters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submitter_user_id', '=', userId)
    .$if(matterId !== undefined, (q) => q.where('id', '=', matterId!))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function voicesOf(db: Db | Trx, problemIds: string[]) {
  if (problemIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('matters')
    .select(['problem_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('problem_id', 'in', problemIds)
    .groupBy('problem_id')
    .execute();
  return new Map(rows.map((r) => [r.problem_id ?? '', Number(r.n)]));
}

export async function publicRepliesOf(db: Db | Trx, problemIds: string[]) {
  if (problemIds.length === 0) return [];
  return db
    .selectFrom('problem_events')
    .select(['problem_id', 'at', 'text'])
    .where('problem_id', 'in', problemIds)
    .where('visibility', '=', 'public')
    .where('kind', '=', 'reply')
    .orderBy('at')
    .execute();
}
