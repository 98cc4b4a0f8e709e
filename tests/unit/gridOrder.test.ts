import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/api';
import type { Engine } from '../../electron/engine';
import { ORDER_CACHE_MIN_ROWS } from '../../electron/engine/gridOrder';
import { importOk, sql } from '../support/importHelpers';
import { policeUkMonths } from '../support/sharedData';
import path from 'node:path';
import { createEngine } from '../../electron/engine';
import { engineWith, tempDir } from '../support/tempWorkspace';

const ROWS = ORDER_CACHE_MIN_ROWS * 3;

/** Big sorted or filtered tables page through a cached order of row ids: the pages must be exactly DuckDB's own. */
describe('grid paging through the order cache', () => {
  let engine: Engine;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ engine, cleanup } = await engineWith(ROWS));
  });
  afterAll(() => cleanup());

  const page = async (input: Partial<Input<'grid.page'>>) => {
    const result = await engine.invoke('grid.page', { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, ...input });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const direct = async (orderAndWhere: string, start: number, end: number) =>
    (await sql(engine, `SELECT id FROM crimes ${orderAndWhere} LIMIT ${end - start} OFFSET ${start}`)).map(([id]) => String(id));

  it.each([0, 100, ROWS / 2, ROWS - 100])('gives the same page at %i as a sorted LIMIT/OFFSET, ties broken by insertion order', async (start) => {
    const sortModel = [{ colId: 'score', sort: 'desc' as const }, { colId: 'offence_group', sort: 'asc' as const }];
    const got = await page({ startRow: start, endRow: start + 100, sortModel });
    expect(got.rowCount).toBe(ROWS);
    expect(got.rows.map((r) => r.id)).toEqual(await direct('ORDER BY score DESC NULLS LAST, offence_group ASC NULLS LAST, rowid', start, start + 100));
  });

  it('pages a filter in insertion order with the filtered count, and the last page is short', async () => {
    const filterModel = { offence_group: { filterType: 'text' as const, type: 'equals' as const, filter: 'Burglary' } };
    const first = await page({ filterModel });
    const count = Number((await sql(engine, `SELECT count(*) FROM crimes WHERE offence_group = 'Burglary'`))[0][0]);
    expect(first.rowCount).toBe(count);
    expect(first.rows.map((r) => r.id)).toEqual(await direct(`WHERE offence_group = 'Burglary' ORDER BY rowid`, 0, 100));
    const last = await page({ filterModel, startRow: count - 30, endRow: count + 70 });
    expect(last.rows).toHaveLength(30);
  });

  it('forgets cached orders when an import changes the data', async () => {
    const { dir, cleanup: done } = tempDir('csw-order-');
    const fresh = await createEngine(path.join(dir, 'orders.duckdb'));
    try {
      for (const month of policeUkMonths.slice(0, 3)) await importOk(fresh, month, 'police-uk');
      const sorted = async () => {
        const result = await fresh.invoke('grid.page', { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, sortModel: [{ colId: 'recorded_date', sort: 'desc' }] });
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const before = await sorted();
      expect(before.rowCount).toBeGreaterThanOrEqual(ORDER_CACHE_MIN_ROWS);
      expect(before.rows[0].recorded_date).toBe('2018-12-01');
      await importOk(fresh, policeUkMonths[3], 'police-uk');
      const after = await sorted();
      expect(after.rowCount).toBeGreaterThan(before.rowCount);
      expect(after.rows[0].recorded_date).toBe('2019-01-01');
    } finally {
      fresh.close();
      done();
    }
  });
});
