import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../../shared/api';
import { toCount } from './rows';
import { quoteIdent } from './sqlText';

export interface DatasetSummary {
  name: string;
  rowCount: number;
  columns: ColumnInfo[];
}

/** The workspace's datasets: base tables in the main schema of the workspace file (app metadata lives elsewhere). */
export async function listDatasets(connection: DuckDBConnection): Promise<DatasetSummary[]> {
  const tables = await connection.runAndReadAll(
    `SELECT table_name, estimated_size FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
     ORDER BY table_name`,
  );
  const columns = await connection.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main'
     ORDER BY table_name, column_index`,
  );
  const byTable = new Map<string, ColumnInfo[]>();
  for (const [table, name, type] of columns.getRows()) {
    const list = byTable.get(String(table)) ?? [];
    list.push({ name: String(name), type: String(type) });
    byTable.set(String(table), list);
  }
  const summaries: DatasetSummary[] = [];
  for (const [name] of tables.getRows()) {
    // estimated_size is exact for tables that have only been appended to, but a count is cheap and always right.
    const count = await connection.runAndReadAll(`SELECT count(*) FROM main.${quoteIdent(String(name))}`);
    summaries.push({ name: String(name), rowCount: toCount(count.getRows()[0][0]), columns: byTable.get(String(name)) ?? [] });
  }
  return summaries;
}

/** Column names and types of one table, or undefined when it does not exist. */
export async function tableColumns(
  connection: DuckDBConnection,
  database: string,
  table: string,
): Promise<ColumnInfo[] | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = $database AND schema_name = 'main' AND table_name = $table ORDER BY column_index`,
    { database, table },
  );
  const rows = reader.getRows();
  return rows.length === 0 ? undefined : rows.map(([name, type]) => ({ name: String(name), type: String(type) }));
}

