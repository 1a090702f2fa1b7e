import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type Bilingual, type Language, pickLanguage } from '../../server/i18n.ts';
import { type Tx, transact } from '../../server/transaction.ts';
import { type UploadedFile, uploadedFile } from '../../server/uploaded-file.ts';
import { requireActor } from '../access/policy.ts';
import { streamProgress, wantsProgress } from '../household-imports/progress-stream.ts';
import { SheetImportQuery } from './sheet-import.schemas.ts';

/** A report as the services write it: each row's issues in both languages. */
type BilingualReport = { rows: { issues: { message: Bilingual }[] }[] };

type Progress = (done: number, total: number) => Promise<void>;

/** One kind of sheet that is previewed, then imported, and answered with a row-by-row report. */
export type SheetImport<Report extends BilingualReport> = {
  /** The import's path; its preview is at `${path}/preview`. */
  path: string;
  tag: string;
  maxBytes: number;
  /** The report as the reader receives it, in their language. */
  view: z.ZodType;
  summaries: { preview: string; commit: string };
  /** Refuses a caller who may not import at the place, before a large file is read. */
  target: (tx: Tx, placeId: string) => Promise<unknown>;
  preview: (tx: Tx, placeId: string, file: UploadedFile) => Promise<Report>;
  commit: (
    tx: Tx,
    placeId: string,
    file: UploadedFile,
    options: { expectedHash?: string; onProgress?: Progress },
  ) => Promise<Report>;
};

const translated = <Report extends BilingualReport>(report: Report, language: Language) => ({
  ...report,
  rows: report.rows.map((r) => ({
    ...r,
    issues: r.issues.map((i) => ({ ...i, message: i.message[language] })),
  })),
});

// A sheet (XLSX, or CSV in UTF-8 or GBK) uploaded as multipart/form-data with one file part: previewed row
// by row, then imported as the same file; with Accept: application/x-ndjson the import streams its progress.
export function sheetImportRoutes<Report extends BilingualReport>(
  sheet: SheetImport<Report>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const { deps } = app;
    // Registered here, not app-wide: only these routes take files.
    await app.register(multipart, { limits: { fileSize: sheet.maxBytes, files: 1, fields: 2, parts: 3 } });

    async function readAllowed(request: FastifyRequest, placeId: string) {
      const actor = requireActor(request.actor);
      await transact(deps, actor, (tx) => sheet.target(tx, placeId));
      return { actor, file: await uploadedFile(request) };
    }

    const schema = { tags: [sheet.tag], querystring: SheetImportQuery, response: { 200: sheet.view } };

    app.post(
      `${sheet.path}/preview`,
      { bodyLimit: sheet.maxBytes, schema: { ...schema, summary: sheet.summaries.preview } },
      async (request) => {
        const { placeId } = request.query;
        const { actor, file } = await readAllowed(request, placeId);
        const report = await transact(deps, actor, (tx) => sheet.preview(tx, placeId, file));
        return translated(report, pickLanguage(request.headers['accept-language']));
      },
    );

    app.post(
      sheet.path,
      {
        bodyLimit: sheet.maxBytes,
        schema: {
          ...schema,
          summary: `${sheet.summaries.commit} With Accept: application/x-ndjson the reply streams progress lines, then the report.`,
        },
      },
      async (request, reply) => {
        const { placeId, hash } = request.query;
        const { actor, file } = await readAllowed(request, placeId);
        const language = pickLanguage(request.headers['accept-language']);
        const commit = (onProgress?: Progress) =>
          transact(deps, actor, (tx) => sheet.commit(tx, placeId, file, { expectedHash: hash, onProgress }));
        if (!wantsProgress(request)) return translated(await commit(), language);
        return streamProgress(request, reply, commit, (result) => translated(result, language));
      },
    );
  };
}
