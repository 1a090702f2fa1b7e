import { z } from 'zod';
import { SheetImportQuery } from '../sheet-imports/sheet-import.schemas.ts';

export const importFields = ['compound', 'building', 'entrance', 'room', 'area', 'owner', 'phone'] as const;

/** Files larger than this are refused (413); 100,000 households make a CSV of about 6 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Into which compound 小区, and which previewed file. */
export const ImportQuery = SheetImportQuery;

const Cell = z.string().max(200).optional();

/** Rows sent as JSON instead of a file: every cell as text (area may be a number), named in English. */
export const ImportRowsBody = z.object({
  fileName: z.string().max(200).optional(),
  rows: z
    .array(
      z.object({
        row: z.number().int().positive().optional(),
        compound: Cell,
        building: Cell,
        entrance: Cell,
        room: Cell,
        area: z.union([z.string().max(50), z.number()]).optional(),
        owner: Cell,
        phone: Cell,
      }),
    )
    .min(1)
    .max(200_000),
});

const Counts = z.object({
  rows: z.number().int(),
  buildings: z.number().int(),
  entrances: z.number().int(),
  households: z.number().int(),
  people: z.number().int(),
  ownerships: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const ImportPreviewView = z.object({
  fileName: z.string(),
  fileHash: z.string(),
  headerRow: z.number().int(),
  columns: z.array(z.object({ field: z.enum(importFields), header: z.string() })),
  /** Row by row, in the reader's language; at most 1000, issueCount says how many in all. */
  issues: z.array(
    z.object({
      row: z.number().int(),
      field: z.enum([...importFields, 'file']),
      column: z.string(),
      value: z.string(),
      message: z.string(),
    }),
  ),
  issueCount: z.number().int(),
  counts: Counts,
  /** Households on record that the file changes (area, owner); owners on record masked per policy. */
  changes: z.array(
    z.object({
      row: z.number().int(),
      building: z.string(),
      entrance: z.string(),
      room: z.string(),
      area: z.object({ from: z.string(), to: z.string() }).nullable(),
      owners: z.object({ from: z.array(z.string()), to: z.string() }).nullable(),
    }),
  ),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewView>;

export const ImportResultView = z.object({ fileHash: z.string(), counts: Counts });
export type ImportResultView = z.infer<typeof ImportResultView>;

/** Lines of the commit's progress stream (application/x-ndjson), the last one a result or an error. */
export type ImportStreamLine =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: ImportResultView }
  | {
      type: 'error';
      problem: { title: string; status: number; code: string; errors?: { field: string; message: string }[] };
    };

/** A line of a progress stream whose result is R (any import streams its progress this way). */
export type StreamLine<R> = Exclude<ImportStreamLine, { type: 'result' }> | { type: 'result'; result: R };
