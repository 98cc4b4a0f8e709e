import { describe, expect, it } from 'vitest';
import { buildGridQuery } from '../../electron/engine/gridQuery';

const columns = ['id', 'ward_code', 'score', 'odd "name"'];
const page = { startRow: 200, endRow: 300 };

describe('buildGridQuery', () => {
  it('pages in insertion order when unsorted, binding limit and offset', () => {
    const { pageSql, countSql } = buildGridQuery('main."crimes"', columns, [], {}, page);
    expect(pageSql).toEqual({ sql: 'SELECT * FROM main."crimes" LIMIT ? OFFSET ?', params: [100, 200] });
    expect(countSql).toEqual({ sql: 'SELECT count(*) FROM main."crimes"', params: [] });
  });

  it('sorts with nulls last and a rowid tie-breaker so pages never overlap', () => {
    const { pageSql } = buildGridQuery('t', columns, [{ colId: 'score', sort: 'desc' }, { colId: 'id', sort: 'asc' }], {}, page);
    expect(pageSql.sql).toBe('SELECT * FROM t ORDER BY "score" DESC NULLS LAST, "id" ASC NULLS LAST, rowid LIMIT ? OFFSET ?');
  });

  it('binds every filter value and quotes column names', () => {
    const { pageSql, countSql } = buildGridQuery(
      't',
      columns,
      [],
      {
        ward_code: { filterType: 'text', type: 'contains', filter: "'; DROP TABLE t; --" },
        score: { filterType: 'number', operator: 'OR', conditions: [
          { filterType: 'number', type: 'lessThan', filter: 5 },
          { filterType: 'number', type: 'inRange', filter: 10, filterTo: 20 },
        ] },
        'odd "name"': { filterType: 'text', type: 'blank' },
      },
      page,
    );
    expect(countSql.sql).toBe(
      'SELECT count(*) FROM t WHERE contains(lower(CAST("ward_code" AS VARCHAR)), lower(?)) AND ("score" < ? OR "score" BETWEEN ? AND ?)' +
        ` AND ("odd ""name""" IS NULL OR CAST("odd ""name""" AS VARCHAR) = '')`,
    );
    expect(countSql.params).toEqual(["'; DROP TABLE t; --", 5, 10, 20]);
    expect(pageSql.params).toEqual(["'; DROP TABLE t; --", 5, 10, 20, 100, 200]);
  });

  it.each([
    ['sort', [{ colId: 'id; DROP TABLE t', sort: 'asc' as const }], {}],
    ['filter', [], { 'nope': { filterType: 'text' as const, type: 'equals' as const, filter: 'x' } }],
  ])('refuses a %s column the source does not have', (_kind, sortModel, filterModel) => {
    expect(() => buildGridQuery('t', columns, sortModel, filterModel, page)).toThrow(/Unknown column/);
  });

  it('refuses a number filter without a value', () => {
    expect(() => buildGridQuery('t', columns, [], { score: { filterType: 'number', type: 'equals' } }, page)).toThrow(/needs a value/);
  });
});
