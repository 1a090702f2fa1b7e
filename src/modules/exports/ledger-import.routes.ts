import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Language, pickLanguage } from '../../server/i18n.ts';
import { transact } from '../../server/transaction.ts';
import { uploadedFile } from '../../server/uploaded-file.ts';
import { requireActor } from '../access/policy.ts';
import { streamProgress, wantsProgress } from '../household-imports/progress-stream.ts';
import { LedgerImportQuery, LedgerImportReport, MAX_LEDGER_BYTES } from './ledger-import.schemas.ts';
import {
  commitLedgerImport,
  type LedgerReport,
  ledgerTarget,
  previewLedgerImport,
} from './ledger-import.service.ts';

const tags = ['problem ledger imports'];

const translated = (report: LedgerReport, language: Language): LedgerImportReport => ({
  ...report,
  rows: report.rows.map((r) => ({
    ...r,
    issues: r.issues.map((i) => ({ ...i, message: i.message[language] })),
  })),
});

// A problem ledger 台账 (XLSX, or CSV in UTF-8 or GBK) uploaded as multipart/form-data into a community:
// the problems XLSX the export writes, or a community's own in its columns. Preview, then import it.
export const ledgerImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  await app.register(multipart, { limits: { fileSize: MAX_LEDGER_BYTES, files: 1, fields: 2, parts: 3 } });

  /** The caller may build problems in the community before the file is read. */
  async function readAllowed(request: FastifyRequest, placeId: string) {
    const actor = requireActor(request.actor);
    await transact(deps, actor, (tx) => ledgerTarget(tx, placeId));
    return { actor, file: await uploadedFile(request) };
  }

  app.post(
    '/api/problem-imports/preview',
    {
      bodyLimit: MAX_LEDGER_BYTES,
      schema: {
        tags,
        summary: 'What importing a problem ledger into a community would do, row by row (matter.triage)',
        querystring: LedgerImportQuery,
        response: { 200: LedgerImportReport },
      },
    },
    async (request) => {
      const { placeId } = request.query;
      const { actor, file } = await readAllowed(request, placeId);
      const report = await transact(deps, actor, (tx) => previewLedgerImport(tx, placeId, file));
      return translated(report, pickLanguage(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/problem-imports',
    {
      bodyLimit: MAX_LEDGER_BYTES,
      schema: {
        tags,
        summary:
          'Import a problem ledger into a community in one transaction, or nothing while a row is wrong; ' +
          'problems imported before from the same ledger are skipped (matter.triage). With Accept: ' +
          'application/x-ndjson the reply streams progress lines, then the report.',
        querystring: LedgerImportQuery,
        response: { 200: LedgerImportReport },
      },
    },
    async (request, reply) => {
      const { placeId, hash } = request.query;
      const { actor, file } = await readAllowed(request, placeId);
      const language = pickLanguage(request.headers['accept-language']);
      const commit = (onProgress?: (done: number, total: number) => Promise<void>) =>
        transact(deps, actor, (tx) =>
          commitLedgerImport(tx, placeId, file, { expectedHash: hash, onProgress }),
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
