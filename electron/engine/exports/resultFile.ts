import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JsonValue } from '../../../shared/api';
import { EngineError } from '../errors';
import { refuseWorkspaceFile } from '../ownFiles';
import type { ResultStore } from '../results';
import { toCount } from '../rows';
import type { Workspace } from '../workspace';
import { writeWhole } from '../writeWhole';
import { writeText, writeXlsx, type PageReader } from './resultText';

/**
 * A result with nothing to suppress (an analyst's own query or analysis declares no counts) written to a file: rows
 * streamed from DuckDB a chunk at a time, so a result of millions of rows is never held whole (an export through
 * exports.table keeps the first EXPORT_ROW_LIMIT rows); written beside the target and renamed into place, so a kill
 * or a full disk never leaves a truncated file where a complete one was.
 */
export async function writeResultFile(
  workspace: Workspace,
  results: ResultStore,
  resultId: string,
  format: 'csv' | 'json' | 'xlsx',
  target: string,
): Promise<{ file: string; rows: number }> {
  const columns = results.columns(resultId);
  if (!columns) throw new EngineError('not_found', `The result ${resultId} is no longer held: run the analysis or query again.`);
  const context = results.context(resultId);
  // The same rule as results.csv: an analysis's counts leave only suppressed, with their provenance (exports.table).
  if (context?.analysis?.columns.some((c) => c.format === 'count')) {
    throw new EngineError('invalid_input', 'An analysis result is exported with small-number suppression and its provenance: export it as a table (exports.table).');
  }
  const file = path.resolve(target);
  refuseWorkspaceFile(workspace.path, file, 'output');
  // The sheet is named after the analysis, as the command line always named it, or "Result" for a query.
  const sheet = context?.analysis?.id ?? 'Result';
  return workspace.withConnection(async (connection) => {
    const relation = results.relation(resultId);
    const rows = toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${relation}`)).getRows()[0][0]);
    await writeWhole(file, async (partial) => {
      const read = await streamedPages(connection, relation);
      if (format === 'xlsx') return writeXlsx(partial, sheet, columns, rows, read);
      const stream = fs.createWriteStream(partial);
      await writeText(columns, rows, read, format, stream);
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    });
    return { file, rows };
  });
}

/**
 * A page reader over one streaming query: pages are read in order, each filled from DuckDB's chunks as they arrive,
 * with values converted as grid.page converts them (BIGINT and DECIMAL as exact text, dates as ISO text).
 */
async function streamedPages(connection: DuckDBConnection, relation: string): Promise<PageReader> {
  const result = await connection.stream(`SELECT * FROM ${relation}`);
  const chunks = result.yieldRowObjectJson();
  let buffered: Record<string, JsonValue>[] = [];
  return async (start, end) => {
    while (buffered.length < end - start) {
      const next = await chunks.next();
      if (next.done) break;
      buffered = buffered.concat(next.value as Record<string, JsonValue>[]);
    }
    const page = buffered.slice(0, end - start);
    buffered = buffered.slice(end - start);
    return page;
  };
}
