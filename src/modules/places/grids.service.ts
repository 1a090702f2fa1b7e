import { uuidv7 } from 'uuidv7';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  assignments,
  assignBuilding as assignRow,
  findGrid,
  gridNamed,
  gridsOf,
  insertGrid,
  unassignBuilding as unassignRow,
} from './grids.repo.ts';
import type { GridList } from './grids.schemas.ts';
import { findPlace, placesBelow } from './places.repo.ts';
import { placeFor, visiblePlace } from './visibility.ts';

const byName = new Intl.Collator('zh-CN', { numeric: true });

/** The grids 网格 of a community with their buildings, and the buildings in no grid yet. */
export async function listGrids(tx: Tx, communityId: string): Promise<GridList> {
  const community = await visiblePlace(tx, communityId, ['community']);
  const places = await placesBelow(tx.db, community.path, ['compound', 'building']);
  const compounds = new Map(places.filter((p) => p.kind === 'compound').map((p) => [p.id, p.name]));
  const buildings = places
    .filter((p) => p.kind === 'building')
    .map((b) => ({ id: b.id, name: b.name, compoundName: compounds.get(b.parent_id ?? '') ?? '' }))
    .sort((a, b) => byName.compare(a.compoundName, b.compoundName) || byName.compare(a.name, b.name));
  const gridOf = new Map(
    (
      await assignments(
        tx.db,
        buildings.map((b) => b.id),
      )
    ).map((a) => [a.building_id, a.grid_id]),
  );
  // In the order they were made: 第一网格 before 第二网格, which no collation of the names gives.
  const grids = await gridsOf(tx.db, community.id);
  return {
    grids: grids.map((g) => ({ ...g, buildings: buildings.filter((b) => gridOf.get(b.id) === g.id) })),
    unassigned: buildings.filter((b) => !gridOf.has(b.id)),
  };
}

export async function createGrid(tx: Tx, communityId: string, name: string) {
  const community = await placeFor(tx, 'grid.manage', communityId, ['community']);
  if (await gridNamed(tx.db, community.id, name))
    throw new AppError('conflict', { fields: [{ field: 'name', message: 'already_taken' }] });
  const id = uuidv7();
  await insertGrid(tx.db, { id, community_id: community.id, name, created_at: tx.now.toISOString() });
  await recordAudit(tx, {
    action: 'grid.created',
    entityType: 'grid',
    entityId: id,
    changes: { name: { to: name }, communityId: { to: community.id } },
  });
  return { id, name };
}

/** The grid and the building, both in a community where the actor manages grids; the building must lie in it. */
async function gridAndBuilding(tx: Tx, gridId: string, buildingId: string) {
  const grid = await findGrid(tx.db, gridId);
  if (!grid) throw new AppError('not_found');
  const community = await placeFor(tx, 'grid.manage', grid.community_id, ['community']);
  const building = await findPlace(tx.db, buildingId);
  if (building?.kind !== 'building' || !building.path.startsWith(community.path))
    throw new AppError('not_found');
  const [current] = await assignments(tx.db, [building.id]);
  return { grid, building, currentGridId: current?.grid_id ?? null };
}

export async function assignBuilding(tx: Tx, gridId: string, buildingId: string) {
  const { grid, building, currentGridId } = await gridAndBuilding(tx, gridId, buildingId);
  if (currentGridId === grid.id) return;
  await assignRow(tx.db, building.id, grid.id);
  await recordAudit(tx, {
    action: 'grid.building_assigned',
    entityType: 'place',
    entityId: building.id,
    changes: { gridId: { from: currentGridId, to: grid.id } },
  });
}

export async function unassignBuilding(tx: Tx, gridId: string, buildingId: string) {
  const { grid, building, currentGridId } = await gridAndBuilding(tx, gridId, buildingId);
  if (currentGridId !== grid.id) throw new AppError('not_found');
  await unassignRow(tx.db, building.id);
  await recordAudit(tx, {
    action: 'grid.building_unassigned',
    entityType: 'place',
    entityId: building.id,
    changes: { gridId: { from: grid.id, to: null } },
  });
}
