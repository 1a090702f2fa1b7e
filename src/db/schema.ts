// Table types for Kysely. Times are ISO-8601 UTC strings in both dialects (they sort as text and
// need no driver conversion); booleans are 0/1 integers; money is integer fen; area integer 0.01 m².

export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DB {
  app_meta: AppMetaTable;
}
