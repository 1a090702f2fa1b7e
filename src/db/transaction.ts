import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';

export type Trx = Transaction<DB>;
export type Db = Kysely<DB>;

/**
 * Serialises appends to the audit chain: each entry needs the hash of the one before. SQLite already has a
 * single writer; PostgreSQL takes a transaction-scoped advisory lock, released at commit.
 */
export async function lockAuditChain(trx: Trx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
}

/**
 * Locks problems for the rest of the transaction, always in id order, so that two merges of the same
 * problems in opposite directions queue instead of deadlocking. SQLite's single writer needs no lock.
 */
export async function lockProblems(trx: Trx, dialect: Dialect, ids: readonly string[]): Promise<void> {
  if (dialect !== 'postgres' || ids.length === 0) return;
  await trx
    .selectFrom('problems')
    .select('id')
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Rows whose materialised path lies below `path` ('/a/b/'), the place itself included: one index range scan. */
export function pathRange(path: string): { from: string; to: string } {
  // '/' (0x2F) is followed by '0' (0x30): every descendant path sorts between '/a/b/' and '/a/b0'.
  return { from: path, to: `${path.slice(0, -1)}0` };
}
