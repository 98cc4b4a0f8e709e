import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { EngineError } from '../../errors';
import { sha256File } from '../fileHash';
import { stageRecords, type StagedRecord } from '../stage';
import type { TabularSource } from './types';

/**
 * The first worksheet of an .xlsx workbook, streamed row by row (rows are numbered as Excel numbers them). Cells become
 * text as an analyst would read them: dates as ISO dates, numbers as written, formulas as their results. Dates held as
 * plain numbers (Excel serials) are recognised later, when dates are typed.
 */
export async function xlsxSource(file: string, sheetName?: string): Promise<TabularSource> {
  const size = fs.statSync(file).size;
  const rows = (path: string) => sheetRows(path, sheetName);
  const first = rows(file);
  const headerRow = await first.next();
  await first.return(undefined);
  if (headerRow.done) throw new EngineError('invalid_input', 'The workbook\'s first sheet is empty.');
  const header = headerRow.value.fields.map((h) => h.trim());
  return {
    format: 'xlsx',
    header,
    size,
    encoding: 'xlsx',
    delimiter: 'xlsx',
    async sample(count) {
      const out: string[][] = [];
      const all = rows(file);
      await all.next();
      for await (const row of all) {
        out.push(row.fields);
        if (out.length >= count) break;
      }
      await all.return(undefined);
      return out;
    },
    async stage({ connection, personColumns, pseudonymiser, progress, cancelled }) {
      const all = rows(file);
      await all.next(); // the header
      let read = 0;
      const counted = (async function* () {
        for await (const row of all) {
          read++;
          yield row;
        }
      })();
      const rowsRead = await stageRecords(connection, header.length, counted, personColumns, pseudonymiser, () => progress(Math.min(0.95, read / 1_048_576)), cancelled);
      return { rowsRead, sha256: cancelled() ? '' : await sha256File(file) };
    },
    close() {},
  };
}

/**
 * Rows of the chosen sheet — by name, or else the first sheet with a table. Title rows above a table (one filled cell,
 * as ONS and NOMIS workbooks have) are skipped, so the header is the first row with at least two filled cells.
 */
async function* sheetRows(file: string, sheetName?: string): AsyncGenerator<StagedRecord> {
  let workbook: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  } catch (error) {
    throw new EngineError('invalid_input', `This workbook cannot be read: ${(error as Error).message}`);
  }
  try {
    let seen = 0;
    for await (const sheet of workbook) {
      const name = (sheet as unknown as { name?: string }).name;
      seen++;
      if (sheetName && name !== sheetName) {
        for await (const row of sheet) void row; // the stream must be drained to reach the next sheet
        continue;
      }
      let width = 0;
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
        const fields = values.map(cellText);
        if (width === 0 && fields.filter((f) => f.trim() !== '').length < 2) continue; // a title above the table
        if (width === 0) width = fields.length;
        while (fields.length < width) fields.push('');
        if (fields.every((f) => f.trim() === '')) continue;
        yield { line: row.number, fields };
      }
      if (width > 0 || sheetName) return;
    }
    if (sheetName) throw new EngineError('invalid_input', `The workbook has no sheet called "${sheetName}".`);
    if (seen === 0) throw new EngineError('invalid_input', 'The workbook has no sheets.');
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError('invalid_input', `This workbook cannot be read: ${(error as Error).message}`);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
    if ('result' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
    if (v.error) return '';
    return JSON.stringify(value);
  }
  return String(value);
}
