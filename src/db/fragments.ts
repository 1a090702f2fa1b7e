import { type Expression, type Kysely, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { DB } from './schema.ts';
import { pathRange } from './transaction.ts';

/** Place-path scope of a list: prefixes (everything below) and exact paths (a grid's compounds). */
export type PathScope = { prefixes: string[]; exact: string[] };

// Portable SQL fragments for list queries (plain SQL-92: the same text runs on SQLite and PostgreSQL).

/** The place path lies in the scope: below one of its prefixes, or equal to one of its exact paths. */
export function pathInScope(path: Expression<string | null>, scope: PathScope): Expression<SqlBool> {
  const terms = scope.prefixes.map((prefix) => {
    const { from, to } = pathRange(prefix);
    return sql<SqlBool>`(${path} >= ${from} and ${path} < ${to})`;
  });
  if (scope.exact.length > 0) terms.push(sql<SqlBool>`${path} in (${sql.join(scope.exact)})`);
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
}

/** The place path lies below `placePath` (the place itself included). */
export function pathBelow(path: Expression<string | null>, placePath: string): Expression<SqlBool> {
  const { from, to } = pathRange(placePath);
  return sql<SqlBool>`(${path} >= ${from} and ${path} < ${to})`;
}

/** Case-insensitive "contains", with %, _ and \ in the search taken literally. */
export function containsText(column: Expression<string | null>, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

export function isEmptyScope(scope: PathScope): boolean {
  return scope.prefixes.length === 0 && scope.exact.length === 0;
}

/** The items in parts of at most `size`, in order: statements stay a bounded size on both databases. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/**
 * Ids for `in (…)` in lists of at most 64. Each length of list is a statement of its own, and the SQLite
 * driver keeps only statements of up to 100 parameters compiled (sqlite-dialect.ts): with lists this short
 * each length is compiled once, where longer lists were compiled for every use.
 */
export function idLists<T>(ids: readonly T[]): T[][] {
  return chunks(ids, 64);
}

/** Whether the database is PostgreSQL, for the few fragments each database says its own way. */
export function onPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A name to order by as Chinese readers look names up, by pinyin (domain/text/pinyin-order.ts):
 * PostgreSQL's ICU collation for Chinese, SQLite the `pinyin_key` function each connection is given
 * (database.ts). Homophones may fall apart differently on the two; the pinyin order is the same.
 */
export function pinyinOrder(db: Kysely<DB>, name: Expression<string | null>): Expression<string | null> {
  return onPostgres(db)
    ? sql<string | null>`${name} collate "zh-x-icu"`
    : sql<string | null>`pinyin_key(${name})`;
}
