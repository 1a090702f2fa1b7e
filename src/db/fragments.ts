import { type Expression, type SqlBool, sql } from 'kysely';
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

/**
 * Ids for `in (…)` in lists of at most this many. Each length of list is a statement of its own, and the
 * SQLite driver keeps only statements of up to 100 parameters compiled (sqlite-dialect.ts): with lists this
 * short each length is compiled once, where lists of up to 1,000 ids were compiled for every use.
 */
export const IDS_PER_LIST = 64;

export function idLists<T>(ids: readonly T[]): T[][] {
  const lists: T[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_LIST) lists.push(ids.slice(i, i + IDS_PER_LIST));
  return lists;
}
