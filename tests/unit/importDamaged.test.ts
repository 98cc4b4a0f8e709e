import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { fingerprint, importOk, importResult, sql } from '../support/importHelpers';
import { lsoaLookup } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

const header = 'Crime Ref,Date Recorded,Offence Group,LSOA,Domestic';
const good = (ref: string, date = '03/01/2019', group = 'Burglary') => `${ref},${date},${group},E01029477,N`;

/** Damaged files: each is refused with a clear message (workspace unchanged) or imported with a quarantine report. */
describe('a corpus of damaged files', () => {
  const { dir, cleanup } = tempDir('csw-damaged-');
  let engine: Engine;
  let n = 0;
  const file = (content: string | Buffer, ext = '.csv') => {
    const p = path.join(dir, `damaged${++n}${ext}`);
    fs.writeFileSync(p, content);
    return p;
  };
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'));
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, file(`${header}\n${good('BASE-1')}\n`), 'crimes');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it.each([
    ['an empty file', () => file(''), /The file is empty/],
    ['a header with no rows', () => file(`${header}\r\n`), /header but no data rows/],
    ['binary junk', () => file(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))), /not a text file/],
    ['a truncated file (quote never closed)', () => file(`${header}\n${good('T-1')}\nT-2,"03/01/2019,Burg`), /never ends/],
    ['a 100,000-column line', () => file(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n1\n`), /does not look like a table/],
    ['the wrong delimiter for the mapping', () => file(`${header.replaceAll(',', ';')}\n${good('D-1').replaceAll(',', ';')}\n`), /maps to|mapped to|does not have/],
    ['columns the dataset needs are missing', () => file('Ref,When\nA,03/01/2019\n'), /No column of this file is mapped to crime_ref, recorded_date, offence_group, which crimes needs/],
    ['a corrupt workbook', () => file('PK\u0003\u0004 not really a zip', '.xlsx'), /This workbook cannot be read/],
    ['a file named .parquet that is not one', () => file(`${header}\n${good('P-1')}\n`, '.parquet'), /is not a valid Parquet file/],
    ['an old .xls workbook', () => file('\u00d0\u00cf\u0011\u00e0', '.xls'), /Old \.xls workbooks cannot be read/],
    ['a missing file', () => path.join(dir, 'nope.csv'), /There is no file at/],
  ])('refuses %s clearly and leaves the workspace unchanged', async (_what, make, message) => {
    const before = await fingerprint(engine);
    const p = make();
    const mapping = _what.includes('wrong delimiter')
      ? { dataset: 'crimes' as const, columns: { crime_ref: 'Crime Ref', recorded_date: 'Date Recorded', offence_group: 'Offence Group' }, delimiter: ',' as const }
      : undefined;
    const result = await importResult(engine, p, 'crimes', mapping);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(await fingerprint(engine)).toBe(before);
  });

  it('quarantines bad rows with their line and reason and imports the rest', async () => {
    const content = [
      header,
      good('Q-1'),
      good('Q-2', '31/02/2019'), // line 3: no such date
      good('Q-3', '', 'Burglary'), // line 4: missing date
      good('Q-4', '04/01/2019', 'Jaywalking'), // line 5: unknown group
      good('Q-1', '05/01/2019'), // line 6: duplicate in file
      'Q-6,06/01/2019,Burglary', // line 7: too few fields
      'Q-7,"07/01/2019",Theft,E01029477,N,extra', // line 8: too many fields
      'Q-8,08/01/2019,Robbery,E01029477,maybe', // line 9: bad flag
      good('BASE-1', '09/01/2019'), // line 10: already in the workspace
      good('Q-10', '10/01/2019', 'arson & criminal damage'), // line 11: fine (group matched loosely)
    ].join('\r\n');
    const report = await importOk(engine, file(content), 'crimes');
    expect(report).toMatchObject({ rows_read: 10, rows_imported: 2, rows_quarantined: 8, date_format: '%d/%m/%Y' });
    expect(report.issues).toEqual([
      { line: 3, column: 'Date Recorded', reason: 'recorded_date "31/02/2019" is not a date in the form %d/%m/%Y' },
      { line: 4, column: 'Date Recorded', reason: 'recorded_date is missing' },
      { line: 5, column: 'Offence Group', reason: 'offence_group "Jaywalking" is not a known offence group' },
      { line: 6, column: 'crime_ref', reason: 'crime_ref "Q-1" appears earlier in this file, on line 2' },
      { line: 7, column: null, reason: 'has 3 fields; the header has 5' },
      { line: 8, column: null, reason: 'has 6 fields; the header has 5' },
      { line: 9, column: 'Domestic', reason: 'domestic "maybe" is not one of y/yes/true/t/1/n/no/false/f/0' },
      { line: 10, column: 'crime_ref', reason: 'crime_ref "BASE-1" is already in the workspace (import #2)' },
    ]);
    expect(await sql(engine, `SELECT crime_ref, offence_group, ward_name FROM crimes WHERE crime_ref IN ('Q-1', 'Q-10') ORDER BY 1`)).toEqual([
      ['Q-1', 'Burglary', 'Alrewas & Fradley'],
      ['Q-10', 'Arson and Criminal Damage', 'Alrewas & Fradley'],
    ]);
    const [[quarantined, raw]] = await sql(engine, `SELECT count(*), any_value(raw) FILTER (WHERE line = 5) FROM csw_meta.quarantine WHERE import_id = ${report.import_id}`);
    expect(quarantined).toBe(8n);
    // The mapped columns, by header: what an analyst needs to correct the line.
    expect(JSON.parse(String(raw))).toEqual({ 'Crime Ref': 'Q-4', 'Date Recorded': '04/01/2019', 'Offence Group': 'Jaywalking', LSOA: 'E01029477', Domestic: 'N' });
  });

  it('reads a file of mixed encodings as Windows-1252 rather than failing, so nothing is silently lost', async () => {
    const bytes = Buffer.concat([Buffer.from(`Crime Ref,Date Recorded,Offence Group\nM-1,03/01/2019,Theft\nM-2,03/01/2019,`), Buffer.from([0x54, 0x68, 0x65, 0x66, 0x74, 0xa0]), Buffer.from('\nM-3,03/01/2019,Caf\u00e9\n')]);
    const report = await importOk(engine, file(bytes), 'crimes');
    expect(report.encoding).toBe('windows-1252');
    expect(report.rows_read).toBe(3);
    expect(report.rows_imported + report.rows_quarantined).toBe(3);
    expect(report.issues.map((i) => i.line)).toEqual([4]);
  });
});
