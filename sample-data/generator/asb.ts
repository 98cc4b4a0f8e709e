import { allocate, apportion, rateInterval, roundTo, type Interval } from './calibrate';
import { dayWeights, financialYearDays, occurredBefore, pad, ukDate } from './dates';
import type { Places } from './places';
import { LICHFIELD, type Lsoa } from './population';
import type { Random } from './random';
import { asbRates, figure } from './reference';

export interface AsbRecord {
  ref: string;
  reported: Date;
  occurred: string;
  category: string;
  lsoa: string;
  district: string;
}

/** ASB the assessment's four categories do not cover (their rates sum to less than the total). */
export const UNCLASSIFIED = 'Other ASB (unclassified)';
const HOURS = [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 9, 10, 11, 11, 10, 8, 6, 4];
const HOTSPOTS: Record<string, string> = { asb_hotspot_chasetown: 'Chasetown', asb_hotspot_stowe: 'Stowe' };

/**
 * ASB incidents for two financial years. Lichfield 2018-19 has the published total (21.7 per 1,000, about 2,250), the
 * published category rates, Chasetown and Stowe at their hotspot rates, and 8% more incidents than 2017-18; the force
 * area has the force rates.
 */
export function generateAsb(lsoas: readonly Lsoa[], places: Places, random: Random): AsbRecord[] {
  const rates = asbRates();
  const total = rates.find((r) => !r.subgroup)!;
  const categories = rates.filter((r) => r.subgroup);
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const population = lichfield.reduce((s, l) => s + l.total, 0);
  const forcePopulation = lsoas.reduce((s, l) => s + l.total, 0);

  // The count also rounds to the published 2,250 at the tens place it is given to.
  const published = figure('asb_incidents').value;
  const local = intersect(rateInterval(total.district, population), { lo: published - 5, hi: published + 4 });
  const localTotal = allocate([published], [local], local)[0];
  const localCategories = splitCategories(localTotal, categories.map((c) => ({ name: c.subgroup!, rate: c.district })), population);
  const forceTotal = allocate([(total.force * forcePopulation) / 1000], [rateInterval(total.force, forcePopulation)], rateInterval(total.force, forcePopulation))[0];
  const forceCategories = splitCategories(forceTotal, categories.map((c) => ({ name: c.subgroup!, rate: c.force })), forcePopulation, localCategories);

  const placed: { lsoa: Lsoa; category?: string }[] = [];
  for (const [lsoa, n] of lichfieldPlaces(localTotal, lichfield, places, random)) for (let i = 0; i < n; i++) placed.push({ lsoa });
  deal(placed, localCategories, random);
  const others: { lsoa: Lsoa; category?: string }[] = [];
  for (const [district, count] of places.otherDistricts(forceTotal - localTotal, random)) {
    const inDistrict = places.districts.find((d) => d.code === district)!.lsoas;
    for (const [lsoa, n] of places.spread(count, inDistrict, random)) for (let i = 0; i < n; i++) others.push({ lsoa });
  }
  deal(others, new Map([...forceCategories].map(([c, n]) => [c, n - (localCategories.get(c) ?? 0)])), random);

  // 2017-18: Lichfield 8% lower (as published), other districts a few per cent either way.
  const rise = figure('asb_direction').value;
  const previousLocal = [...Array(localTotal).keys()].map((k) => localTotal - k).find((p) => roundTo(((localTotal - p) / p) * 100, 0) === rise)!;
  const previous = [...sample(placed, previousLocal, random), ...sample(others, Math.round(others.length / random.around(0.05)), random)];

  const records = [...dated(placed.concat(others), 2018, random), ...dated(previous, 2017, random)].sort((a, b) => a.reported.getTime() - b.reported.getTime() || a.tiebreak - b.tiebreak);
  return records.map((r, i) => ({ ...r, ref: `ASB/${String(r.reported.getUTCFullYear()).slice(2)}/${pad(i + 1, 7)}` }));
}

function intersect(a: Interval, b: Interval): Interval {
  const i = { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
  if (i.lo > i.hi) throw new Error('The published ASB count and rate disagree.');
  return i;
}

/** Category counts inside their published rates, the rest unclassified. `floors`: counts already placed in Lichfield. */
function splitCategories(total: number, categories: { name: string; rate: number }[], population: number, floors?: Map<string, number>): Map<string, number> {
  const intervals = categories.map((c) => {
    const i = rateInterval(c.rate, population);
    return { lo: Math.max(i.lo, floors?.get(c.name) ?? 0), hi: i.hi };
  });
  const targets = categories.map((c) => (c.rate * population) / 1000);
  const rest = total - targets.reduce((a, b) => a + b, 0);
  const counts = allocate([...targets, rest], [...intervals, { lo: floors?.get(UNCLASSIFIED) ?? 0, hi: total }], { lo: total, hi: total });
  return new Map([...categories.map((c, i) => [c.name, counts[i]] as const), [UNCLASSIFIED, counts.at(-1)!]]);
}

/** Lichfield's ASB by LSOA: the hotspot wards at their published rates, the rest by attractiveness. */
function lichfieldPlaces(total: number, lichfield: Lsoa[], places: Places, random: Random): Map<Lsoa, number> {
  const result = new Map<Lsoa, number>();
  let placed = 0;
  for (const [id, ward] of Object.entries(HOTSPOTS)) {
    const inWard = lichfield.filter((l) => l.wardName === ward);
    const pop = inWard.reduce((s, l) => s + l.total, 0);
    const rate = figure(id).value;
    const count = allocate([(rate * pop) / 1000], [rateInterval(rate, pop)], rateInterval(rate, pop))[0];
    for (const [l, n] of places.spread(count, inWard, random)) result.set(l, n);
    placed += count;
  }
  const rest = lichfield.filter((l) => !Object.values(HOTSPOTS).includes(l.wardName));
  for (const [l, n] of places.spread(total - placed, rest, random)) result.set(l, n);
  return result;
}

function deal(placed: { category?: string }[], counts: Map<string, number>, random: Random): void {
  const deck = random.shuffle([...counts].flatMap(([c, n]) => Array<string>(n).fill(c)));
  placed.forEach((p, i) => (p.category = deck[i]));
}

function sample<T>(list: T[], n: number, random: Random): T[] {
  return Array.from({ length: n }, () => ({ ...list[random.int(list.length)] }));
}

function dated(placed: { lsoa: Lsoa; category?: string }[], year: number, random: Random) {
  const days = financialYearDays(year);
  const deck = random.shuffle(apportion(placed.length, dayWeights(days)).flatMap((n, i) => Array<number>(n).fill(i)));
  return placed.map((p, i) => ({
    ref: '',
    reported: days[deck[i]],
    occurred: occurredBefore(days[deck[i]], HOURS, random),
    category: p.category!,
    lsoa: p.lsoa.code,
    district: p.lsoa.districtCode,
    tiebreak: random.next(),
  }));
}

export const asbHeader = ['Incident Number', 'Date Reported', 'Time', 'ASB Category', 'LSOA', 'District Code'];
export const asbRow = (a: AsbRecord) => [a.ref, ukDate(a.reported), a.occurred, a.category, a.lsoa, a.district];
