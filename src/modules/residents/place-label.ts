import type { Db, Trx } from '../../db/transaction.ts';
import { envelopeName, type NamedPlace } from '../../domain/places/envelope-name.ts';
import { placesOnPaths } from './residents.repo.ts';

/** The places along each of these paths, root first, fetched in one query. */
export async function placeChains(db: Db | Trx, paths: string[]): Promise<(path: string) => NamedPlace[]> {
  const places = await placesOnPaths(db, paths);
  return (path) =>
    path
      .split('/')
      .filter(Boolean)
      .flatMap((id) => places.get(id) ?? []);
}

/** Labels like 锦秀河畔 1号楼 1单元 101 for household paths, fetched in one query. */
export async function placeLabels(db: Db | Trx, paths: string[]): Promise<(path: string) => string> {
  const chainOf = await placeChains(db, paths);
  // What a resident writes on an envelope, and what staff compare with the register.
  return (path) => envelopeName(chainOf(path), true);
}
