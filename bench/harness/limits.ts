import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hashPassword, verifyPassword } from '../../src/modules/auth/passwords.ts';
import { type Disk, diskOf } from './machine.ts';

// The machine's limits, measured in the same run as the scenarios so that each figure can stand beside
// its ratio: a slower or busier machine lowers both, and the ratio stays comparable.

export type CommitLimit = {
  commitsPerSecond: number;
  commits: number;
  seconds: number;
  /** The durability settings in force while measuring. */
  settings: Record<string, string>;
  disk: Disk | null;
};

export type Argon2Limit = { verifiesPerSecond: number; parallel: number; seconds: number };

// A row about the size of a short matter: an id, a time and a sentence of Chinese text.
const PAYLOAD = '楼道里堆放杂物，存在消防安全隐患，希望物业尽快清理。'.repeat(2);

/** Durable single-row commits per second on SQLite: WAL, synchronous=FULL (as the server opens it),
 *  one INSERT per transaction, in a file of its own beside the run's database. */
export function sqliteCommitRate(dir: string, seconds: number): CommitLimit {
  const file = path.join(dir, `commit-probe-${process.pid}.db`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  };
  remove();
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table probe (id integer primary key, at text not null, payload text not null)');
    const insert = db.prepare('insert into probe (id, at, payload) values (?, ?, ?)');
    const started = performance.now();
    const until = started + seconds * 1000;
    let commits = 0;
    while (performance.now() < until) insert.run(++commits, new Date().toISOString(), PAYLOAD);
    const elapsed = (performance.now() - started) / 1000;
    return {
      commitsPerSecond: Math.round((commits / elapsed) * 10) / 10,
      commits,
      seconds: elapsed,
      settings: {
        journal_mode: String(db.pragma('journal_mode', { simple: true })),
        synchronous:
          ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(db.pragma('synchronous', { simple: true }))] ?? '?',
      },
      disk: diskOf(dir),
    };
  } finally {
    db.close();
    remove();
  }
}

/** Durable single-row commits per second on PostgreSQL: one connection, synchronous_commit on, one
 *  INSERT per transaction into a logged table of the run's database. */
export async function postgresCommitRate(url: string, seconds: number): Promise<CommitLimit> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = on');
    await client.query(
      'create table bench_commit_probe (id bigint primary key, at text not null, payload text not null)',
    );
    const started = performance.now();
    const until = started + seconds * 1000;
    let commits = 0;
    while (performance.now() < until)
      await client.query('insert into bench_commit_probe (id, at, payload) values ($1, $2, $3)', [
        ++commits,
        new Date().toISOString(),
        PAYLOAD,
      ]);
    const elapsed = (performance.now() - started) / 1000;
    const settings: Record<string, string> = {};
    for (const name of [
      'server_version',
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'full_page_writes',
    ])
      settings[name] = String(Object.values((await client.query(`show ${name}`)).rows[0] ?? {})[0]);
    const dataDirectory = await client
      .query('show data_directory')
      .then((r) => String(Object.values(r.rows[0] ?? {})[0]))
      .catch(() => null);
    await client.query('drop table bench_commit_probe');
    return {
      commitsPerSecond: Math.round((commits / elapsed) * 10) / 10,
      commits,
      seconds: elapsed,
      settings,
      // Only meaningful when the server runs on this machine, as it does for the bench.
      disk: dataDirectory && fs.existsSync(dataDirectory) ? diskOf(dataDirectory) : null,
    };
  } finally {
    await client.end();
  }
}

/** Password verifications per second with the project's argon2id parameters, `parallel` at once:
 *  the ceiling of sign-ins however fast the rest of the path is. */
export async function argon2VerifyRate(seconds: number, parallel: number): Promise<Argon2Limit> {
  const stored = await hashPassword('correct horse battery');
  const started = performance.now();
  const until = started + seconds * 1000;
  let verifies = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        await verifyPassword(stored, 'correct horse battery');
        verifies++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { verifiesPerSecond: Math.round((verifies / elapsed) * 10) / 10, parallel, seconds: elapsed };
}
