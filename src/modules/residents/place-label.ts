import type { Db, Trx } from '../../db/transaction.ts';
import { placesOnPaths } from './residents.repo.ts';

// From the compound down: what a resident writes on an envelope, and what staff compare with the register.
const labelKinds = new Set(['compound', 'building', 'entrance', 'household']);

/** Labels like 锦秀河畔 1号楼 1单元 101 for household paths, fetched in one query. */
export async function placeLabels(db: Db | Trx, paths: string[]): Promise<(path: string) => string> {
  const places = await placesOnPaths(db, paths);
  return (path) =>
    path
      .split('/')
      .filter(Boolean)
      .map((id) => places.get(id))
      .flatMap((place) => (place && labelKinds.has(place.kind) ? [place.name] : []))
      .join(' ');
}
