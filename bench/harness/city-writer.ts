import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { type CityRows, type CitySummary, generateCity } from './city.ts';

// Writes the generated city with the table shapes of src/db/schema.ts (a change there that the city does
// not follow stops the type-check). One transaction per community; rows in FK order.

// Seven columns × 500 rows stays well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_STATEMENT = 500;

function* slices<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

async function writeRows(db: Kysely<DB>, rows: CityRows) {
  await db.transaction().execute(async (trx) => {
    for (const part of slices(rows.places)) await trx.insertInto('places').values(part).execute();
    for (const part of slices(rows.households)) await trx.insertInto('households').values(part).execute();
    for (const part of slices(rows.parties)) await trx.insertInto('parties').values(part).execute();
    for (const part of slices(rows.people)) await trx.insertInto('people').values(part).execute();
    for (const part of slices(rows.ownerships)) await trx.insertInto('ownerships').values(part).execute();
    for (const part of slices(rows.grids)) await trx.insertInto('grids').values(part).execute();
    for (const part of slices(rows.grid_buildings))
      await trx.insertInto('grid_buildings').values(part).execute();
  });
}

/** Builds a city of `households` households from `seed`; `progress` hears the running household count. */
export async function writeCity(
  db: Kysely<DB>,
  households: number,
  seed: number,
  progress: (written: number) => void,
): Promise<CitySummary> {
  const city = generateCity(households, seed);
  let written = 0;
  for (let step = city.next(); ; step = city.next()) {
    if (step.done) return step.value;
    await writeRows(db, step.value);
    written += step.value.households.length;
    progress(written);
  }
}
