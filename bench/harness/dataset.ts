import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, type Dialect, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { latestMigration } from '../../src/db/migrations/index.ts';
import { backfillFigures } from '../../src/modules/figures/rollup.ts';
import { markBackfilled } from '../../src/modules/search/search-index.ts';
import type { CityRows, CitySample } from './city.ts';
import { type MatterCounts, writeCity } from './city-writer.ts';
import { backendPids, cpuTicksOf, TICKS_PER_SECOND } from './cpu.ts';
import { upgradedDataset } from './dataset-upgrade.ts';

// Generated databases are cached in bench/.cache/ (git-ignored), keyed by what determines their content:
// dialect, seed, size, the schema's latest migration and the generator's version. A SQLite dataset is a
// file; a PostgreSQL dataset is a database, copied for each run with CREATE DATABASE … TEMPLATE.

export const CACHE_DIR = path.resolve(import.meta.dirname, '../.cache');
/** Raised whenever the generator would build a different database from the same seed. */
export const GENERATOR_VERSION = 5;

export type DatasetSpec = { dialect: Dialect; seed: number; matters: number; households: number };

export type DatasetFacts = {
  key: string;
  spec: DatasetSpec;
  schema: string;
  generator: number;
  builtAt: string;
  buildSeconds: number;
  buildCpuSeconds?: { generator: number; server: number | null };
  counts: Record<keyof CityRows, number>;
  /** Matters generated into the dataset. */
  matters: number;
  /** What the matters brought: problems, orders, timeline events, audit entries, resident accounts. */
  matterCounts?: MatterCounts;
  /** Brought forward from the dataset of an earlier schema by the migrations, in this many seconds. */
  migratedFrom?: string;
  migrateSeconds?: number;
  sample: CitySample;
};

/** A city sized to the matters it will hold: about one matter per household over the years kept. */
export function householdsFor(matters: number): number {
  return Math.max(2_000, matters);
}

export function postgresBaseUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test'
  );
}

export function datasetKey(spec: DatasetSpec): string {
  const sized = spec.households === householdsFor(spec.matters) ? '' : `-h${spec.households}`;
  return `${spec.dialect}-seed${spec.seed}-m${spec.matters}${sized}-schema${latestMigration}-g${GENERATOR_VERSION}`;
}

/** PostgreSQL names stop at 63 bytes: a readable prefix and a digest of the full key. */
export function postgresName(key: string, spec: DatasetSpec) {
  const digest = crypto.createHash('sha256').update(key).digest('hex').slice(0, 10);
  return `sl_bench_s${spec.seed}_m${spec.matters}_${digest}`;
}

export function urlOf(database: string) {
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${database}`;
  url.searchParams.delete('options');
  return url.toString();
}

export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresBaseUrl(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await admin((client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

async function postgresDatabaseExists(name: string) {
  const { rows } = await admin((c) => c.query('select 1 from pg_database where datname = $1', [name]));
  return rows.length > 0;
}

export const factsFile = (key: string) => path.join(CACHE_DIR, `${key}.json`);
export const sqliteFile = (key: string) => path.join(CACHE_DIR, `${key}.db`);

export function removeSqlite(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** The cached dataset when it is complete (its facts are written last), or null. */
export async function cachedDataset(spec: DatasetSpec): Promise<DatasetFacts | null> {
  const key = datasetKey(spec);
  if (!fs.existsSync(factsFile(key))) return null;
  const present =
    spec.dialect === 'sqlite'
      ? fs.existsSync(sqliteFile(key))
      : await postgresDatabaseExists(postgresName(key, spec));
  return present ? (JSON.parse(fs.readFileSync(factsFile(key), 'utf8')) as DatasetFacts) : null;
}

export type Progress = (message: string) => void;

/**
 * Builds the dataset unless it is cached (or can be migrated from an earlier schema's); prints progress
 * every 10% of households. `rebuild` builds it from the seed whatever is cached.
 */
export async function ensureDataset(
  spec: DatasetSpec,
  log: Progress,
  { rebuild = false } = {},
): Promise<DatasetFacts> {
  const cached = rebuild ? null : await cachedDataset(spec);
  if (cached) {
    log(`dataset ${cached.key}: cached (built in ${cached.buildSeconds.toFixed(1)} s)`);
    return cached;
  }
  const migrated = rebuild ? null : await upgradedDataset(spec, log);
  if (migrated) return migrated;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const key = datasetKey(spec);
  const started = performance.now();
  log(`dataset ${key}: building ${spec.households.toLocaleString('en')} households…`);
  const building =
    spec.dialect === 'sqlite' ? await openSqliteBuild(key) : await openPostgresBuild(postgresName(key, spec));
  let reported = 0;
  const cpuBefore = process.cpuUsage();
  let serverCpu: number | null = null;
  const summary = await (async () => {
    try {
      await migrateToLatest(building.database);
      await building.prepare();
      let loading = false;
      const write = writeCity(
        building.database.db,
        spec.households,
        spec.seed,
        async (written) => {
          if (!loading) {
            loading = true;
            await building.loading();
          }
          const tenth = Math.floor((written / spec.households) * 10);
          if (tenth > reported) {
            reported = tenth;
            const seconds = (performance.now() - started) / 1000;
            const used = process.cpuUsage(cpuBefore);
            const cpu = (used.user + used.system) / 1e6;
            const percent = Math.floor((written / spec.households) * 100);
            log(
              `  ${percent}% — ${written.toLocaleString('en')} households, ${seconds.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)`,
            );
          }
        },
        spec.matters,
      );
      const written = await write;
      let phaseStarted = performance.now();
      const phase = (name: string) => {
        const now = performance.now();
        log(`  ${name}: ${((now - phaseStarted) / 1000).toFixed(1)} s`);
        phaseStarted = now;
      };
      await building.loaded();
      phase('secondary indexes');
      // What a server would do at its first start over these rows is done here, once, so that every run
      // measures a server in its steady state, not one counting figures in the background.
      await backfillFigures(building.database);
      await markBackfilled(building.database.db);
      phase('figures backfill');
      serverCpu = await building.finish();
      phase(spec.dialect === 'sqlite' ? 'search index merge' : 'search index, vacuum analyze');
      return written;
    } catch (error) {
      await building.database.close().catch(() => {});
      throw error;
    }
  })();
  const used = process.cpuUsage(cpuBefore);
  const cpuSeconds = Math.round((used.user + used.system) / 1000) / 1000;
  await building.publish();
  const facts: DatasetFacts = {
    key,
    spec,
    schema: latestMigration,
    generator: GENERATOR_VERSION,
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round(performance.now() - started) / 1000,
    buildCpuSeconds: { generator: cpuSeconds, server: serverCpu },
    counts: summary.counts,
    matters: summary.matterCounts.matters,
    matterCounts: summary.matterCounts,
    sample: summary.sample,
  };
  fs.writeFileSync(factsFile(key), `${JSON.stringify(facts, null, 2)}\n`);
  // On a shared machine the wall time says more about the neighbours than the build: the CPU it took
  // (this process and, for PostgreSQL, its backends) is what an idle machine would need, near enough.
  const serverSeconds = serverCpu as number | null;
  const server = serverSeconds === null ? '' : ` + database server ${serverSeconds.toFixed(1)} s`;
  log(
    `dataset ${key}: built in ${facts.buildSeconds.toFixed(1)} s (CPU: generator ${cpuSeconds.toFixed(1)} s${server}; load average ${os.loadavg()[0]!.toFixed(1)})`,
  );
  return facts;
}

/**
 * `prepare` runs once the schema is in place, before any row; `finish` answers the CPU seconds the
 * database server spent on the build, where it can be read.
 */
type Build = {
  database: Database;
  prepare(): Promise<void>;
  /** The first transaction of rows is in. */
  loading(): Promise<void>;
  /** The rows are written; what follows (the figures' backfill) reads them through the indexes. */
  loaded(): Promise<void>;
  finish(): Promise<number | null>;
  publish(): Promise<void>;
};

/** CPU seconds of this database's PostgreSQL backends, from /proc when the server runs on this machine. */
async function backendCpuSeconds(database: Database): Promise<number | null> {
  let ticks = 0;
  for (const pid of await backendPids(database)) {
    const used = cpuTicksOf(pid);
    if (used === null) return null;
    ticks += used;
  }
  return ticks / TICKS_PER_SECOND;
}

async function openSqliteBuild(key: string): Promise<Build> {
  const target = sqliteFile(key);
  const temporary = `${target}.building`;
  removeSqlite(temporary);
  const database = openDatabase(`sqlite:${temporary}`);
  // A cache can be rebuilt: no fsync per transaction while building it, and the rollback journal in
  // memory (better-sqlite3's defensive mode refuses none at all): each commit writes its pages once, to
  // the file, instead of to the write-ahead log and again at each checkpoint. Freed pages need no
  // zeroing: they held nothing secret yet. The finished file is a WAL database again, as the server
  // keeps it.
  await sql`pragma synchronous = off`.execute(database.db);
  await sql`pragma journal_mode = memory`.execute(database.db);
  await sql`pragma secure_delete = off`.execute(database.db);
  // Matters land all over the indexes (each community's span two years of ids and dates): with SQLite's
  // default 2 MB page cache every insert reads pages back from disk, and the build grows quadratically.
  await sql`pragma cache_size = -2000000`.execute(database.db);
  // The secondary indexes are created once over the loaded rows, in one sorted pass each, as a restore
  // does, instead of taking every row as it arrives (rows land all over them). The unique ones stay: the
  // writer's upserts and lookups need them. The definitions are read from the migrated schema.
  let indexes: { name: string; sql: string }[] = [];
  return {
    database,
    prepare: async () => {
      indexes = (
        await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
          where type = 'index' and sql like 'CREATE INDEX%'`.execute(database.db)
      ).rows;
      for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(database.db);
    },
    loading: async () => {},
    loaded: async () => {
      for (const index of indexes) await sql.raw(index.sql).execute(database.db);
    },
    finish: async () => {
      // The search index's segments, merged into one as a long-running server's would be.
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(database.db);
      await sql`pragma journal_mode = wal`.execute(database.db);
      await database.close();
      return null;
    },
    publish: async () => {
      removeSqlite(target);
      fs.renameSync(temporary, target);
    },
  };
}

async function openPostgresBuild(name: string): Promise<Build> {
  const temporary = `${name}_build`;
  await admin(async (c) => {
    await c.query(`drop database if exists "${temporary}" with (force)`);
    // UTF-8 with a C.UTF-8 ctype, as CI creates its database, so Chinese text sorts and indexes.
    await c.query(
      `create database "${temporary}" encoding 'UTF8' template template0 lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
    );
    // A cache can be rebuilt; the setting stays with this database and is not copied to run databases.
    await c.query(`alter database "${temporary}" set synchronous_commit = off`);
  });
  const database = openDatabase(urlOf(temporary), { poolSize: 2 });
  // The secondary indexes (B-tree and GIN, the search index) are built once over the loaded rows, as a
  // restore does: one sorted pass each instead of taking every row as it arrives (rows land all over
  // them). The unique ones stay: the writer's upserts and lookups need them. The definitions are read
  // from the migrated schema, so they cannot drift from it.
  let indexes: { indexname: string; indexdef: string }[] = [];
  // The foreign keys too, as pg_restore does: checked row by row, each a query of its own (six for every
  // matter), they were the larger part of PostgreSQL's work; added back, each is checked in one join.
  type ForeignKey = { table: string; name: string; definition: string };
  let foreignKeys: ForeignKey[] = [];
  return {
    database,
    prepare: async () => {
      indexes = (
        await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
          where schemaname = current_schema() and indexdef like 'CREATE INDEX %'`.execute(database.db)
      ).rows;
      for (const index of indexes) await sql`drop index ${sql.id(index.indexname)}`.execute(database.db);
      foreignKeys = (
        await sql<ForeignKey>`select conrelid::regclass::text as table,
            conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
          where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(database.db)
      ).rows;
      for (const fk of foreignKeys)
        await sql`alter table ${sql.id(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(database.db);
    },
    // Statistics once rows are in (autovacuum may be off, as it is on the reference machine): without them
    // the planner takes each id of a list for 0.5% of a table, and the search index's delete before each
    // write scanned all of search_docs, an n² that grew to most of the 100k build's time. How many rows
    // an id has stays true as the tables grow.
    loading: async () => {
      await sql`analyze`.execute(database.db);
    },
    loaded: async () => {
      await database.db.connection().execute(async (c) => {
        await sql`set maintenance_work_mem = '1GB'`.execute(c);
        for (const index of indexes) await sql.raw(index.indexdef).execute(c);
        for (const fk of foreignKeys)
          await sql`alter table ${sql.id(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
            c,
          );
      });
      // The planner's statistics, before the figures' backfill reads through the indexes: without them
      // it takes a just-loaded table for a small one (a problem's first matter was looked for by walking
      // every matter in date order: minutes for 100k matters).
      await sql`analyze`.execute(database.db);
    },
    finish: async () => {
      // A served database has had autovacuum analyse it (and mark its pages all-visible); the copies
      // inherit both.
      await sql`vacuum analyze`.execute(database.db);
      const cpu = await backendCpuSeconds(database);
      await database.close();
      return cpu;
    },
    publish: () =>
      admin(async (c) => {
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.query(`alter database "${temporary}" rename to "${name}"`);
      }),
  };
}

export type RunDatabase = { url: string; label: string; dispose(): Promise<void> };

/** A fresh copy of the dataset for one run, so what a run writes never reaches the cache. */
export async function runCopy(facts: DatasetFacts): Promise<RunDatabase> {
  if (facts.spec.dialect === 'sqlite') {
    const file = path.join(CACHE_DIR, `run-${process.pid}.db`);
    removeSqlite(file);
    fs.copyFileSync(sqliteFile(facts.key), file);
    // A reader of the cache may have left a write-ahead log beside it; SQLite replays it on open.
    if (fs.existsSync(`${sqliteFile(facts.key)}-wal`))
      fs.copyFileSync(`${sqliteFile(facts.key)}-wal`, `${file}-wal`);
    return {
      url: `sqlite:${file}`,
      label: path.relative(process.cwd(), file),
      dispose: async () => removeSqlite(file),
    };
  }
  const name = `sl_bench_run_${process.pid}`;
  const template = postgresName(facts.key, facts.spec);
  await admin(async (c) => {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}" template "${template}"`);
  });
  return {
    url: urlOf(name),
    label: `postgres database ${name}`,
    dispose: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}
