import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../errors';
import { quoteIdent } from '../../sqlText';
import { sha256File } from '../fileHash';
import { stagedColumn } from '../plan';
import { STAGE } from '../stage';
import type { TabularSource } from './types';
import { hashedCopy, memoryLimitOf, withSealedReader } from './sealedReader';
import { linkIntoStaging } from './stagingLink';

/**
 * A Parquet file, read by DuckDB itself. DuckDB may only read the workspace's own folder (see lockdown.ts), so the file
 * is hard-linked there (copied when it is on another drive) for the import and removed afterwards. Its raw rows are only
 * ever read in a sealed, in-memory DuckDB instance that cannot spill (sealedReader.ts): the preview's sample there, and
 * for the import a hashed copy that the workspace then stages.
 */
export async function parquetSource(file: string, filesDir: string, connection: DuckDBConnection): Promise<TabularSource> {
  const { path: staged, remove } = linkIntoStaging(file, filesDir, '.parquet');
  const stagingDir = path.dirname(staged);
  const memoryLimit = await memoryLimitOf(connection);
  let header: string[];
  try {
    header = await withSealedReader(stagingDir, memoryLimit, async (sealed) =>
      (await sealed.runAndReadAll('DESCRIBE SELECT * FROM read_parquet(?)', [staged])).getRows().map(([name]) => String(name)),
    );
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
      return withSealedReader(stagingDir, memoryLimit, async (sealed) => {
        const reader = await sealed.runAndReadAll(`SELECT ${fields} FROM read_parquet(?) LIMIT ${Math.max(1, Math.floor(rows))}`, [staged]);
        return reader.getRows().map((row) => row.map((v) => (v === null ? '' : String(v))));
      });
    },
    async stage({ personColumns, usedColumns, pseudonymiser, progress }) {
      const persons = new Set(personColumns);
      const used = new Set(usedColumns);
      let params: Record<string, string> = {};
      const hashedFields = header.map((h, i) => {
        const text = `CAST(${quoteIdent(h)} AS VARCHAR)`;
        if (!used.has(i)) return `NULL::VARCHAR AS ${stagedColumn(i)}`; // not read, so never held
        if (!persons.has(i)) return `${text} AS ${stagedColumn(i)}`;
        // NULL stays NULL: every part of the hash expression is NULL for it.
        const hashed = pseudonymiser.sqlHash(text);
        params = { ...params, ...hashed.params };
        return `${hashed.sql} AS ${stagedColumn(i)}`;
      });
      // No ORDER BY: the scan keeps the file's order, and each row carries its line.
      const copy = hashedCopy({
        stagingDir,
        memoryLimit,
        select: `SELECT file_row_number + 1 AS line, ${hashedFields.join(', ')} FROM read_parquet($csw_file, file_row_number = true)`,
        params: { ...params, csw_file: staged },
      });
      let hashed: string;
      try {
        hashed = await copy.done;
      } catch (error) {
        throw new EngineError('invalid_input', `This Parquet file cannot be read: ${(error as Error).message.split('\n')[0]}`);
      }
      try {
        await connection.run(
          `CREATE OR REPLACE TEMP TABLE ${STAGE} AS
           SELECT line, ${header.length}::INTEGER AS n_fields, ${header.map((_, i) => stagedColumn(i)).join(', ')}, NULL::VARCHAR AS overflow FROM read_parquet(?)`,
          [hashed],
        );
      } finally {
        fs.rmSync(hashed, { force: true });
      }
      progress(0.9);
      const count = await connection.runAndReadAll(`SELECT count(*) FROM ${STAGE}`);
      return { rowsRead: Number(count.getRows()[0][0]), sha256: await sha256File(file) };
    },
    close: remove,
  };
}
