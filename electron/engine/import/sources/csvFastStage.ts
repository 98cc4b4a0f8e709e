import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { stagedColumn } from '../plan';
import type { Pseudonymiser } from '../pseudonymise';
import { ROW_HASH, STAGE } from '../stage';
import { toCount } from '../../rows';
import { hashedCopy, memoryLimitOf } from './sealedReader';
import { linkIntoStaging } from './stagingLink';
import { sqlString } from '../../sqlText';

export const FAST = 'csw_stage_fast';

/** How many files this process has imported through DuckDB's reader (csvSource counts them): lets tests see which path a file took. */
export const fastPathStats = { staged: 0 };

/**
 * Stages a simple UTF-8 CSV file (see csvScan.ts) with DuckDB's own parallel reader instead of parsing it in
 * JavaScript: the same all-text staging table, the same line numbers (records are one line each, so a record's line is
 * its position plus the header), and person identifiers hashed inside the reading statement — which runs in a sealed,
 * in-memory instance that cannot spill (sealedReader.ts), so no raw identifier can reach the disk even as stale memory;
 * the staging view reads the hashed Parquet copy where it is (each check reads only the columns it needs), rather than
 * copying it into a temporary table: at ten million rows that table outgrew the memory limit and spilled 0.9–1.2 GB.
 * The copy is the caller's to remove (`hashedFile`) once the import is done with the view. DuckDB may only read the workspace's folder, so the file is hard-linked there
 * (copied across drives) and removed afterwards. The reader is strict: a record with too many or too few fields is an
 * error, and the caller falls back to the JavaScript parser, which accounts for such rows line by line. Returns the
 * number of records; `onInterrupt` receives a way to stop the read.
 */
export async function stageCsvWithDuckDB(
  connection: DuckDBConnection,
  options: {
    file: string;
    filesDir: string;
    width: number;
    delimiter: string;
    personColumns: readonly number[];
    usedColumns: readonly number[];
    /** StageOptions.rowHashColumns: stage only these, and a hash of every field (a file with no person columns only). */
    rowHashColumns?: readonly number[];
    pseudonymiser: Pseudonymiser;
    /** No identifiers to keep from the workspace's memory (StageOptions.noIdentifiers): read there, in one statement. */
    direct?: boolean;
    onInterrupt?: (interrupt: () => void) => void;
  },
): Promise<{ rows: number; hashedFile?: string }> {
  if (options.direct && options.personColumns.length === 0) return { rows: await stageDirectly(connection, options) };
  const { path: linked, remove } = linkIntoStaging(options.file, options.filesDir, '.csv');
  let hashed: string | undefined;
  try {
    const names = Array.from({ length: options.width }, (_, i) => stagedColumn(i));
    const persons = new Set(options.personColumns);
    const rowHash = rowHashOf(options);
    const used = new Set(rowHash.length > 0 ? options.rowHashColumns : options.usedColumns);
    let params: Record<string, string> = {};
    const select = names.map((name, i) => {
      // Empty fields read as NULL; our parser gives '' for them, and so does this.
      const text = `coalesce(${name}, '')`;
      if (!used.has(i)) return `NULL::VARCHAR AS ${name}`; // a column the plan does not read is not kept
      if (!persons.has(i)) return `${text} AS ${name}`;
      const hash = options.pseudonymiser.sqlHash(text);
      params = { ...params, ...hash.params };
      return `${hash.sql} AS ${name}`;
    });
    const copy = hashedCopy({
      stagingDir: path.dirname(linked),
      memoryLimit: await memoryLimitOf(connection),
      select: `SELECT ${[...select, ...rowHash].join(', ')} FROM ${readCsvSql(options.width, options.delimiter)}`,
      params: { ...params, csw_file: linked },
    });
    options.onInterrupt?.(copy.interrupt);
    hashed = await copy.done;
    const rows = await parquetView(connection, hashed, options.width, rowHash.length > 0);
    return { rows, hashedFile: hashed };
  } catch (error) {
    await discardFastStage(connection);
    if (hashed) fs.rmSync(hashed, { force: true });
    throw error;
  } finally {
    remove();
  }
}

/**
 * The staging view over the sealed reader's hashed copy: rows in the file's order, so a row's line is its number in
 * the Parquet file plus the header's line. The path is the engine's own (staging folder, random name), written as a
 * literal because a view cannot hold a parameter.
 */
async function parquetView(connection: DuckDBConnection, file: string, width: number, rowHash: boolean): Promise<number> {
  const names = Array.from({ length: width }, (_, i) => stagedColumn(i));
  const read = `read_parquet(${sqlString(file)}, file_row_number = true)`;
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${STAGE} AS
     SELECT file_row_number + 2 AS line, ${width}::INTEGER AS n_fields, ${names.join(', ')}, NULL::VARCHAR AS overflow${rowHash ? `, ${ROW_HASH}` : ''} FROM ${read}`,
  );
  return toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${read}`)).getRows()[0][0]);
}

/** Drops what the fast path staged, when its result is not to be used (or it failed part-way). */
export async function discardFastStage(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP VIEW IF EXISTS ${STAGE}`).catch(() => undefined);
  await connection.run(`DROP TABLE IF EXISTS ${FAST}`).catch(() => undefined);
}

/**
 * The row hash column, when asked for and the file has no person columns (a hash of raw identifiers is never made):
 * hash() of every field as staged, so that the columns nobody reads one by one need not be staged to tell rows apart.
 */
function rowHashOf(options: { width: number; personColumns: readonly number[]; rowHashColumns?: readonly number[] }): string[] {
  if (!options.rowHashColumns || options.personColumns.length > 0) return [];
  const fields = Array.from({ length: options.width }, (_, i) => `coalesce(${stagedColumn(i)}, '')`);
  return [`hash(${fields.join(', ')}) AS ${ROW_HASH}`];
}

/** DuckDB's strict reader of the whole file as text columns c0…cN, the file bound as $csw_file. */
function readCsvSql(width: number, delimiter: string): string {
  const columns = `{${Array.from({ length: width }, (_, i) => `'${stagedColumn(i)}': 'VARCHAR'`).join(', ')}}`;
  const delim = delimiter === "'" ? "''" : delimiter;
  return `read_csv($csw_file, header = false, skip = 1, auto_detect = false, delim = '${delim}', quote = '"', escape = '"',
                     columns = ${columns}, strict_mode = true, null_padding = false, encoding = 'utf-8', max_line_size = 4000000, buffer_size = 8388608)`;
}

/**
 * The staging view over the fast table: insertion order is the file's order, so the first row id is line 2 (after the
 * header). Row ids count from 0 in a committed table but from 2^55 in one created inside a transaction (a batch of
 * files), so lines are counted from the table's first id, read as text (it is past a double's exact integers).
 */
async function stageView(connection: DuckDBConnection, width: number, rowHash: boolean): Promise<number> {
  const names = Array.from({ length: width }, (_, i) => stagedColumn(i));
  const first = String((await connection.runAndReadAll(`SELECT coalesce(min(rowid), 0)::VARCHAR FROM ${FAST}`)).getRows()[0][0]);
  if (!/^[0-9]+$/.test(first)) throw new Error(`unexpected first row id ${first}`);
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${STAGE} AS
     SELECT rowid - ${first} + 2 AS line, ${width}::INTEGER AS n_fields, ${names.join(', ')}, NULL::VARCHAR AS overflow${rowHash ? `, ${ROW_HASH}` : ''} FROM ${FAST}`,
  );
  return toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${FAST}`)).getRows()[0][0]);
}

/**
 * A file with no person identifiers (police.uk) read by the workspace's own DuckDB into the fast table in one
 * statement: there is nothing the sealed reader would keep from the workspace's memory or spill folder, and the
 * hashed Parquet copy in between cost as much as the read (1.35 + 0.65 s per million police.uk rows, measured).
 */
async function stageDirectly(
  connection: DuckDBConnection,
  options: { file: string; filesDir: string; width: number; delimiter: string; personColumns: readonly number[]; usedColumns: readonly number[]; rowHashColumns?: readonly number[]; onInterrupt?: (interrupt: () => void) => void },
): Promise<number> {
  const { path: linked, remove } = linkIntoStaging(options.file, options.filesDir, '.csv');
  try {
    options.onInterrupt?.(() => connection.interrupt());
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${FAST} AS ${directReadSql(options)}`, { csw_file: linked });
    return await stageView(connection, options.width, rowHashOf(options).length > 0);
  } catch (error) {
    await discardFastStage(connection);
    throw error;
  } finally {
    remove();
  }
}

/**
 * DuckDB's read of a file with no person identifiers, bound as $csw_file, as the staged columns (empty fields as '',
 * columns the plan does not read as NULL) and, when asked for, the row hash.
 */
export function directReadSql(options: { width: number; delimiter: string; personColumns: readonly number[]; usedColumns: readonly number[]; rowHashColumns?: readonly number[] }): string {
  if (options.personColumns.length > 0) throw new Error('a file with person identifiers is read through the sealed reader');
  const rowHash = rowHashOf(options);
  const used = new Set(rowHash.length > 0 ? options.rowHashColumns : options.usedColumns);
  const select = Array.from({ length: options.width }, (_, i) => stagedColumn(i)).map((name, i) => (used.has(i) ? `coalesce(${name}, '') AS ${name}` : `NULL::VARCHAR AS ${name}`));
  return `SELECT ${[...select, ...rowHash].join(', ')} FROM ${readCsvSql(options.width, options.delimiter)}`;
}
