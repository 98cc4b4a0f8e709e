import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../errors';
import { quoteIdent } from '../../sqlText';
import { sha256File } from '../fileHash';
import { stagedColumn } from '../plan';
import type { Pseudonymiser } from '../pseudonymise';
import { STAGE } from '../stage';
import type { TabularSource } from './types';
import { linkIntoStaging } from './stagingLink';

/**
 * A Parquet file, read by DuckDB itself. DuckDB may only read the workspace's own folder (see lockdown.ts), so the file
 * is hard-linked there (copied when it is on another drive) for the import and removed afterwards.
 */
export async function parquetSource(file: string, filesDir: string, connection: DuckDBConnection): Promise<TabularSource> {
  const { path: staged, remove } = linkIntoStaging(file, filesDir, '.parquet');
  let header: string[];
  try {
    const columns = await connection.runAndReadAll('DESCRIBE SELECT * FROM read_parquet(?)', [staged]);
    header = columns.getRows().map(([name]) => String(name));
  } catch (error) {
    remove();
    throw new EngineError('invalid_input', `This Parquet file cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  const fields = header.map((h, i) => `CAST(${quoteIdent(h)} AS VARCHAR) AS ${stagedColumn(i)}`).join(', ');
  return {
    format: 'parquet',
    header,
    size: fs.statSync(file).size,
    encoding: 'parquet',
    delimiter: 'parquet',
    async sample(rows) {
      const reader = await connection.runAndReadAll(`SELECT ${fields} FROM read_parquet(?) LIMIT ${Math.max(1, Math.floor(rows))}`, [staged]);
      return reader.getRows().map((row) => row.map((v) => (v === null ? '' : String(v))));
    },
    async stage({ personColumns, pseudonymiser, progress }) {
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${STAGE} AS
         SELECT file_row_number + 1 AS line, ${header.length}::INTEGER AS n_fields, ${fields}, NULL::VARCHAR AS overflow
         FROM read_parquet(?, file_row_number = true) ORDER BY file_row_number`,
        [staged],
      );
      progress(0.9);
      for (const index of personColumns) await hashColumn(connection, stagedColumn(index), pseudonymiser);
      const count = await connection.runAndReadAll(`SELECT count(*) FROM ${STAGE}`);
      return { rowsRead: Number(count.getRows()[0][0]), sha256: await sha256File(file) };
    },
    close: remove,
  };
}

/** Replaces a staged column's raw identifiers with their keyed hashes, computed in Node from the distinct values. */
async function hashColumn(connection: DuckDBConnection, column: string, pseudonymiser: Pseudonymiser): Promise<void> {
  const distinct = await connection.runAndReadAll(`SELECT DISTINCT ${column} FROM ${STAGE} WHERE NULLIF(trim(${column}), '') IS NOT NULL`);
  await connection.run('CREATE OR REPLACE TEMP TABLE csw_person_hashes (raw VARCHAR, hashed VARCHAR)');
  const appender = await connection.createAppender('csw_person_hashes', 'main', 'temp');
  for (const [raw] of distinct.getRows()) {
    appender.appendVarchar(String(raw));
    appender.appendVarchar(pseudonymiser.hash(String(raw)));
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await connection.run(`UPDATE ${STAGE} SET ${column} = h.hashed FROM csw_person_hashes h WHERE ${STAGE}.${column} = h.raw`);
  await connection.run('DROP TABLE csw_person_hashes');
}
