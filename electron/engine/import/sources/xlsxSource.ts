import fs from 'node:fs';
import { EngineError } from '../../errors';
import { sha256File } from '../fileHash';
import { stageRecords } from '../stage';
import type { TabularSource } from './types';
import { xlsxRows } from './xlsxRows';

/**
 * The first worksheet of an .xlsx workbook, streamed row by row (rows are numbered as Excel numbers them). Cells become
 * text as an analyst would read them: dates as ISO dates, numbers as written, formulas as their results. Dates held as
 * plain numbers (Excel serials) are recognised later, when dates are typed. Title rows above the table are skipped.
 */
export async function xlsxSource(file: string, filesDir: string, sheetName?: string): Promise<TabularSource> {
  const size = fs.statSync(file).size;
  // Read in a worker, with caps, staging only inside the workspace's folder (xlsxRows.ts).
  const rows = (path: string) => xlsxRows(path, sheetName, filesDir);
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
    async stage({ connection, personColumns, usedColumns, pseudonymiser, progress, cancelled }) {
      const all = rows(file);
      await all.next(); // the header
      let read = 0;
      const counted = (async function* () {
        for await (const row of all) {
          read++;
          yield row;
        }
      })();
      const rowsRead = await stageRecords(connection, header.length, counted, personColumns, pseudonymiser, () => progress(Math.min(0.95, read / 1_048_576)), cancelled, usedColumns);
      return { rowsRead, sha256: cancelled() ? '' : await sha256File(file) };
    },
    close() {},
  };
}
