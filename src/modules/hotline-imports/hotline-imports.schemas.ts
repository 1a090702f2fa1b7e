import { z } from 'zod';
import { sheetImportReport, sheetRowStatuses } from '../sheet-imports/sheet-import.schemas.ts';
import { hotlineColumnNames } from './rows.ts';

/** A month of a busy street's work orders is a few thousand rows; 5 MB is far above that. */
export const MAX_HOTLINE_BYTES = 5 * 1024 * 1024;

const fields = Object.keys(hotlineColumnNames) as [
  keyof typeof hotlineColumnNames,
  ...(keyof typeof hotlineColumnNames)[],
];

/** One work order of the file: what happened (or would happen) to it, and why, in the reader's language. */
export const HotlineReportRow = z.object({
  row: z.number().int(),
  hotlineNo: z.string(),
  status: z.enum(sheetRowStatuses),
  placeName: z.string().nullable(),
  matterId: z.string().nullable(),
  issues: z.array(z.object({ field: z.enum([...fields, 'file']), value: z.string(), message: z.string() })),
});

export const HotlineImportReport = sheetImportReport(HotlineReportRow);
export type HotlineImportReport = z.infer<typeof HotlineImportReport>;
