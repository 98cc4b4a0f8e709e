import type { DuckDBMaterializedResult, DuckDBResultReader } from '@duckdb/node-api';
import type { ColumnInfo, JsonValue } from '../../shared/api';

/**
 * Rows as JSON-safe objects: the node-api JSON converters turn BIGINT, HUGEINT and DECIMAL into strings and dates into
 * ISO text, so values arrive in the renderer exactly as DuckDB holds them.
 */
export function jsonRows(reader: DuckDBResultReader): Record<string, JsonValue>[] {
  return reader.getRowObjectsJson() as Record<string, JsonValue>[];
}

export function columnsOf(result: DuckDBResultReader | DuckDBMaterializedResult): ColumnInfo[] {
  const names = result.columnNames();
  const types = result.columnTypes();
  return names.map((name, i) => ({ name, type: types[i].toString() }));
}

/** COUNT(*) is a BIGINT; counts the app handles fit comfortably in a double. */
export function toCount(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}
