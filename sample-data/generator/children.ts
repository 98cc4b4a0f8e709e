import { apportion, rateInterval } from './calibrate';
import { financialYearDays, pad } from './dates';
import type { IncidentRecord } from './incidents';
import { LICHFIELD, type Lsoa } from './population';
import type { Random } from './random';
import { priorityFigure } from './reference';

export const CHILD_PROTECTION = 'Child protection plan';
export const LOOKED_AFTER = 'Looked-after child';

/** Children's social-care records and the assessment's rates per 10,000 under-18s (Lichfield, force, hotspot ward). */
const specs = [
  { type: CHILD_PROTECTION, measure: 'Child Protection Plans rate', hotspot: 'Child Protection Plans hotspot ward Chasetown', ward: 'Chasetown' },
  { type: LOOKED_AFTER, measure: 'Looked-after Children rate', hotspot: 'Looked-after Children hotspot ward Chadsmead', ward: 'Chadsmead' },
];

const under18 = (l: Lsoa) => l.bands['0-15'].female + l.bands['0-15'].male + l.bands['16-17'].female + l.bands['16-17'].male;
const sum = (lsoas: readonly Lsoa[]) => lsoas.reduce((s, l) => s + under18(l), 0);
const feasible = (rate: number, population: number) => {
  try {
    return rateInterval(rate, population, 10_000, 0);
  } catch {
    return undefined;
  }
};

/**
 * A whole-number rate per 10,000 of a ward's thousand or so children holds only at some populations (132 per 10,000
 * of 1,000 children is 13.2 children). Moves the fewest residents of the ward's largest LSOA between the 0-15 and
 * 18-59 bands (its total unchanged) so the published ward rate can be met. Runs before anything reads the bands.
 */
export function fitChildPopulations(lsoas: Lsoa[]): void {
  for (const spec of specs) {
    const inWard = lsoas.filter((l) => l.districtCode === LICHFIELD && l.wardName === spec.ward);
    const rate = priorityFigure(spec.hotspot).area;
    const base = sum(inWard);
    const delta = [0, ...Array.from({ length: 200 }, (_, k) => [k + 1, -(k + 1)]).flat()].find((d) => feasible(rate, base + d));
    if (delta === undefined) throw new Error(`No under-18 population of ${spec.ward} near ${base} gives ${rate} per 10,000.`);
    const largest = inWard.reduce((a, b) => (under18(b) > under18(a) ? b : a));
    largest.bands['0-15'].female += delta;
    largest.bands['18-59'].female -= delta;
  }
}

/**
 * Children on child protection plans and looked-after children in 2018-19, one record each (in the incident log,
 * dated when first recorded in the year): Lichfield, its hotspot ward and the force area at their published rates per
 * 10,000 under-18s, the rest spread over LSOAs by their children.
 */
export function generateChildren(lsoas: readonly Lsoa[], random: Random): IncidentRecord[] {
  const days = financialYearDays(2018);
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const others = lsoas.filter((l) => l.districtCode !== LICHFIELD);
  const middle = (i: { lo: number; hi: number }) => Math.round((i.lo + i.hi) / 2);
  const placed: { type: string; lsoa: Lsoa }[] = [];
  const spread = (type: string, n: number, where: readonly Lsoa[]) =>
    apportion(n, where.map((l) => under18(l) * random.around(0.5))).forEach((k, i) => placed.push(...Array.from({ length: k }, () => ({ type, lsoa: where[i] }))));
  for (const spec of specs) {
    const figure = priorityFigure(spec.measure);
    const inWard = lichfield.filter((l) => l.wardName === spec.ward);
    const hot = middle(rateInterval(priorityFigure(spec.hotspot).area, sum(inWard), 10_000, 0));
    const local = middle(rateInterval(figure.area, sum(lichfield), 10_000, 0));
    const force = middle(rateInterval(figure.comparator!, sum(lsoas), 10_000, 0));
    spread(spec.type, hot, inWard);
    spread(spec.type, local - hot, lichfield.filter((l) => l.wardName !== spec.ward));
    spread(spec.type, force - local, others);
  }
  return placed.map((p, i) => ({ ref: `CSC/18/${pad(i + 1, 7)}`, reported: days[random.int(days.length)], type: p.type, risk: '', lsoa: p.lsoa.code, district: p.lsoa.districtCode }));
}
