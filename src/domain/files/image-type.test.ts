import { describe, expect, it } from 'vitest';
import { isFileDigest, photoTypeOf } from './image-type.ts';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(
    values.flatMap((v) => (typeof v === 'number' ? [v] : Array.from(v, (c) => c.charCodeAt(0)))),
  );

describe('photoTypeOf', () => {
  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(photoTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(photoTypeOf(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(photoTypeOf(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses a script, an SVG, a GIF and a truncated header whatever they are called', () => {
    expect(photoTypeOf(bytes('#!/bin/sh\nrm -rf /'))).toBeUndefined();
    expect(photoTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(photoTypeOf(bytes('GIF89a'))).toBeUndefined();
    expect(photoTypeOf(bytes(0xff, 0xd8))).toBeUndefined();
    expect(photoTypeOf(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBeUndefined();
  });
});

describe('isFileDigest', () => {
  it('accepts a hex SHA-256 and nothing that could climb out of the files folder', () => {
    expect(isFileDigest('a'.repeat(64))).toBe(true);
    expect(isFileDigest('../../etc/passwd')).toBe(false);
    expect(isFileDigest(`${'a'.repeat(62)}/.`)).toBe(false);
    expect(isFileDigest('A'.repeat(64))).toBe(false);
  });
});
