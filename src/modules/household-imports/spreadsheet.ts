import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { AppError } from '../../server/errors.ts';
import type { Bilingual } from '../../server/i18n.ts';

/** A sheet as text: its non-empty rows, each with its row number as the spreadsheet shows it (from 1). */
export type SheetRow = { row: number; cells: string[] };
export type Sheet = { rows: SheetRow[] };

export class UnreadableFile extends Error {
  constructor(readonly reason: 'old_excel' | 'bad_xlsx' | 'empty' | 'too_large') {
    super(reason);
  }
}

/** What a person is told beside the file field when their file cannot be read. */
export const unreadableMessages: Record<UnreadableFile['reason'], Bilingual> = {
  old_excel: {
    'zh-CN': '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV',
    en: 'Old .xls files are not supported; save it as .xlsx or CSV in Excel',
  },
  bad_xlsx: { 'zh-CN': '无法读取这个 Excel 文件', en: 'This Excel file cannot be read' },
  empty: { 'zh-CN': '文件是空的', en: 'The file is empty' },
  too_large: {
    'zh-CN': '这个 Excel 文件解压后太大，请分成几个文件导入',
    en: 'This Excel file is too large once unpacked; import it in several files',
  },
};

/**
 * An XLSX is a zip: a few hundred kilobytes can unpack to gigabytes (a zip bomb). 128 MiB of unpacked XML is
 * several times a 100,000-household sheet, and far below what would exhaust the server's memory.
 */
export const MAX_UNPACKED_XLSX_BYTES = 128 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]) {
  return magic.every((b, i) => bytes[i] === b);
}

/** XLSX (a zip) or CSV/TSV text; the old binary .xls is refused with a hint to save as .xlsx. */
export async function readSheet(bytes: Uint8Array, unpackedLimit = MAX_UNPACKED_XLSX_BYTES): Promise<Sheet> {
  if (bytes.length === 0) throw new UnreadableFile('empty');
  if (startsWith(bytes, OLE2)) throw new UnreadableFile('old_excel');
  return startsWith(bytes, ZIP) ? readXlsx(bytes, unpackedLimit) : readCsv(decodeText(bytes));
}

/** readSheet for an upload: a file that cannot be read is refused beside the form's file field. */
export async function readUploadedSheet(bytes: Uint8Array): Promise<Sheet> {
  try {
    return await readSheet(bytes);
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    throw new AppError('validation_failed', {
      fields: [{ field: 'file', message: unreadableMessages[error.reason] }],
    });
  }
}

/**
 * UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text"), or — when the bytes are not valid UTF-8 —
 * GB18030, a superset of the GBK that Excel on a Chinese Windows writes CSV in.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function keep(rows: SheetRow[], row: number, cells: string[]) {
  const trimmed = cells.map((c) => c.trim());
  if (trimmed.some((c) => c !== '')) rows.push({ row, cells: trimmed });
}

export function readCsv(text: string): Sheet {
  // Rows are counted as Excel counts them (one per record), so a report's row numbers match the sheet.
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, i) => {
    keep(rows, i + 1, cells);
  });
  return { rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return value.result === undefined ? '' : cellText(value.result);
  if ('hyperlink' in value) return value.text;
  return '';
}

/**
 * Unpacks every entry once, counting, and stops at the limit. The sizes a zip declares are not trusted: a
 * bomb can declare anything; only inflating tells the truth, and it is done in chunks, so the count itself
 * never holds more than a chunk.
 */
async function assertUnpackedSize(bytes: Uint8Array, limit: number) {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new UnreadableFile('bad_xlsx');
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // JSZip's stream is an old readable-stream: events, not async iteration.
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.pause();
            reject(new UnreadableFile('too_large'));
          }
        })
        .on('error', () => reject(new UnreadableFile('bad_xlsx')))
        .on('end', () => resolve());
    });
  }
}

type Chunks = AsyncIterable<Buffer | string>;
/** The parts of exceljs's streaming reader that read a sheet's XML and the shared strings' (4.4.0). */
type ReaderParts = {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: Chunks, sheetNo: string): Generator<unknown>;
};

/** UTF-8 decoded across chunk boundaries: a character split between two chunks comes out whole. */
async function* wholeCharacters(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * exceljs's streaming reader decodes each chunk of XML on its own, so a Chinese character split between two
 * chunks became two or three U+FFFD (exceljs issues #2063, #2084, open in 4.4.0): long Chinese texts were
 * corrupted on import. Its parser takes text as it comes, so the shared strings and the sheet are handed to
 * it decoded across chunks.
 */
function readingWholeCharacters(reader: ExcelJS.stream.xlsx.WorkbookReader) {
  const parts = reader as unknown as ReaderParts;
  const { _parseSharedStrings: sharedStrings, _parseWorksheet: worksheet } = parts;
  parts._parseSharedStrings = function (entry) {
    entry.setEncoding('utf8');
    return sharedStrings.call(this, entry);
  };
  parts._parseWorksheet = function (chunks, sheetNo) {
    return worksheet.call(this, wholeCharacters(chunks), sheetNo);
  };
  return reader;
}

/** The first worksheet that holds anything, read as a stream so a large file is never whole in memory twice. */
async function readXlsx(bytes: Uint8Array, limit: number): Promise<Sheet> {
  await assertUnpackedSize(bytes, limit);
  const reader = readingWholeCharacters(
    new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    }),
  );
  try {
    for await (const worksheet of reader) {
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        // row.values is 1-based and sparse.
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] as ExcelJS.CellValue));
        keep(rows, row.number, cells);
      }
      if (rows.length > 0) return { rows };
    }
  } catch {
    throw new UnreadableFile('bad_xlsx');
  }
  return { rows: [] };
}
