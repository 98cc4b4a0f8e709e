import path from 'node:path';
import type { Engine } from '../../electron/engine';
import { roundTo } from '../../sample-data/generator/calibrate';
import { readCsv } from '../../sample-data/generator/files';
import { sql } from './importHelpers';

/** Runs a library analysis through the engine's contract and returns every row of its result. */
async function runAnalysis(engine: Engine, id: string, params: Record<string, string>): Promise<Record<string, unknown>[]> {
  const run = await engine.invoke('analyses.run', { id, params, operationId: `op-${id}-check` });
  if (!run.ok) throw new Error(`${id}: ${run.error.message}`);
  const page = await engine.invoke('grid.page', { source: { kind: 'result', id: run.value.resultId }, startRow: 0, endRow: Math.max(1, run.value.rowCount) });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.rows;
}

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
  // The library's analyses reproduce the two tables; everything else is still computed here until its analysis exists.
  const period = { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' };
  const crimeRates = await runAnalysis(engine, 'crime-rates', period);
  for (const r of readCsv(path.join(referenceDir, 'assessment-2019-area-rates.csv'))) {
    const label = `${r.offence_group}${r.offence_subgroup ? ` / ${r.offence_subgroup}` : ''}`;
    if (r.category === 'Anti-social Behaviour') {
      const filter = r.offence_subgroup ? `category = '${r.offence_subgroup}'` : 'true';
      const count = (where: string) => one(`SELECT count(*) FROM asb WHERE reported_date ${FY(2018)} AND ${filter} AND ${where}`);
      expect(`${label}, Lichfield`, ((await count(`district_code = '${LICHFIELD}'`)) / districtPop) * 1000, Number(r.csp_rate_per_1000), 1);
      expect(`${label}, force`, ((await count('true')) / forcePop) * 1000, Number(r.force_rate_per_1000), 1);
      continue;
    }
    const row = crimeRates.find((x) => x.offence_group === r.offence_group && (x.offence_subgroup ?? '') === r.offence_subgroup);
    if (!row) {
      mismatches.push(`${label}: no row from crime-rates`);
      continue;
    }
    expect(`crime-rates ${label}, Lichfield`, Number(row.area_rate), Number(r.csp_rate_per_1000), 1);
    expect(`crime-rates ${label}, force`, Number(row.comparator_rate), Number(r.force_rate_per_1000), 1);
  }

  const wardPop = new Map((await sql(engine, `SELECT g.ward_name, sum(p.count) FROM population p JOIN geography g ON g.lsoa_code = p.area_code
      WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND g.district_code = '${LICHFIELD}' GROUP BY 1`)).map(([w, n]) => [String(w), Number(n)]));
  const wardRates = await runAnalysis(engine, 'ward-rates', period);
  const rename: Record<string, string> = { 'Misc. Crimes Against Society': 'Miscellaneous Crimes Against Society', 'ALL CRIME': 'All crime' };
  for (const row of readCsv(path.join(referenceDir, 'assessment-2019-ward-rates.csv'))) {
    for (const [column, published] of Object.entries(row).filter(([k]) => k !== 'ward_name')) {
      const group = rename[column] ?? column;
      const cell = wardRates.find((x) => x.ward_name === row.ward_name && x.offence_group === group);
      expect(`ward-rates ${row.ward_name} ${column}`, cell ? Number(cell.rate) : Number.NaN, Number(published), 1);
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
  // Flags: domestic abuse, alcohol, vehicles taken in burglaries (shares from the library's analyses).
  const L = `district_code = '${LICHFIELD}'`;
  const pct = async (num: string, den: string) => (100 * (await crimes(`${den} AND ${num}`))) / (await crimes(den));
  expect('Domestic rate, Lichfield', ((await crimes(`domestic AND ${L}`)) / districtPop) * 1000, fig('domestic_rate'), 1);
  expect('Domestic rate, force', ((await crimes('domestic')) / forcePop) * 1000, Number(figures.get('domestic_rate')!.comparator_value), 1);
  const profile = await runAnalysis(engine, 'flag-profile', { ...period, flag: 'domestic' });
  const mix = (group: string, subgroup: string | null) => Number(profile.find((r) => r.offence_group === group && (r.offence_subgroup ?? null) === subgroup)?.pct ?? Number.NaN);
  expect('flag-profile domestic_share_violent', mix('Violence against the Person', null), fig('domestic_share_violent'), 0);
  expect('flag-profile domestic_share_stalking', mix('Violence against the Person', 'Stalking and Harassment'), fig('domestic_share_stalking'), 0);
  expect('flag-profile domestic_share_vwoi', mix('Violence against the Person', 'Violence without injury'), fig('domestic_share_vwoi'), 0);
  expect('flag-profile domestic_share_vwi', mix('Violence against the Person', 'Violence with injury'), fig('domestic_share_vwi'), 0);
  expect('flag-profile domestic_share_criminal_damage', mix('Arson and Criminal Damage', 'Criminal Damage'), fig('domestic_share_criminal_damage'), 0);
  expect('flag-profile domestic_share_theft', mix('Theft', null), fig('domestic_share_theft'), 0);
  expect('flag-profile domestic_share_rape', mix('Sexual Offences', 'Rape'), fig('domestic_share_rape'), 0);
  expect('stalking_domestic_share', await pct('domestic', `offence_subgroup = 'Stalking and Harassment' AND ${L}`), fig('stalking_domestic_share'), 0);
  const travel = await runAnalysis(engine, 'direction-of-travel', { area: 'Lichfield', to: '2019-03-31' });
  const change = (measure: string) => Number(travel.find((r) => r.measure === measure)?.pct_change ?? Number.NaN);
  expect('direction-of-travel domestic_direction', change('Domestic abuse'), fig('domestic_direction'), 0);

  const force = (id: string) => Number(figures.get(id)!.comparator_value);
  expect('Alcohol rate, Lichfield', ((await crimes(`alcohol AND ${L}`)) / districtPop) * 1000, fig('alcohol_rate'), 1);
  expect('Alcohol rate, force', ((await crimes('alcohol')) / forcePop) * 1000, force('alcohol_rate'), 1);
  const alcohol = await runAnalysis(engine, 'alcohol-violence', period);
  const measure = (name: string) => alcohol.find((r) => r.measure === name) ?? {};
  for (const [id, name] of [
    ['alcohol_share_offences', 'All offences'],
    ['alcohol_share_ppv', 'Public-place violence'],
    ['alcohol_share_violence', 'Violence against the person'],
    ['alcohol_share_vwi', 'Violence with injury'],
  ]) {
    expect(`alcohol-violence ${id}, Lichfield`, Number(measure(name).pct), fig(id), 0);
    expect(`alcohol-violence ${id}, force`, Number(measure(name).comparator_pct), force(id), 0);
  }
  expect('alcohol-violence late night', Number(measure('Public-place violence, late night (21:00–04:00)').pct), fig('alcohol_share_ppv_late_night'), 0);
  expect('alcohol-violence day', Number(measure('Public-place violence, day and evening').pct), fig('alcohol_share_ppv_day'), 0);
  for (const [id, ward] of [['alcohol_hotspot_stowe', 'Stowe'], ['alcohol_hotspot_chadsmead', 'Chadsmead']]) {
    expect(id, ((await crimes(`alcohol AND ward_name = '${ward}'`)) / wardPop.get(ward)!) * 1000, fig(id), 1);
  }
  const vehicles = await runAnalysis(engine, 'burglary-vehicle-taken', period);
  expect('burglary-vehicle-taken, Lichfield', Number(vehicles.find((r) => r.level === 'area')?.pct), fig('burglary_vehicle_taken_pct'), 0);
  expect('burglary-vehicle-taken, force', Number(vehicles.find((r) => r.level === 'comparator')?.pct), force('burglary_vehicle_taken_pct'), 0);

  // People: repeat victims and offenders, youth offending, Mosaic groups (crime_people is the engine's view of links).
  const links = (role: string, where: string) =>
    `SELECT p.person_id, p.age, p.mosaic_group, c.* FROM crime_people p JOIN crimes c USING (crime_ref) WHERE p.role = '${role}' AND c.recorded_date ${FY(2018)} AND ${where}`;
  const repeatShares = async (role: string, where: string) => {
    const [[people, repeat, crimeCount, repeatCrimes]] = await sql(engine, `WITH l AS (${links(role, where)}), n AS (SELECT person_id, count(DISTINCT crime_ref) k FROM l GROUP BY 1)
       SELECT (SELECT count(*) FROM n), (SELECT count(*) FROM n WHERE k > 1), (SELECT count(DISTINCT crime_ref) FROM l),
              (SELECT count(DISTINCT crime_ref) FROM l WHERE person_id IN (SELECT person_id FROM n WHERE k > 1))`);
    return { people: Number(people), repeat: Number(repeat), pctPeople: (100 * Number(repeat)) / Number(people), pctCrimes: (100 * Number(repeatCrimes)) / Number(crimeCount) };
  };
  const victims = await runAnalysis(engine, 'repeat-victims', period);
  const cohort = (rows: Record<string, unknown>[], name: string) => rows.find((r) => r.cohort === name) ?? {};
  expect('repeat-victims all, victims', Number(cohort(victims, 'All crime').pct_repeat_victims), fig('repeat_victims_all_pct_victims'), 0);
  expect('repeat-victims all, crimes', Number(cohort(victims, 'All crime').pct_crimes_against_repeat_victims), fig('repeat_victims_all_pct_crimes'), 0);
  expect('repeat-victims domestic, victims', Number(cohort(victims, 'Domestic abuse').pct_repeat_victims), fig('repeat_victims_domestic_pct_victims'), 0);
  expect('repeat-victims domestic, crimes', Number(cohort(victims, 'Domestic abuse').pct_crimes_against_repeat_victims), fig('repeat_victims_domestic_pct_crimes'), 0);
  expect('repeat-victims domestic stalking', Number(cohort(victims, 'Domestic stalking and harassment').pct_crimes_against_repeat_victims), fig('stalking_domestic_repeat_share'), 0);
  const offenders = await runAnalysis(engine, 'repeat-offenders', period);
  expect('repeat-offenders offenders_total', Number(cohort(offenders, 'All crime').offenders), fig('offenders_total'), 0);
  expect('repeat-offenders repeat_offenders', Number(cohort(offenders, 'All crime').repeat_offenders), fig('repeat_offenders'), 0);
  expect('repeat-offenders pct', Number(cohort(offenders, 'All crime').pct_repeat_offenders), fig('repeat_offenders_pct'), 0);
  expect('repeat-offenders pct crimes', Number(cohort(offenders, 'All crime').pct_crimes_by_repeat_offenders), fig('repeat_offenders_pct_crimes'), 0);
  expect('repeat-offenders domestic', Number(cohort(offenders, 'Domestic abuse').pct_crimes_by_repeat_offenders), fig('repeat_offenders_domestic_pct_crimes'), 0);
  expect('repeat-offenders youth', Number(cohort(offenders, 'Youth offenders (under 18)').pct_repeat_offenders), fig('youth_offenders_repeat_pct'), 0);
  expect('repeat-offenders drug-related', Number(cohort(offenders, 'Drug-related crime').pct_repeat_offenders), fig('repeat_offenders_drug_flag_pct'), 0);
  expect('repeat-offenders not drug-related', Number(cohort(offenders, 'Not drug-related').pct_repeat_offenders), force('repeat_offenders_drug_flag_pct'), 0);
  expect('repeat-offenders drug-related share of crime', (100 * Number(cohort(offenders, 'Drug-related crime').crimes)) / Number(cohort(offenders, 'All crime').crimes), fig('drug_offenders_share_crime'), 0);
  const forceOffenders = await runAnalysis(engine, 'repeat-offenders', { ...period, area: 'Staffordshire' });
  expect('repeat-offenders pct, force', Number(cohort(forceOffenders, 'All crime').pct_repeat_offenders), force('repeat_offenders_pct'), 0);
  expect('repeat-offenders pct crimes, force', Number(cohort(forceOffenders, 'All crime').pct_crimes_by_repeat_offenders), force('repeat_offenders_pct_crimes'), 0);
  const youth = await repeatShares('offender', `p.age < 18 AND c.${L}`);
  const under18 = (where: string) => one(`SELECT sum(p.count) FROM population p JOIN geography g ON g.lsoa_code = p.area_code WHERE p.sex = 'all' AND p.age_band IN ('0-15', '16-17') AND ${where}`);
  expect('youth_offender_rate', (youth.people / (await under18(`g.${L}`))) * 1000, fig('youth_offender_rate'), 1);
  expect('youth_offender_rate, force', ((await repeatShares('offender', 'p.age < 18')).people / (await under18('true'))) * 1000, force('youth_offender_rate'), 1);
  const mosaicShare = async (group: string, where: string) => {
    const [[n, d]] = await sql(engine, `WITH l AS (${links('victim', where)}) SELECT count(DISTINCT person_id) FILTER (WHERE mosaic_group = '${group}'), count(DISTINCT person_id) FROM l`);
    return (100 * Number(n)) / Number(d);
  };
  expect('mosaic_prestige_pct_victims', await mosaicShare('Prestige Positions', `c.${L}`), fig('mosaic_prestige_pct_victims'), 0);
  expect('mosaic_family_basics_pct_victims', await mosaicShare('Family Basics', `c.${L}`), fig('mosaic_family_basics_pct_victims'), 0);
  expect('mosaic_prestige_pct_residential_burglary', await mosaicShare('Prestige Positions', `c.offence_subgroup = 'Burglary Residential' AND c.${L}`), fig('mosaic_prestige_pct_residential_burglary'), 0);
  expect('mosaic_prestige_pct_car_key', await mosaicShare('Prestige Positions', `c.offence_subgroup = 'Burglary Residential' AND c.vehicle_taken AND c.${L}`), fig('mosaic_prestige_pct_car_key'), 0);
  for (const [id, group] of [['mosaic_prestige_pct_population', 'Prestige Positions'], ['mosaic_family_basics_pct_population', 'Family Basics']]) {
    expect(id, await one(`SELECT 100.0 * sum(count) FILTER (WHERE mosaic_group = '${group}') / sum(count) FROM mosaic`), fig(id), 0);
  }

  // Hotspot wards the text names, from hotspot-wards.
  const hotspot = async (kind: string, measure: string, ward: string) => {
    const rows = await runAnalysis(engine, 'hotspot-wards', { ...period, measure_kind: kind, measure });
    return Number(rows.find((r) => r.ward_name === ward)?.rate ?? Number.NaN);
  };
  for (const [id, kind, measure, ward] of [
    ['asb_hotspot_chasetown', 'asb', '', 'Chasetown'],
    ['asb_hotspot_stowe', 'asb', '', 'Stowe'],
    ['alcohol_hotspot_stowe', 'flag', 'alcohol', 'Stowe'],
    ['alcohol_hotspot_chadsmead', 'flag', 'alcohol', 'Chadsmead'],
    ['missing_hotspot_longdon', 'incident_type', 'Missing person', 'Longdon'],
    ['burglary_hotspot_shenstone', 'offence_subgroup', 'Burglary Residential', 'Shenstone'],
    ['burglary_hotspot_bourne_vale', 'offence_subgroup', 'Burglary Residential', 'Bourne Vale'],
    ['burglary_hotspot_little_aston', 'offence_subgroup', 'Burglary Residential', 'Little Aston & Stonnall'],
  ]) expect(`hotspot-wards ${id}`, await hotspot(kind, measure, ward), fig(id), 1);

  // Mosaic groups, from mosaic-disproportionality.
  const mosaicRow = async (params: Record<string, string>, group: string) => (await runAnalysis(engine, 'mosaic-disproportionality', { ...period, ...params })).find((r) => r.group === group) ?? {};
  expect('mosaic Prestige residents', Number((await mosaicRow({}, 'Prestige Positions')).pct_population), fig('mosaic_prestige_pct_population'), 0);
  expect('mosaic Prestige victims', Number((await mosaicRow({}, 'Prestige Positions')).pct_victims), fig('mosaic_prestige_pct_victims'), 0);
  expect('mosaic Family Basics residents', Number((await mosaicRow({}, 'Family Basics')).pct_population), fig('mosaic_family_basics_pct_population'), 0);
  expect('mosaic Family Basics victims', Number((await mosaicRow({}, 'Family Basics')).pct_victims), fig('mosaic_family_basics_pct_victims'), 0);
  expect('mosaic Prestige residential burglary', Number((await mosaicRow({ offence_subgroup: 'Burglary Residential' }, 'Prestige Positions')).pct_victims), fig('mosaic_prestige_pct_residential_burglary'), 0);
  expect('mosaic Prestige car key', Number((await mosaicRow({ offence_subgroup: 'Burglary Residential', flag: 'vehicle_taken' }, 'Prestige Positions')).pct_victims), fig('mosaic_prestige_pct_car_key'), 0);

  // Police incidents (incident-rates, direction-of-travel).
  const incidentRates = await runAnalysis(engine, 'incident-rates', period);
  for (const [type, id] of [['Mental health', 'mental_health_rate'], ['Missing person', 'missing_persons_rate'], ['Missing person (high risk)', 'missing_persons_high_risk_rate'], ['Action Fraud referral', 'fraud_rate']]) {
    const row = incidentRates.find((r) => r.incident_type === type) ?? {};
    expect(`incident-rates ${id}, Lichfield`, Number(row.area_rate), fig(id), 1);
    expect(`incident-rates ${id}, force`, Number(row.comparator_rate), Number(figures.get(id)!.comparator_value), 1);
  }
  expect('direction-of-travel missing persons', change('Missing person'), fig('missing_persons_direction'), 0);
  expect('direction-of-travel high-risk missing persons', change('Missing person (high risk)'), fig('missing_persons_high_risk_direction'), 0);
  expect('direction-of-travel ASB', change('Anti-social behaviour'), fig('asb_direction'), 0);
  const incidents = (year: number, where: string) => one(`SELECT count(*) FROM incidents WHERE reported_date ${FY(year)} AND ${where}`);
  expect('Missing persons in Longdon', ((await incidents(2018, `incident_type = 'Missing person' AND ward_name = 'Longdon'`)) / wardPop.get('Longdon')!) * 1000, fig('missing_hotspot_longdon'), 1);
  expect('Action Fraud referrals (to the hundreds given)', (await incidents(2018, `incident_type = 'Action Fraud referral' AND district_code = '${LICHFIELD}'`)) / 100, fig('fraud_referrals') / 100, 0);

  // The synthetic resident survey: respondents, ward counts and the shares the research report gives.
  expect('Survey respondents', await one('SELECT count(DISTINCT respondent_id) FROM survey'), fig('research_survey_respondents'), 0);
  const survey = await runAnalysis(engine, 'survey-results', { area: 'Lichfield' });
  const share = async (question: string) => Number(survey.find((r) => String(r.question).startsWith(question) && r.breakdown === 'All respondents')?.pct ?? Number.NaN);
  for (const [id, question] of [
    ['research_survey_safe_day', 'How safe do you feel in your local area during the day'],
    ['research_survey_unsafe_places_dark', 'Are there places in your local area where you feel unsafe after dark'],
    ['research_survey_teen_activities', 'Are there enough activities for teenagers'],
    ['research_survey_informed', 'Do you feel informed'],
    ['survey_satisfied_area', 'How satisfied are you with your local area'],
  ]) expect(id, await share(question), fig(id), 0);
  const respondents = fig('research_survey_respondents');
  expect('Retired respondents (%)', (100 * (await one(`SELECT count(DISTINCT respondent_id) FROM survey WHERE question = 'Employment status' AND answer = 'Retired'`))) / respondents, fig('research_survey_retired'), 0);
  for (const r of readCsv(path.join(referenceDir, 'research-survey-ward-respondents.csv')).filter((r) => !r.ward_name.startsWith('('))) {
    expect(`Respondents in ${r.ward_name}`, await one(`SELECT count(DISTINCT respondent_id) FROM survey WHERE ward = '${r.ward_name.replaceAll("'", "''")}'`), Number(r.respondents), 0);
  }

  // The synthetic SPI table: the scores and patterns the research report describes.
  const spi = (ward: string, component: string) => one(`SELECT score FROM spi WHERE area_name = '${ward}' AND component = '${component}'`);
  expect('SPI Chasetown Shelter', await spi('Chasetown', 'Shelter'), fig('spi_chasetown_shelter'), 1);
  expect('SPI Chasetown Personal Safety', await spi('Chasetown', 'Personal Safety'), fig('spi_chasetown_personal_safety'), 1);
  for (const ward of ['Boley Park', 'Alrewas & Fradley']) expect(`SPI ${ward} Personal Safety above 70`, Number((await spi(ward, 'Personal Safety')) > 70), 1, 0);
  for (const ward of ['Chasetown', 'Curborough']) expect(`SPI ${ward} Inclusiveness below 35`, Number((await spi(ward, 'Inclusiveness')) < 35), 1, 0);
  return { checked, mismatches };
}
