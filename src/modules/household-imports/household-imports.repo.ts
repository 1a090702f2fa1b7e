import { pathRange, type Trx } from '../../db/transaction.ts';
import { ownersBelow, peopleWithPhones } from '../places/households.repo.ts';
import { developersAt, idsOnPath, placesBelow } from '../places/places.repo.ts';

/**
 * Everything an import compares against, read in a handful of range scans over the compound. One after
 * the other: a transaction has one connection, so there is nothing to gain from running them together.
 */
export async function compoundContents(db: Trx, compoundPath: string, phones: readonly string[]) {
  const { from, to } = pathRange(compoundPath);
  const places = await placesBelow(db, compoundPath, ['building', 'entrance']);
  const households = await db
    .selectFrom('households as h')
    .innerJoin('places as hp', 'hp.id', 'h.place_id')
    .select(['h.place_id', 'h.room', 'h.area_centi_m2', 'hp.parent_id'])
    .where('hp.path', '>=', from)
    .where('hp.path', '<', to)
    .execute();
  const owners = await ownersBelow(db, compoundPath);
  const people = await peopleWithPhones(db, phones);
  const developers = await developersAt(db, idsOnPath(compoundPath));
  return { places, households, owners, people, developers };
}

/**
 * Serialises imports into one compound: a no-op update takes the compound's row lock on PostgreSQL until
 * commit (SQLite has one writer anyway), so two imports of one file cannot both create its buildings.
 */
export async function lockCompound(db: Trx, compoundId: string) {
  await db
    .updateTable('places')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', compoundId)
    .execute();
}
