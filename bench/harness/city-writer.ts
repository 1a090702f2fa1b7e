import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Trx } from '../../src/db/transaction.ts';
import type { CityRows, CitySummary } from './city.ts';
import { generatedInThread } from './generation-thread.ts';
import type { MatterRows } from './matters.ts';
import { writeMatters } from './matters-writer.ts';

// Writes the generated city with the table shapes of src/db/schema.ts (a change there that the city does
// not follow stops the type-check). Rows in FK order, ten communities a transaction.

// Seven columns × 500 rows stays well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_STATEMENT = 500;

function* slices<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

/**
 * Households written per transaction: about ten communities. A community's matters, problems and
 * timeline land all over the tables' id indexes (their ids carry their dates, two years of them), so
 * each commit writes back most of the index pages; ten communities a commit write each page once for
 * many rows (at a million matters a commit per community wrote a fifth of the build's time).
 */
const HOUSEHOLDS_PER_TRANSACTION = 20_000;

async function writeRows(trx: Trx, rows: CityRows) {
  for (const part of slices(rows.places)) await trx.insertInto('places').values(part).execute();
  for (const part of slices(rows.households)) await trx.insertInto('households').values(part).execute();
  for (const part of slices(rows.parties)) await trx.insertInto('parties').values(part).execute();
  for (const part of slices(rows.people)) await trx.insertInto('people').values(part).execute();
  for (const part of slices(rows.ownerships)) await trx.insertInto('ownerships').values(part).execute();
  for (const part of slices(rows.grids)) await trx.insertInto('grids').values(part).execute();
  for (const part of slices(rows.grid_buildings))
    await trx.insertInto('grid_buildings').values(part).execute();
}

export type MatterCounts = Record<keyof MatterRows, number>;
export type BuildSummary = CitySummary & { matterCounts: MatterCounts };

/**
 * Builds a city of `households` households from `seed`, each community followed by its share of
 * `matters` matters with their problems and histories; `progress` hears the running household count.
 */
export async function writeCity(
  db: Kysely<DB>,
  households: number,
  seed: number,
  progress: (written: number) => void | Promise<void>,
  matters = 0,
): Promise<BuildSummary> {
  const chunks = generatedInThread({ households, seed, matters });
  const matterCounts: MatterCounts = {
    users: 0,
    household_links: 0,
    problems: 0,
    matters: 0,
    orders: 0,
    problem_events: 0,
    audit: 0,
  };
  let written = 0;
  try {
    let step = await chunks.next();
    while (!step.done) {
      const committed = written;
      await db.transaction().execute(async (trx) => {
        for (; !step.done && written - committed < HOUSEHOLDS_PER_TRANSACTION; step = await chunks.next()) {
          const { city, matters: rows, audit } = step.value;
          await writeRows(trx, city);
          await writeMatters(trx, rows, audit);
          for (const key of Object.keys(matterCounts) as (keyof MatterRows)[])
            matterCounts[key] += rows[key].length;
          written += city.households.length;
        }
      });
      await progress(written);
    }
    return { ...step.value, matterCounts };
  } finally {
    // A failed write stops the generation thread too (a finished one has stopped already).
    await chunks.return(undefined as never);
  }
}
