import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { UploadedPhoto } from './attachments.schemas.ts';
import { photoToServe, recordUpload } from './attachments.service.ts';
import { storedPath, storeFile } from './file-store.ts';
import { cleanPhoto, tooLarge } from './photo.ts';

const tags = ['attachments'];
const required = () =>
  new AppError('validation_failed', { fields: [{ field: 'photo', message: 'required' }] });

// Photos go up one at a time, each its own request, before the form that names them: a phone on a weak
// connection retries one photo, not the whole form, and the form itself stays small JSON that the
// Idempotency-Key replay can compare.
export const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const maxBytes = deps.config.PHOTO_MAX_BYTES;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3 } });

  app.post(
    '/api/attachments',
    {
      bodyLimit: maxBytes + 64 * 1024,
      schema: {
        tags,
        summary:
          'Upload one photo (multipart/form-data, one file part). Its type is judged from the bytes; its ' +
          'metadata (EXIF, GPS) is stripped; it waits for a matter, a report or a vote’s evidence to claim it.',
        response: { 201: UploadedPhoto },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      if (!request.isMultipart()) throw required();
      const file = await request.file();
      if (!file) throw required();
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
        throw error;
      }
      if (bytes.length === 0) throw required();
      const photo = await cleanPhoto(bytes);
      const digest = await storeFile(deps.config.FILES_DIR, photo.bytes);
      const ref = await transact(deps, actor, (tx) => recordUpload(tx, photo, digest));
      // The orphan sweep may have removed these very bytes (sent before, then erased or never claimed)
      // between the store and the commit: store them again if so, now that an attachment names them.
      await storeFile(deps.config.FILES_DIR, photo.bytes);
      return reply.status(201).send({ ...ref, bytes: photo.bytes.length });
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags,
        summary:
          'A photo, to those who may see it (uploader, submitter, staff in scope; the public once published, ' +
          'never a vote’s evidence)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const photo = await photoToServe(deps.database.db, request.actor, request.params.id);
      const file = storedPath(deps.config.FILES_DIR, photo.digest);
      if (!file || !fs.existsSync(file)) throw new AppError('not_found');
      return reply
        .type(photo.mime)
        .header('content-length', photo.bytes)
        .header('content-disposition', 'inline')
        .header('cache-control', photo.isPublic ? 'public, max-age=86400' : 'private, max-age=3600')
        .send(fs.createReadStream(file));
    },
  );
};
