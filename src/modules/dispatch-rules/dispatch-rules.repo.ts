import { sql } from 'kysely';
import { type PathScope, pathInScope } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { DispatchRuleQuery } from './dispatch-rules.schemas.ts';

function rules(db: Db | Trx) {
  return db
    .selectFrom('dispatch_rules as r')
    .innerJoin('places as c', 'c.id', 'r.community_id')
    .leftJoin('places as p', 'p.id', 'r.place_id')
    .leftJoin('parties', 'parties.id', 'r.party_id')
    .leftJoin('users', 'users.id', 'r.user_id')
    .leftJoin('people', 'people.id', 'users.person_id');
}

const columns = [
  'r.id',
  'r.community_id',
  'c.name as community_name',
  'c.path as community_path',
  'r.category',
  'r.place_id',
  'p.name as place_name',
  'r.party_id',
  'parties.name as party_name',
  'r.user_id',
  'people.name as user_name',
  'r.level',
  'r.created_at',
] as const;

export function findRule(db: Db | Trx, id: string) {
  return rules(db).select(columns).where('r.id', '=', id).executeTakeFirst();
}

/** The rule of a community for a category at exactly this place (none: the whole community). */
export function ruleAt(db: Trx, communityId: string, category: string, placeId: string | null) {
  return db
    .selectFrom('dispatch_rules')
    .select('id')
    .where('community_id', '=', communityId)
    .where('category', '=', category)
    .where('place_id', placeId === null ? 'is' : '=', placeId)
    .executeTakeFirst();
}

/** The catalogue of the communities in scope, filtered, sorted and paged. */
export async function rulePage(db: Db, communities: PathScope, query: DispatchRuleQuery) {
  let base = rules(db).where(pathInScope(sql.ref('c.path'), communities));
  if (query.communityId) base = base.where('r.community_id', '=', query.communityId);
  if (query.category) base = base.where('r.category', '=', query.category);
  if (query.partyId) base = base.where('r.party_id', '=', query.partyId);
  if (query.level) base = base.where('r.level', '=', query.level);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = base.select(columns);
  // A community-wide rule (no place) first, the same on both databases (their NULL orders differ).
  const wholeFirst = sql`case when p.path is null then 0 else 1 end`;
  if (query.sort === 'category')
    rows = rows.orderBy('c.name').orderBy('r.category').orderBy(wholeFirst).orderBy('p.path');
  if (query.sort === 'place')
    rows = rows.orderBy('c.name').orderBy(wholeFirst).orderBy('p.path').orderBy('r.category');
  if (query.sort === 'created') rows = rows.orderBy('r.created_at', 'desc');
  const items = await rows
    .orderBy('r.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}
