import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { policeUkCrimeTypes } from '../../electron/engine/import/profiles/policeUk';
import { parseCsv } from '../support/csvText';
import { importOk, sql } from '../support/importHelpers';
import { policeUk2024 } from '../support/sharedData';
import { lookupWorkspaces } from '../support/lookupWorkspaces';

const { cleanup, open: workspaceWithLookup } = lookupWorkspaces('csw-policeuk-');
afterAll(cleanup);

/** An independent reading of a police.uk file: the tests' own CSV reader, then counts by crime type, IDs and repeats. */
function independentCounts(file: string) {
  const data = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const crimes = data.filter((r) => r['Crime type'] !== 'Anti-social behaviour');
  const seen = new Set<string>();
  let later = 0;
  for (const r of crimes) {
    if (r['Crime ID'] && seen.has(r['Crime ID'])) later++;
    seen.add(r['Crime ID']);
  }
  const byGroup = new Map<string, number>();
  for (const r of crimes) {
    const group = policeUkCrimeTypes[r['Crime type']][0];
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
  }
  return {
    rows: data.length,
    asb: data.length - crimes.length,
    crimes: crimes.length,
    missing: crimes.filter((r) => r['Crime ID'] === '').length,
    sharedLater: later,
    identical: data.length - new Set(data.map((r) => JSON.stringify(r))).size,
    byGroup,
  };
}

describe('police.uk counted as police.uk counts it (real 2024 files)', () => {
  it('Derbyshire January 2024: the 269 rows that share a Crime ID with an earlier row are all counted, not quarantined', async () => {
    const expected = independentCounts(policeUk2024.derbyshire);
    expect(expected).toMatchObject({ rows: 8216, sharedLater: 269 });
    const engine = await workspaceWithLookup();
    const report = await importOk(engine, policeUk2024.derbyshire, 'police-uk');
    expect(report).toMatchObject({ rows_read: expected.rows, rows_imported: expected.rows, rows_quarantined: 0, by_dataset: { crimes: expected.crimes, asb: expected.asb } });
    expect(report.police_uk).toMatchObject({ missing_id: 0, shared_id: 269, identical_rows: expected.identical, force_months: [{ force: 'Derbyshire Constabulary', month: '2024-01', rows: expected.rows }] });
    expect(report.notes?.join(' ')).toMatch(/269 crime rows shared a Crime ID/);
    // Every row one crime, each with its own reference; the first row with an ID keeps it.
    expect(await sql(engine, 'SELECT count(*), count(DISTINCT crime_ref), count(*) FILTER (WHERE crime_ref LIKE \'crime:%\') FROM crimes')).toEqual([[BigInt(expected.crimes), BigInt(expected.crimes), 269n]]);
    const groups = await sql(engine, 'SELECT offence_group, count(*) FROM crimes GROUP BY 1');
    expect(new Map(groups.map(([g, c]) => [String(g), Number(c)]))).toEqual(expected.byGroup);
    expect(await sql(engine, 'SELECT count(*) FROM csw_meta.quarantine')).toEqual([[0n]]);
    // Unplaced areas are listed once each, with their rows per dataset (an LSOA with crimes and ASB is one entry).
    const areas = report.unknown_areas.map((u) => `${u.kind}|${u.value}`);
    expect(new Set(areas).size).toBe(areas.length);
    expect(report.unknown_areas.every((u) => Object.values(u.by_dataset ?? {}).reduce((a, b) => a + b, 0) === u.rows)).toBe(true);
    expect(report.unknown_areas.some((u) => u.by_dataset?.crimes && u.by_dataset?.asb)).toBe(true);
    // Its 2021 LSOA codes do not place in the 2011 lookup, and the report says why.
    expect(report.warnings.join(' ')).toMatch(/look like 2021 codes \(E01\d{6}.*your geography lookup is 2011: import the 2021 LSOA → ward → district lookup/);
    engine.close();
  });

  it('a police.uk file chosen as a geography lookup is refused, saying what it looks like, and the preview offers police.uk', async () => {
    const engine = await workspaceWithLookup();
    const refused = await engine.invoke('import.run', { file: policeUk2024.btp, as: 'geography', operationId: 'lookup-mistake' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^This looks like a police\.uk street-level file .*not a geography lookup: import it as a police\.uk street-level file/) } });
    const withMapping = await engine.invoke('import.check', { file: policeUk2024.btp, as: 'population', mapping: { dataset: 'population', columns: { area_code: 'LSOA code' } }, operationId: 'population-mistake' });
    expect(withMapping).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not population data/) } });
    const preview = await engine.invoke('import.preview', { file: policeUk2024.btp, as: 'geography' });
    expect(preview).toMatchObject({ ok: true, value: { suggested_as: 'police-uk', mapping: null, problem: expect.stringMatching(/looks like a police\.uk street-level file/) } });
    expect(await sql(engine, `SELECT count(*) FROM csw_meta.imports`)).toEqual([[2n]]);
    engine.close();
  });

  it('British Transport Police February 2024: no row has a Crime ID, and every row is a crime', async () => {
    const expected = independentCounts(policeUk2024.btp);
    expect(expected).toMatchObject({ rows: 6237, crimes: 6237, missing: 6237 });
    const engine = await workspaceWithLookup();
    const report = await importOk(engine, policeUk2024.btp, 'police-uk');
    expect(report).toMatchObject({ rows_read: 6237, rows_imported: 6237, rows_quarantined: 0, by_dataset: { crimes: 6237 } });
    expect(report.police_uk).toMatchObject({ missing_id: 6237, shared_id: 0, identical_rows: expected.identical });
    expect(expected.identical).toBeGreaterThan(0);
    expect(report.notes?.join(' ')).toMatch(/6,237 crime rows had no Crime ID/);
    expect(await sql(engine, 'SELECT count(DISTINCT crime_ref) FROM crimes')).toEqual([[6237n]]);
    const groups = await sql(engine, 'SELECT offence_group, count(*) FROM crimes GROUP BY 1');
    expect(new Map(groups.map(([g, c]) => [String(g), Number(c)]))).toEqual(expected.byGroup);
    engine.close();
  });
});
