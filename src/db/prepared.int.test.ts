import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';
import { prepared } from './prepared.ts';
import type { Db } from './transaction.ts';

// A prepared query is compiled once; every run must still answer for its own arguments, beside the
// query's own fixed values, inside and outside a transaction.

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-prepared-'));
  database = openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
  await sql`create table places (id text primary key, kind text not null, name text not null)`.execute(
    database.db,
  );
  await sql`insert into places values ('a', 'compound', '星河锦城'), ('b', 'building', '1号楼'),
    ('c', 'compound', '秦汉人家')`.execute(database.db);
});

afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const placesNamed = prepared((db: Db, first: string, second: string) =>
  db
    .selectFrom('places')
    .select('name')
    .where('kind', '=', 'compound')
    .where((eb) => eb.or([eb('id', '=', first), eb('id', '=', second)]))
    .orderBy('name'),
);

describe('a prepared query', () => {
  it('answers each run with its own arguments and keeps the fixed values', async () => {
    expect(await placesNamed(database.db, 'a', 'b')).toEqual([{ name: '星河锦城' }]);
    expect(await placesNamed(database.db, 'c', 'a')).toEqual([{ name: '星河锦城' }, { name: '秦汉人家' }]);
    const inTransaction = await database.db.transaction().execute((trx) => placesNamed(trx, 'c', 'x'));
    expect(inTransaction).toEqual([{ name: '秦汉人家' }]);
  });

  it('refuses a query that does not use an argument as a parameter', async () => {
    const unused = prepared((db: Db, _id: string) => db.selectFrom('places').select('name'));
    await expect(unused(database.db, 'a')).rejects.toThrow(/not a parameter/);
  });
});
