import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { fingerprint, importOk, importResult, sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

/**
 * A mapping profile is user input that the import writes into its SQL as literals (constants, yes/no words, value
 * lists): a quote in any of them is data, never SQL. Profiles are shared between analysts as JSON files, so a hostile
 * one is a real case.
 */
describe('quotes in a mapping profile are data, not SQL', () => {
  const { dir, cleanup } = tempDir('csw-literals-');
  let engine: Engine;
  const hostile = "O'Brien's ''); DROP TABLE crimes; --";
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'), { backups: false });
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('a constant and yes/no words with quotes are stored as typed, and nothing else runs', async () => {
    const file = path.join(dir, 'extract.csv');
    fs.writeFileSync(file, "Ref,Date,Group,Domestic\nQ-1,03/01/2019,Burglary,it's so\nQ-2,04/01/2019,Burglary,'no'\nQ-3,05/01/2019,Burglary,maybe\n");
    const report = await importOk(engine, file, 'crimes', {
      dataset: 'crimes',
      columns: { crime_ref: 'Ref', recorded_date: 'Date', offence_group: 'Group', domestic: 'Domestic' },
      date_format: '%d/%m/%Y',
      constants: { ward_name: hostile },
      true_values: ["it's so", "'); SELECT 1; --"],
      false_values: ["'no'"],
    });
    // "maybe" is neither listed word: quarantined with its line, not read as either.
    expect(report).toMatchObject({ rows_read: 3, rows_imported: 2, rows_quarantined: 1 });
    expect(await sql(engine, 'SELECT crime_ref, ward_name, domestic FROM crimes ORDER BY 1')).toEqual([
      ['Q-1', hostile, true],
      ['Q-2', hostile, false],
    ]);
  });

  it('a quote in a date format is refused by the profile\'s own check, before any SQL', async () => {
    const before = await fingerprint(engine);
    const file = path.join(dir, 'other.csv');
    fs.writeFileSync(file, 'Ref,Date,Group\nR-1,03/01/2019,Burglary\n');
    const result = await importResult(engine, file, 'crimes', { dataset: 'crimes', columns: { crime_ref: 'Ref', recorded_date: 'Date', offence_group: 'Group' }, date_format: "%d/%m/%Y'; --" });
    expect(result.ok).toBe(false);
    expect(await fingerprint(engine)).toBe(before);
  });
});
