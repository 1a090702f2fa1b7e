import type { ColumnType, Generated } from 'kysely';

// Table types of the search index (migration 0017_search_compact; 0013's tables are gone). SQLite
// also has `search_fts`, an FTS5 table written and read with raw SQL (src/modules/search).

export interface SearchDocsTable {
  id: Generated<number>;
  entity_type: 'matter' | 'problem';
  entity_id: string;
  /** 1 for text the public may read (a published summary), 0 for text only staff in scope see. */
  public: number;
  community_id: string;
  created_at: string;
  /** The text through searchBody: what a query word must be a substring of. */
  body: string;
  /** PostgreSQL only: the ids of the words the text is filed under, indexed by GIN. */
  words: ColumnType<number[], number[] | undefined, never>;
}

/** The words texts are filed under: characters, pairs of characters, communities (terms.ts). */
export interface SearchWordsTable {
  id: Generated<number>;
  word: string;
}

export interface SearchTables {
  search_docs: SearchDocsTable;
  search_words: SearchWordsTable;
}
