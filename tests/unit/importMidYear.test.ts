import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

const ages = Array.from({ length: 90 }, (_, i) => String(i)).concat('90+');
const row = (code: string, name: string, base: number) => [code, name, String(base * 91), ...ages.map(() => String(base))];

describe('ONS mid-year estimate tables', () => {
  const { dir, cleanup } = tempDir('csw-mye-');
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'mye.duckdb'));
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('needs no mapping: single years of age go long, with year and sex from the file name', async () => {
    const lines = [['Area Codes', 'Area Names', 'All Ages', ...ages], row('E05010658', 'Chasetown', 10), row('E07000194', 'Lichfield', 1000), row('E12000005', 'West Midlands', 50000)];
    const file = path.join(dir, 'SAPE21DT8a-mid-2018-ward-persons.csv');
    fs.writeFileSync(file, lines.map((l) => l.join(',')).join('\n'));
    const report = await importOk(engine, file, 'population');
    expect(report).toMatchObject({
      profile: 'ons-mid-year-estimates',
      rows_read: 3,
      rows_imported: 2,
      rows_quarantined: 1,
      warnings: ['The year 2018 was taken from the file name.', 'Sex "all" was taken from the file name.'],
      by_dataset: { population: 2 * 92 },
    });
    expect(report.issues[0]).toMatchObject({ line: 4, reason: 'area_type "E12000005" is not one of lsoa, ward, district, csp, force' });
    expect(await sql(engine, `SELECT area_type, sum(count) FILTER (WHERE age_band <> 'all'), sum(count) FILTER (WHERE age_band = 'all') FROM population GROUP BY 1 ORDER BY 1`)).toEqual([
      ['district', 91000, 91000],
      ['ward', 910, 910],
    ]);
    expect(await sql(engine, `SELECT count(*) FROM population WHERE year = 2018 AND sex = 'all' AND age_band = '90+'`)).toEqual([[2n]]);
  });

  it('reads a named sheet of a workbook past its title rows, with year and sex from the profile', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Contents').addRow(['Mid-2018 population estimates', '', '']);
    const females = workbook.addWorksheet('Mid-2018 Females');
    females.addRow(['Mid-2018 Population Estimates for Wards in England and Wales by Single Year of Age and Sex']);
    females.addRow(['Females']);
    females.addRow(['Ward Code 1', 'Ward Name 1', 'All Ages', ...ages]);
    females.addRow(row('E05010653', 'Boley Park', 20).map((v, i) => (i < 2 ? v : Number(v))));
    const file = path.join(dir, 'wards-sape.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await importOk(engine, file, 'population', { dataset: 'population', columns: {}, sheet: 'Mid-2018 Females', constants: { year: '2018', sex: 'female' } });
    expect(report).toMatchObject({ rows_read: 1, rows_imported: 1, warnings: [] });
    expect(report.issues).toEqual([]);
    expect(await sql(engine, `SELECT area_name, area_type, sex, count FROM population WHERE area_code = 'E05010653' AND age_band = 'all'`)).toEqual([['Boley Park', 'ward', 'female', 1820]]);
  });
});
