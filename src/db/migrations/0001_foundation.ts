import type { Kysely } from 'kysely';
import type { MigrationDialect } from './columns.ts';

export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  // Small key/value facts about this installation (e.g. when the demo was loaded).
  await db.schema
    .createTable('app_meta')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
