import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
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

/** Rows whose materialised path lies below `path` ('/a/b/'), the place itself included: one index range scan. */
export function pathRange(path: string): { from: string; to: string } {
  // '/' (0x2F) is followed by '0' (0x30): every descendant path sorts between '/a/b/' and '/a/b0'.
  return { from: path, to: `${path.slice(0, -1)}0` };
}

/**
 * A condition: `column` lies below one of `prefixes` (a range scan each) or equals one of `exact`.
 * An empty scope matches nothing.
 */
export function pathWithin(
  column: string,
  scope: { prefixes: string[]; exact: string[] },
): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  const parts = scope.prefixes.map((prefix) => {
    const { from, to } = pathRange(prefix);
    return sql<SqlBool>`(${ref} >= ${from} and ${ref} < ${to})`;
  });
  if (scope.exact.length > 0) parts.push(sql<SqlBool>`${ref} in (${sql.join(scope.exact)})`);
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
