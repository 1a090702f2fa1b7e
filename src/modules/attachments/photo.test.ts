import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { cleanPhoto } from './photo.ts';
import { phonePhoto } from './photos.testkit.ts';

describe('cleanPhoto', () => {
  it('keeps the picture and drops its EXIF, GPS position included', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('ShangliangPhone');

    const clean = await cleanPhoto(original);
    const after = await sharp(clean.bytes).metadata();
    expect(clean.mime).toBe('image/jpeg');
    expect([after.width, after.height]).toEqual([64, 48]);
    expect(after.exif).toBeUndefined();
    expect(clean.bytes.toString('latin1')).not.toContain('ShangliangPhone');
  });

  it('turns a photo taken sideways upright before the orientation tag is dropped', async () => {
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const clean = await cleanPhoto(sideways);
    expect([clean.width, clean.height]).toEqual([20, 40]);
  });

  it('refuses a script named like a photo and a photo that is cut short', async () => {
    await expect(cleanPhoto(Buffer.from('#!/bin/sh\necho hi'))).rejects.toBeInstanceOf(AppError);
    const cut = (await phonePhoto()).subarray(0, 200);
    await expect(cleanPhoto(cut)).rejects.toBeInstanceOf(AppError);
  });
});
