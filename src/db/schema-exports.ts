// Table types of the exports (migration 0014_exports).

export type ExportState = 'pending' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportJobsTable {
  id: string;
  user_id: string;
  kind: string;
  format: string;
  /** The list's query as the screen sent it, JSON. */
  filters: string;
  language: string;
  state: ExportState;
  rows_done: number;
  rows_total: number | null;
  /** What the download is called (in the asker's language). */
  file_name: string;
  bytes: number | null;
  error_code: string | null;
  worker: string | null;
  heartbeat_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  expires_at: string | null;
}

/** A problem imported from a ledger, by the id it had where the ledger was exported. */
export interface LedgerImportsTable {
  community_id: string;
  source_id: string;
  problem_id: string;
  imported_at: string;
}

export interface ExportsTables {
  export_jobs: ExportJobsTable;
  ledger_imports: LedgerImportsTable;
}
