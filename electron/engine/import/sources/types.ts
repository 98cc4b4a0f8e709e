import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pseudonymiser } from '../pseudonymise';

export interface StageOptions {
  connection: DuckDBConnection;
  /** Staged column indexes holding person identifiers: hashed before they reach the workspace. */
  personColumns: readonly number[];
  /**
   * Staged column indexes the plan reads (quarantineRaw.ts mappedColumns); the others are staged as NULL, so an
   * unmapped column (an "Offender URN" nobody mapped, never hashed) is never held anywhere, not even in a temp table.
   */
  usedColumns: readonly number[];
  pseudonymiser: Pseudonymiser;
  /**
   * When given, a source that can also give a 64-bit hash of every field of each row as it reads (csw_row_hash: the
   * CSV fast path, for a file with no person identifiers) stages only these of the used columns, and that hash: what
   * police.uk reads one by one, and what its identical rows are counted by (forceMonths.ts identicalRows). Other
   * sources stage every used column, as without it.
   */
  rowHashColumns?: readonly number[];
  /**
   * The file's published format carries no person identifiers at all (police.uk street files): DuckDB may read it in
   * the workspace itself, with no sealed reader and no hashed copy between (sources/csvFastStage.ts).
   */
  noIdentifiers?: boolean;
  progress(fraction: number): void;
  cancelled(): boolean;
}

/** A file the importer can read: its header, and a way to copy its rows into the all-text staging table. */
export interface TabularSource {
  format: 'csv' | 'xlsx' | 'parquet';
  header: string[];
  size: number;
  /** For the report: the text encoding and delimiter, or the format where those do not apply. */
  encoding: string;
  delimiter: string;
  /** The first rows as text, for previews. */
  sample(rows: number): Promise<string[][]>;
  stage(options: StageOptions): Promise<{ rowsRead: number; sha256: string }>;
  close(): void;
}
