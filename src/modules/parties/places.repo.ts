import type { PlaceKind } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';

// The few place reads that parties, staff and the record history need. modules/places owns the tree;
// these only look things up.

export function findPlace(db: Db | Trx, placeId: string) {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'path', 'parent_id'])
    .where('id', '=', placeId)
    .executeTakeFirst();
}

export function placesByIds(db: Db | Trx, ids: string[], kinds: readonly PlaceKind[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('places')
    .select((eb) => [
      'places.id',
      'places.name',
      'places.kind',
      'places.path',
      eb
        .exists(
          eb
            .selectFrom('places as child')
            .select('child.id')
            .whereRef('child.parent_id', '=', 'places.id')
            .where('child.kind', 'in', kinds),
        )
        .as('has_children'),
    ])
    .where('places.id', 'in', ids)
    .orderBy('places.path')
    .execute();
}

/** The children of a place of the given kinds, with whether each has children of those kinds in turn. */
export function childPlaces(db: Db | Trx, parentId: string, kinds: readonly PlaceKind[]) {
  return db
    .selectFrom('places')
    .select((eb) => [
      'places.id',
      'places.name',
      'places.kind',
      'places.path',
      eb
        .exists(
          eb
            .selectFrom('places as child')
            .select('child.id')
            .whereRef('child.parent_id', '=', 'places.id')
            .where('child.kind', 'in', kinds),
        )
        .as('has_children'),
    ])
    .where('places.parent_id', '=', parentId)
    .where('places.kind', 'in', kinds)
    .orderBy('places.name')
    .orderBy('places.id')
    .execute();
}

/** A grid with the path of its community: a grid grant is in the scope of whoever holds that community. */
export function findGrid(db: Db | Trx, gridId: string) {
  return db
    .selectFrom('grids')
    .innerJoin('places', 'places.id', 'grids.community_id')
    .select([
      'grids.id',
      'grids.name',
      'grids.community_id',
      'places.name as community_name',
      'places.path as community_path',
    ])
    .where('grids.id', '=', gridId)
    .executeTakeFirst();
}
