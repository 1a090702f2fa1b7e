import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { pickLanguage } from '../../server/i18n.ts';
import { transact } from '../../server/transaction.ts';
import { fileRequired, uploadedFile } from '../../server/uploaded-file.ts';
import { requireActor } from '../access/policy.ts';
import {
  ImportPreviewView,
  ImportQuery,
  ImportResultView,
  ImportRowsBody,
  MAX_IMPORT_BYTES,
} from './household-imports.schemas.ts';
import {
  commitImport,
  type ImportSource,
  importTarget,
  previewImport,
  readImport,
} from './household-imports.service.ts';
import { streamProgress, wantsProgress } from './progress-stream.ts';

const tags = ['household imports'];

async function sourceOf(
  request: FastifyRequest,
  body: z.infer<typeof ImportRowsBody> | null | undefined,
): Promise<ImportSource> {
  if (request.isMultipart()) return uploadedFile(request);
  if (!body) throw fileRequired();
  return { rows: body.rows, fileName: body.fileName };
}

// Households from a spreadsheet (XLSX, or CSV in UTF-8 or GBK) uploaded as multipart/form-data with one
// file part, or from rows sent as JSON. Preview first; commit the same file.
export const householdImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  // Registered here, not app-wide: only these routes take files.
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 },
  });

  /** Checks that the caller may import into the compound before spending time reading a large file. */
  async function readAllowed(
    request: FastifyRequest,
    placeId: string,
    body: z.infer<typeof ImportRowsBody> | null | undefined,
  ) {
    const actor = requireActor(request.actor);
    await transact(deps, actor, (tx) => importTarget(tx, placeId));
    return { actor, file: await readImport(await sourceOf(request, body)) };
  }

  app.post(
    '/api/household-imports/preview',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary:
          'What importing a sheet into a compound would do: a row-by-row report and counts (place.manage)',
        querystring: ImportQuery,
        body: ImportRowsBody.nullish(),
        response: { 200: ImportPreviewView },
      },
    },
    async (request) => {
      const { placeId } = request.query;
      const { actor, file } = await readAllowed(request, placeId, request.body);
      const preview = await transact(deps, actor, (tx) => previewImport(tx, placeId, file));
      const language = pickLanguage(request.headers['accept-language']);
      return { ...preview, issues: preview.issues.map((i) => ({ ...i, message: i.message[language] })) };
    },
  );

  app.post(
    '/api/household-imports',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary:
          'Import a sheet into a compound in one transaction, or nothing if any row is wrong (place.manage). ' +
          'With Accept: application/x-ndjson the reply streams progress lines, then the result.',
        querystring: ImportQuery,
        body: ImportRowsBody.nullish(),
        response: { 200: ImportResultView },
      },
    },
    async (request, reply) => {
      const { placeId, hash } = request.query;
      const { actor, file } = await readAllowed(request, placeId, request.body);
      const commit = (onProgress?: (p: { done: number; total: number }) => Promise<void>) =>
        transact(deps, actor, (tx) => commitImport(tx, placeId, file, { expectedHash: hash, onProgress }));
      if (!wantsProgress(request)) return commit();
      return streamProgress(
        request,
        reply,
        (report) => commit((p) => report(p.done, p.total)),
        (result) => result,
      );
    },
  );
};
