import path from 'node:path';
import type { Engine } from '../../electron/engine';
import { roundTo } from '../../sample-data/generator/calibrate';
import { readCsv } from '../../sample-data/generator/files';
import { sql } from './importHelpers';

const LICHFIELD = 'E07000194';
const referenceDir = path.resolve(__dirname, '..', '..', 'sample-data', 'reference');
const FY = (year: number) => `BETWEEN DATE '${year}-04-01' AND DATE '${year + 1}-03-31'`;

/**
 * Computes the assessment's figures from a workspace with plain SQL — independently of the generator, which only
 * wrote files — and lists every one that does not round to its published value. (The analysis library will compute
 * these itself; this is the check that the data can.)
 */
export async function assessmentMismatches(engine: Engine): Promise<{ checked: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  let checked = 0;
  const expect = (what: string, actual: number, published: number, decimals: number) => {
    checked++;
    if (roundTo(actual, decimals) !== published) mismatches.push(`${what}: ${roundTo(actual, decimals + 2)} (published ${published})`);
  };
  const one = async (query: string) => Number((await sql(engine, query))[0][0] ?? 0);
  const popWhere = (where: string) =>
    one(`SELECT sum(p.count) FROM population p JOIN geography g ON g.lsoa_code = p.area_code WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND ${where}`);
  const districtPop = await popWhere(`g.district_code = '${LICHFIELD}'`);
  const forcePop = await popWhere('true');
  expect('Lichfield population', districtPop, 103965, 0);

  const crimes = (where: string) => one(`SELECT count(*) FROM crimes WHERE recorded_date ${FY(2018)} AND ${where}`);
  for (const r of readCsv(path.join(referenceDir, 'assessment-2019-area-rates.csv'))) {
    const asb = r.category === 'Anti-social Behaviour';
    const filter = asb
      ? r.offence_subgroup ? `category = '${r.offence_subgroup}'` : 'true'
      : r.offence_group === 'Total Recorded Crime' ? 'true'
        : r.offence_subgroup ? `offence_group = '${r.offence_group}' AND offence_subgroup = '${r.offence_subgroup}'` : `offence_group = '${r.offence_group}'`;
    const count = (where: string) => (asb ? one(`SELECT count(*) FROM asb WHERE reported_date ${FY(2018)} AND ${filter} AND ${where}`) : crimes(`${filter} AND ${where}`));
    const label = `${r.offence_group}${r.offence_subgroup ? ` / ${r.offence_subgroup}` : ''}`;
    expect(`${label}, Lichfield`, ((await count(`district_code = '${LICHFIELD}'`)) / districtPop) * 1000, Number(r.csp_rate_per_1000), 1);
    expect(`${label}, force`, ((await count('true')) / forcePop) * 1000, Number(r.force_rate_per_1000), 1);
  }

  const wardPop = new Map((await sql(engine, `SELECT g.ward_name, sum(p.count) FROM population p JOIN geography g ON g.lsoa_code = p.area_code
      WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND g.district_code = '${LICHFIELD}' GROUP BY 1`)).map(([w, n]) => [String(w), Number(n)]));
  const rename: Record<string, string> = { 'Misc. Crimes Against Society': 'Miscellaneous Crimes Against Society' };
  for (const row of readCsv(path.join(referenceDir, 'assessment-2019-ward-rates.csv'))) {
    const ward = row.ward_name.replaceAll("'", "''");
    for (const [column, published] of Object.entries(row).filter(([k]) => k !== 'ward_name')) {
      const group = rename[column] ?? column;
      const n = await crimes(`ward_name = '${ward}' AND ${group === 'ALL CRIME' ? 'true' : `offence_group = '${group}'`}`);
      expect(`${row.ward_name} ${column}`, (n / wardPop.get(row.ward_name)!) * 1000, Number(published), 1);
    }
  }

  const figures = new Map(readCsv(path.join(referenceDir, 'assessment-2019-figures.csv')).map((r) => [r.id, r]));
  const fig = (id: string) => Number(figures.get(id)!.value);
  const asbNow = await one(`SELECT count(*) FROM asb WHERE reported_date ${FY(2018)} AND district_code = '${LICHFIELD}'`);
  const asbBefore = await one(`SELECT count(*) FROM asb WHERE reported_date ${FY(2017)} AND district_code = '${LICHFIELD}'`);
  expect('ASB incidents 2018-19 (to the tens given)', asbNow / 10, fig('asb_incidents') / 10, 0);
  expect('ASB change on the previous year (%)', ((asbNow - asbBefore) / asbBefore) * 100, fig('asb_direction'), 0);
  for (const [id, ward] of [['asb_hotspot_chasetown', 'Chasetown'], ['asb_hotspot_stowe', 'Stowe']]) {
    const n = await one(`SELECT count(*) FROM asb WHERE reported_date ${FY(2018)} AND ward_name = '${ward}'`);
    expect(`ASB rate in ${ward}`, (n / wardPop.get(ward)!) * 1000, fig(id), 1);
  }
  const burglary = await crimes(`offence_group = 'Burglary' AND district_code = '${LICHFIELD}'`);
  const all = await crimes(`district_code = '${LICHFIELD}'`);
  expect('Burglary share of crime, Lichfield (%)', (burglary / all) * 100, fig('burglary_share_of_crime'), 0);
  expect('Burglary share of crime, force (%)', ((await crimes(`offence_group = 'Burglary'`)) / (await crimes('true'))) * 100, Number(figures.get('burglary_share_of_crime')!.comparator_value), 0);
  for (const [id, ward] of [['burglary_hotspot_shenstone', 'Shenstone'], ['burglary_hotspot_bourne_vale', 'Bourne Vale'], ['burglary_hotspot_little_aston', 'Little Aston & Stonnall']]) {
    const n = await crimes(`offence_subgroup = 'Burglary Residential' AND ward_name = '${ward}'`);
    expect(`Residential burglary rate in ${ward}`, (n / wardPop.get(ward)!) * 1000, fig(id), 1);
  }
  return { checked, mismatches };
}
