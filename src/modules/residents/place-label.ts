import type { Db, Trx } from '../../db/transaction.ts';
import { envelopeName } from '../../domain/places/envelope-name.ts';
import { placesOnPaths } from './residents.repo.ts';

/** Labels like 锦秀河畔 1号楼 1单元 101 for household paths, fetched in one query. */
export async function placeLabels(db: Db | Trx, paths: string[]): Promise<(path: string) => string> {
  const places = await placesOnPaths(db, paths);
  // What a resident writes on an envelope, and what staff compare with the register.
  return (path) =>
    envelopeName(
      path
        .split('/')
        .filter(Boolean)
        .flatMap((id) => places.get(id) ?? []),
      true,
    );
}
