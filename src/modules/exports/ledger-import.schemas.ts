import { z } from 'zod';
import { PlaceId } from '../places/places.schemas.ts';
import { ledgerColumns } from './problem-ledger.ts';

/** A community's ledger of a few years is some thousands of rows; 20 MB is far above that. */
export const MAX_LEDGER_BYTES = 20 * 1024 * 1024;

export const LedgerImportQuery = z.object({
  /** The community 社区 the problems belong to. */
  placeId: PlaceId,
  /** The fileHash of the preview: the import is refused if the file is not the one previewed. */
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

const fields = ledgerColumns.map((c) => c.field) as [string, ...string[]];
export const ledgerRowStatuses = ['new', 'imported', 'duplicate', 'refused'] as const;

/** One row of the ledger: what happened (or would happen) to it, and why, in the reader's language. */
export const LedgerReportRow = z.object({
  row: z.number().int(),
  title: z.string(),
  status: z.enum(ledgerRowStatuses),
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

export const LedgerImportReport = z.object({
  fileName: z.string(),
  fileHash: z.string(),
  counts: z.object({
    rows: z.number().int(),
    new: z.number().int(),
    imported: z.number().int(),
    duplicate: z.number().int(),
    refused: z.number().int(),
  }),
  /** Row by row, at most 1000: refused rows first, then the rest in sheet order. */
  rows: z.array(LedgerReportRow),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
