import type { DuckDBConnection } from '@duckdb/node-api';
import { stagedLine } from '../fileLines';
import { stagedColumn } from '../plan';
import { ROW_HASH, STAGE } from '../stage';
import { toCount } from '../../rows';
import { directReadSql, discardFastStage, FAST, fastPathStats } from './csvFastStage';
import { scanCsv } from './csvScan';
import { readMagic } from './fileMagic';
import { linkIntoStaging } from './stagingLink';

/** How many batches of street files this process has staged as one table: lets tests see which path a folder took. */
export const streetStageStats = { batches: 0 };

/** One staged street file: its place among the staged files, hash, rows, and the row id its rows start from. */
export interface StagedStreetFile {
  index: number;
  sha256: string;
  rowsRead: number;
  /** A bigint, so that no row id passes through a double on its way into the view's offsets. */
  firstRowId: bigint;
}

export interface StreetStageOptions {
  filesDir: string;
  width: number;
  delimiter: string;
  /** As StageOptions: the columns read one by one, the rest kept only in the row hash. */
  usedColumns: readonly number[];
  rowHashColumns: readonly number[];
  /** 0–1 over all the files. */
  progress(fraction: number): void;
  cancelled(): boolean;
}

/**
 * Several police.uk street files of one layout staged as one table, file after file, by DuckDB's reader in the
 * workspace (they carry no person identifiers, so no sealed reader is needed): each file is read while it is scanned
 * for its hash and for whether DuckDB's strict reader reads it exactly as our parser would (csvScan.ts), as one file
 * is (csvSource.ts). Returns each file's hash and rows, or null — with nothing left staged — when any file is not
 * simple or DuckDB refuses it: the caller then reads the files one by one, which handles and reports everything.
 * Must run outside a transaction: a refused read there is harmless, where inside one it would abort it.
 */
export async function stageStreetFiles(connection: DuckDBConnection, files: readonly string[], options: StreetStageOptions): Promise<StagedStreetFile[] | null> {
  const total = Math.max(1, files.length);
  const staged: StagedStreetFile[] = [];
  try {
    for (const [index, file] of files.entries()) {
      if (options.cancelled()) return null;
      const { path: linked, remove } = linkIntoStaging(file, options.filesDir, '.csv');
      try {
        const read = `SELECT ${index}::INTEGER AS csw_file, * FROM (${directReadSql({ ...options, personColumns: [] })})`;
        const reading = connection
          .run(index === 0 ? `CREATE OR REPLACE TEMP TABLE ${FAST} AS ${read}` : `INSERT INTO ${FAST} ${read}`, { csw_file: linked })
          .then(() => true)
          .catch(() => false);
        const magic = readMagic(file);
        const bom = magic[0] === 0xef && magic[1] === 0xbb && magic[2] === 0xbf;
        const scan = await scanCsv(file, {
          bomLength: bom ? 3 : 0,
          delimiter: options.delimiter,
          width: options.width,
          progress: () => undefined,
          cancelled: options.cancelled,
        });
        if (!scan.simple) connection.interrupt();
        const readAll = await reading;
        if (!scan.simple || !readAll || options.cancelled()) return await discarded();
        staged.push({ index, sha256: scan.sha256, rowsRead: 0, firstRowId: 0n });
        options.progress((index + 1) / total);
      } finally {
        remove();
      }
    }
    const counted = await connection.runAndReadAll(`SELECT csw_file, count(*), min(rowid), max(rowid) FROM ${FAST} GROUP BY 1 ORDER BY 1`);
    const ranges = new Map(counted.getRows().map(([file, n, first, last]) => [toCount(file), { rows: toCount(n), first: BigInt(String(first)), last: BigInt(String(last)) }]));
    for (const file of staged) {
      const range = ranges.get(file.index);
      file.rowsRead = range?.rows ?? 0;
      file.firstRowId = range?.first ?? 0n;
      // A file's rows are one run of row ids, in its order: what its lines are counted from (as csvFastStage's view).
      if (range && range.last - range.first + 1n !== BigInt(range.rows)) return await discarded();
    }
    fastPathStats.staged += staged.length;
    streetStageStats.batches += 1;
    return staged;
  } catch (error) {
    await discardFastStage(connection);
    throw error;
  }

  async function discarded(): Promise<null> {
    await discardFastStage(connection);
    return null;
  }
}

/**
 * The staging view over the staged street files that are imported (`kept`): the all-text table every check reads,
 * each row's line being its file's and its line there (fileLines.ts), counted from the file's first row id. `files`:
 * every staged file, for the offsets list indexed by the staged file.
 */
export async function viewStreetFiles(connection: DuckDBConnection, width: number, files: readonly StagedStreetFile[], kept: readonly number[]): Promise<void> {
  const offsets = files.map((file) => (BigInt(stagedLine(file.index, 2)) - file.firstRowId).toString());
  const names = Array.from({ length: width }, (_, i) => stagedColumn(i));
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${STAGE} AS
     SELECT rowid + [${offsets.join(', ')}][csw_file + 1] AS line, ${width}::INTEGER AS n_fields, ${names.join(', ')}, NULL::VARCHAR AS overflow, ${ROW_HASH}
     FROM ${FAST} WHERE csw_file IN (${kept.length ? kept.join(', ') : 'NULL'})`,
  );
}
