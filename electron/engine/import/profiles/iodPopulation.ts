import type { ImportPlan, Target } from '../plan';
import { column, findHeader } from './headers';

const lsoa = /^LSOA code \((\d{4})\)$/i;
const total = /^Total population: mid (\d{4})/i;
const bands: [RegExp, string][] = [
  [total, 'all'],
  [/^Dependent Children aged 0-15: mid \d{4}/i, '0-15'],
  [/^Population aged 16-59: mid \d{4}/i, '16-59'],
  [/^Older population aged 60 and over: mid \d{4}/i, '60+'],
];

export const isIodPopulation = (header: readonly string[]) => findHeader(header, lsoa) >= 0 && findHeader(header, total) >= 0;

/**
 * The IoD2019 File 6 population denominators: one row per LSOA with total and broad age bands, turned long — one
 * population row per LSOA and band (both sexes), for the year the estimate is of (mid-2015).
 */
export function iodPopulationPlan(header: readonly string[]): ImportPlan {
  const year = total.exec(header[findHeader(header, total)])![1];
  const code = column(header, findHeader(header, lsoa));
  const name = column(header, findHeader(header, /^LSOA name/i));
  const targets: Target[] = bands
    .filter(([pattern]) => findHeader(header, pattern) >= 0)
    .map(([pattern, band]) => ({
      dataset: 'population',
      columns: {
        area_code: code,
        area_name: name,
        area_type: { from: 'constant', value: 'lsoa' },
        year: { from: 'constant', value: year },
        sex: { from: 'constant', value: 'all' },
        age_band: { from: 'constant', value: band },
        count: column(header, findHeader(header, pattern)),
      },
    }));
  return {
    profile: 'iod2019-population-denominators',
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    mode: 'append',
    profileJson: { builtin: 'iod2019-population-denominators' },
    targets,
  };
}
