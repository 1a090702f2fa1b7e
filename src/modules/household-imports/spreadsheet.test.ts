import { describe, expect, it } from 'vitest';
import { encodeGbk, utf8WithBom, xlsxOf } from './household-imports.fixtures.ts';
import { decodeText, readCsv, readSheet } from './spreadsheet.ts';

describe('reading a CSV', () => {
  it('decodes UTF-8 with or without a BOM, and GBK when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from('楼栋,房号'))).toBe('楼栋,房号');
    expect(decodeText(utf8WithBom('楼栋,房号'))).toBe('楼栋,房号');
    expect(decodeText(encodeGbk('楼栋,房号,马小燕'))).toBe('楼栋,房号,马小燕');
  });

  it('numbers rows as the spreadsheet does, skipping blank lines and counting a quoted line break once', () => {
    const sheet = readCsv('楼栋,房号\r\n\r\n1号楼,"10\n1"\r\n ,\r\n2号楼,201\r\n');
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['楼栋', '房号'] },
      { row: 3, cells: ['1号楼', '10\n1'] },
      { row: 5, cells: ['2号楼', '201'] },
    ]);
  });

  it('refuses an empty file', async () => {
    await expect(readSheet(new Uint8Array())).rejects.toThrow('empty');
  });
});

describe('reading an XLSX', () => {
  it('keeps every Chinese character whole in a sheet far longer than one chunk of the unzipped XML', async () => {
    // Excel and WPS keep text as shared strings: ~200 KB of them here, read in chunks of 16 KB.
    const texts = Array.from({ length: 300 }, (_, i) =>
      `${i}号楼楼道灯不亮，晚上回家看不见台阶。`.repeat(12),
    );
    const sheet = await readSheet(await xlsxOf(texts.map((t, i) => [String(i + 1), t])));
    expect(sheet.rows.map((r) => r.cells[1])).toEqual(texts);
  });
});
