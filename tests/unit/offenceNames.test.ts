import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { lsoaLookup } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

const mapping = {
  dataset: 'crimes' as const,
  columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', offence_subgroup: 'Subgroup', lsoa_code: 'LSOA' },
  date_format: '%d/%m/%Y',
};

describe('offence group and subgroup names', () => {
  const { dir, cleanup } = tempDir('csw-offences-');
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'offences.duckdb'));
    await importOk(engine, lsoaLookup, 'geography');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('stores Home Office and ONS spellings in the canonical spelling, keeps subgroups of groups the assessment does not break down, and quarantines the rest', async () => {
    const file = path.join(dir, 'ons-names.csv');
    fs.writeFileSync(
      file,
      [
        'Ref,Recorded,Group,Subgroup,LSOA',
        'N-1,01/04/2019,Theft offences,All other theft offences,E01029477',
        'N-2,01/04/2019,Criminal damage and arson,Criminal damage,E01029477',
        'N-3,01/04/2019,Burglary,Residential burglary,E01029477',
        'N-4,01/04/2019,Vehicle offences, Theft from a vehicle ,E01029477',
        'N-5,01/04/2019,Possession of weapons offences,Possession of article with blade or point,E01029477',
        'N-6,01/04/2019,Theft offences,Widget theft,E01029477',
        'N-7,01/04/2019,Public order offences,,E01029477',
      ].join('\n'),
    );
    const report = await importOk(engine, file, 'crimes', mapping);
    expect(report).toMatchObject({
      rows_read: 7,
      rows_imported: 6,
      issues: [{ line: 7, column: 'Subgroup', reason: 'offence_subgroup "Widget theft" is not a subgroup of its offence group' }],
    });
    expect(await sql(engine, 'SELECT crime_ref, offence_group, offence_subgroup FROM crimes ORDER BY crime_ref')).toEqual([
      ['N-1', 'Theft', 'Other Theft'],
      ['N-2', 'Arson and Criminal Damage', 'Criminal Damage'],
      ['N-3', 'Burglary', 'Burglary Residential'],
      ['N-4', 'Vehicle Offences', 'Theft from a vehicle'],
      ['N-5', 'Possession of Weapons', 'Possession of article with blade or point'],
      ['N-7', 'Public Order Offences', null],
    ]);
  });
});
