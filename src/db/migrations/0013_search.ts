import type { Kysely } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// Full-text search of our own, the same on SQLite and PostgreSQL (docs/decisions/0013): one document
// per searchable text — a matter (staff), a problem (staff), a problem's published summary (public) —
// holding the normalised text, and one posting per distinct character and character pair in it.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('search_docs')
    .addColumn('id', asciiText(dialect), (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('created_at', asciiText(dialect), (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_docs_entity').on('search_docs').columns(['entity_id']).execute();
  // Newest first within one term of one community (most readers' scope): the first page of a search
  // is a short walk along this key, its exact total a count over one key range.
  await db.schema
    .createTable('search_terms')
    .addColumn('term', asciiText(dialect), (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('community_id', asciiText(dialect), (c) => c.notNull())
    .addColumn('created_at', asciiText(dialect), (c) => c.notNull())
    .addColumn('doc_id', asciiText(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['term', 'public', 'community_id', 'created_at', 'doc_id'])
    .execute();
  await db.schema.createIndex('search_terms_doc').on('search_terms').columns(['doc_id']).execute();
  // The communities in a reader's scope, found by path range without walking their households.
  await db.schema.createIndex('places_kind_path').on('places').columns(['kind', 'path']).execute();
}
