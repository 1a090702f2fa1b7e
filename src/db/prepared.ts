import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

type AnyDb = Kysely<DB>;
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
    const argumentAt = query.parameters.map((p) => {
      const i = standIns.indexOf(p as object);
      return i === -1 ? null : i;
    });
    if (standIns.some((_, i) => !argumentAt.includes(i)))
      throw new Error('prepared: an argument is not a parameter of the query');
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
