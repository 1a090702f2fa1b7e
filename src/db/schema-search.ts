// Table types of the search index (migration 0013_search).

export interface SearchDocsTable {
  /** `m:<matter id>`, `p:<problem id>` (staff text) or `w:<problem id>` (published summary, public). */
  id: string;
  entity_type: 'matter' | 'problem';
  entity_id: string;
  /** 1 for text the public may read (a published summary), 0 for text only staff in scope see. */
  public: number;
  community_id: string;
  place_path: string;
  created_at: string;
  /** The text through searchBody: what a query word must be a substring of. */
  body: string;
}

export interface SearchTermsTable {
  term: string;
  public: number;
  community_id: string;
  created_at: string;
  doc_id: string;
}

export interface SearchTables {
  search_docs: SearchDocsTable;
  search_terms: SearchTermsTable;
}
