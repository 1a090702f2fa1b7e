import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

type AnyDb = Kysely<DB>;

/**
 * The SQL of every prepared query, with the name PostgreSQL keeps its statement under (database.ts): a
 * named statement is planned once per connection instead of on every run (the session lookup: 0.7 ms
 * unnamed, 0.2 ms named).
 */
export const statementNames = new Map<string, string>();

type Compiled = { sql: string; fixed: readonly unknown[]; argumentAt: readonly (number | null)[] };

/**
 * A query that is built and compiled once per database, then run with new arguments. Kysely builds a
 * query's tree and compiles it to SQL on every call: for the query every signed-in request runs (the
 * session lookup, a union of six selects) that was about a tenth of a busy server's CPU. While building,
 * each argument is a stand-in object; where a stand-in lands among the compiled parameters, each run puts
 * its own argument. Only for queries whose shape does not depend on the arguments (no `in` lists of
 * arguments, no optional filters).
 */
export function prepared<Args extends unknown[], Row>(
  build: (db: AnyDb, ...args: Args) => Compilable<Row>,
): (db: AnyDb, ...args: Args) => Promise<Row[]> {
  // The SQL depends on the dialect only; a transaction shares its database's adapter.
  const byAdapter = new WeakMap<object, Compiled>();
  const compile = (db: AnyDb, arity: number): Compiled => {
    const standIns = Array.from({ length: arity }, () => ({}));
    const query = build(db, ...(standIns as Args)).compile();
    // PostgreSQL fixes a named statement's columns when a connection first runs it: a column added by a
    // later migration would fail `*` on the servers still running ("cached plan must not change result type").
    if (/"\.\*|select \*/.test(query.sql)) throw new Error('prepared: name the columns instead of *');
    const argumentAt = query.parameters.map((p) => {
      const i = standIns.indexOf(p as object);
      return i === -1 ? null : i;
    });
    if (standIns.some((_, i) => !argumentAt.includes(i)))
      throw new Error('prepared: an argument is not a parameter of the query');
    if (!statementNames.has(query.sql))
      statementNames.set(query.sql, `shangliang_${statementNames.size + 1}`);
    return { sql: query.sql, fixed: query.parameters, argumentAt };
  };
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    const query = byAdapter.get(adapter) ?? compile(db, args.length);
    byAdapter.set(adapter, query);
    const parameters = query.fixed.map((p, n) => {
      const i = query.argumentAt[n];
      return i === null || i === undefined ? p : args[i];
    });
    const { rows } = await db.executeQuery<Row>(
      CompiledQuery.raw(query.sql, parameters) as CompiledQuery<Row>,
    );
    return rows;
  };
}
