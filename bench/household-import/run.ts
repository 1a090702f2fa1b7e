// Imports a 100,000-household register through the same service code the server runs (readImport, then
// commitImport in one transaction) into a fresh SQLite database, and into a fresh PostgreSQL schema when
// one is reachable; then imports it again (which must change nothing). Prints time and peak memory.
//
//   node --import tsx bench/household-import/run.ts [--households 100000] [--db sqlite|postgres]
//                                                   [--format csv|xlsx]
// Each database × format runs in a process of its own, so each peak resident memory is its own.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { PlaceKind } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { commitImport, readImport } from '../../src/modules/household-imports/household-imports.service.ts';
import { inTransaction } from '../../src/server/transaction.ts';
import { benchDir, COMPOUND, DEVELOPER, writeCsv, writeXlsx } from './generate.ts';

const POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Figures = {
  db: string;
  format: string;
  households: number;
  fileMb: number;
  readMs: number;
  commitMs: number;
  reimportMs: number;
  peakRssMb: number;
  created: number;
  unchangedOnReimport: number;
};

async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<Database> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-import-bench-'));
    const database = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
    return {
      ...database,
      close: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true });
      },
    };
  }
  const schema = `bench_import_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase(url.toString(), { poolSize: 2 });
  return {
    ...database,
    close: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
      await database.close();
    },
  };
}

/** City → compound, a developer at the compound, and an administrator at the city. */
async function seed(database: Database) {
  const now = new Date().toISOString();
  let parent: { id: string; path: string } | null = null;
  const chain: [PlaceKind, string][] = [
    ['city', '银川市'],
    ['district', '金凤区'],
    ['street', '满城北街街道'],
    ['community', '富平社区'],
    ['compound', COMPOUND],
  ];
  const ids: string[] = [];
  for (const [kind, name] of chain) {
    const id = uuidv7();
    const placePath: string = `${parent?.path ?? '/'}${id}/`;
    await database.db
      .insertInto('places')
      .values({
        id,
        parent_id: parent?.id ?? null,
        kind,
        name,
        path: placePath,
        depth: ids.length + 1,
        created_at: now,
      })
      .execute();
    ids.push(id);
    parent = { id, path: placePath };
  }
  const compoundId = ids.at(-1)!;
  await database.db
    .insertInto('parties')
    .values({ id: uuidv7(), kind: 'developer', name: DEVELOPER, place_id: compoundId, created_at: now })
    .execute();
  const personId = uuidv7();
  const userId = uuidv7();
  await database.db
    .insertInto('people')
    .values({ id: personId, name: '管理员', phone: null, created_at: now, erased_at: null })
    .execute();
  await database.db
    .insertInto('users')
    .values({
      id: userId,
      person_id: personId,
      phone: null,
      kind: 'staff',
      password_hash: null,
      status: 'active',
      created_at: now,
      password_changed_at: null,
    })
    .execute();
  const actor: Actor = {
    userId,
    personId,
    kind: 'staff',
    sessionId: 'bench',
    householdIds: [],
    partyIds: [],
    grants: [
      {
        role: 'admin',
        placePath: `/${ids[0]}/`,
        gridId: null,
        gridBuildingPaths: [],
        partyId: null,
        sector: null,
      },
    ],
  };
  return { compoundId, actor };
}

async function importOnce(database: Database, actor: Actor, compoundId: string, file: string) {
  const started = performance.now();
  const read = await readImport({ bytes: fs.readFileSync(file), fileName: path.basename(file) });
  const readMs = performance.now() - started;
  const result = await inTransaction(database, { actor, auditKey: 'bench-audit-key-0123456789' }, (tx) =>
    commitImport(tx, compoundId, read),
  );
  return { readMs, commitMs: performance.now() - started - readMs, result };
}

async function one(dialect: 'sqlite' | 'postgres', format: string, file: string, households: number) {
  const database = await freshDatabase(dialect);
  try {
    await migrateToLatest(database);
    const { compoundId, actor } = await seed(database);
    const first = await importOnce(database, actor, compoundId, file);
    const again = await importOnce(database, actor, compoundId, file);
    const figures: Figures = {
      db: database.dialect,
      format,
      households,
      fileMb: fs.statSync(file).size / 1e6,
      readMs: first.readMs,
      commitMs: first.commitMs,
      reimportMs: again.readMs + again.commitMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      created: first.result.counts.households,
      unchangedOnReimport: again.result.counts.unchanged,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await database.close();
  }
}

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function option(name: string) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
  const households = Number(option('households') ?? 100_000);
  const dir = benchDir();
  const files = {
    csv: path.join(dir, `households-${households}.csv`),
    xlsx: path.join(dir, `households-${households}.xlsx`),
  };
  if (!fs.existsSync(files.csv)) await writeCsv(files.csv, households);
  if (!fs.existsSync(files.xlsx)) await writeXlsx(files.xlsx, households);

  const dialects = (option('db') ? [option('db')] : ['sqlite', 'postgres']) as ('sqlite' | 'postgres')[];
  const formats = (option('format') ? [option('format')] : ['csv', 'xlsx']) as ('csv' | 'xlsx')[];
  const self = fileURLToPath(import.meta.url);
  const rows: Figures[] = [];
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await reachable(POSTGRES))) {
      console.log(`PostgreSQL not reachable at ${POSTGRES}: skipped`);
      continue;
    }
    for (const format of formats) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', self, '--one', dialect, format, files[format], String(households)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1e7 },
      );
      rows.push(JSON.parse(out.trim().split('\n').at(-1)!));
    }
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\n${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  console.log('| database | file | read | commit | total | re-import (no change) | peak RSS | households |');
  console.log('| -------- | ---- | ---: | -----: | ----: | --------------------: | -------: | ---------: |');
  for (const r of rows)
    console.log(
      `| ${r.db} | ${r.format} ${r.fileMb.toFixed(1)} MB | ${s(r.readMs)} | ${s(r.commitMs)} | ${s(r.readMs + r.commitMs)} | ${s(r.reimportMs)} (${r.unchangedOnReimport.toLocaleString('en')} unchanged) | ${Math.round(r.peakRssMb)} MB | ${r.created.toLocaleString('en')} |`,
    );
}

const oneAt = process.argv.indexOf('--one');
if (oneAt >= 0) {
  const [dialect, format, file, households] = process.argv.slice(oneAt + 1);
  await one(dialect as 'sqlite' | 'postgres', format!, file!, Number(households));
} else await main();
