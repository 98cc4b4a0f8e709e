import type { DuckDBConnection } from '@duckdb/node-api';
import { toCount } from '../rows';

/** Whether the workspace has table `name` in `schema` (a dataset in main, or an import's own table in csw_meta). */
export async function hasTable(connection: DuckDBConnection, name: string, schema: 'main' | 'csw_meta' = 'main'): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ? AND table_name = ?`,
    [schema, name],
  );
  return toCount(reader.getRows()[0][0]) > 0;
}
