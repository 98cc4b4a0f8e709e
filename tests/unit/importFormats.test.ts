import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { lsoaLookup } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

const mapping = {
  dataset: 'crimes' as const,
  columns: { crime_ref: 'Crime No', recorded_date: 'Recorded', offence_group: 'Group', lsoa_code: 'LSOA', victim_id: 'Victim', domestic: 'DA' },
};

describe('importing workbooks and Parquet files', () => {
  const { dir, cleanup } = tempDir('csw-formats-');
  let engine: Engine;
  const ws = path.join(dir, 'formats.duckdb');
  beforeAll(async () => {
    engine = await createEngine(ws);
    await importOk(engine, lsoaLookup, 'geography');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('reads the first sheet of an .xlsx workbook: date cells, Excel serial dates, numbers and formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Extract');
    sheet.addRow(['Crime No', 'Recorded', 'Group', 'LSOA', 'Victim', 'DA']);
    sheet.addRow(['X-1', new Date(Date.UTC(2019, 0, 3)), 'Burglary', 'E01029477', 'XLSX-VICTIM-1', 'Y']);
    sheet.addRow(['X-2', 43469, 'Theft', 'E01029478', 'XLSX-VICTIM-2', 'N']); // 43469 = 4 January 2019
    sheet.addRow(['X-3', '05/01/2019', 'Robbery', 'E01029479', 'XLSX-VICTIM-1', 'N']);
    sheet.addRow([]);
    sheet.addRow(['X-4', new Date(Date.UTC(2019, 0, 6)), { formula: '"Drug"&" Offences"', result: 'Drug Offences' }, 'E01029480', '', 'N']);
    sheet.getColumn(2).numFmt = 'dd/mm/yyyy';
    workbook.addWorksheet('Notes').addRow(['ignored']);
    const file = path.join(dir, 'extract.xlsx');
    await workbook.xlsx.writeFile(file);

    const report = await importOk(engine, file, 'crimes', { ...mapping, date_format: '%d/%m/%Y' });
    expect(report).toMatchObject({ rows_read: 4, rows_imported: 4, rows_quarantined: 0, encoding: 'xlsx' });
    expect(await sql(engine, `SELECT crime_ref, strftime(recorded_date, '%Y-%m-%d'), offence_group, ward_name, domestic FROM crimes WHERE crime_ref LIKE 'X-%' ORDER BY 1`)).toEqual([
      ['X-1', '2019-01-03', 'Burglary', 'Alrewas & Fradley', true],
      ['X-2', '2019-01-04', 'Theft', 'Alrewas & Fradley', false],
      ['X-3', '2019-01-05', 'Robbery', 'Alrewas & Fradley', false],
      ['X-4', '2019-01-06', 'Drug Offences', 'Armitage with Handsacre', false],
    ]);
  });

  it('reads a Parquet file, numbering rows from 1 and pseudonymising person IDs', async () => {
    const file = path.join(dir, 'extract.parquet');
    // Written by a separate, unrestricted DuckDB: the test's own tool, not the app's sealed workspace.
    const writer = await (await DuckDBInstance.create(':memory:')).connect();
    await writer.run(`COPY (SELECT * FROM (VALUES
        ('P-1', DATE '2019-02-01', 'Theft', 'E01029477', 'PARQUET-VICTIM-1', 'Y'),
        ('P-2', DATE '2019-02-02', 'Not a group', 'E01029478', 'PARQUET-VICTIM-2', 'N'),
        ('P-3', DATE '2019-02-03', 'Burglary', 'E09999999', 'PARQUET-VICTIM-1', 'N'))
      t("Crime No", "Recorded", "Group", "LSOA", "Victim", "DA")) TO '${file}' (FORMAT parquet)`);
    writer.closeSync();
    const report = await importOk(engine, file, 'crimes', mapping);
    expect(report).toMatchObject({
      rows_read: 3,
      rows_imported: 2,
      rows_quarantined: 1,
      encoding: 'parquet',
      issues: [{ line: 2, column: 'Group', reason: 'offence_group "Not a group" is not a known offence group' }],
      unplaced: { no_location: 0, outside_lookup: 1 },
      unknown_areas: [{ kind: 'lsoa_code', value: 'E09999999', rows: 1, suggestions: [] }],
    });
    const victims = await sql(engine, `SELECT victim_id FROM crimes WHERE crime_ref LIKE 'P-%' ORDER BY crime_ref`);
    expect(victims[0][0]).toMatch(/^[0-9a-f]{24}$/);
    expect(victims[0][0]).toBe(victims[1][0]);
    expect(fs.readdirSync(path.join(engine.workspace.filesDir, 'staging'))).toEqual([]);
  });

  it('keeps raw person identifiers out of the workspace file, whatever the format', async () => {
    await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
    const bytes = fs.readFileSync(ws);
    for (const raw of ['XLSX-VICTIM-1', 'XLSX-VICTIM-2', 'PARQUET-VICTIM-1', 'PARQUET-VICTIM-2']) expect(bytes.includes(raw)).toBe(false);
  });
});
