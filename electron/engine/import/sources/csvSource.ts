import fs from 'node:fs';
import { EngineError } from '../../errors';
import { NotValidText, openCsv, type CsvSource } from '../csvRecords';
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
export async function csvSource(file: string, overrides: { encoding?: SourceEncoding; delimiter?: ',' | '\t' | ';' | '|' }, filesDir?: string, inTransaction = false): Promise<TabularSource> {
  // The first chunk is decoded as the header is read, so an invalid byte there already needs the fallback.
  let csv = await openCsv(file, overrides).catch(async (error: unknown) => {
    const fallback = await fallbackFor(error, file);
    if (!fallback) throw error;
    return fallback.csv;
  });
  // The sealed reader's hashed copy the staging view reads, removed when the import is done with the source.
  let hashedFile: string | undefined;
  const removeHashed = () => {
    if (hashedFile) fs.rmSync(hashedFile, { force: true });
    hashedFile = undefined;
  };
  // Set when the detected UTF-8 turns out wrong past the sample: the file is read again as Windows-1252.
  let redetected: { encoding?: SourceEncoding; delimiter?: ',' | '\t' | ';' | '|' } | undefined;
  const source: TabularSource = {
    format: 'csv',
    header: csv.header,
    size: csv.size,
    encoding: csv.sniffed.encoding,
    delimiter: csv.sniffed.delimiter,
    async sample(rows) {
      const read = async (options: typeof overrides) => {
        const preview = await openCsv(file, options);
        const out: string[][] = [];
        for await (const record of preview.records()) {
          out.push(record.fields);
          if (out.length >= rows) break;
        }
        return out;
      };
      try {
        return await read(redetected ?? overrides);
      } catch (error) {
        const fallback = await fallbackFor(error, file);
        if (!fallback) throw error;
        return read(fallback.options);
      }
    },
    async stage({ connection, personColumns, usedColumns, rowHashColumns, pseudonymiser, noIdentifiers, progress, cancelled }) {
      if (filesDir && csv.sniffed.encoding === 'utf-8') {
        let interruptRead = () => undefined as void;
        const options = {
          file,
          filesDir,
          width: csv.header.length,
          delimiter: csv.sniffed.delimiter,
          personColumns,
          usedColumns,
          rowHashColumns,
          pseudonymiser,
          // In the workspace itself only outside a transaction: there a refused read fails harmlessly.
          direct: noIdentifiers === true && personColumns.length === 0 && !inTransaction,
          onInterrupt: (interrupt: () => void) => (interruptRead = interrupt),
        };
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
        if (!scan.simple) interruptRead();
        const staged = await staging;
        hashedFile = staged?.hashedFile;
        if (cancelled()) return { rowsRead: 0, sha256: '' };
        if (scan.simple && staged !== null) {
          fastPathStats.staged += 1;
          progress(1);
          return { rowsRead: staged.rows, sha256: scan.sha256 };
        }
        await discardFastStage(connection);
        removeHashed();
      }
      const parse = () => stageRecords(connection, csv.header.length, csv.records(), personColumns, pseudonymiser, () => progress(csv.bytesRead() / Math.max(1, csv.size)), cancelled, usedColumns);
      let rowsRead: number;
      try {
        rowsRead = await parse();
      } catch (error) {
        const fallback = await fallbackFor(error, file);
        if (!fallback) throw error;
        // stageRecords replaces the staging table, so nothing of the first attempt remains.
        csv = fallback.csv;
        redetected = fallback.options;
        source.encoding = csv.sniffed.encoding;
        rowsRead = await parse();
      }
      if (cancelled()) return { rowsRead, sha256: '' };
      return { rowsRead, sha256: csv.sha256() };
    },
    close() {
      removeHashed();
    },
  };
  return source;
}

/**
 * What to do when the bytes past the sample are not valid in the encoding being read. Detected UTF-8 is read again as
 * Windows-1252 (what Excel writes on UK machines) when the header reads the same that way; a chosen encoding, or a
 * file that is neither, is refused with the line — never decoded with replacement characters, which would change IDs.
 */
async function fallbackFor(error: unknown, file: string): Promise<{ csv: CsvSource; options: { encoding: SourceEncoding; delimiter: CsvSource['sniffed']['delimiter'] } } | undefined> {
  if (!(error instanceof NotValidText)) return undefined;
  const { encoding } = error.sniffed;
  const refuse = () =>
    new EngineError(
      'invalid_input',
      `This file is not valid ${encoding} text from about line ${error.line}: some bytes there are not ${encoding}. Choose the file's encoding, or save it as UTF-8 CSV, and import it again; nothing was imported.`,
    );
  if (encoding !== 'utf-8' || error.sniffed.bomLength > 0 || error.chosen) throw refuse();
  const options = { encoding: 'windows-1252' as const, delimiter: error.sniffed.delimiter };
  const again = await openCsv(file, options);
  // Only if the header is plain ASCII does it read the same both ways; otherwise the file mixes encodings.
  if (!/^[\x20-\x7e]*$/.test(again.header.join(''))) throw refuse();
  return { csv: again, options };
}
