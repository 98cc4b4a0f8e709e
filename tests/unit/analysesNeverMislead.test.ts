import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { importFixture } from '../support/importFixture';
import { readDocx } from '../support/docx';
import { importOk, sql } from '../support/importHelpers';
import { iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

type Row = Record<string, unknown>;

async function run(engine: Engine, id: string, params: Record<string, string | number>) {
  const ran = await engine.invoke('analyses.run', { id, params, operationId: `op-${id}-edges` });
  if (!ran.ok) throw new Error(ran.error.message);
  const page = await engine.invoke('grid.page', { source: { kind: 'result', id: ran.value.resultId }, startRow: 0, endRow: Math.max(1, ran.value.rowCount) });
  if (!page.ok) throw new Error(page.error.message);
  return { ...ran.value, rows: page.value.rows as Row[] };
}
async function refused(engine: Engine, id: string, params: Record<string, string | number>): Promise<string> {
  const ran = await engine.invoke('analyses.run', { id, params, operationId: `op-${id}-refused` });
  if (ran.ok) throw new Error(`${id} ran with ${JSON.stringify(params)}`);
  return ran.error.message;
}
const one = async (engine: Engine, query: string) => Number((await sql(engine, query))[0][0]);

describe('analyses on a workspace with only the LSOA → ward → district lookup (no force known)', () => {
  const fixture = importFixture('csw-no-force-', async (engine) => {
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, iodPopulation, 'population');
    for (const f of policeUkMonths) await importOk(engine, f, 'police-uk');
  });

  it('compares with every district in the lookup, named so, instead of an empty comparator', async () => {
    const result = await run(fixture.engine, 'crime-rates', { area: 'Lichfield' });
    expect(result.comparator).toBe('all 9 districts in the lookup');
    expect(result.notes.join(' ')).toMatch(/all 9 districts in the lookup.*district → CSP → force lookup/);
    const total = result.rows.find((r) => r.offence_group === 'Total Recorded Crime')!;
    expect(Number(total.comparator_count)).toBe(await one(fixture.engine, 'SELECT count(*) FROM crimes WHERE district_code IS NOT NULL'));
    expect(Number(total.comparator_rate)).toBeGreaterThan(0);
    expect(['Higher', 'Similar', 'Lower']).toContain(total.comparison);
  });

  it('says how much of the default period five months of police.uk data cover', async () => {
    const result = await run(fixture.engine, 'crime-rates', { area: 'Lichfield' });
    expect(result.parameters).toMatchObject({ from: '2018-03-01', to: '2019-02-28' });
    // October 2018 – February 2019: 151 of the 365 days.
    expect(result.coverage).toEqual([expect.objectContaining({ dataset: 'crimes', window: 'period', days: 365, covered_days: 151 })]);
    expect(result.warnings).toEqual([expect.stringMatching(/^Recorded crimes cover 151 of the 365 days of the period \(1 March 2018 to 28 February 2019\): the data runs from 1 October 2018 to 28 February 2019/)]);
  });

  it('names the confidence level the comparison used', async () => {
    expect((await run(fixture.engine, 'crime-rates', { area: 'Lichfield', confidence: 0.998 })).notes).toContain('Confidence intervals and comparisons use 99.8% confidence limits.');
    expect((await run(fixture.engine, 'crime-rates', { area: 'Lichfield' })).notes).toContain('Confidence intervals and comparisons use 95% confidence limits.');
  });

  // Last: it removes a district's population.
  it('refuses a comparator without a population, saying what to import', async () => {
    await fixture.engine.workspace.withConnection((c) => c.run(`DELETE FROM population WHERE area_code IN (SELECT lsoa_code FROM geography WHERE district_code = 'E07000199')`));
    expect(await refused(fixture.engine, 'crime-rates', { area: 'Lichfield', comparator: 'Tamworth' })).toMatch(/no population for the comparator \(Tamworth\).*import population figures/);
    // Nor is a comparator compared with when some of its districts have no residents (its rates would be too high).
    expect(await refused(fixture.engine, 'crime-rates', { area: 'Lichfield' })).toMatch(/no population for Tamworth, one of the comparator's districts \(all 9 districts in the lookup\)/);
  });
});

describe('analyses at the edges of the sample workspace (April 2017 – March 2019)', () => {
  const { dir, cleanup } = tempDir('csw-edges-');
  let engine: Engine;
  beforeAll(async () => {
    const ws = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(ws);
    engine = await createEngine(ws);
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });
  const period = { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' };

  it('reports no change between 12 months and the 6 the data has of the year before', async () => {
    const result = await run(engine, 'direction-of-travel', { area: 'Lichfield', to: '2018-09-30' });
    const total = result.rows.find((r) => r.measure === 'Total recorded crime')!;
    expect(total.pct_change).toBeNull();
    expect(Number(total.current_coverage)).toBe(100);
    expect(Number(total.previous_coverage)).toBeCloseTo((183 / 365) * 100, 10);
    expect(result.warnings.join(' ')).toMatch(/Recorded crimes cover 100% of the 12 months to 30 September 2018 and 50.1% of the 12 months before: no change is reported/);
    expect(result.coverage.filter((c) => c.dataset === 'crimes').map((c) => c.covered_days)).toEqual([365, 183]);
    // Over two whole years the change stands.
    const whole = (await run(engine, 'direction-of-travel', { area: 'Lichfield', to: '2019-03-31' })).rows.find((r) => r.measure === 'Total recorded crime')!;
    expect(Number(whole.pct_change)).toBeCloseTo((100 * (Number(whole.current) - Number(whole.previous))) / Number(whole.previous), 10);
    expect(whole.warning).toBeNull();
  });

  it('carries the coverage warning into the CSV export and the board pack\'s key points', async () => {
    const result = await run(engine, 'direction-of-travel', { area: 'Lichfield', to: '2018-09-30' });
    const csv = await engine.invoke('exports.table', { resultId: result.resultId, format: 'csv' });
    expect(csv.ok && Buffer.from(csv.value.base64, 'base64').toString('utf8')).toMatch(/Warning: Recorded crimes cover 183 of the 365 days of the previous 12 months/);
    const pack = await engine.invoke('exports.boardPack', { title: 'Coverage', sections: [{ resultId: result.resultId }] });
    if (!pack.ok) throw new Error(pack.error.message);
    const docx = await readDocx(Buffer.from(pack.value.base64, 'base64'));
    expect(docx.text).toMatch(/Key pointsWarning: Recorded crimes cover 183 of the 365 days/);
    expect(docx.text).toMatch(/Warning: Recorded crimes cover 100% of the 12 months to 30 September 2018 and 50.1% of the 12 months before: no change is reported/);
  });

  it('monthly-trend: counts a part month only to `to`, marked, and keeps the month `to` starts', async () => {
    const mid = await run(engine, 'monthly-trend', { area: 'Lichfield', to: '2019-03-15' });
    const march = mid.rows.find((r) => r.measure === 'Anti-social behaviour' && r.month === '2019-03')!;
    expect(Number(march.count)).toBe(await one(engine, `SELECT count(*) FROM asb WHERE district_code = 'E07000194' AND reported_date BETWEEN DATE '2019-03-01' AND DATE '2019-03-15'`));
    expect(march.part_month).toBe('Part month: 1–15 March 2019');
    expect(march.rolling_mean_12).toBeNull();
    const first = await run(engine, 'monthly-trend', { area: 'Lichfield', to: '2019-03-01' });
    const asb = first.rows.filter((r) => r.measure === 'Anti-social behaviour');
    expect(asb.at(-1)).toMatchObject({ month: '2019-03', part_month: 'Part month: 1–1 March 2019' });
    expect(asb).toHaveLength(25);
  });

  it('monthly-trend: months after the data ends are empty, not zero, and the rolling mean stops with the data', async () => {
    const result = await run(engine, 'monthly-trend', { area: 'Lichfield', to: '2019-09-30' });
    const crime = result.rows.filter((r) => r.measure === 'Total recorded crime');
    const after = crime.filter((r) => String(r.month) > '2019-03');
    expect(after).toHaveLength(6);
    expect(after.every((r) => r.count === null && r.rolling_mean_12 === null)).toBe(true);
    const march = crime.find((r) => r.month === '2019-03')!;
    expect(Number(march.rolling_mean_12)).toBeCloseTo((await one(engine, `SELECT count(*) FROM crimes WHERE district_code = 'E07000194' AND recorded_date BETWEEN DATE '2018-04-01' AND DATE '2019-03-31'`)) / 12, 8);
    expect(result.warnings.join(' ')).toMatch(/cover \d+ of the 730 days of the 24 months to the end of the period/);
  });

  it('refuses a measure or subgroup the data does not have, offering the close matches', async () => {
    expect(await refused(engine, 'hotspot-wards', { ...period, measure_kind: 'offence_subgroup', measure: 'Residential burglary' })).toMatch(/measure "Residential burglary" matches nothing.*Did you mean "Burglary Residential"/);
    expect(await refused(engine, 'hotspot-wards', { ...period, measure_kind: 'incident_type', measure: 'Mising person' })).toMatch(/Did you mean "Missing person"/);
    expect(await refused(engine, 'hotspot-wards', { ...period, measure_kind: 'flag', measure: 'domestc' })).toMatch(/Did you mean "domestic"/);
    expect(await refused(engine, 'mosaic-disproportionality', { ...period, offence_subgroup: 'Burglary residental' })).toMatch(/offence_subgroup "Burglary residental" matches nothing.*"Burglary Residential"/);
    // The values are the data's own: the form offers them.
    const offered = await engine.invoke('analyses.values', { id: 'hotspot-wards', name: 'measure', params: { measure_kind: 'offence_subgroup' } });
    expect(offered.ok && offered.value.values).toContain('Burglary Residential');
  });

  it('labels the comparator row by the comparator used', async () => {
    const rows = (await run(engine, 'burglary-vehicle-taken', { ...period, comparator: 'Tamworth' })).rows;
    expect(rows.find((r) => r.level === 'comparator')!.geography).toBe('Tamworth');
    expect((await run(engine, 'burglary-vehicle-taken', period)).rows.find((r) => r.level === 'comparator')!.geography).toBe('Staffordshire');
  });

  it('makes repeat status an explicit scope, with the assessment definitions as defaults', async () => {
    const offenders = await run(engine, 'repeat-offenders', period);
    expect(offenders.parameters.repeat_scope).toBe('all crime');
    const byCohort = await run(engine, 'repeat-offenders', { ...period, repeat_scope: 'cohort' });
    // Within its own crimes a cohort has no more repeat offenders than across all crime, and some have fewer.
    const repeats = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.cohort), Number(r.repeat_offenders)]));
    const [mine, everything] = [repeats(byCohort.rows), repeats(offenders.rows)];
    expect(Object.keys(mine).every((k) => mine[k] <= everything[k])).toBe(true);
    expect(Object.keys(mine).filter((k) => mine[k] < everything[k]).length).toBeGreaterThan(3);
    const all = (rows: Row[]) => rows.find((r) => r.cohort === 'All crime')!;
    expect(all(byCohort.rows)).toEqual(all(offenders.rows));
    const victims = await run(engine, 'repeat-victims', period);
    expect(victims.parameters.repeat_scope).toBe('cohort');
    const victimsAll = await run(engine, 'repeat-victims', { ...period, repeat_scope: 'all crime' });
    const burglary = (rows: Row[]) => Number(rows.find((r) => r.cohort === 'Burglary')!.repeat_victims);
    expect(burglary(victimsAll.rows)).toBeGreaterThan(burglary(victims.rows));
  });

  it('gives the survey of the area: Lichfield has its respondents, Tamworth none', async () => {
    const lichfield = await run(engine, 'survey-results', { area: 'Lichfield' });
    const day = lichfield.rows.find((r) => String(r.question).includes('during the day') && r.breakdown === 'All respondents')!;
    expect(Number(day.base)).toBeGreaterThan(150);
    const tamworth = await run(engine, 'survey-results', { area: 'Tamworth' });
    expect(tamworth.rows).toEqual([]);
    expect(await refused(engine, 'survey-results', { area: 'Lichfield', survey: 'resident-survey.csv' })).toMatch(/survey "resident-survey.csv" matches nothing.*"synthetic-resident-survey.csv"/);
    expect((await run(engine, 'survey-results', { area: 'Lichfield', survey: 'synthetic-resident-survey.csv' })).rowCount).toBe(lichfield.rowCount);
  });

  it('reports a question with no positive answers as a distribution, not as 0% positive', async () => {
    const rows = (await run(engine, 'survey-results', { area: 'Lichfield' })).rows.filter((r) => r.question === 'Employment status');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.breakdown === 'Answer' && r.measure === 'share giving this answer')).toBe(true);
    expect(Math.round(Number(rows.find((r) => r.value === 'Retired')!.pct))).toBe(37);
    expect(rows.reduce((s, r) => s + Number(r.pct), 0)).toBeCloseTo(100, 8);
  });

  it('says when the area has no Mosaic population, instead of NaN', async () => {
    const result = await run(engine, 'mosaic-disproportionality', { area: 'Tamworth', from: '2018-04-01', to: '2019-03-31' });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((r) => r.pct_population === null && r.index === null)).toBe(true);
    expect(result.warnings).toEqual(['There is no Mosaic population for Tamworth: residents\' shares and the index cannot be given (import the mosaic dataset for its wards or LSOAs).']);
  });

  it('the sample: each victim ID is one person, in one district and one year, the same on every record', async () => {
    const [[districts, years, people]] = await sql(engine, `
      WITH v AS (SELECT p.person_id, p.age, p.sex, p.mosaic_group, c.district_code, year(c.recorded_date - INTERVAL 3 MONTH) AS fy
                 FROM crime_people p JOIN crimes c USING (crime_ref) WHERE p.role = 'victim')
      SELECT count(*) FILTER (WHERE d > 1), count(*) FILTER (WHERE y > 1), count(*) FILTER (WHERE k > 1)
      FROM (SELECT person_id, count(DISTINCT district_code) d, count(DISTINCT fy) y, count(DISTINCT (age, sex, mosaic_group)) k FROM v GROUP BY 1)`);
    expect([Number(districts), Number(years), Number(people)]).toEqual([0, 0, 0]);
    const [[inconsistent]] = await sql(engine, `SELECT count(*) FROM (SELECT person_id FROM crime_people WHERE role = 'offender' GROUP BY 1 HAVING count(DISTINCT (sex, mosaic_group)) > 1)`);
    expect(Number(inconsistent)).toBe(0);
    // Tamworth's repeat victims are now people with several crimes, not collisions.
    const tamworth = (await run(engine, 'repeat-victims', { area: 'Tamworth', from: '2018-04-01', to: '2019-03-31' })).rows.find((r) => r.cohort === 'All crime')!;
    expect(Number(tamworth.repeat_victims)).toBeGreaterThan(100);
  });

  // Last: these add records to the workspace.
  it('counts each person once, on their most recent record (profile and Mosaic)', async () => {
    // 50 Lichfield victims of April 2018 are recorded again on a March 2019 crime with another age, sex and group.
    await engine.workspace.withConnection((c) =>
      c.run(`INSERT INTO victims BY NAME
        SELECT (SELECT min(crime_ref) FROM crimes WHERE district_code = 'E07000194' AND recorded_date = DATE '2019-03-29') AS crime_ref,
               v.person_id, v.age + 7 AS age, CASE WHEN v.sex = 'F' THEN 'M' ELSE 'F' END AS sex, 'Urban Cohesion' AS mosaic_group, v.import_id
        FROM victims v JOIN crimes c USING (crime_ref)
        WHERE c.district_code = 'E07000194' AND c.recorded_date BETWEEN DATE '2018-04-01' AND DATE '2018-04-30' AND v.mosaic_group <> 'Urban Cohesion'
        ORDER BY v.person_id LIMIT 50`),
    );
    const people = await one(engine, `SELECT count(DISTINCT p.person_id) FROM crime_people p JOIN crimes c USING (crime_ref) WHERE p.role = 'victim' AND c.district_code = 'E07000194' AND c.recorded_date BETWEEN DATE '2018-04-01' AND DATE '2019-03-31'`);
    const profile = (await run(engine, 'victim-offender-profile', period)).rows.filter((r) => r.role === 'victim');
    expect(profile.reduce((s, r) => s + Number(r.count), 0)).toBe(people);
    const mosaic = (await run(engine, 'mosaic-disproportionality', period)).rows;
    expect(mosaic.reduce((s, r) => s + Number(r.victims), 0)).toBe(people);
  });
});
