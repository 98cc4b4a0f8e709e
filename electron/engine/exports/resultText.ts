import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { ColumnInfo, JsonValue } from '../../../shared/api';
import { csvRecord, spreadsheetSafe } from '../../../shared/format/csv';
import { isNumericType, toJsonNumber } from '../../../shared/format/numbers';

/*
 * A result written out a page at a time, as CSV, JSON or XLSX: the file an analyst's own query is exported to
 * (exports.write) and the command line's stdout (`csp-workbench sql`) are written by these same functions.
 */

/** Pages of a result, fetched on demand so large results never sit in memory whole. */
export type PageReader = (start: number, end: number) => Promise<Record<string, JsonValue>[]>;

export const PAGE = 5000;

/** Writes text to a stream, waiting for it to drain when its buffer is full. */
export function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text)) return resolve();
    // Each wait removes the listener it did not use: left behind, one 'error' listener per drain piled up on a long
    // export (Node's MaxListeners warning) and a failed write could be reported by a stale one.
    const drained = () => {
      out.off('error', failed);
      resolve();
    };
    const failed = (error: Error) => {
      out.off('drain', drained);
      reject(error);
    };
    out.once('drain', drained).once('error', failed);
  });
}

/** CSV or JSON (an array of row objects, numbers as JSON numbers) to a stream, a page at a time. */
export async function writeText(columns: ColumnInfo[], rowCount: number, read: PageReader, format: 'csv' | 'json', out: Writable): Promise<void> {
  const names = columns.map((c) => c.name);
  const numeric = new Set(columns.filter((c) => isNumericType(c.type)).map((c) => c.name));
  await write(out, format === 'csv' ? `${csvRecord(names)}\n` : '[');
  for (let start = 0; start < rowCount; start += PAGE) {
    const rows = await read(start, start + PAGE);
    const text = rows.map((row, i) => {
      // Text a spreadsheet would run as a formula gets its apostrophe, as in every other CSV the app writes.
      if (format === 'csv') return `${csvRecord(names.map((n) => (numeric.has(n) ? row[n] : spreadsheetSafe(row[n]))))}\n`;
      const typed = Object.fromEntries(names.map((n) => [n, numeric.has(n) ? toJsonNumber(row[n]) : row[n]]));
      return `${start + i === 0 ? '' : ','}\n${JSON.stringify(typed)}`;
    });
    await write(out, text.join(''));
  }
  if (format === 'json') await write(out, rowCount === 0 ? ']\n' : '\n]\n');
}

/** An .xlsx file with typed cells (numbers as numbers), a bold, frozen header row, streamed to disk. */
export async function writeXlsx(file: string, sheetName: string, columns: ColumnInfo[], rowCount: number, read: PageReader): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(12, c.name.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const numeric = new Set(columns.filter((c) => isNumericType(c.type)).map((c) => c.name));
  for (let start = 0; start < rowCount; start += PAGE) {
    for (const row of await read(start, start + PAGE)) {
      sheet.addRow(columns.map((c) => (numeric.has(c.name) ? toJsonNumber(row[c.name]) : row[c.name]))).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
