import sharp from 'sharp';

/** A phone's photo: a JPEG carrying EXIF with the camera, and the GPS position where it was taken. */
export function phonePhoto(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'ShangliangPhone', Model: 'Stairwell 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '38/1 28/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 16/1 0/1',
      },
    })
    .toBuffer();
}

/** A multipart/form-data body with one file part, as a browser's FormData sends it. */
export function multipartFile(bytes: Buffer, fileName: string, type: string) {
  const boundary = `----shangliang${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${fileName}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
