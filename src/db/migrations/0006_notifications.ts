import type { Kysely } from 'kysely';
import { type MigrationDialect, serialKey } from './columns.ts';

// The in-app inbox: one row per recipient of a domain event, written in the transaction of the change
// it tells of. `seq` orders everything a user hears and is the SSE event id that reconnects resume from.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('seq', serialKey(dialect), (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'seq']).execute();
}
