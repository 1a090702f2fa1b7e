import { z } from 'zod';
import { FiguresQuery, HandlersQuery } from '../figures/figures.schemas.ts';
import { InboxQuery, MyOrderQuery, QueueQuery } from '../problems/problems.schemas.ts';

export const exportKinds = ['matters', 'problems', 'orders', 'figures'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const exportFormats = ['xlsx', 'csv'] as const;
export const exportStates = ['pending', 'running', 'done', 'failed', 'expired'] as const;

/** The figures of the echo wall broken down (by place unless asked otherwise), or per handling party. */
export const FigureExportFilters = z.discriminatedUnion('source', [
  FiguresQuery.extend({ source: z.literal('figures') }),
  HandlersQuery.extend({ source: z.literal('handlers') }),
]);

const Format = z.enum(exportFormats);

/**
 * What to export: a workbench list by the very query its screen sends (paging aside), so the file holds
 * what the screen lists — the inbox of matters, the problem queue, my orders, or the figures.
 */
export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('matters'), format: Format, filters: InboxQuery.prefault({}) }),
  z.object({ kind: z.literal('problems'), format: Format, filters: QueueQuery.prefault({}) }),
  z.object({ kind: z.literal('orders'), format: Format, filters: MyOrderQuery.prefault({}) }),
  z.object({
    kind: z.literal('figures'),
    format: Format,
    filters: FigureExportFilters.prefault({ source: 'figures' }),
  }),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportIdParams = z.object({ id: z.uuid() });

/** An export job as its owner sees it: how far it is, and once done, where and until when to fetch it. */
export const ExportJobView = z.object({
  id: z.string(),
  kind: z.enum(exportKinds),
  format: z.enum(exportFormats),
  state: z.enum(exportStates),
  rowsDone: z.number().int(),
  /** Rows expected, counted when the job started (null before); the last figure is rowsDone. */
  rowsTotal: z.number().int().nullable(),
  fileName: z.string(),
  bytes: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** After this instant the file is gone (410). */
  expiresAt: z.string().nullable(),
  /** Why it failed, in the reader's language. */
  error: z.object({ code: z.string(), title: z.string() }).nullable(),
  /** Present while the file can be fetched. */
  downloadUrl: z.string().nullable(),
});
export type ExportJobView = z.infer<typeof ExportJobView>;

export const ExportJobList = z.object({ items: z.array(ExportJobView) });
