import path from 'node:path';
import { apportion, rateInterval } from './calibrate';
import { publicDir, readCsv } from './files';
import { areaRates, figure, wardFigures, wardRates } from './reference';
import { feasibleWardPopulations, type WardConstraints } from './wardPopulation';
import type { Random } from './random';

export const LICHFIELD = 'E07000194';

export interface Lsoa {
  code: string;
  name: string;
  wardCode: string;
  wardName: string;
  districtCode: string;
  districtName: string;
  /** Residents by band and sex for the sample year. */
  bands: Record<Band, { female: number; male: number }>;
  total: number;
}

export const bands = ['0-15', '16-17', '18-59', '60+'] as const;
export type Band = (typeof bands)[number];

/**
 * LSOA populations for 2018: the real mid-2015 estimates (IoD2019 File 6) scaled so that Lichfield has the 103,965
 * residents its assessment uses, the same growth applied to the rest of the force area, then split into bands (the
 * file's 0–15 / 16–59 / 60+, with 16–17 taken from 16–59) and sexes (about half and half, varying a little by area).
 */
export function buildPopulation(random: Random): Lsoa[] {
  const lookup = new Map(
    readCsv(path.join(publicDir, 'geography', 'LSOA11_WD19_LAD19_staffordshire-force.csv')).map((r) => [r.LSOA11CD, r]),
  );
  const iod = readCsv(path.join(publicDir, 'population', 'IoD2019_File6_Population_Denominators_staffordshire-force.csv'));
  const num = (v: string) => Number(v.replace(/,/g, ''));
  const rows = iod.map((r) => {
    const geo = lookup.get(r['LSOA code (2011)'])!;
    const cols = Object.keys(r);
    const at = (prefix: string) => num(r[cols.find((c) => c.startsWith(prefix))!]);
    return {
      geo,
      total2015: at('Total population'),
      b015: at('Dependent Children aged 0-15'),
      b1659: at('Population aged 16-59'),
      b60: at('Older population aged 60 and over'),
    };
  });
  const lichfield2015 = rows.filter((r) => r.geo.LAD19CD === LICHFIELD).reduce((s, r) => s + r.total2015, 0);
  const growth = figure('population_total').value / lichfield2015;

  // District totals scaled, then apportioned to LSOAs so every district sums exactly. Lichfield's wards get populations
  // at which every published ward rate is reachable (see wardPopulation.ts), spread over their LSOAs.
  const totals = new Map<string, number>();
  for (const district of new Set(rows.map((r) => r.geo.LAD19CD))) {
    const inDistrict = rows.filter((r) => r.geo.LAD19CD === district);
    if (district === LICHFIELD) continue;
    const target = Math.round(inDistrict.reduce((s, r) => s + r.total2015, 0) * growth);
    apportion(target, inDistrict.map((r) => r.total2015)).forEach((n, i) => totals.set(inDistrict[i].geo.LSOA11CD, n));
  }
  const lichfield = rows.filter((r) => r.geo.LAD19CD === LICHFIELD);
  const estimates = new Map<string, number>();
  for (const r of lichfield) estimates.set(r.geo.WD19NM, (estimates.get(r.geo.WD19NM) ?? 0) + r.total2015 * growth);
  for (const [w, e] of estimates) estimates.set(w, Math.round(e));
  const districtTotal = figure('population_total').value;
  const districtGroups = new Map(areaRates().filter((r) => !r.subgroup).map((r) => [r.group === 'Total Recorded Crime' ? 'ALL CRIME' : r.group, rateInterval(r.district, districtTotal)]));
  const wardPops = feasibleWardPopulations(estimates, publishedWardRates(), districtGroups, districtTotal, random);
  for (const [ward, pop] of wardPops) {
    const inWard = lichfield.filter((r) => r.geo.WD19NM === ward);
    apportion(pop, inWard.map((r) => r.total2015)).forEach((n, i) => totals.set(inWard[i].geo.LSOA11CD, n));
  }
  return rows
    .map((r) => {
      const total = totals.get(r.geo.LSOA11CD)!;
      const [b015, b1659, b60] = apportion(total, [r.b015, r.b1659, r.b60]);
      const [b1617, b1859] = apportion(b1659, [2, 42]);
      const female = 0.5 + 0.02 * (random.next() - 0.4);
      const split = (n: number) => {
        const [f, m] = apportion(n, [female, 1 - female]);
        return { female: f, male: m };
      };
      return {
        code: r.geo.LSOA11CD,
        name: r.geo.LSOA11NM,
        wardCode: r.geo.WD19CD,
        wardName: r.geo.WD19NM,
        districtCode: r.geo.LAD19CD,
        districtName: r.geo.LAD19NM,
        bands: { '0-15': split(b015), '16-17': split(b1617), '18-59': split(b1859), '60+': split(b60) },
        total,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Population rows in the canonical long form: every LSOA by band (and all ages) and sex (and both). */
export function populationRows(lsoas: readonly Lsoa[], year: number): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const l of lsoas) {
    const sum = (sex: 'female' | 'male' | 'all', band: Band | 'all') => {
      const chosen: readonly Band[] = band === 'all' ? bands : [band];
      return chosen.reduce((s, b) => s + (sex === 'all' ? l.bands[b].female + l.bands[b].male : l.bands[b][sex]), 0);
    };
    for (const sex of ['all', 'female', 'male'] as const) {
      for (const band of ['all', ...bands] as const) rows.push([l.code, l.name, 'lsoa', year, sex, band, sum(sex, band)]);
    }
  }
  return rows;
}

/** Every published rate per 1,000 for each Lichfield ward: the ward table's cells, and the hotspot figures in the text. */
function publishedWardRates(): Map<string, WardConstraints> {
  const rates = new Map([...wardRates()].map(([ward, byGroup]) => [ward, { required: byGroup, preferred: [] as number[] }]));
  for (const f of wardFigures()) rates.get(f.ward)!.preferred.push(f.rate);
  return rates;
}

/** Lichfield's residents by ward name. */
export function wardPopulations(lsoas: readonly Lsoa[]): Map<string, number> {
  const wards = new Map<string, number>();
  for (const l of lsoas) if (l.districtCode === LICHFIELD) wards.set(l.wardName, (wards.get(l.wardName) ?? 0) + l.total);
  return wards;
}
