import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { JsonValue } from '../../shared/api';
import type { SqlFragment } from './gridQuery';
import { jsonRows } from './rows';
import { RESULTS_DB } from './workspace';

/** Below this many rows a sorted LIMIT/OFFSET is already quick, and not worth an order table. */
export const ORDER_CACHE_MIN_ROWS = 20_000;
const KEEP = 4;

/**
 * Sorted (or filtered) pages of a big table without re-sorting it for every block. A sort is run once into a small
 * table of row ids in order (8 bytes a row, in the in-memory results catalogue); a page is then the ids at its
 * positions, and the rows fetched by id. On ten million rows a middle page drops from seconds (a sort, then skipping
 * five million rows) to tens of milliseconds. Datasets change only by import, which clears the cache.
 */
export class OrderCache {
  private next = 1;
  private readonly tables = new Map<string, Promise<string>>();

  /** The ordered ids for this source, sort and filter: built on first use, shared by concurrent requests. */
  order(connection: DuckDBConnection, key: string, orderSql: SqlFragment): Promise<string> {
    let entry = this.tables.get(key);
    if (!entry) {
      const table = `${RESULTS_DB}.main.order_${this.next++}`;
      entry = connection.run(`CREATE TABLE ${table} AS ${orderSql.sql}`, orderSql.params).then(() => table);
      // A failed build is forgotten, so the next request tries again rather than repeating the error.
      entry.catch(() => this.tables.delete(key));
      this.tables.set(key, entry);
      void this.evict(connection);
    }
    return entry;
  }

  /** Rows startRow…endRow−1 in the cached order: ids by position, then the rows by id, put back in order. */
  async page(connection: DuckDBConnection, relation: string, table: string, startRow: number, endRow: number): Promise<Record<string, JsonValue>[]> {
    const ids = (await connection.runAndReadAll(`SELECT rid FROM ${table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`, [startRow, endRow - 1])).getRows().map(([rid]) => rid as bigint);
    if (ids.length === 0) return [];
    const fetched = jsonRows(await connection.runAndReadAll(`SELECT rowid AS csw_rid, * FROM ${relation} WHERE rowid IN (SELECT unnest($ids::BIGINT[]))`, { ids: listValue(ids) }));
    const byId = new Map(fetched.map(({ csw_rid, ...row }) => [String(csw_rid), row]));
    return ids.map((id) => byId.get(String(id))).filter((row): row is Record<string, JsonValue> => row !== undefined);
  }

  private async evict(connection: DuckDBConnection): Promise<void> {
    while (this.tables.size > KEEP) {
      const [oldestKey, oldest] = this.tables.entries().next().value as [string, Promise<string>];
      this.tables.delete(oldestKey);
      await this.drop(connection, oldest);
    }
  }

  /** Datasets changed (an import): every cached order may be stale. */
  async clear(connection: DuckDBConnection): Promise<void> {
    const entries = [...this.tables.values()];
    this.tables.clear();
    for (const entry of entries) await this.drop(connection, entry);
  }

  private async drop(connection: DuckDBConnection, entry: Promise<string>): Promise<void> {
    const table = await entry.catch(() => '');
    if (table) await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
