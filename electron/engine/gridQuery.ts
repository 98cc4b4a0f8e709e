import type { ColumnFilter, SimpleFilter, SortItem } from '../../shared/api';
import { EngineError } from './errors';
import { quoteIdent } from './sqlText';

/** Parameter values bound positionally (`?`) in the order the clauses appear. */
export type SqlParam = string | number;

export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}

/**
 * Turns AG Grid's sort and filter models into SQL for one source. Column names are checked against the source's known
 * columns and quoted; filter values are only ever bound as parameters. Pure, so it is tested without DuckDB.
 */
export function buildGridQuery(
  relation: string,
  knownColumns: readonly string[],
  sortModel: readonly SortItem[],
  filterModel: Readonly<Record<string, ColumnFilter>>,
  page: { startRow: number; endRow: number },
  /** Tables have a stable rowid; sorting on it last makes pages of tied rows never overlap or skip. */
  tieBreaker = 'rowid',
): { pageSql: SqlFragment; countSql: SqlFragment; orderSql: SqlFragment } {
  const column = (name: string) => {
    if (!knownColumns.includes(name)) throw new EngineError('invalid_input', `Unknown column "${name}" for sorting or filtering.`);
    return quoteIdent(name);
  };

  const where = whereClause(filterModel, column);
  const order = sortModel.map((s) => `${column(s.colId)} ${s.sort === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`);
  // Unsorted pages rely on DuckDB's insertion-order scans (preserve_insertion_order is on by default), which lets a
  // plain LIMIT/OFFSET stream instead of sorting the whole table.
  const orderBy = order.length > 0 ? ` ORDER BY ${[...order, tieBreaker].join(', ')}` : '';
  const whereSql = where.sql ? ` WHERE ${where.sql}` : '';
  return {
    pageSql: {
      sql: `SELECT * FROM ${relation}${whereSql}${orderBy} LIMIT ? OFFSET ?`,
      params: [...where.params, page.endRow - page.startRow, page.startRow],
    },
    countSql: { sql: `SELECT count(*) FROM ${relation}${whereSql}`, params: where.params },
    // The same rows' ids in the same order, for the order cache (see gridOrder.ts): sorted once, then paged by position.
    orderSql: { sql: `SELECT ${tieBreaker} AS rid FROM ${relation}${whereSql} ORDER BY ${[...order, tieBreaker].join(', ')}`, params: where.params },
  };
}

function whereClause(model: Readonly<Record<string, ColumnFilter>>, column: (name: string) => string): SqlFragment {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  for (const [colId, filter] of Object.entries(model)) {
    const col = column(colId);
    if ('conditions' in filter) {
      const conditions = filter.conditions.map((c) => condition(col, c));
      parts.push(`(${conditions.map((c) => c.sql).join(` ${filter.operator} `)})`);
      for (const c of conditions) params.push(...c.params);
    } else {
      const c = condition(col, filter);
      parts.push(c.sql);
      params.push(...c.params);
    }
  }
  return { sql: parts.join(' AND '), params };
}

function condition(col: string, filter: SimpleFilter): SqlFragment {
  if (filter.type === 'blank') return { sql: blank(col, filter.filterType), params: [] };
  if (filter.type === 'notBlank') return { sql: `NOT (${blank(col, filter.filterType)})`, params: [] };
  if (filter.filterType === 'text') {
    // Case-insensitive like AG Grid's own text filter; string functions rather than LIKE so % and _ are literal.
    const text = `lower(CAST(${col} AS VARCHAR))`;
    const value = filter.filter ?? '';
    const sql = {
      contains: `contains(${text}, lower(?))`,
      notContains: `NOT coalesce(contains(${text}, lower(?)), false)`,
      equals: `${text} = lower(?)`,
      notEqual: `${text} IS DISTINCT FROM lower(?)`,
      startsWith: `starts_with(${text}, lower(?))`,
      endsWith: `suffix(${text}, lower(?))`,
    }[filter.type];
    return { sql, params: [value] };
  }
  if (filter.filterType === 'date') {
    // A calendar-date comparison whatever the column holds (DATE or TIMESTAMP): 01/04/2018 finds the whole day.
    const day = `CAST(${col} AS DATE)`;
    const from = requireDate(filter.dateFrom);
    if (filter.type === 'inRange') return { sql: `${day} BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`, params: [from, requireDate(filter.dateTo)] };
    const op = { equals: '=', notEqual: '<>', lessThan: '<', greaterThan: '>' }[filter.type];
    return { sql: `${day} ${op} CAST(? AS DATE)`, params: [from] };
  }
  const value = requireNumber(filter.filter);
  if (filter.type === 'inRange') return { sql: `${col} BETWEEN ? AND ?`, params: [value, requireNumber(filter.filterTo)] };
  const op = { equals: '=', notEqual: '<>', lessThan: '<', lessThanOrEqual: '<=', greaterThan: '>', greaterThanOrEqual: '>=' }[filter.type];
  return { sql: `${col} ${op} ?`, params: [value] };
}

function blank(col: string, filterType: SimpleFilter['filterType']): string {
  return filterType === 'text' ? `(${col} IS NULL OR CAST(${col} AS VARCHAR) = '')` : `${col} IS NULL`;
}

function requireDate(value: string | null | undefined): string {
  if (!value) throw new EngineError('invalid_input', 'A date filter needs a date.');
  return value.slice(0, 10);
}

function requireNumber(value: number | null | undefined): number {
  if (value === null || value === undefined) throw new EngineError('invalid_input', 'A number filter needs a value.');
  return value;
}
