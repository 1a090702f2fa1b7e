import sharp from 'sharp';
import { type PhotoType, photoTypeOf } from '../../domain/files/image-type.ts';
import { AppError } from '../../server/errors.ts';

export type CleanPhoto = { bytes: Buffer; mime: PhotoType; width: number; height: number };

const refuse = (message: { 'zh-CN': string; en: string }) =>
  new AppError('validation_failed', { fields: [{ field: 'photo', message }] });

export const photoMessages = {
  notAPhoto: {
    'zh-CN': '只能上传 JPG、PNG 或 WebP 照片',
    en: 'Only JPEG, PNG or WebP photos can be uploaded',
  },
  unreadable: { 'zh-CN': '这张照片无法读取', en: 'This photo cannot be read' },
  tooLarge: { 'zh-CN': '照片太大（最大 {mb} MB）', en: 'The photo is too large (at most {mb} MB)' },
} as const;

export function tooLarge(maxBytes: number) {
  const mb = String(Math.floor(maxBytes / (1024 * 1024)));
  return refuse({
    'zh-CN': photoMessages.tooLarge['zh-CN'].replace('{mb}', mb),
    en: photoMessages.tooLarge.en.replace('{mb}', mb),
  });
}

/**
 * A photo as it is kept: its type judged from the bytes, turned upright, and re-encoded without any of its
 * metadata — EXIF with the GPS position of the resident's home, the phone's make, the time. sharp writes no
 * metadata unless asked to (keepMetadata/withMetadata), and re-encoding also drops anything hidden after
 * the image data.
 */
export async function cleanPhoto(bytes: Uint8Array): Promise<CleanPhoto> {
  const mime = photoTypeOf(bytes);
  if (!mime) throw refuse(photoMessages.notAPhoto);
  try {
    // Decompression bombs stop at 50 megapixels: more than any phone camera takes.
    const image = sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' }).rotate();
    const encoded =
      mime === 'image/jpeg'
        ? image.jpeg({ quality: 85, mozjpeg: true })
        : mime === 'image/png'
          ? image.png()
          : image.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime, width: info.width, height: info.height };
  } catch {
    throw refuse(photoMessages.unreadable);
  }
}
