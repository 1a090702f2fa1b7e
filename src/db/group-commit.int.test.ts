import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';

// SQLite's transactions that arrive together are committed together (src/db/sqlite-dialect.ts). What a
// user relies on: an answered change is committed, one that fails takes no one else with it.

let dir: string;
let database: Database;
let other: SQLite.Database;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-group-commit-'));
  const file = path.join(dir, 'db.sqlite');
  database = openDatabase(`sqlite:${file}`);
  await sql`create table notes (id integer primary key, text text not null unique)`.execute(database.db);
  // A second connection, as a backup or another process would open: it sees only what is committed.
  other = new SQLite(file, { readonly: true });
});

afterEach(async () => {
  other.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const committed = () =>
  (other.prepare('select text from notes order by id').all() as { text: string }[]).map((r) => r.text);

const note = (text: string, fail = false) =>
  database.db.transaction().execute(async (db) => {
    await sql`insert into notes (text) values (${text})`.execute(db);
    await new Promise((r) => setImmediate(r));
    if (fail) throw new Error(`refused: ${text}`);
    // Seen by another connection the moment it is answered, not before.
    return text;
  });

describe('transactions committed together (SQLite)', () => {
  it('answers each transaction only once it is committed, and one that fails leaves the rest', async () => {
    const texts = Array.from({ length: 50 }, (_, i) => `note ${i}`);
    const answers = await Promise.allSettled(
      texts.map((t, i) => note(t, i === 17).then((text) => ({ text, seen: committed().includes(text) }))),
    );
    const kept = texts.filter((_, i) => i !== 17);
    expect(answers.filter((a) => a.status === 'fulfilled').map((a) => a.value)).toEqual(
      kept.map((text) => ({ text, seen: true })),
    );
    expect(answers[17]).toMatchObject({ status: 'rejected', reason: { message: 'refused: note 17' } });
    expect(committed()).toEqual(kept);
    // Committed together: one commit writes a changed page once, fifty commits write it fifty times.
    const { rows } = await sql<{ log: number }>`pragma wal_checkpoint(passive)`.execute(database.db);
    expect(rows[0]!.log).toBeLessThan(kept.length / 2);
  });

  it('refuses a duplicate in one transaction of the group and commits the others', async () => {
    const answers = await Promise.allSettled(['a', 'b', 'a', 'c'].map((t) => note(t)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('commits a write made outside a transaction before it is answered, even while a group is open', async () => {
    const group = Promise.all(['x', 'y'].map((t) => note(t)));
    await sql`insert into notes (text) values ('alone')`.execute(database.db);
    expect(committed()).toContain('alone');
    await group;
    expect(committed().sort()).toEqual(['alone', 'x', 'y']);
  });
});
