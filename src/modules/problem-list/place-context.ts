import type { Db, Trx } from '../../db/transaction.ts';
import { extractBuilding } from '../../domain/text/place.ts';

/** Where a matter or problem is, as the problem list compares places: compound and building. */
export interface PlaceContext {
  compoundId: string;
  compoundPath: string;
  compoundName: string;
  /** Canonical building (`3号楼`) when the place is a building or below one. */
  building: string | null;
  /** Compound and building, never an entrance's or a household's number: what a resident may be shown. */
  label: string;
}

/** The compound and building of each place path (paths outside any compound are left out). */
export async function placeContexts(
  db: Db | Trx,
  paths: readonly string[],
): Promise<Map<string, PlaceContext>> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  const out = new Map<string, PlaceContext>();
  if (ids.length === 0) return out;
  const places = await db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', 'in', ids)
    .where('kind', 'in', ['compound', 'building'])
    .execute();
  const byId = new Map(places.map((p) => [p.id, p]));
  for (const path of new Set(paths)) {
    const chain = path
      .split('/')
      .filter(Boolean)
      .flatMap((id) => byId.get(id) ?? []);
    const compound = chain.find((p) => p.kind === 'compound');
    if (!compound) continue;
    const building = chain.find((p) => p.kind === 'building');
    out.set(path, {
      compoundId: compound.id,
      compoundPath: compound.path,
      compoundName: compound.name,
      building: building ? (extractBuilding(building.name) ?? building.name) : null,
      label: building ? `${compound.name} ${building.name}` : compound.name,
    });
  }
  return out;
}
