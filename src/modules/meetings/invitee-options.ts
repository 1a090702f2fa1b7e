import { sql } from 'kysely';
import { pathBelow, pinyinOrder } from '../../db/fragments.ts';
import type { PlaceKind } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can, requireActor } from '../access/policy.ts';
import { householdLabels } from './cost.service.ts';

function ancestorsOf(path: string) {
  return path
    .split('/')
    .filter(Boolean)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Who can be invited to, or share the cost of, a meeting at a place: parties, staff by role, households. */
export async function inviteeOptions(db: Db, actorOrNull: Actor | null, placeId: string) {
  const actor = requireActor(actorOrNull);
  const place = await db
    .selectFrom('places')
    .select(['id', 'path', 'kind'])
    .where('id', '=', placeId)
    .executeTakeFirst();
  if (!place || !can(actor, 'meeting.view', { path: place.path, kind: place.kind as PlaceKind }))
    throw new AppError('not_found');
  const ancestors = ancestorsOf(place.path);
  const parties = await db
    .selectFrom('parties')
    .innerJoin('places', 'places.id', 'parties.place_id')
    .select(['parties.id', 'parties.name', 'parties.kind'])
    .where((eb) => eb.or([eb('places.path', 'in', ancestors), pathBelow(eb.ref('places.path'), place.path)]))
    .orderBy(pinyinOrder(db, sql.ref('parties.name')))
    .execute();
  const people = await db
    .selectFrom('role_grants as g')
    .innerJoin('users', 'users.id', 'g.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .leftJoin('places', 'places.id', 'g.place_id')
    .leftJoin('grids', 'grids.id', 'g.grid_id')
    .leftJoin('places as gp', 'gp.id', 'grids.community_id')
    .select(['g.user_id', 'people.name', 'g.role', 'g.sector'])
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('places.path', 'in', ancestors),
        pathBelow(eb.ref('places.path'), place.path),
        eb('gp.path', 'in', ancestors),
        pathBelow(eb.ref('gp.path'), place.path),
      ]),
    )
    .orderBy(pinyinOrder(db, sql.ref('people.name')))
    .limit(500)
    .execute();
  const homes = await db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select('households.place_id')
    .where((eb) => pathBelow(eb.ref('places.path'), place.path))
    .orderBy('places.path')
    .limit(1_000)
    .execute();
  const labels = await householdLabels(
    { db },
    homes.map((h) => h.place_id),
  );
  return {
    parties,
    people: people.map((p) => ({ userId: p.user_id, name: p.name ?? '', role: p.role, sector: p.sector })),
    households: homes
      .map((h) => ({
        id: h.place_id,
        label: labels.get(h.place_id)?.label ?? '',
        areaCentiM2: labels.get(h.place_id)?.area ?? 0,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true })),
  };
}
