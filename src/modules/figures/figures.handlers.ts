import { sql } from 'kysely';
import { pathBelow, pathInScope } from '../../db/fragments.ts';
import type { Db } from '../../db/transaction.ts';
import { rate } from '../../domain/figures/stats.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireActor, scopeOf } from '../access/policy.ts';
import type { Handlers, HandlersQuery } from './figures.schemas.ts';

/** The problems whose orders the handlers' figures count: those the actor sees; nowhere is refused. */
export function handlersScope(actor: Actor | null) {
  const scope = scopeOf(requireActor(actor), 'problem.view');
  if (scope.prefixes.length === 0 && scope.exact.length === 0) throw new AppError('forbidden');
  return scope;
}

/**
 * Per handling party or person: orders handled, on time, and the rating residents gave — for staff with
 * scope over the problems, never for the public. Counted over the orders of problems in the viewer's scope.
 */
export async function handlers(db: Db, actor: Actor | null, query: HandlersQuery): Promise<Handlers> {
  const scope = handlersScope(actor);
  let place: { path: string } | undefined;
  if (query.placeId) {
    place = await db.selectFrom('places').select('path').where('id', '=', query.placeId).executeTakeFirst();
    if (!place) throw new AppError('not_found');
  }
  const byParty = query.by === 'party';
  const ratings = db
    .selectFrom('matters')
    .select([
      'problem_id',
      (eb) => eb.fn.sum<number | string>('rating').as('rating_sum'),
      (eb) => eb.fn.count<number | string>('rating').as('rating_n'),
    ])
    .where('rating', 'is not', null)
    .groupBy('problem_id');
  let rows = db
    .selectFrom('orders')
    .innerJoin('problems', 'problems.id', 'orders.problem_id')
    .leftJoin(ratings.as('r'), 'r.problem_id', 'orders.problem_id')
    .where('orders.state', '!=', 'transferred')
    .where(pathInScope(sql.ref('problems.place_path'), scope));
  if (place) rows = rows.where(pathBelow(sql.ref('problems.place_path'), place.path));
  const totals = [
    sql<number | string>`sum(case when orders.state = 'reported' then 1 else 0 end)`.as('handled'),
    sql<number | string>`sum(case when orders.state <> 'reported' then 1 else 0 end)`.as('open'),
    sql<
      number | string
    >`sum(case when orders.state = 'reported' and problems.deadline_at is not null then 1 else 0 end)`.as(
      'with_deadline',
    ),
    sql<
      number | string
    >`sum(case when orders.state = 'reported' and orders.reported_at <= problems.deadline_at then 1 else 0 end)`.as(
      'on_time',
    ),
    sql<number | string>`sum(coalesce(r.rating_sum, 0))`.as('rating_sum'),
    sql<number | string>`sum(coalesce(r.rating_n, 0))`.as('rating_n'),
  ];
  const result = byParty
    ? await rows
        .innerJoin('parties', 'parties.id', 'orders.party_id')
        .select(['parties.id as id', 'parties.name as name', ...totals])
        .groupBy(['parties.id', 'parties.name'])
        .execute()
    : await rows
        .innerJoin('users', 'users.id', 'orders.taken_by')
        .innerJoin('people', 'people.id', 'users.person_id')
        .select(['users.id as id', 'people.name as name', ...totals])
        .groupBy(['users.id', 'people.name'])
        .execute();
  return {
    by: query.by,
    rows: result
      .map((r) => {
        const ratingN = Number(r.rating_n);
        return {
          id: r.id,
          name: r.name ?? '',
          handled: Number(r.handled),
          open: Number(r.open),
          onTime: rate(Number(r.on_time), Number(r.with_deadline)),
          rating: ratingN === 0 ? null : Math.round((Number(r.rating_sum) / ratingN) * 10) / 10,
          ratings: ratingN,
        };
      })
      .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name)),
  };
}
