import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../errors';
import { quoteIdent } from '../../sqlText';
import { sha256File } from '../fileHash';
import { stagedColumn } from '../plan';
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
      // ── TRUST BOUNDARY ── Person identifiers are hashed inside the statement that reads the file, as the CSV fast
      // path does (csvFastStage.ts): no raw identifier is ever materialised in a temporary table, so none can spill
      // to the workspace's temp folder under memory pressure.
      const persons = new Set(personColumns);
      let params: Record<string, string> = {};
      const hashedFields = header.map((h, i) => {
        const text = `CAST(${quoteIdent(h)} AS VARCHAR)`;
        if (!persons.has(i)) return `${text} AS ${stagedColumn(i)}`;
        // NULL stays NULL: every part of the hash expression is NULL for it.
        const hashed = pseudonymiser.sqlHash(text);
        params = { ...params, ...hashed.params };
        return `${hashed.sql} AS ${stagedColumn(i)}`;
      });
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${STAGE} AS
         SELECT file_row_number + 1 AS line, ${header.length}::INTEGER AS n_fields, ${hashedFields.join(', ')}, NULL::VARCHAR AS overflow
         FROM read_parquet($csw_file, file_row_number = true) ORDER BY file_row_number`,
        { ...params, csw_file: staged },
      );
      progress(0.9);
      const count = await connection.runAndReadAll(`SELECT count(*) FROM ${STAGE}`);
      return { rowsRead: Number(count.getRows()[0][0]), sha256: await sha256File(file) };
    },
    close: remove,
  };
}
