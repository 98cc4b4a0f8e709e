/**
 * Where each figure of sample-data/reference/assessment-2019-priority-figures.csv comes from: the library analysis,
 * its parameters and the row, and the columns holding the area's and the comparator's value. Periods are the
 * assessment's: 2018-19 (April to March) unless it quotes another, in which case `note` says what the sample can give.
 */
export interface FigureSource {
  id: string;
  params: Record<string, string>;
  /** Column values that pick the row. */
  row: Record<string, string | null>;
  column: string;
  comparatorColumn?: string;
  /** The row holding the comparator's value, when it is not the area's row (the force's row, the other cohort). */
  comparatorRow?: Record<string, string | null>;
  /** Published to the nearest `step` (a count "around 550"); otherwise to the published decimals. */
  step?: number;
  /**
   * Where the assessment disagrees with itself: the ward table it also publishes fixes the ward's population, at which
   * no whole count gives this rate; the ward table is reproduced, and this figure to within one step of its last
   * decimal (the nearest a whole count comes).
   */
  withinOneStep?: true;
  note?: string;
}

const FY = { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' };
const CHANGE = { area: 'Lichfield', to: '2019-03-31' };
const WARD_TABLE =
  'At the population its ward table implies (every ward-table cell a whole count), no whole count gives this rate: the sample keeps the ward table, and comes one step from this figure at most. (The text quotes the 12 months to October 2019.)';
const CHANGE_NOTE = 'The assessment measures this change over the 12 months to October 2019, beyond the data; here 2018-19 on 2017-18.';
const hotspot = (measure_kind: string, measure: string, ward: string): FigureSource => ({ id: 'hotspot-wards', params: { ...FY, measure_kind, measure }, row: { ward_name: ward }, column: 'rate' });
const mix = (offence_group: string, offence_subgroup: string | null): FigureSource => ({ id: 'flag-profile', params: { ...FY, flag: 'domestic' }, row: { offence_group, offence_subgroup }, column: 'pct' });
const rate = (id: string, key: string, value: string, extra: Record<string, string | null> = {}): FigureSource => ({ id, params: FY, row: { [key]: value, ...extra }, column: 'area_rate', comparatorColumn: 'comparator_rate' });
const share = (measure: string): FigureSource => ({ id: 'alcohol-violence', params: FY, row: { measure }, column: 'pct', comparatorColumn: 'comparator_pct' });

export const figureSources: Record<string, FigureSource> = {
  'ASB incidents 2018-19': { ...rate('asb-rates', 'category', 'Total Anti-social Behaviour'), column: 'area_count', comparatorColumn: undefined, step: 10, note: '"2,250" is given to the tens: the rate of 21.7 needs 2,251 to 2,254.' },
  'ASB rate': rate('asb-rates', 'category', 'Total Anti-social Behaviour'),
  'ASB direction of travel': { id: 'direction-of-travel', params: CHANGE, row: { measure: 'Anti-social behaviour' }, column: 'pct_change', note: CHANGE_NOTE },
  'ASB hotspot ward Chasetown': hotspot('asb', '', 'Chasetown'),
  'ASB hotspot ward Stowe': hotspot('asb', '', 'Stowe'),
  'Domestic offences that are violent offences': mix('Violence against the Person', null),
  'Domestic offences: stalking and harassment': mix('Violence against the Person', 'Stalking and Harassment'),
  'Domestic offences: violence without injury': mix('Violence against the Person', 'Violence without injury'),
  'Domestic offences: violence with injury': mix('Violence against the Person', 'Violence with injury'),
  'Domestic offences: criminal damage': mix('Arson and Criminal Damage', 'Criminal Damage'),
  'Domestic offences: theft': mix('Theft', null),
  'Domestic offences: rape': mix('Sexual Offences', 'Rape'),
  'Repeat victims of any crime': { id: 'repeat-victims', params: FY, row: { cohort: 'All crime' }, column: 'pct_repeat_victims' },
  'Crimes against repeat victims': { id: 'repeat-victims', params: FY, row: { cohort: 'All crime' }, column: 'pct_crimes_against_repeat_victims' },
  'Repeat victims of domestic offences': { id: 'repeat-victims', params: FY, row: { cohort: 'Domestic abuse' }, column: 'pct_repeat_victims' },
  'Domestic crimes against repeat victims': { id: 'repeat-victims', params: FY, row: { cohort: 'Domestic abuse' }, column: 'pct_crimes_against_repeat_victims' },
  'Stalking and harassment that is domestic': { id: 'flag-shares', params: { ...FY, flag: 'domestic' }, row: { offence_group: 'Violence against the Person', offence_subgroup: 'Stalking and Harassment' }, column: 'pct' },
  'Domestic stalking against repeat domestic victims': { id: 'repeat-victims', params: FY, row: { cohort: 'Domestic stalking and harassment' }, column: 'pct_crimes_against_repeat_victims' },
  'Domestic offence rate': rate('flag-rates', 'flag', 'Domestic abuse'),
  'Domestic direction of travel': { id: 'direction-of-travel', params: CHANGE, row: { measure: 'Domestic abuse' }, column: 'pct_change', note: CHANGE_NOTE },
  'Domestic hotspot ward Chadsmead': { ...hotspot('flag', 'domestic', 'Chadsmead'), withinOneStep: true, note: WARD_TABLE },
  'Domestic hotspot ward Chasetown': { ...hotspot('flag', 'domestic', 'Chasetown'), withinOneStep: true, note: WARD_TABLE },
  'Burglary share of all crime': { id: 'offence-shares', params: FY, row: { offence_group: 'Burglary', offence_subgroup: null }, column: 'pct', comparatorColumn: 'comparator_pct' },
  'Burglary rate': rate('crime-rates', 'offence_group', 'Burglary', { offence_subgroup: null }),
  'Residential burglary rate': rate('crime-rates', 'offence_group', 'Burglary', { offence_subgroup: 'Burglary Residential' }),
  'Burglaries with a vehicle taken': { id: 'burglary-vehicle-taken', params: FY, row: { level: 'area' }, column: 'pct', comparatorRow: { level: 'comparator' }, comparatorColumn: 'pct' },
  'Residential burglary hotspot ward Shenstone': hotspot('offence_subgroup', 'Burglary Residential', 'Shenstone'),
  'Prestige Positions share of residential burglary victims': { id: 'mosaic-disproportionality', params: { ...FY, offence_subgroup: 'Burglary Residential' }, row: { group: 'Prestige Positions' }, column: 'pct_victims' },
  'Prestige Positions share of car key burglary victims': { id: 'mosaic-disproportionality', params: { ...FY, offence_subgroup: 'Burglary Residential', flag: 'vehicle_taken' }, row: { group: 'Prestige Positions' }, column: 'pct_victims' },
  'Action Fraud referral rate': rate('incident-rates', 'incident_type', 'Action Fraud referral'),
  'Alcohol-related offence rate': rate('flag-rates', 'flag', 'Alcohol-related'),
  'Alcohol-flagged share of all offences': share('All offences'),
  'Alcohol-flagged share of public-place violence': {
    ...share('Public-place violence'),
    note: 'The assessment gives the force figure as 18% in its text and 19% in its summary table; the CSV and the sample follow the text (18%).',
  },
  'Alcohol-flagged share of violent offences': share('Violence against the person'),
  'Alcohol-flagged share of violence with injury': share('Violence with injury'),
  'Mental health calls': { ...rate('incident-rates', 'incident_type', 'Mental health'), column: 'area_count', comparatorColumn: undefined, step: 50, note: '"around 550": its own rate of 5.5 per 1,000 needs 567 to 576 calls, which are "around 550" to the nearest 50 only up to 574.' },
  'Mental health call rate': rate('incident-rates', 'incident_type', 'Mental health'),
  'Missing persons incidents': { ...rate('incident-rates', 'incident_type', 'Missing person'), column: 'area_count', comparatorColumn: undefined, step: 10 },
  'Missing persons rate': rate('incident-rates', 'incident_type', 'Missing person'),
  'High-risk missing persons rate': rate('incident-rates', 'incident_type', 'Missing person (high risk)'),
  'Missing persons direction of travel': { id: 'direction-of-travel', params: CHANGE, row: { measure: 'Missing person' }, column: 'pct_change', note: CHANGE_NOTE },
  'High-risk missing persons direction of travel': { id: 'direction-of-travel', params: CHANGE, row: { measure: 'Missing person (high risk)' }, column: 'pct_change', note: CHANGE_NOTE },
  'Missing persons hotspot ward Longdon': hotspot('incident_type', 'Missing person', 'Longdon'),
  'Missing persons hotspot ward Chasetown': { ...hotspot('incident_type', 'Missing person', 'Chasetown'), withinOneStep: true, note: WARD_TABLE },
  'Child Protection Plans rate': rate('children-rates', 'record_type', 'Child protection plan'),
  'Child Protection Plans hotspot ward Chasetown': { id: 'children-ward-rates', params: { ...FY, record_type: 'Child protection plan' }, row: { ward_name: 'Chasetown' }, column: 'rate' },
  'Looked-after Children rate': rate('children-rates', 'record_type', 'Looked-after child'),
  'Looked-after Children hotspot ward Chadsmead': { id: 'children-ward-rates', params: { ...FY, record_type: 'Looked-after child' }, row: { ward_name: 'Chadsmead' }, column: 'rate' },
  'Offenders living in the area': { id: 'repeat-offenders', params: FY, row: { cohort: 'All crime' }, column: 'offenders' },
  'Repeat or persistent offenders': { id: 'repeat-offenders', params: FY, row: { cohort: 'All crime' }, column: 'repeat_offenders' },
  'Repeat offenders share of offenders': { id: 'repeat-offenders', params: FY, row: { cohort: 'All crime' }, column: 'pct_repeat_offenders' },
  'Crimes by repeat offenders': { id: 'repeat-offenders', params: FY, row: { cohort: 'All crime' }, column: 'pct_crimes_by_repeat_offenders' },
  'Drug-flagged offenders who are repeat offenders': { id: 'repeat-offenders', params: FY, row: { cohort: 'Drug-related crime' }, column: 'pct_repeat_offenders', comparatorRow: { cohort: 'Not drug-related' }, comparatorColumn: 'pct_repeat_offenders', note: 'The comparator here is offenders with no drug-related offending (39%), as the assessment compares.' },
  'Youth offenders who are repeat offenders': { id: 'repeat-offenders', params: FY, row: { cohort: 'Youth offenders (under 18)' }, column: 'pct_repeat_offenders' },
  'Youth offender rate': rate('youth-offenders', 'measure', 'Youth offenders (under 18)'),
  'Crime and ASB rate rank among the force\'s districts (1 = lowest)': { id: 'district-ranking', params: FY, row: { district_name: 'Lichfield' }, column: 'rank' },
};
