import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/**
 * A freshly migrated database of its own for one test file: a temporary SQLite file, or — when
 * TEST_DATABASE_URL points at PostgreSQL — a private schema in that database, dropped afterwards.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const database = url?.startsWith('postgres') ? await postgresSchema(url) : sqliteFile();
  await migrateToLatest(database);
  return database;
}

function sqliteFile(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-test-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'test.db')}`);
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresSchema(url: string): Promise<Database> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase(scoped.toString(), { poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
      await database.close();
    },
  };
}
