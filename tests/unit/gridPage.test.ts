import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnFilter, Input } from '../../shared/api';
import type { Engine } from '../../electron/engine';
import { engineWith } from '../support/tempWorkspace';

const ROWS = 5000;

describe('grid.page against DuckDB', () => {
  let engine: Engine;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ engine, cleanup } = await engineWith(ROWS));
  });
  afterAll(() => cleanup());

  async function page(input: Partial<Input<'grid.page'>>) {
    const result = await engine.invoke('grid.page', { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, ...input });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('returns the first and last pages with the total row count', async () => {
    const first = await page({});
    expect(first.rowCount).toBe(ROWS);
    expect(first.rows[0]).toEqual({ id: '0', ward_code: 'E05010600', offence_group: 'Violence against the person', recorded_date: '2018-04-01', score: 0 });
    const last = await page({ startRow: ROWS - 100, endRow: ROWS });
    expect(last.rows.at(-1)?.id).toBe(String(ROWS - 1));
  });

  it('filters a date column by calendar day, before, after and between, as the grid date filter sends them', async () => {
    // recorded_date is 2018-04-01 + (id % 365): each day holds 5000 / 365 rows, rounded by position.
    const expected = (test: (day: number) => boolean) => Array.from({ length: ROWS }, (_, i) => i % 365).filter(test).length;
    const count = async (filter: ColumnFilter) => (await page({ filterModel: { recorded_date: filter } })).rowCount;
    expect(await count({ filterType: 'date', type: 'equals', dateFrom: '2018-04-01 00:00:00' })).toBe(expected((d) => d === 0));
    expect(await count({ filterType: 'date', type: 'lessThan', dateFrom: '2018-04-03 00:00:00' })).toBe(expected((d) => d < 2));
    expect(await count({ filterType: 'date', type: 'greaterThan', dateFrom: '2019-03-30' })).toBe(expected((d) => d > 363));
    expect(await count({ filterType: 'date', type: 'inRange', dateFrom: '2018-04-02', dateTo: '2018-04-04' })).toBe(expected((d) => d >= 1 && d <= 3));
    const missing = await engine.invoke('grid.page', { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 10, filterModel: { recorded_date: { filterType: 'date', type: 'equals' } } });
    expect(missing.ok || missing.error.message).toBe('A date filter needs a date.');
  });

  it('walks a sort on a tied column page by page with no row missed or repeated', async () => {
    const seen: string[] = [];
    let previous = Infinity;
    for (let start = 0; start < ROWS; start += 700) {
      const { rows } = await page({ startRow: start, endRow: start + 700, sortModel: [{ colId: 'score', sort: 'desc' }] });
      for (const row of rows) {
        expect(row.score as number).toBeLessThanOrEqual(previous);
        previous = row.score as number;
        seen.push(row.id as string);
      }
    }
    expect(new Set(seen).size).toBe(ROWS);
  });

  it('filters in SQL and counts the filtered rows', async () => {
    const burglary = await page({ filterModel: { offence_group: { filterType: 'text', type: 'equals', filter: 'BURGLARY' } } });
    expect(burglary.rowCount).toBe(Math.floor(ROWS / 3));
    expect(new Set(burglary.rows.map((r) => r.offence_group))).toEqual(new Set(['Burglary']));
    const range = await page({ filterModel: { score: { filterType: 'number', type: 'inRange', filter: 10, filterTo: 20 } } });
    expect(range.rows.every((r) => (r.score as number) >= 10 && (r.score as number) <= 20)).toBe(true);
    const literal = await page({ filterModel: { ward_code: { filterType: 'text', type: 'contains', filter: '%' } } });
    expect(literal.rowCount).toBe(0);
  });

  it('says clearly when a dataset or result does not exist', async () => {
    const missing = await engine.invoke('grid.page', { source: { kind: 'dataset', name: 'nope' }, startRow: 0, endRow: 10 });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no dataset called "nope" in this workspace.' } });
    const result = await engine.invoke('grid.page', { source: { kind: 'result', id: 'r_999' }, startRow: 0, endRow: 10 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lists datasets with row counts and column types', async () => {
    const list = await engine.invoke('datasets.list', {});
    expect(list).toEqual({
      ok: true,
      value: {
        datasets: [
          {
            name: 'crimes',
            rowCount: ROWS,
            columns: [
              { name: 'id', type: 'BIGINT' },
              { name: 'ward_code', type: 'VARCHAR' },
              { name: 'offence_group', type: 'VARCHAR' },
              { name: 'recorded_date', type: 'DATE' },
              { name: 'score', type: 'DOUBLE' },
            ],
          },
        ],
      },
    });
  });
});
