import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { parseDatabaseUrl } from './database.ts';

// Online backup and restore of either database, while the server keeps serving.
//   SQLite:     VACUUM INTO — one read transaction, so the copy is the database at one instant; WAL lets
//               writers go on meanwhile (the page-by-page backup API would restart on every write).
//   PostgreSQL: pg_dump's custom format, itself one consistent snapshot; pg_restore into an empty database.

export async function backupDatabase(url: string, target: string): Promise<void> {
  const { dialect, target: source } = parseDatabaseUrl(url);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (fs.existsSync(target)) throw new Error(`${target} exists already; choose a new file`);
  if (dialect === 'sqlite') {
    const sqlite = new SQLite(source, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.prepare('vacuum into ?').run(path.resolve(target));
    } finally {
      sqlite.close();
    }
    return;
  }
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${source}`]);
}

/** Restores a backup into an empty database: a new SQLite file, or an empty PostgreSQL database. */
export async function restoreDatabase(backup: string, url: string): Promise<void> {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    if (fs.existsSync(target)) throw new Error(`${target} exists already; restore into a new file`);
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.copyFileSync(backup, target);
    return;
  }
  await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target}`, backup]);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d) => {
      errors += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${errors}`)),
    );
  });
}
