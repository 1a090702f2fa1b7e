import { z } from 'zod';
import { PlaceId } from '../places/places.schemas.ts';

/** Where a sheet is imported, and which previewed file: the import is refused if it is not that file. */
export const SheetImportQuery = z.object({
  placeId: PlaceId,
  /** The fileHash of the preview. */
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export const sheetRowStatuses = ['new', 'imported', 'duplicate', 'refused'] as const;

/** A preview's or an import's report: counts over the whole file, and its rows as `row` describes one. */
export function sheetImportReport<Row extends z.ZodType>(row: Row) {
  return z.object({
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
    rows: z.array(row),
  });
}
