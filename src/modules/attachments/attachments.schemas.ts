import { z } from 'zod';

/** At most this many photos go with one matter or one report. */
export const MAX_PHOTOS = 9;

/** Photos a form claims: the ids POST /api/attachments answered with. */
export const PhotoIds = z.array(z.string().min(1).max(64)).max(MAX_PHOTOS).optional();

/** A photo as a page shows it: where to fetch it (the server decides there who may). */
export const PhotoRef = z.object({ id: z.string(), url: z.string(), mime: z.string() });
export type PhotoRef = z.infer<typeof PhotoRef>;

export const UploadedPhoto = PhotoRef.extend({ bytes: z.number().int() });
