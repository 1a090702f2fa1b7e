import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * Rows after (`desc`: before) the last row of a page in the order (first, second): a keyset page. Written
 * with a leading range on `first` alone (`first >= x and …`) so both databases start the index scan at
 * the last row instead of walking every row before it.
 */
export function afterKey(
  first: Expression<unknown>,
  second: Expression<unknown>,
  last: readonly [string, string],
  desc: boolean,
): Expression<SqlBool> {
  const [x, y] = last;
  const strict = sql.raw(desc ? '<' : '>');
  const loose = sql.raw(desc ? '<=' : '>=');
  return sql<SqlBool>`(${first} ${loose} ${x} and (${first} ${strict} ${x} or ${second} ${strict} ${y}))`;
}
