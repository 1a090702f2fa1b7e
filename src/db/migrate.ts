import { Migrator } from 'kysely';
import type { Database } from './database.ts';
import { migrationProvider } from './migrations/index.ts';

/** Brings the schema up to date. Safe to run at every start and from two servers at once (Kysely locks). */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
