import { openCsv } from '../csvRecords';
import type { SourceEncoding } from '../../../../shared/datasets/mappingProfile';
import { stageRecords } from '../stage';
import type { TabularSource } from './types';
import { discardFastStage, fastPathStats, stageCsvWithDuckDB } from './csvFastStage';
import { scanCsv } from './csvScan';

/**
 * Delimited text. A simple UTF-8 file (csvScan.ts says which) is staged by DuckDB's reader, several times faster; any
 * other file, or one DuckDB's strict reader refuses (a ragged row, say), goes through our own streaming parser, which
 * gives every record its line and keeps what does not fit for the quarantine. Both stage the same table.
 */
export async function csvSource(file: string, overrides: { encoding?: SourceEncoding; delimiter?: ',' | '\t' | ';' | '|' }, filesDir?: string): Promise<TabularSource> {
  const csv = await openCsv(file, overrides);
  return {
    format: 'csv',
    header: csv.header,
    size: csv.size,
    encoding: csv.sniffed.encoding,
    delimiter: csv.sniffed.delimiter,
    async sample(rows) {
      const preview = await openCsv(file, overrides);
      const out: string[][] = [];
      for await (const record of preview.records()) {
        out.push(record.fields);
        if (out.length >= rows) break;
      }
      return out;
    },
    async stage({ connection, personColumns, pseudonymiser, progress, cancelled }) {
      if (filesDir && csv.sniffed.encoding === 'utf-8') {
        const options = { file, filesDir, width: csv.header.length, delimiter: csv.sniffed.delimiter, personColumns, pseudonymiser };
        // DuckDB reads the file while we scan it (hash and simplicity check), on other cores; its result is used only
        // if the scan says the file is simple. DuckDB's strict reader refuses what it cannot read exactly as ours
        // would (a ragged row, a stray quote): such a file is read again by our parser, which accounts for every line.
        const staging = stageCsvWithDuckDB(connection, options).catch(() => null);
        let scanned = 0;
        const scan = await scanCsv(file, {
          bomLength: csv.sniffed.bomLength,
          delimiter: csv.sniffed.delimiter,
          width: csv.header.length,
          progress: (bytes) => progress((0.5 * (scanned += bytes)) / Math.max(1, csv.size)),
          cancelled,
        });
        // Not simple: stop DuckDB's read rather than wait for a result that will not be used.
        if (!scan.simple) connection.interrupt();
        const rowsRead = await staging;
        if (cancelled()) return { rowsRead: 0, sha256: '' };
        if (scan.simple && rowsRead !== null) {
          fastPathStats.staged += 1;
          progress(1);
          return { rowsRead, sha256: scan.sha256 };
        }
        await discardFastStage(connection);
      }
      const rowsRead = await stageRecords(connection, csv.header.length, csv.records(), personColumns, pseudonymiser, () => progress(csv.bytesRead() / Math.max(1, csv.size)), cancelled);
      if (cancelled()) return { rowsRead, sha256: '' };
      return { rowsRead, sha256: csv.sha256() };
    },
    close() {},
  };
}
