import ExcelJS from 'exceljs';
import Papa from 'papaparse';

// Builders of the spreadsheets communities keep, for tests: CSV (UTF-8 or GBK, as Excel on a Chinese
// Windows saves it), XLSX, and the multipart body a browser would upload them in.

export type Cell = string | number;

export const registerHeader = ['楼栋', '单元', '房号', '建筑面积（㎡）', '业主姓名', '联系电话'];

/** A small register as a community keeps it, buildings spelled three ways. */
export function registerRows(): Cell[][] {
  return [
    registerHeader,
    ['1号楼', '1单元', '101', '89.5', '马小燕', '13895001234'],
    ['1号楼', '1单元', '102', '120', '杨建国', '13995007777'],
    ['1栋', '2单元', '201', '75.25', '李桂兰', '13709512345'],
    ['三号楼', '一单元', '301', '98.6', '马小燕', '13895001234'],
    ['3号楼', '1单元', '302', '98.6', '', ''],
  ];
}

export function csvOf(rows: Cell[][]): string {
  return `${Papa.unparse(rows.map((r) => r.map(String)))}\r\n`;
}

export function utf8WithBom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes of a text, from the decoder's own table (Node has a GB18030 decoder but no encoder). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`not in GBK: ${char}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

export async function xlsxOf(rows: Cell[][], options: { title?: string } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户');
  if (options.title) sheet.addRow([options.title]);
  // Numbers stay numbers, as Excel keeps areas and phones typed into a sheet.
  for (const row of rows)
    sheet.addRow(row.map((c) => (typeof c === 'string' && /^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file part, for app.inject. */
export function multipart(fileName: string, bytes: Uint8Array, contentType = 'application/octet-stream') {
  const boundary = `----shangliang${Date.now().toString(16)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
