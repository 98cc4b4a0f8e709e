import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import type { Input } from '../../shared/api';
import { importOk, sql } from '../support/importHelpers';
import { districtLookup, lsoaLookup, policeUkMonths, iodPopulation } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/** The SQL editor runs with the header's area and period, as a saved analysis of the analyst's own will. */
describe('the SQL editor with the header’s parameters', () => {
  let engine: Engine;
  let cleanup: () => void;
  const run = async (text: string, params?: Input<'sql.run'>['params']) => {
    const ran = await engine.invoke('sql.run', { sql: text, operationId: randomUUID(), params });
    if (!ran.ok) return { error: ran.error.message };
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: ran.value.resultId }, startRow: 0, endRow: 100 });
    if (!page.ok) throw new Error(page.error.message);
    return { rows: page.value.rows };
  };
  beforeAll(async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    engine = await createEngine(path.join(dir.dir, 'ws.duckdb'));
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, districtLookup, 'geography');
    await importOk(engine, iodPopulation, 'population');
    await importOk(engine, policeUkMonths[0], 'police-uk');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('gives params the area and comparator by name and by code, and the period as set', async () => {
    const { rows } = await run('SELECT area, area_code, comparator, comparator_code, "from", "to" FROM params', { area: 'E07000194', from: '2018-10-01', to: '2018-10-31' });
    expect(rows).toEqual([{ area: 'Lichfield', area_code: 'E07000194', comparator: 'Staffordshire', comparator_code: 'E23000015', from: '2018-10-01', to: '2018-10-31' }]);
  });

  it('runs a natural query on the area code and finds the rows a saved analysis would', async () => {
    const [[expected]] = await sql(engine, `SELECT count(*) FROM crimes WHERE district_code = 'E07000194'`);
    expect(Number(expected)).toBeGreaterThan(0);
    const { rows } = await run('SELECT count(*) AS n FROM crimes, params WHERE crimes.district_code = params.area_code', { area: 'Lichfield' });
    expect(rows).toEqual([{ n: String(expected) }]);
    // The context tables a saved analysis reads are there too.
    const districts = await run('SELECT code FROM area_districts', { area: 'Lichfield' });
    expect(districts.rows).toEqual([{ code: 'E07000194' }]);
  });

  it('gives the district\'s code for a name its CSP shares, every time (any_value once gave the CSP\'s now and then)', async () => {
    for (let k = 0; k < 20; k++) expect((await run('SELECT area_code FROM params', { area: 'Lichfield' })).rows).toEqual([{ area_code: 'E07000194' }]);
  });

  it('fills an empty period with the latest 12 whole months, as the library does', async () => {
    const { rows } = await run('SELECT "from", "to" FROM params', { area: 'Lichfield' });
    expect(rows).toEqual([{ from: '2017-11-01', to: '2018-10-31' }]);
  });

  it('says clearly when the header names an area the workspace does not have', async () => {
    const { error } = await run('SELECT * FROM params', { area: 'Atlantis' });
    expect(error).toMatch(/^No district, CSP or force called "Atlantis" for the area/);
  });
});
