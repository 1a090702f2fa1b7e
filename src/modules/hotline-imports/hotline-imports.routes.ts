import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Language, pickLanguage } from '../../server/i18n.ts';
import { transact } from '../../server/transaction.ts';
import { uploadedFile } from '../../server/uploaded-file.ts';
import { requireActor } from '../access/policy.ts';
import { streamProgress, wantsProgress } from '../household-imports/progress-stream.ts';
import { HotlineImportQuery, HotlineImportReport, MAX_HOTLINE_BYTES } from './hotline-imports.schemas.ts';
import {
  commitHotlineImport,
  type HotlineReport,
  hotlineTarget,
  previewHotlineImport,
} from './hotline-imports.service.ts';

const tags = ['hotline imports'];

const translated = (report: HotlineReport, language: Language): HotlineImportReport => ({
  ...report,
  rows: report.rows.map((r) => ({
    ...r,
    issues: r.issues.map((i) => ({ ...i, message: i.message[language] })),
  })),
});

// The 12345 hotline's work orders as a street receives them: a spreadsheet (XLSX, or CSV in UTF-8 or GBK)
// uploaded as multipart/form-data. Preview, then import the same file.
export const hotlineImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  await app.register(multipart, { limits: { fileSize: MAX_HOTLINE_BYTES, files: 1, fields: 2, parts: 3 } });

  /** The caller may record matters at the target before the file is read. */
  async function readAllowed(request: FastifyRequest, placeId: string) {
    const actor = requireActor(request.actor);
    await transact(deps, actor, (tx) => hotlineTarget(tx, placeId));
    return { actor, file: await uploadedFile(request) };
  }

  app.post(
    '/api/hotline-imports/preview',
    {
      bodyLimit: MAX_HOTLINE_BYTES,
      schema: {
        tags,
        summary: 'What importing a sheet of 12345 work orders would do, row by row (matter.intake)',
        querystring: HotlineImportQuery,
        response: { 200: HotlineImportReport },
      },
    },
    async (request) => {
      const { placeId } = request.query;
      const { actor, file } = await readAllowed(request, placeId);
      const report = await transact(deps, actor, (tx) => previewHotlineImport(tx, placeId, file));
      return translated(report, pickLanguage(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/hotline-imports',
    {
      bodyLimit: MAX_HOTLINE_BYTES,
      schema: {
        tags,
        summary:
          'Import a sheet of 12345 work orders in one go: new ones become matters of the hotline channel, ' +
          'ones already imported are skipped, refused rows are reported (matter.intake). With Accept: ' +
          'application/x-ndjson the reply streams progress lines, then the report.',
        querystring: HotlineImportQuery,
        response: { 200: HotlineImportReport },
      },
    },
    async (request, reply) => {
      const { placeId, hash } = request.query;
      const { actor, file } = await readAllowed(request, placeId);
      const language = pickLanguage(request.headers['accept-language']);
      const commit = (onProgress?: (done: number, total: number) => Promise<void>) =>
        transact(deps, actor, (tx) =>
          commitHotlineImport(tx, placeId, file, { expectedHash: hash, onProgress }),
        );
      if (!wantsProgress(request)) return translated(await commit(), language);
      return streamProgress(
        request,
        reply,
        (report) => commit(report),
        (result) => translated(result, language),
      );
    },
  );
};
