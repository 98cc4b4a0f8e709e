import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBConnection } from '@duckdb/node-api';
import { fastPathStats } from '../../electron/engine/import/sources/csvFastStage';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { importOk, sql } from '../support/importHelpers';
import { policeUk2024, policeUkMonths } from '../support/sharedData';
import { lookupWorkspaces } from '../support/lookupWorkspaces';

/*
 * Where the import's time went (issue 21's statement trace) and what was done about it, each held here by the
 * statements the engine actually runs: values that depend on a handful of distinct texts are worked out once per
 * distinct text, not per row; a police.uk file, which carries no person identifiers, is read by the workspace's DuckDB
 * in one statement with no hashed copy in between; a folder of files is read by DuckDB's reader too.
 */

const { dir, cleanup, open: workspaceWithLookup } = lookupWorkspaces('csw-distinct-');
afterAll(cleanup);

/** Every statement the engine runs on the workspace's connections while `work` runs (as bench/trace.ts wraps them). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = proto.run;
  const seen: string[] = [];
  proto.run = function (this: unknown, ...args: unknown[]) {
    seen.push(String(args[0]).replace(/\s+/g, ' '));
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.run = original;
  }
  return seen;
}

const building = (statements: string[], table: string) => statements.filter((s) => s.startsWith(`CREATE OR REPLACE TEMP TABLE ${table} AS`));

describe('the import works out repeated values once per distinct value', () => {
  it('police.uk: crime types, months and LSOAs are mapped over their distinct values; the per-row statement only joins the maps', async () => {
    const engine = await workspaceWithLookup();
    let report: Awaited<ReturnType<typeof importOk>> | undefined;
    const statements = await statementsOf(async () => (report = await importOk(engine, policeUk2024.derbyshire, 'police-uk')));
    // The crimes' checked table (the second target; ASB is the first).
    const [crimes] = building(statements, 'csw_target_1');
    expect(crimes).toBeDefined();
    // No crime-type CASE, no offence-name matching, no date parsing and no LSOA typing per row: each is in a map.
    expect(crimes).not.toMatch(/Violence and Sexual Offences|regexp_replace|try_strptime|upper\(NULLIF\((trim\(|CASE WHEN NOT \(starts_with\()c\d/);
    expect(crimes).toMatch(/LEFT JOIN csw_offence_map csw_om ON .* LEFT JOIN csw_lsoa_map csw_geo ON .* LEFT JOIN csw_value_map_\d+/);
    for (const map of ['csw_offence_map', 'csw_lsoa_map', 'csw_value_map_1']) {
      const built = building(statements, map);
      expect(built.length, map).toBeGreaterThan(0);
      for (const s of built) expect(s, map).toMatch(/FROM \(SELECT DISTINCT c\d+ FROM csw_stage\)/);
    }
    // ASB and crimes map the same LSOAs the same way: one map serves both targets (one scan of the file, not two).
    // (Their month maps differ in the column their reasons name, reported_date and recorded_date.)
    expect(building(statements, 'csw_lsoa_map')).toHaveLength(1);
    // And what it produces is what the file says (importPoliceUkCounting.test.ts checks the counts independently).
    expect(report).toMatchObject({ rows_read: 8216, rows_quarantined: 0 });
    engine.close();
  });

  it('a mapped extract: its dates and flags are typed and checked over their distinct values, with the same quarantine', async () => {
    const file = path.join(dir, 'extract.csv');
    fs.writeFileSync(
      file,
      [
        'Ref,Recorded,Group,LSOA,DA',
        'C1,03/01/2020,Burglary,E01029620,Y',
        'C2,31/02/2020,Burglary,E01029620,N',
        'C3,04/01/2020,Robbery, e01029620 ,N',
        'C4,03/01/2020,Not a group,E01029620,Y',
        'C5,03/01/2020,Burglary,,maybe',
        'C6,03/01/2020,Burglary,,',
      ].join('\n') + '\n',
    );
    const mapping: MappingProfile = {
      name: 'Distinct test',
      dataset: 'crimes',
      columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', lsoa_code: 'LSOA', domestic: 'DA' },
      date_format: '%d/%m/%Y',
      true_values: ['Y'],
      false_values: ['N', ''],
    };
    const engine = await workspaceWithLookup();
    let report: Awaited<ReturnType<typeof importOk>> | undefined;
    const statements = await statementsOf(async () => (report = await importOk(engine, file, 'crimes', mapping)));
    const [target] = building(statements, 'csw_target_0');
    expect(target).not.toMatch(/try_strptime|list_contains|regexp_replace/);
    expect(building(statements, 'csw_value_map_1')[0]).toMatch(/try_strptime/);
    expect(report!.rows_imported).toBe(3);
    expect(report!.issues).toEqual([
      { line: 3, column: 'Recorded', reason: 'recorded_date "31/02/2020" is not a date in the form %d/%m/%Y' },
      { line: 5, column: 'Group', reason: 'offence_group "Not a group" is not a known offence group' },
      { line: 6, column: 'DA', reason: 'domestic "maybe" is not one of y/n' },
    ]);
    // The LSOA typed from " e01029620 " on its distinct value still places the row.
    expect(await sql(engine, 'SELECT crime_ref, recorded_date::VARCHAR, offence_group, domestic, lsoa_code, ward_code IS NOT NULL FROM crimes ORDER BY crime_ref')).toEqual([
      ['C1', '2020-01-03', 'Burglary', true, 'E01029620', true],
      ['C3', '2020-01-04', 'Robbery', false, 'E01029620', true],
      ['C6', '2020-01-03', 'Burglary', false, null, false],
    ]);
    engine.close();
  });
});

describe('how files are read', () => {
  it('a police.uk street file is read by the workspace in one statement, with no hashed Parquet copy; an extract with identifiers still goes through one', async () => {
    const engine = await workspaceWithLookup();
    const police = await statementsOf(() => importOk(engine, policeUk2024.btp, 'police-uk'));
    expect(police.filter((s) => /read_parquet/.test(s))).toEqual([]);
    expect(police.filter((s) => /^CREATE OR REPLACE TEMP TABLE csw_stage_fast AS SELECT .* FROM read_csv\(\$csw_file/.test(s))).toHaveLength(1);

    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(file, 'Ref,Recorded,Group,Victim\nP1,2020-01-03,Burglary,V123\nP2,2020-01-04,Burglary,V124\n');
    const mapping: MappingProfile = { name: 'People', dataset: 'crimes', columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', victim_id: 'Victim' } };
    const people = await statementsOf(() => importOk(engine, file, 'crimes', mapping));
    // The hashed copy is read where it is, by the staging view, never copied again into a temporary table; and it is
    // gone once the import is done.
    expect(people.filter((s) => /^CREATE OR REPLACE TEMP VIEW csw_stage AS .* FROM read_parquet\('[^']*\.hashed\.parquet', file_row_number = true\)$/.test(s))).toHaveLength(1);
    expect(people.filter((s) => /read_parquet/.test(s) && /^CREATE OR REPLACE TEMP TABLE/.test(s))).toEqual([]);
    expect(fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.hashed.parquet'))).toEqual([]);
    // The file is read only by the sealed reader's statement, which writes the hashed copy.
    expect(people.filter((s) => /read_csv/.test(s) && !/^COPY \(.*\) TO '.*\.hashed\.parquet' \(FORMAT parquet\)$/.test(s))).toEqual([]);
    engine.close();
  });

  it('a police.uk file stages only the columns read one by one, and a hash of every field that still tells rows apart by the others', async () => {
    const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const row = (location: string, outcome = 'Under investigation') => `,2024-01,Derbyshire Constabulary,Derbyshire Constabulary,-1.5,52.9,${location},E01019401,Amber Valley 001A,Anti-social behaviour,${outcome},`;
    const file = path.join(dir, 'street-hash.csv');
    // Lines 2 and 3 are identical; 4 differs from them only in Location, 5 only in the outcome: columns not staged.
    fs.writeFileSync(file, [header, row('On or near High Street'), row('On or near High Street'), row('On or near Low Street'), row('On or near High Street', 'Unable to prosecute suspect')].join('\n') + '\n');
    const engine = await workspaceWithLookup();
    let report: Awaited<ReturnType<typeof importOk>> | undefined;
    const statements = await statementsOf(async () => (report = await importOk(engine, file, 'police-uk')));
    const [staging] = statements.filter((s) => s.startsWith('CREATE OR REPLACE TEMP TABLE csw_stage_fast AS'));
    // Crime ID, Month, Reported by, LSOA code and Crime type are staged; Location (c6) and the rest are not.
    expect(staging).toMatch(/coalesce\(c0, ''\) AS c0, coalesce\(c1, ''\) AS c1, coalesce\(c2, ''\) AS c2, NULL::VARCHAR AS c3/);
    expect(staging).toMatch(/NULL::VARCHAR AS c6, coalesce\(c7, ''\) AS c7, NULL::VARCHAR AS c8, coalesce\(c9, ''\) AS c9/);
    expect(staging).toMatch(/hash\(coalesce\(c0, ''\), .*coalesce\(c11, ''\)\) AS csw_row_hash/);
    expect(report!.police_uk).toMatchObject({ identical_rows: 1 });
    expect(report!.rows_imported).toBe(4);
    engine.close();
  });

  it('a folder of police.uk files is read by DuckDB file by file, inside the one transaction, and a file its strict reader refuses falls back to our parser without aborting it', async () => {
    const folder = path.join(dir, 'months');
    fs.mkdirSync(folder);
    for (const file of policeUkMonths.slice(0, 3)) fs.copyFileSync(file, path.join(folder, path.basename(file)));
    // One more month with a ragged row: DuckDB's strict reader refuses the file (in the sealed instance), our parser
    // reads it and quarantines that line, and the import's transaction carries on.
    const lines = fs.readFileSync(policeUkMonths[3], 'utf8').split('\n');
    lines[5] = `${lines[5]},extra`;
    fs.writeFileSync(path.join(folder, path.basename(policeUkMonths[3])), lines.join('\n'));
    const engine = await workspaceWithLookup();
    const before = fastPathStats.staged;
    const result = await engine.invoke('import.run', { file: folder, files: [folder], as: 'police-uk', operationId: randomUUID() });
    if (!result.ok) throw new Error(result.error.message);
    expect(fastPathStats.staged - before).toBe(3);
    expect(result.value.import_ids).toHaveLength(4);
    expect(result.value.rows_quarantined).toBe(1);
    expect(result.value.issues).toEqual([expect.objectContaining({ line: 6, reason: 'has 13 fields; the header has 12', file: expect.stringContaining(path.basename(policeUkMonths[3])) })]);
    const rows = policeUkMonths.slice(0, 4).reduce((sum, f) => sum + fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).length - 1, 0);
    expect(result.value.rows_read).toBe(rows);
    const [[crimes, asb]] = await sql(engine, 'SELECT (SELECT count(*) FROM crimes), (SELECT count(*) FROM asb)');
    if (process.env.P21_DUMP) console.log(JSON.stringify({ by: result.value.by_dataset, q: result.value.rows_quarantined, imp: result.value.rows_imported, read: result.value.rows_read, files: result.value.files?.map((f) => [f.file, f.rows_read, f.rows_imported, f.by_dataset]) }));
    expect(Number(crimes) + Number(asb)).toBe(rows - 1);
    // Lines are the file's own even though the staged table was made inside the transaction (where DuckDB's row ids
    // start at 2^55): the ASB references, made from the line, stay within each file's lines.
    const [[top]] = await sql(engine, "SELECT max(CAST(split_part(incident_ref, ':', 3) AS BIGINT)) FROM asb");
    expect(Number(top)).toBeLessThanOrEqual(Math.max(...policeUkMonths.slice(0, 4).map((f) => fs.readFileSync(f, 'utf8').split('\n').length)));
    engine.close();
  });
});
