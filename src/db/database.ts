import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pinyinKey } from '../domain/text/pinyin-order.ts';
import { statementNames } from './prepared.ts';
import type { DB } from './schema.ts';
import { OurSqliteDialect } from './sqlite-dialect.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** A description safe to log: never the password. */
  label: string;
  /** The URL it was opened with, for a thread's connection of its own (an export's); holds the password. */
  url: string;
  close(): Promise<void>;
}

// COUNT(*) and bigint sums come back from pg as strings; every figure we keep fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function parseDatabaseUrl(url: string): { dialect: Dialect; target: string } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) };
  throw new Error(
    `DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`,
  );
}

/**
 * `readOnly`: a reader beside the server's own connection (an export's thread): one connection that cannot
 * write, and on SQLite a small page cache instead of better-sqlite3's 16 MB.
 */
export function openDatabase(url: string, options: { poolSize?: number; readOnly?: boolean } = {}): Database {
  const { dialect, target } = parseDatabaseUrl(url);
  const readOnly = options.readOnly ?? false;
  if (dialect === 'sqlite') return openSqlite(target, readOnly);
  return openPostgres(target, readOnly ? 1 : (options.poolSize ?? 10), readOnly);
}

function openSqlite(file: string, readOnly: boolean): Database {
  const sqlite = readOnly ? sqliteReader(file) : sqliteWriter(file);
  sqlite.pragma('busy_timeout = 5000');
  // Names are ordered by pinyin (fragments.ts, pinyinOrder); PostgreSQL has ICU's collation for it.
  sqlite.function('pinyin_key', { deterministic: true }, (name: unknown) =>
    typeof name === 'string' ? pinyinKey(name) : null,
  );
  const db = new Kysely<DB>({ dialect: new OurSqliteDialect(sqlite) });
  return {
    db,
    dialect: 'sqlite',
    label: `sqlite:${file}${readOnly ? ' (read-only)' : ''}`,
    url: `sqlite:${file}`,
    close: () => db.destroy(),
  };
}

function sqliteWriter(file: string) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer. better-sqlite3 leaves WAL databases at synchronous=NORMAL,
  // which may roll back the last commits on power loss; FULL fsyncs the WAL on every commit, so an
  // acknowledged write survives both kill -9 and a power cut (docs/durability.md).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Deleted rows and freed pages are overwritten with zeros, not left in the file: a secret ballot's
  // earlier counter values must not be readable from free space (docs/votes.md).
  sqlite.pragma('secure_delete = ON');
  return sqlite;
}

function sqliteReader(file: string) {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('cache_size = -2000');
  return sqlite;
}

/**
 * After a secret question closes: the WAL still holds earlier images of the pages it wrote, the counters
 * as they moved ballot by ballot. A checkpoint that truncates the WAL leaves only the current pages (and
 * secure_delete, set at open, zeroes what is freed). PostgreSQL's dead row versions are removed by
 * (auto)vacuum, which we leave to the server (docs/votes.md).
 */
export async function forgetOverwrittenPages(database: Database): Promise<void> {
  if (database.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
}

/** Below this many rows a table's statistics are dropped: see refreshPlannerStatistics. */
const SMALL_TABLE_ROWS = 1_000;
/** The tables whose value samples are kept: see refreshPlannerStatistics. */
const VALUE_PLANNED = ['problems'];

/**
 * SQLite plans from statistics that only ANALYZE gathers; without them it guessed, and walked a community's
 * whole queue index looking for a state that no problem was in. `optimize` analyses the tables that changed
 * enough, under a limit that keeps it short at any size (SQLite 3.46 and later): every table at start
 * (after the migrations), the changed ones with each sweep. PostgreSQL's autovacuum does this on its own.
 *
 * Then two kinds are dropped:
 * - a small table's: any plan is fast on a small table, but one analysed while small (the sessions of a
 *   server just started: one row) was scanned once it had grown, on every request, until the next analysis
 *   noticed. Without statistics SQLite assumes a large table and uses its indexes.
 * - the value samples (sqlite_stat4) of every table but those whose plans depend on the value asked for
 *   (a queue filtered by a state no problem is in). With samples, a statement comparing an argument to an
 *   indexed column is compiled again each time it runs: the session lookup cost 60 µs instead of 12.
 */
export async function refreshPlannerStatistics(database: Database, everyTable: boolean): Promise<void> {
  if (database.dialect !== 'sqlite') return;
  await sql.raw(`pragma optimize${everyTable ? '=0x10002' : ''}`).execute(database.db);
  const tables = await statisticsTables(database);
  if (tables.size === 0) return;
  // The first number of a table's statistics is its row count.
  const smallTables = sql`delete from sqlite_stat1 where cast(stat as integer) < ${SMALL_TABLE_ROWS}`;
  const samples = sql`delete from sqlite_stat4 where tbl not in (${sql.join(VALUE_PLANNED)})`;
  if (tables.has('sqlite_stat1')) await smallTables.execute(database.db);
  if (tables.has('sqlite_stat4')) await samples.execute(database.db);
  // Statistics are read when the schema is; this reads them again.
  await sql`analyze sqlite_schema`.execute(database.db);
}

async function statisticsTables(database: Database): Promise<Set<string>> {
  const found = sql<{ name: string }>`select name from sqlite_schema where name like 'sqlite_stat%'`;
  return new Set((await found.execute(database.db)).rows.map((r) => r.name));
}

/**
 * Kysely sends each query unnamed, which PostgreSQL plans anew every time. The queries built once by
 * `prepared` (src/db/prepared.ts) go as named statements instead: parsed and planned once per connection.
 */
function nameThePreparedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' ? statementNames.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as typeof client.query;
}

/**
 * PostgreSQL's default random_page_cost (4) prices a random read as a spinning disk would; on the SSDs this
 * runs on it made a GIN lookup of the search look dearer than reading every text (a community's search
 * for 水 read all 23,000 texts in 17 ms instead of its 948 hits in 2). 1.1 is the usual value for SSDs; an
 * `options` parameter in DATABASE_URL takes precedence (node-postgres lets the URL override the config).
 */
const SESSION_OPTIONS = '-c random_page_cost=1.1';

function openPostgres(url: string, poolSize: number, readOnly: boolean): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: SESSION_OPTIONS });
  // A dropped connection must not crash the process: readiness reports it and the pool reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // A connection that drops while checked out (mid-transaction, when the database restarts) emits 'error'
    // on its client; unheard, that would end the process. Its query fails instead, and the pool replaces it.
    client.on('error', () => {});
    nameThePreparedStatements(client);
    // A reader's statements cannot write (sent before any query of the pool's, on the same connection).
    if (readOnly) client.query('set default_transaction_read_only = on').catch(() => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  return {
    db,
    dialect: 'postgres',
    label: safe.toString(),
    url,
    close: () => db.destroy(),
  };
}
