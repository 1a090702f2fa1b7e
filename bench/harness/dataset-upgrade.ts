import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { latestMigration } from '../../src/db/migrations/index.ts';
import {
  admin,
  CACHE_DIR,
  type DatasetFacts,
  type DatasetSpec,
  datasetKey,
  factsFile,
  GENERATOR_VERSION,
  type Progress,
  postgresName,
  removeSqlite,
  sqliteFile,
  urlOf,
} from './dataset.ts';

// A dataset cached under an earlier schema is brought forward by the migrations a deployed database would
// run, instead of being generated again: the same generator made the same rows, and a million-matter city
// takes many minutes to build but seconds to a minute to migrate.

/** The cached datasets of this spec and generator under an earlier schema, newest schema first. */
function olderFacts(spec: DatasetSpec): DatasetFacts[] {
  if (!fs.existsSync(CACHE_DIR)) return [];
  return fs
    .readdirSync(CACHE_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(CACHE_DIR, file), 'utf8')) as DatasetFacts)
    .filter(
      (facts) =>
        facts.generator === GENERATOR_VERSION &&
        facts.schema < latestMigration &&
        facts.spec.dialect === spec.dialect &&
        facts.spec.seed === spec.seed &&
        facts.spec.matters === spec.matters &&
        facts.spec.households === spec.households,
    )
    .sort((a, b) => b.schema.localeCompare(a.schema));
}

/** The dataset migrated from an earlier schema's copy, or null when there is none to start from. */
export async function upgradedDataset(spec: DatasetSpec, log: Progress): Promise<DatasetFacts | null> {
  const from = olderFacts(spec)[0];
  if (!from) return null;
  const key = datasetKey(spec);
  const started = performance.now();
  log(`dataset ${key}: migrating the cached ${from.key}…`);
  let url: string;
  let publish: () => Promise<void>;
  if (spec.dialect === 'sqlite') {
    const temporary = `${sqliteFile(key)}.migrating`;
    removeSqlite(temporary);
    fs.copyFileSync(sqliteFile(from.key), temporary);
    // A reader of the cache may have left a write-ahead log beside it; SQLite replays it on open.
    if (fs.existsSync(`${sqliteFile(from.key)}-wal`))
      fs.copyFileSync(`${sqliteFile(from.key)}-wal`, `${temporary}-wal`);
    url = `sqlite:${temporary}`;
    publish = async () => {
      removeSqlite(sqliteFile(key));
      fs.renameSync(temporary, sqliteFile(key));
    };
  } else {
    const temporary = `${postgresName(key, spec)}_migrating`;
    await admin(async (c) => {
      await c.query(`drop database if exists "${temporary}" with (force)`);
      await c.query(`create database "${temporary}" template "${postgresName(from.key, from.spec)}"`);
    });
    url = urlOf(temporary);
    publish = () =>
      admin(async (c) => {
        await c.query(`drop database if exists "${postgresName(key, spec)}" with (force)`);
        await c.query(`alter database "${temporary}" rename to "${postgresName(key, spec)}"`);
      });
  }
  const database = openDatabase(url);
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  await publish();
  const seconds = Math.round(performance.now() - started) / 1000;
  const facts: DatasetFacts = {
    ...from,
    key,
    schema: latestMigration,
    migratedFrom: from.key,
    migrateSeconds: seconds,
  };
  fs.writeFileSync(factsFile(key), `${JSON.stringify(facts, null, 2)}\n`);
  log(`dataset ${key}: migrated in ${seconds.toFixed(1)} s`);
  return facts;
}
