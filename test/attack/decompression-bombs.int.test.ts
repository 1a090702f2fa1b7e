import zlib from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../src/modules/attachments/photos.testkit.ts';
import {
  multipart,
  registerRows,
  xlsxOf,
} from '../../src/modules/household-imports/household-imports.fixtures.ts';
import { MAX_UNPACKED_XLSX_BYTES } from '../../src/modules/household-imports/spreadsheet.ts';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, rowsIn, type Session, signedInUser } from '../factories.ts';

// Small files that unpack to something huge: the server must refuse them beside their field, from what it
// learns before or while unpacking, and stay up for everyone else.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  staff = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'community_staff', place: town.community }] })
  ).session;
});
afterAll(() => t.close());

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid grey PNG of side × side pixels: every row is a filter byte and zeros, so it deflates ~1000:1. */
function pngBomb(side: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  const pixels = zlib.deflateSync(Buffer.alloc((side + 1) * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A genuine household register whose worksheet carries one cell that unpacks past the limit. */
async function xlsxBomb() {
  const zip = await JSZip.loadAsync(await xlsxOf(registerRows()));
  const sheetPath = Object.keys(zip.files).find((name) => name.startsWith('xl/worksheets/sheet'));
  if (!sheetPath) throw new Error('the fixture has no worksheet');
  const sheet = await zip.file(sheetPath)?.async('string');
  const filler = 'A'.repeat(MAX_UNPACKED_XLSX_BYTES + 1024 * 1024);
  const bomb = sheet?.replace(
    '</sheetData>',
    `<row r="999"><c r="A999" t="inlineStr"><is><t>${filler}</t></is></c></row></sheetData>`,
  );
  zip.file(sheetPath, bomb ?? '');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

const count = (table: 'attachments' | 'households' | 'places') => rowsIn(t.database, table);

describe('decompression bombs', () => {
  it('a 100-megapixel photo in a few hundred kilobytes is refused beside the photo field, nothing filed', async () => {
    const bomb = pngBomb(10_000);
    expect(bomb.length).toBeLessThan(500_000);
    const before = await count('attachments');
    const body = multipartFile(bomb, 'IMG_0002.png', 'image/png');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...as(resident), ...body.headers, 'accept-language': 'en' },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'photo', message: 'This photo cannot be read' });
    expect(await count('attachments')).toBe(before);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('an Excel register that unpacks past the limit is refused beside the file field, nothing imported', async () => {
    const bomb = await xlsxBomb();
    expect(bomb.length).toBeLessThan(MAX_UNPACKED_XLSX_BYTES / 50);
    const before = { households: await count('households'), places: await count('places') };
    const body = multipart('住户.xlsx', bomb);
    for (const path of ['/api/household-imports/preview', '/api/household-imports']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `${path}?placeId=${town.compound.id}`,
        headers: { ...as(staff), ...body.headers, 'accept-language': 'zh-CN' },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'file' });
      expect(response.json().errors[0].message).toContain('解压后太大');
    }
    expect({ households: await count('households'), places: await count('places') }).toEqual(before);
  });

  it('the same register without the bomb still imports: the limit leaves real files alone', async () => {
    const body = multipart('住户.xlsx', await xlsxOf(registerRows()));
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/household-imports/preview?placeId=${town.compound.id}`,
      headers: { ...as(staff), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().issues).toEqual([]);
  });
});
