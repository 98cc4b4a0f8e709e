import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvSource } from './csvRecords';
import type { Pseudonymiser } from './pseudonymise';
import { stagedColumn } from './plan';

export const STAGE = 'csw_stage';

export interface StageResult {
  rowsRead: number;
}

/**
 * Copies every record into a temporary all-text table (line, field count, c0…cN, overflow), so that checking and
 * typing run as SQL over the whole file. Person identifier columns are hashed on the way in.
 */
export async function stageRecords(
  connection: DuckDBConnection,
  source: CsvSource,
  personColumns: readonly number[],
  pseudonymiser: Pseudonymiser,
  onProgress: (bytes: number) => void,
  isCancelled: () => boolean,
): Promise<StageResult> {
  const width = source.header.length;
  const columns = Array.from({ length: width }, (_, i) => `${stagedColumn(i)} VARCHAR`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (line BIGINT, n_fields INTEGER, ${columns}, overflow VARCHAR)`);
  const appender = await connection.createAppender(STAGE, 'main', 'temp');
  const persons = new Set(personColumns);
  let rows = 0;
  for await (const record of source.records()) {
    appender.appendBigInt(BigInt(record.line));
    appender.appendInteger(record.fields.length);
    for (let i = 0; i < width; i++) {
      const value = record.fields[i];
      if (value === undefined) appender.appendNull();
      else appender.appendVarchar(persons.has(i) && value.trim() !== '' ? pseudonymiser.hash(value) : value);
    }
    if (record.fields.length > width) appender.appendVarchar(JSON.stringify(record.fields.slice(width)));
    else appender.appendNull();
    appender.endRow();
    if (++rows % 50_000 === 0) {
      onProgress(source.bytesRead());
      if (isCancelled()) break;
      // Let progress events and a Cancel request through during long imports.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  appender.flushSync();
  appender.closeSync();
  onProgress(source.bytesRead());
  return { rowsRead: rows };
}
