import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';

// Tables whose rows a refused request may legitimately add: a refused sign-in is counted (that is the
// lockout), and a replayable request's key is kept with its answer.
const mayGrowOnRefusal = new Set(['sign_in_failures', 'idempotency_keys', 'sessions', 'sms_codes']);

/** Row counts of every table, in one round trip: what a refused request must leave as it found it. */
export async function dataFingerprint(database: Database): Promise<() => Promise<string>> {
  const tables = (await tableNames(database)).filter(
    (t) => !mayGrowOnRefusal.has(t) && !t.startsWith('kysely'),
  );
  const query = sql.raw(`select ${tables.map((t) => `(select count(*) from ${t}) as "${t}"`).join(', ')}`);
  return async () => {
    const { rows } = await query.execute(database.db);
    return JSON.stringify(rows[0], (_, v) => (typeof v === 'bigint' ? Number(v) : v));
  };
}

async function tableNames(database: Database): Promise<string[]> {
  const { rows } =
    database.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          database.db,
        );
  return rows.map((r) => r.name).sort();
}
