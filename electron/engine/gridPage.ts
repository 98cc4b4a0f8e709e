import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, GridSource, Output, ParsedInput } from '../../shared/api';
import type { CountCache } from './countCache';
import { tableColumns } from './datasets';
import { EngineError } from './errors';
import { ORDER_CACHE_MIN_ROWS, type OrderCache } from './gridOrder';
import { buildGridQuery } from './gridQuery';
import type { ResultStore } from './results';
import { jsonRows, toCount } from './rows';
import { quoteIdent } from './sqlText';
import type { Workspace } from './workspace';

interface Resolved {
  relation: string;
  columns: ColumnInfo[];
}

/** Maps a grid source to a relation the engine may read, or refuses it: names are never taken on trust. */
async function resolveSource(connection: DuckDBConnection, results: ResultStore, source: GridSource): Promise<Resolved> {
  if (source.kind === 'result') {
    const columns = results.columns(source.id);
    if (!columns) throw new EngineError('not_found', `Result ${source.id} is no longer available; run the query again.`);
    return { relation: results.relation(source.id), columns };
  }
  const database = String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0][0]);
  const columns = await tableColumns(connection, database, source.name);
  if (!columns) throw new EngineError('not_found', `There is no dataset called "${source.name}" in this workspace.`);
  return { relation: `main.${quoteIdent(source.name)}`, columns };
}

/** One block of rows for the grid, sorted and filtered in DuckDB, with the filtered row count. */
export function gridPage(
  workspace: Workspace,
  results: ResultStore,
  counts: CountCache,
  orders: OrderCache,
  input: ParsedInput<'grid.page'>,
): Promise<Output<'grid.page'>> {
  return workspace.withConnection(async (connection) => {
    const { relation, columns } = await resolveSource(connection, results, input.source);
    const { pageSql, countSql, orderSql } = buildGridQuery(
      relation,
      columns.map((c) => c.name),
      input.sortModel,
      input.filterModel,
      input,
    );
    const rowCount = await counts.get(JSON.stringify([input.source, input.filterModel]), async () =>
      toCount((await connection.runAndReadAll(countSql.sql, countSql.params)).getRows()[0][0]),
    );
    // Big tables, sorted or filtered: page through a cached order instead of sorting and skipping for every block.
    const reordered = input.sortModel.length > 0 || Object.keys(input.filterModel).length > 0;
    if (reordered && rowCount >= ORDER_CACHE_MIN_ROWS) {
      const table = await orders.order(connection, JSON.stringify([input.source, input.sortModel, input.filterModel]), orderSql);
      return { rows: await orders.page(connection, relation, table, input.startRow, input.endRow), rowCount };
    }
    const page = await connection.runAndReadAll(pageSql.sql, pageSql.params);
    return { rows: jsonRows(page), rowCount };
  });
}
