import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pseudonymiser } from './pseudonymise';
import { stagedColumn } from './plan';

export const STAGE = 'csw_stage';
/** A 64-bit hash of every field of the row, where the source staged one (StageOptions.rowHashColumns). */
export const ROW_HASH = 'csw_row_hash';

export interface StagedRecord {
  /** Where the row is in the source: a line of a text file, a row of a sheet or a Parquet file. */
  line: number;
  fields: string[];
  /** Lines a record ran over when an unbalanced quote swallowed what follows it (csvParser.ts); staged as -n fields. */
  swallowed?: number;
}

export async function createStageTable(connection: DuckDBConnection, width: number): Promise<void> {
  const columns = Array.from({ length: width }, (_, i) => `${stagedColumn(i)} VARCHAR`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (line BIGINT, n_fields INTEGER, ${columns}, overflow VARCHAR)`);
}

/**
 * Copies records into a temporary all-text table (line, field count, c0…cN, overflow), so that checking and typing
 * run as SQL over the whole file. Person identifier columns are hashed on the way in; columns the plan does not read are
 * not kept.
 */
export async function stageRecords(
  connection: DuckDBConnection,
  width: number,
  records: AsyncIterable<StagedRecord>,
  personColumns: readonly number[],
  pseudonymiser: Pseudonymiser,
  onBatch: () => void,
  isCancelled: () => boolean,
  /** Columns the plan reads; the rest are staged as NULL (see StageOptions.usedColumns). All, if not given. */
  usedColumns?: readonly number[],
): Promise<number> {
  await createStageTable(connection, width);
  const appender = await connection.createAppender(STAGE, 'main', 'temp');
  const persons = new Set(personColumns);
  const used = new Set(usedColumns ?? Array.from({ length: width }, (_, i) => i));
  let rows = 0;
  for await (const record of records) {
    appender.appendBigInt(BigInt(record.line));
    appender.appendInteger(record.swallowed ? -record.swallowed : record.fields.length);
    for (let i = 0; i < width; i++) {
      const value = record.fields[i];
      if (value === undefined || !used.has(i)) appender.appendNull();
      else appender.appendVarchar(persons.has(i) && value.trim() !== '' ? pseudonymiser.hash(value) : value);
    }
    // Fields beyond the header's width are no column the plan reads: only their count is kept.
    appender.appendNull();
    appender.endRow();
    if (++rows % 50_000 === 0) {
      onBatch();
      if (isCancelled()) break;
      // Let progress events and a Cancel request through during long imports.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  appender.flushSync();
  appender.closeSync();
  onBatch();
  return rows;
}
