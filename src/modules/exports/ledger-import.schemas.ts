import { z } from 'zod';
import { sheetImportReport, sheetRowStatuses } from '../sheet-imports/sheet-import.schemas.ts';
import { ledgerColumns } from './problem-ledger.ts';

/** A community's ledger of a few years is some thousands of rows; 20 MB is far above that. */
export const MAX_LEDGER_BYTES = 20 * 1024 * 1024;

const fields = ledgerColumns.map((c) => c.field) as [string, ...string[]];

/** One row of the ledger: what happened (or would happen) to it, and why, in the reader's language. */
export const LedgerReportRow = z.object({
  row: z.number().int(),
  title: z.string(),
  status: z.enum(sheetRowStatuses),
  placeName: z.string().nullable(),
  problemId: z.string().nullable(),
  issues: z.array(
    z.object({
      field: z.enum([...fields, 'file']),
      /** The column's header as the sheet spells it. */
      column: z.string(),
      value: z.string(),
      message: z.string(),
    }),
  ),
});

export const LedgerImportReport = sheetImportReport(LedgerReportRow);
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
