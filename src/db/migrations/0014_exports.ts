import type { Kysely } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// Exports of the workbench lists (XLSX, CSV) run as jobs in the background: a job the server answered 202
// for is a row here, so it survives a restart; its file is fetched by the account that asked, for a while.
// A problem list exported as a ledger 台账 can be imported into a community.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('export_jobs')
    .addColumn('id', asciiText(dialect), (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    // The list's own query, as the screen sends it (JSON).
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // pending → running → done → expired, or failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_total', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer')
    .addColumn('error_code', 'text')
    // The server running it and when it last said so: a job whose server stopped saying so is taken over.
    .addColumn('worker', 'text')
    .addColumn('heartbeat_at', asciiText(dialect))
    .addColumn('created_at', asciiText(dialect), (c) => c.notNull())
    .addColumn('started_at', asciiText(dialect))
    .addColumn('finished_at', asciiText(dialect))
    .addColumn('expires_at', asciiText(dialect))
    .execute();
  await db.schema
    .createIndex('export_jobs_state')
    .on('export_jobs')
    .columns(['state', 'created_at'])
    .execute();
  await db.schema
    .createIndex('export_jobs_user')
    .on('export_jobs')
    .columns(['user_id', 'created_at'])
    .execute();
  // Which problems of an exported ledger were imported into a community, by their id where they came from:
  // importing the same ledger again skips them.
  await db.schema
    .createTable('ledger_imports')
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    // No reference: a problem merged into another is deleted, and the ledger row still came in.
    .addColumn('problem_id', 'text', (c) => c.notNull())
    .addColumn('imported_at', asciiText(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_imports_pk', ['community_id', 'source_id'])
    .execute();
  // An export reads its rows in keyset pages along (created_at, id); without this a page of a large
  // export would sort every matter in scope again.
  await db.schema.createIndex('matters_created').on('matters').columns(['created_at', 'id']).execute();
}
