import { type Kysely, sql } from 'kysely';
import { asciiText, type MigrationDialect, serialKey } from './columns.ts';

// The search index, compact (docs/decisions/0017, superseding 0013's storage): one row per searchable
// text with an integer key, a dictionary of the words texts are filed under (their characters and
// character pairs, and the community), and the databases' own compressed inverted index from words to
// texts — FTS5 on SQLite, GIN on PostgreSQL — instead of a B-tree row per character of every text.
// 0013's one-row-per-posting table grew to ~150 rows a matter: at a million matters tens of GB.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema.dropTable('search_terms').execute();
  await db.schema.dropTable('search_docs').execute();

  // Word ids are int4 in PostgreSQL's arrays: far fewer words than 2³¹ (characters and pairs of them).
  await db.schema
    .createTable('search_words')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => c.primaryKey())
    .addColumn('word', asciiText(dialect), (c) => c.notNull().unique())
    .execute();

  let docs = db.schema
    .createTable('search_docs')
    .addColumn('id', serialKey(dialect), (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', asciiText(dialect), (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('community_id', asciiText(dialect), (c) => c.notNull())
    .addColumn('created_at', asciiText(dialect), (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull());
  // PostgreSQL indexes the text's word ids, stored beside it (computing them in SQL at insert took
  // ~240 µs a text); SQLite's FTS5 table below keeps them in its own index only.
  if (dialect === 'postgres') docs = docs.addColumn('words', sql`int4[]`, (c) => c.notNull());
  await docs.execute();
  await db.schema
    .createIndex('search_docs_entity')
    .unique()
    .on('search_docs')
    .columns(['entity_id', 'public'])
    .execute();
  // Newest first within one community, and across all of them: the page of a frequent word is a
  // short walk along one of these, not a sort of every hit.
  await db.schema
    .createIndex('search_docs_community_time')
    .on('search_docs')
    .columns(['public', 'community_id', 'created_at', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('search_docs_time')
    .on('search_docs')
    .columns(['public', 'created_at', 'entity_id'])
    .execute();

  if (dialect === 'sqlite') {
    // Contentless (the words are not stored twice), rowids only (detail=none: no positions), and the
    // ascii tokenizer over decimal word ids, so a token is exactly one word of ours.
    await sql`create virtual table search_fts using fts5(words, content='', contentless_delete=1, detail=none, tokenize='ascii')`.execute(
      db,
    );
  } else {
    await sql`create index search_docs_words on search_docs using gin (words)`.execute(db);
  }
  // What is stored already is indexed when a server next starts (search-index.ts, backfillOnce); a
  // database with nothing stored yet has a complete index from here on and is marked so.
  await sql`delete from app_meta where key = 'search.backfilled'`.execute(db);
  const now = new Date().toISOString();
  await sql`insert into app_meta (key, value, updated_at)
    select 'search.backfilled', ${now}, ${now}
    where not exists (select 1 from matters) and not exists (select 1 from problems)`.execute(db);
}
