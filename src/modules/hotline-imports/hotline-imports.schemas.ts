import { z } from 'zod';
import { PlaceId } from '../places/places.schemas.ts';
import { hotlineColumnNames } from './rows.ts';

/** A month of a busy street's work orders is a few thousand rows; 5 MB is far above that. */
export const MAX_HOTLINE_BYTES = 5 * 1024 * 1024;

export const HotlineImportQuery = z.object({
  /** The street 街道 (or one community) that received the work orders. */
  placeId: PlaceId,
  /** The fileHash of the preview: the import is refused if the file is not the one previewed. */
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

const fields = Object.keys(hotlineColumnNames) as [
  keyof typeof hotlineColumnNames,
  ...(keyof typeof hotlineColumnNames)[],
];
export const hotlineRowStatuses = ['new', 'imported', 'duplicate', 'refused'] as const;

/** One work order of the file: what happened (or would happen) to it, and why, in the reader's language. */
export const HotlineReportRow = z.object({
  row: z.number().int(),
  hotlineNo: z.string(),
  status: z.enum(hotlineRowStatuses),
  placeName: z.string().nullable(),
  matterId: z.string().nullable(),
  issues: z.array(z.object({ field: z.enum([...fields, 'file']), value: z.string(), message: z.string() })),
});

export const HotlineImportReport = z.object({
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
  rows: z.array(HotlineReportRow),
});
export type HotlineImportReport = z.infer<typeof HotlineImportReport>;
