import type { Db, Trx } from '../../db/transaction.ts';

export function findGrid(db: Db | Trx, id: string) {
  return db
    .selectFrom('grids')
    .select(['id', 'community_id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function gridsOf(db: Db | Trx, communityId: string) {
  return db.selectFrom('grids').select(['id', 'name']).where('community_id', '=', communityId).execute();
}

export function gridNamed(db: Trx, communityId: string, name: string) {
  return db
    .selectFrom('grids')
    .select('id')
    .where('community_id', '=', communityId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertGrid(
  db: Trx,
  row: { id: string; community_id: string; name: string; created_at: string },
) {
  await db.insertInto('grids').values(row).execute();
}

export function assignments(db: Db | Trx, buildingIds: readonly string[]) {
  if (buildingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('grid_buildings')
    .select(['building_id', 'grid_id'])
    .where('building_id', 'in', buildingIds)
    .execute();
}

/** A building belongs to one grid: assigning it moves it from the grid it was in. */
export async function assignBuilding(db: Trx, buildingId: string, gridId: string) {
  await db.deleteFrom('grid_buildings').where('building_id', '=', buildingId).execute();
  await db.insertInto('grid_buildings').values({ building_id: buildingId, grid_id: gridId }).execute();
}

export async function unassignBuilding(db: Trx, buildingId: string) {
  await db.deleteFrom('grid_buildings').where('building_id', '=', buildingId).execute();
}
