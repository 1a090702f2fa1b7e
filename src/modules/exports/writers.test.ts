import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readSheet } from '../household-imports/spreadsheet.ts';
import { type Cell, openSheet, XLSX_PENDING_LIMIT, xlsxPending } from './writers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-writers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const headers = [
  { title: '编号', width: 8 },
  { title: '内容', width: 40 },
];
const batch = (from: number): Cell[][] =>
  Array.from({ length: 1000 }, (_, i) => [from + i, `第 ${from + i} 条：楼道灯不亮，晚上看不见路`]);

describe('the sheet writers', () => {
  it('an XLSX never holds more than a bounded share of the sheet waiting for the compressor', async () => {
    // exceljs's insides the backpressure reads: if they change, this says so before memory grows.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'probe.xlsx') });
    const probe = workbook.addWorksheet('probe');
    probe.addRow(['x']).commit();
    expect(xlsxPending(probe)).not.toBeNull();
    probe.commit();
    await workbook.commit();

    const file = path.join(dir, 'many.xlsx');
    const sheet = await openSheet('xlsx', file, '事项', headers);
    for (let n = 0; n < 20_000; n += 1000) {
      await sheet.addRows(batch(n));
      expect(sheet.pending()).toBeLessThanOrEqual(XLSX_PENDING_LIMIT);
    }
    await sheet.finish();
    const rows = (await readSheet(fs.readFileSync(file))).rows;
    expect(rows.length).toBe(20_001);
    expect(rows[0]?.cells).toEqual(['编号', '内容']);
    expect(rows[20_000]?.cells).toEqual(['19999', '第 19999 条：楼道灯不亮，晚上看不见路']);
  });

  it('a CSV starts with the byte-order mark, quotes what needs it, and keeps formulas as text', async () => {
    const file = path.join(dir, 'rows.csv');
    const sheet = await openSheet('csv', file, '事项', headers);
    await sheet.addRows([
      [1, '含,逗号'],
      [2, '=SUM(A1:A9)'],
      [3, '他说"修好了"'],
      [4, null],
    ]);
    await sheet.finish();
    const text = fs.readFileSync(file);
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.subarray(3).toString('utf8')).toBe(
      '编号,内容\r\n1,"含,逗号"\r\n2,\'=SUM(A1:A9)\r\n3,"他说""修好了"""\r\n4,\r\n',
    );
  });
});
