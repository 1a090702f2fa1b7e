import type { Db, Trx } from '../../db/transaction.ts';
import { envelopeName } from '../../domain/places/envelope-name.ts';
import type { Actor } from '../access/actor.ts';
import { can } from '../access/policy.ts';
import { placeChains } from '../residents/place-label.ts';

type Placed = { place_path: string; place_name: string };

/**
 * How a staff screen names the places of its rows: from the compound down, with the entrance and door
 * number only where the reader may contact the residents (person.contact), as their exports do. A place
 * above a compound keeps its own name. The rows' places are read in one query.
 */
export async function staffPlaceNames(db: Db | Trx, actor: Actor, rows: readonly Placed[]) {
  const chainOf = await placeChains(
    db,
    rows.map((r) => r.place_path),
  );
  return (row: Placed): string => {
    const doors = can(actor, 'person.contact', { path: row.place_path, kind: 'household' });
    return envelopeName(chainOf(row.place_path), doors) || row.place_name;
  };
}
