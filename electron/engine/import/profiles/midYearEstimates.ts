import type { MappingProfile } from '../../../../shared/datasets/mappingProfile';
import { EngineError } from '../../errors';
import type { ColumnSource, ImportPlan, Target } from '../plan';
import { stagedColumn } from '../plan';
import { column, findHeader } from './headers';

const age = /^(\d{1,2}|90\+)$/;

/** ONS mid-year estimates (SAPE / MYE tables): an area code, "All Ages", then one column per single year of age. */
export function isMidYearEstimates(header: readonly string[]): boolean {
  return findHeader(header, 'all ages') >= 0 && header.filter((h) => age.test(h.trim())).length >= 10 && codeColumn(header) >= 0;
}

function codeColumn(header: readonly string[]): number {
  return findHeader(header, 'area codes', 'area code', 'lsoa code', 'ward code', 'ward code 1', 'code', /code/i);
}

/**
 * One population row per area and age (plus the all-ages total). The area type follows from the ONS code (E01 LSOA,
 * E05 ward, E06–E09/W06 district…); rows for other areas, such as regions, are quarantined with the code named. Year
 * and sex come from the profile's constants, or else from the file name ("mid-2018", "females"), with a warning.
 */
export function midYearEstimatesPlan(header: readonly string[], fileName: string, constants: MappingProfile['constants'] = {}): ImportPlan {
  const code = codeColumn(header);
  const name = findHeader(header, 'area names', 'area name', 'lsoa name', 'ward name', 'ward name 1', 'name', /name/i);
  const warnings: string[] = [];
  const year = constants.year ?? /(?:mid[-_ ]?)((?:19|20)\d\d)/i.exec(fileName)?.[1] ?? /((?:19|20)\d\d)/.exec(fileName)?.[1];
  if (!year) throw new EngineError('invalid_input', 'The year of these estimates is not in the file name: import with a mapping profile whose constants give the year.');
  if (!constants.year) warnings.push(`The year ${year} was taken from the file name.`);
  const sex = constants.sex ?? (/female/i.test(fileName) ? 'female' : /\bmale/i.test(fileName.replace(/female/gi, '')) ? 'male' : 'all');
  if (!constants.sex) warnings.push(`Sex "${sex}" was taken from the file name.`);
  const rawCode = stagedColumn(code);
  const areaType: ColumnSource = {
    from: 'sql',
    label: header[code],
    sql: `CASE WHEN upper(trim(${rawCode})) LIKE 'E01%' OR upper(trim(${rawCode})) LIKE 'W01%' THEN 'lsoa'
               WHEN upper(trim(${rawCode})) LIKE 'E05%' OR upper(trim(${rawCode})) LIKE 'W05%' THEN 'ward'
               WHEN regexp_matches(upper(trim(${rawCode})), '^(E0[6-9]|W06)') THEN 'district'
               WHEN upper(trim(${rawCode})) LIKE 'E22%' THEN 'csp'
               WHEN upper(trim(${rawCode})) LIKE 'E23%' THEN 'force'
               ELSE trim(${rawCode}) END`, // not a type: quarantined as 'area_type "E12000005" is not one of …'
  };
  const ages: [number, string][] = header.flatMap((h, i): [number, string][] =>
    findHeader(header, 'all ages') === i ? [[i, 'all']] : age.test(h.trim()) ? [[i, h.trim()]] : [],
  );
  const targets: Target[] = ages.map(([index, band]) => ({
    dataset: 'population',
    columns: {
      area_code: column(header, code),
      area_name: name >= 0 ? column(header, name) : undefined,
      area_type: areaType,
      year: { from: 'constant', value: year },
      sex: { from: 'constant', value: sex },
      age_band: { from: 'constant', value: band },
      count: column(header, index),
    },
  }));
  return {
    profile: 'ons-mid-year-estimates',
    targets,
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    mode: 'append',
    profileJson: { builtin: 'ons-mid-year-estimates', year, sex },
    warnings,
  };
}

