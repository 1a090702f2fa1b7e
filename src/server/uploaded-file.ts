import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export type UploadedFile = { bytes: Uint8Array; fileName: string };

export const fileRequired = () =>
  new AppError('validation_failed', { fields: [{ field: 'file', message: 'required' }] });

/**
 * The one file part of a multipart/form-data upload (the import routes). A body cut short, or not
 * multipart after all, is the sender's fault and answers as a missing file (400), never a 500; a file
 * over the route's limit keeps its 413.
 */
export async function uploadedFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) throw fileRequired();
  try {
    const file = await request.file();
    if (!file) throw fileRequired();
    return { bytes: await file.toBuffer(), fileName: file.filename };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (error instanceof AppError || (status !== undefined && status < 500)) throw error;
    throw fileRequired();
  }
}
