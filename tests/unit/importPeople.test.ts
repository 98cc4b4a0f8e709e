import { describe, expect, it } from 'vitest';
import { importFixture } from '../support/importFixture';
import { importOk, sql } from '../support/importHelpers';

/** Crime–person links arrive either on crime rows (one victim per crime) or as link tables (several per crime). */
describe('victims and offenders', () => {
  const fixture = importFixture('csw-people-', async (engine, file) => {
    await importOk(engine, file('crimes.csv', 'crime_ref,recorded_date,offence_group,victim_id\nC1,2019-01-03,Burglary,P-100\nC2,2019-01-04,Theft,\n'), 'crimes');
    await importOk(engine, file('victims.csv', 'Crime Ref,Person ID,Age,Sex,Mosaic\nC2,P-100,34,F,F: Suburban Stability\nC2,P-200,12,M,J: Transient Renters\nC3,,40,M,\nC4,P-300,old,F,\n'), 'victims', {
      dataset: 'victims',
      columns: { crime_ref: 'Crime Ref', person_id: 'Person ID', age: 'Age', sex: 'Sex', mosaic_group: 'Mosaic' },
    });
    await importOk(engine, file('offenders.csv', 'crime_ref,person_id,age\nC1,P-900,19\n'), 'offenders');
  });

  it('imports link tables with person IDs pseudonymised and bad rows quarantined', async () => {
    const [[report]] = await sql(fixture.engine, `SELECT report_json FROM csw_meta.imports WHERE profile = 'mapping:unnamed'`);
    expect(JSON.parse(String(report))).toMatchObject({
      rows_read: 4,
      rows_imported: 2,
      issues: [
        { line: 4, column: 'Person ID', reason: 'person_id is missing' },
        { line: 5, column: 'Age', reason: 'age "old" is not a whole number' },
      ],
    });
    expect(await sql(fixture.engine, `SELECT count(*) FROM victims WHERE person_id LIKE 'P-%'`)).toEqual([[0n]]);
  });

  it('presents one view of crime–person links whichever way they came, the same person linked across both', async () => {
    const links = await sql(fixture.engine, `SELECT crime_ref, role, age FROM crime_people ORDER BY crime_ref, role, age NULLS FIRST`);
    expect(links).toEqual([
      ['C1', 'offender', 19n],
      ['C1', 'victim', null],
      ['C2', 'victim', 12n],
      ['C2', 'victim', 34n],
    ]);
    const [[people]] = await sql(fixture.engine, `SELECT count(DISTINCT person_id) FROM crime_people WHERE role = 'victim'`);
    expect(people).toBe(2n); // P-100 on a crime row and in the victims table is one person
  });
});
