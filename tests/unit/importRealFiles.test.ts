import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUk2024, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';
import { parseCsv } from '../support/csvText';

const { dir, cleanup } = tempDir('csw-real-');
afterAll(cleanup);
let n = 0;
async function freshWorkspaceWithGeography(): Promise<Engine> {
  const engine = await createEngine(path.join(dir, `ws${++n}.duckdb`));
  await importOk(engine, lsoaLookup, 'geography');
  await importOk(engine, districtLookup, 'geography');
  return engine;
}

/** An independent count: split the (quote-free) police.uk file and join it to the lookup in plain JavaScript. */
function independentWardCounts(file: string): { dataRows: number; asb: number; wards: Map<string, number> } {
  const lookup = new Map(
    fs.readFileSync(lsoaLookup, 'utf8').trim().split('\n').slice(1).map((line) => {
      const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      return [cells[1], cells[3]] as const; // LSOA11CD → WD19CD
    }),
  );
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  expect(lines.every((l) => !l.includes('"'))).toBe(true);
  const wards = new Map<string, number>();
  let asb = 0;
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[9] === 'Anti-social behaviour') asb++;
    const ward = lookup.get(cells[7]);
    if (ward) wards.set(ward, (wards.get(ward) ?? 0) + 1);
  }
  return { dataRows: lines.length, asb, wards };
}

describe('importing the real public files', () => {
  it('imports the ONS lookups into one geography table: 687 LSOAs, each with its CSP and force', async () => {
    const engine = await freshWorkspaceWithGeography();
    expect(await sql(engine, `SELECT count(*), count(csp_code), count(DISTINCT district_code), any_value(force_name) FROM geography`)).toEqual([[687n, 687n, 9n, 'Staffordshire']]);
    expect(await sql(engine, `SELECT DISTINCT csp_code FROM geography WHERE district_code = 'E07000194'`)).toEqual([['E22000265']]);
    engine.close();
  });

  it('imports the IoD population file (BOM, CRLF, quoted thousands): Lichfield 58 LSOAs sum to 102,004', async () => {
    const engine = await freshWorkspaceWithGeography();
    const report = await importOk(engine, iodPopulation, 'population');
    expect(report).toMatchObject({ rows_read: 687, rows_imported: 687, rows_quarantined: 0, encoding: 'utf-8', by_dataset: { population: 687 * 4 } });
    const rows = await sql(engine, `SELECT count(*), sum(p.count) FROM population p JOIN geography g ON g.lsoa_code = p.area_code
                                    WHERE g.district_code = 'E07000194' AND p.age_band = 'all' AND p.sex = 'all'`);
    expect(rows).toEqual([[58n, 102004]]);
    expect(await sql(engine, `SELECT DISTINCT year FROM population`)).toEqual([[2015n]]);
    engine.close();
  });

  describe.each(policeUkMonths.map((f) => [path.basename(f), f]))('police.uk %s', (_name, file) => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await freshWorkspaceWithGeography();
    });
    afterAll(() => engine.close());

    it('accounts for every row, splits crimes and ASB, and places them in the same wards as an independent count', async () => {
      const expected = independentWardCounts(file);
      const report = await importOk(engine, file, 'police-uk');
      expect(report.rows_read).toBe(expected.dataRows);
      expect(report.rows_imported + report.rows_quarantined).toBe(report.rows_read);
      expect(report.rows_quarantined).toBe(0);
      expect(report.by_dataset.crimes + report.by_dataset.asb).toBe(report.rows_read);
      expect(report.by_dataset.asb).toBe(expected.asb);
      const counts = await sql(engine, `SELECT ward_code, count(*) FROM (SELECT ward_code FROM crimes UNION ALL SELECT ward_code FROM asb) WHERE ward_code IS NOT NULL GROUP BY 1`);
      expect(new Map(counts.map(([w, c]) => [String(w), Number(c)]))).toEqual(expected.wards);
      // Rows with no location are kept and counted; codes outside the lookup are listed.
      const [[noLocation]] = await sql(engine, `SELECT count(*) FROM (SELECT lsoa_code FROM crimes UNION ALL SELECT lsoa_code FROM asb) WHERE lsoa_code IS NULL`);
      expect(report.unplaced.no_location).toBe(Number(noLocation));
      expect(report.unknown_areas.reduce((s, u) => s + u.rows, 0)).toBe(report.unplaced.outside_lookup);
      expect(report.unknown_areas.every((u) => u.kind === 'lsoa_code')).toBe(true);
    });

    it('maps police.uk crime types to offence groups, with every month as its first day', async () => {
      const groups = await sql(engine, `SELECT DISTINCT offence_group FROM crimes ORDER BY 1`);
      expect(groups.flat().every((g) => typeof g === 'string')).toBe(true);
      expect(await sql(engine, `SELECT count(*) FROM crimes WHERE offence_group IS NULL OR day(recorded_date) <> 1`)).toEqual([[0n]]);
      expect(await sql(engine, `SELECT count(*) FROM crimes WHERE offence_group = 'Theft' AND offence_subgroup = 'Shoplifting'`)).not.toEqual([[0n]]);
    });

    it('refuses to import the same file twice, leaving the workspace unchanged', async () => {
      const [[before]] = await sql(engine, 'SELECT count(*) FROM crimes');
      const again = await engine.invoke('import.run', { file, as: 'police-uk', operationId: 'op-again-0001' });
      expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!again.ok) expect(again.error.message).toMatch(/already imported on .* \(import #3\)/);
      expect(await sql(engine, 'SELECT count(*) FROM crimes')).toEqual([[before]]);
    });
  });

  it('counts a crime police.uk publishes again in a later month under the same Crime ID, as police.uk does, and notes it', async () => {
    const engine = await freshWorkspaceWithGeography();
    await importOk(engine, policeUkMonths[1], 'police-uk');
    const december = await importOk(engine, policeUkMonths[2], 'police-uk');
    // One December crime (a shoplifting in Lichfield 004E) carries a November Crime ID: both rows are counted.
    expect(december.rows_quarantined).toBe(0);
    expect(december.rows_imported).toBe(december.rows_read);
    expect(december.police_uk?.shared_id).toBe(1);
    expect(december.notes?.join(' ')).toMatch(/1 crime rows shared a Crime ID with an earlier row/);
    const [[rows, refs]] = await sql(engine, `SELECT count(*), count(DISTINCT crime_ref) FROM crimes`);
    expect(rows).toBe(refs);
    expect(await sql(engine, `SELECT count(*) FROM crimes WHERE crime_ref = '1580b5bee8bb4b0bea37a1bb67a4b805f0f18c74966c8fbc1545ab7536301080'`)).toEqual([[1n]]);
    engine.close();
  });

  // The write takes one statement when the checked table is in file order, and bands sorted by line otherwise
  // (import/commit.ts): either way the workspace keeps each dataset's rows in the order of the file.
  it.each([policeUkMonths[0], policeUk2024.derbyshire, policeUk2024.btp])('keeps crimes and ASB in the order of the file: %s', async (file) => {
    const engine = await freshWorkspaceWithGeography();
    try {
      await importOk(engine, file, 'police-uk');
      const records = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      expect(records.length).toBeGreaterThan(1000);
      const inFile = (asb: boolean) => records.filter((r) => (r['Crime type'] === 'Anti-social behaviour') === asb).map((r) => `${r.Month}|${r['LSOA code']}`);
      const stored = async (table: string, month: string) =>
        (await sql(engine, `SELECT strftime(${month}, '%Y-%m') || '|' || coalesce(lsoa_code, '') FROM ${table} ORDER BY rowid`)).map(([v]) => String(v));
      expect(await stored('crimes', 'recorded_date')).toEqual(inFile(false));
      expect(await stored('asb', 'reported_date')).toEqual(inFile(true));
    } finally {
      engine.close();
    }
  });
});
