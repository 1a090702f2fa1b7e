import { once } from 'node:events';
import fs from 'node:fs';
import ExcelJS from 'exceljs';

// A sheet written row batch by row batch straight to its file: memory holds one batch, never the file.

export type Cell = string | number | null;
export type ExportFormat = 'xlsx' | 'csv';

export interface SheetWriter {
  addRows(rows: readonly Cell[][]): Promise<void>;
  /** Ends the file; resolves once it is complete on disk. */
  finish(): Promise<void>;
  /** Gives up: the file is incomplete and is removed by the caller. */
  abort(): Promise<void>;
  /** Bytes given to the file but not yet written out (what memory holds beyond one batch). */
  pending(): number | null;
}

export type SheetHeader = { title: string; width: number };

/**
 * Text a spreadsheet would run as a formula (=, +, -, @ and control characters first) gets a leading
 * apostrophe, which Excel and WPS show as text: a resident's "=HYPERLINK(…)" stays words (CSV injection).
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = inertText(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** UTF-8 with a byte-order mark, which is how Excel knows the Chinese in a CSV is UTF-8; CRLF lines. */
async function openCsv(path: string, headers: readonly SheetHeader[]): Promise<SheetWriter> {
  const stream = fs.createWriteStream(path);
  await once(stream, 'open');
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(`\uFEFF${csvLine(headers.map((h) => h.title))}`);
  return {
    addRows: (rows) => write(rows.map(csvLine).join('')),
    finish: async () => {
      stream.end();
      await once(stream, 'finish');
    },
    abort: async () => {
      stream.destroy();
    },
    pending: () => stream.writableLength,
  };
}

/** How far the compressor may fall behind the rows given to it before the next batch waits. */
export const XLSX_PENDING_LIMIT = 1024 * 1024;

type Pending = { _writableState?: { length: number }; writableLength?: number };

/**
 * Bytes of the sheet's XML given to the zip but not yet compressed. exceljs hands each committed row to
 * the zip's input without waiting for it (no backpressure), so a writer faster than deflate would pile up
 * the whole sheet in memory; null when exceljs's insides are not as expected.
 */
export function xlsxPending(worksheet: unknown): number | null {
  const pipes = (worksheet as { _stream?: { pipes?: Pending[] } })._stream?.pipes;
  if (!pipes) return null;
  return pipes.reduce((sum, p) => sum + (p._writableState?.length ?? p.writableLength ?? 0), 0);
}

/**
 * exceljs's streaming writer, without shared strings (their table would grow with the file): each row is
 * committed to the zip stream as it is added, and a batch waits while the compressor catches up.
 */
async function openXlsx(
  path: string,
  sheetName: string,
  headers: readonly SheetHeader[],
): Promise<SheetWriter> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h.title, width: h.width }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.commit();
  let finished = false;
  return {
    addRows: async (rows) => {
      for (const cells of rows) sheet.addRow(cells.map((c) => (c === null ? null : c))).commit();
      // Let the zip stream reach the disk before the next batch is read (deflate runs on libuv's threads).
      await new Promise<void>((resolve) => setImmediate(resolve));
      while ((xlsxPending(sheet) ?? 0) > XLSX_PENDING_LIMIT) await new Promise((r) => setTimeout(r, 2));
    },
    finish: async () => {
      finished = true;
      sheet.commit();
      await workbook.commit();
    },
    abort: async () => {
      if (finished) return;
      finished = true;
      await workbook.commit().catch(() => {});
    },
    pending: () => xlsxPending(sheet),
  };
}

export function openSheet(
  format: ExportFormat,
  path: string,
  sheetName: string,
  headers: readonly SheetHeader[],
): Promise<SheetWriter> {
  return format === 'csv' ? openCsv(path, headers) : openXlsx(path, sheetName, headers);
}
