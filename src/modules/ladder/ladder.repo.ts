import { sql } from 'kysely';
import { pathInScope } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { unsolvedProblemStates } from '../../domain/matters/states.ts';
import { levels } from '../../domain/matters/vocabulary.ts';
import type { Scope } from '../access/policy.ts';
import type { OverdueQuery } from './ladder.schemas.ts';

type Reader = Db | Trx;

export function whistlesOf(db: Reader, problemId: string) {
  return db
    .selectFrom('whistles')
    .leftJoin('users', 'users.id', 'whistles.blown_by')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'whistles.id',
      'whistles.blown_at',
      'whistles.arrive_by',
      'whistles.note',
      'people.name as blown_by_name',
    ])
    .where('whistles.problem_id', '=', problemId)
    .orderBy('whistles.blown_at')
    .execute();
}

export function summonsOf(db: Reader, whistleIds: string[]) {
  if (whistleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('whistle_summons')
    .innerJoin('parties', 'parties.id', 'whistle_summons.party_id')
    .innerJoin('orders', 'orders.id', 'whistle_summons.order_id')
    .select([
      'whistle_summons.id',
      'whistle_summons.whistle_id',
      'whistle_summons.party_id',
      'whistle_summons.order_id',
      'whistle_summons.reported_in_at',
      'parties.name as party_name',
      'orders.state as order_state',
      'orders.assignee_user_id',
    ])
    .where('whistle_summons.whistle_id', 'in', whistleIds)
    .orderBy('parties.name')
    .execute();
}

/** Running problems in scope whose deadline has passed, with the count at each level. */
export async function overdueProblems(db: Reader, scope: Scope, query: OverdueQuery, now: Date) {
  const base = db
    .selectFrom('problems')
    .innerJoin('places', 'places.id', 'problems.place_id')
    .where('problems.state', 'in', [...unsolvedProblemStates])
    .where('problems.deadline_at', '<=', now.toISOString())
    .where(pathInScope(sql.ref('problems.place_path'), scope));
  const byLevel = await base
    .select(['problems.level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('problems.level')
    .execute();
  const counts = Object.fromEntries(levels.map((l) => [l, 0])) as Record<(typeof levels)[number], number>;
  for (const row of byLevel) counts[row.level as (typeof levels)[number]] = Number(row.n);
  const filtered = query.level ? base.where('problems.level', '=', query.level) : base;
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await filtered
    .select([
      'problems.id',
      'problems.title',
      'problems.category',
      'problems.state',
      'problems.level',
      'problems.deadline_at',
      'problems.deadline_provisional',
      'problems.place_path',
      'places.name as place_name',
    ])
    .orderBy('problems.deadline_at')
    .orderBy('problems.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { counts, items, total: Number(total.n) };
}

/** Communities in scope, by name: those whose deadline rules the viewer keeps. */
export function communitiesIn(db: Reader, scope: Scope) {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'path'])
    .where('kind', '=', 'community')
    .where(pathInScope(sql.ref('places.path'), scope))
    .orderBy('name')
    .limit(500)
    .execute();
}

export function rulesOfCommunities(db: Reader, communityIds: string[]) {
  if (communityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deadline_rules')
    .innerJoin('places', 'places.id', 'deadline_rules.community_id')
    .selectAll('deadline_rules')
    .select('places.name as community_name')
    .where('deadline_rules.community_id', 'in', communityIds)
    .orderBy('places.name')
    .orderBy('deadline_rules.level')
    .orderBy('deadline_rules.category')
    .execute();
}
