import { allocate, apportion, rateInterval } from './calibrate';
import type { Flags } from './flags';
import { dayWeights, financialYearDays, hourProfile, occurredBefore, pad, ukDate } from './dates';
import { districtCounts, wardCounts, type DistrictCounts } from './lichfieldCounts';
import type { Places } from './places';
import { groupBy } from './groupBy';
import { LICHFIELD, wardPopulations, type Lsoa } from './population';
import type { Random } from './random';
import { areaRates, figure, wardRates } from './reference';

export interface CrimeRecord {
  ref: string;
  recorded: Date;
  occurred: string;
  group: string;
  subgroup: string | null;
  /** Empty for crimes known only to their district (no usable location). */
  lsoa: string;
  district: string;
}

/** Growth from 2017-18 to 2018-19 by offence group, as recorded crime rose nationally over those years. */
const growth: Record<string, number> = {
  'Violence against the Person': 0.09,
  'Sexual Offences': 0.06,
  Theft: 0.01,
  Burglary: -0.02,
  'Vehicle Offences': 0.04,
  Robbery: 0.08,
  'Arson and Criminal Damage': -0.01,
  'Drug Offences': -0.06,
  'Possession of Weapons': 0.12,
  'Public Order Offences': 0.1,
  'Miscellaneous Crimes Against Society': 0.03,
};

interface Placed {
  group: string;
  lsoa: Lsoa | null;
  district: string;
  subgroup?: string | null;
}

/**
 * Recorded crimes for the force area over two financial years. 2018-19 reproduces the assessment: Lichfield's ward and
 * district rates and the force rates (counts from lichfieldCounts.ts), placed in LSOAs by their attractiveness; 2017-18
 * is the same pattern before a year of growth. Subgroups are dealt out within each group to their calibrated totals.
 */
export function generateCrimes(lsoas: readonly Lsoa[], places: Places, random: Random): CrimeRecord[] {
  const rates = areaRates();
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const wardPopulation = wardPopulations(lsoas);
  const local = wardCounts(rates, figure('population_total').value, wardRates(), wardPopulation);
  const forcePopulation = lsoas.reduce((s, l) => s + l.total, 0);
  const force = districtCounts(rates, forcePopulation, (r) => r.force, local);

  const current: Placed[] = [];
  for (const [ward, byGroup] of local.wards) {
    const inWard = lichfield.filter((l) => l.wardName === ward);
    for (const [group, count] of byGroup) for (const [lsoa, n] of places.spread(count, inWard, random)) for (let i = 0; i < n; i++) current.push({ group, lsoa, district: LICHFIELD });
  }
  for (const [group, n] of local.unlocated) for (let i = 0; i < n; i++) current.push({ group, lsoa: null, district: LICHFIELD });
  const others: Placed[] = [];
  for (const [group, total] of force.groups) {
    for (const [district, count] of places.otherDistricts(total - local.groups.get(group)!, random)) {
      const inDistrict = places.districts.find((d) => d.code === district)!.lsoas;
      for (const [lsoa, n] of places.spread(count, inDistrict, random)) for (let i = 0; i < n; i++) others.push({ group, lsoa, district });
    }
  }
  const subgroups = [...dealSubgroups(current, local, random, wardQuotas(wardPopulation)), ...dealSubgroups(others, subtract(force, local), random)];
  const thisYear = [...current, ...others].map((p, i) => ({ ...p, subgroup: subgroups[i] }));
  const records = [...dated(thisYear, 2018, random), ...dated(previousYear(thisYear, random), 2017, random)].sort(
    (a, b) => a.recorded.getTime() - b.recorded.getTime() || a.tiebreak - b.tiebreak,
  );
  return records.map((r, i) => ({ ...r, ref: `CR/${String(r.recorded.getUTCFullYear()).slice(2)}/${pad(i + 1, 7)}` }));
}

function subtract(force: DistrictCounts, local: DistrictCounts): DistrictCounts {
  return {
    groups: new Map([...force.groups].map(([g, n]) => [g, n - local.groups.get(g)!])),
    subgroups: new Map([...force.subgroups].map(([g, subs]) => [g, new Map([...subs].map(([s, n]) => [s, n - local.subgroups.get(g)!.get(s)!]))])),
  };
}

/** Subgroup rates the text gives for particular wards (residential burglary hotspots). */
const wardSubgroupFigures = [
  { id: 'burglary_hotspot_shenstone', ward: 'Shenstone', group: 'Burglary', subgroup: 'Burglary Residential' },
  { id: 'burglary_hotspot_bourne_vale', ward: 'Bourne Vale', group: 'Burglary', subgroup: 'Burglary Residential' },
  { id: 'burglary_hotspot_little_aston', ward: 'Little Aston & Stonnall', group: 'Burglary', subgroup: 'Burglary Residential' },
];

interface Quota {
  ward: string;
  group: string;
  subgroup: string;
  count: number;
}

function wardQuotas(wardPopulation: Map<string, number>): Quota[] {
  return wardSubgroupFigures.map((f) => {
    const pop = wardPopulation.get(f.ward)!;
    const rate = figure(f.id).value;
    return { ...f, count: allocate([(rate * pop) / 1000], [rateInterval(rate, pop)], rateInterval(rate, pop))[0] };
  });
}

/**
 * Subgroup labels in their calibrated numbers, shuffled over the group's crimes (in the order of `placed`); where a
 * ward has a published subgroup rate, that ward's crimes of the group get their quota of the subgroup first.
 */
function dealSubgroups(placed: Placed[], counts: DistrictCounts, random: Random, quotas: Quota[] = []): (string | null)[] {
  const remaining = new Map([...counts.subgroups].map(([g, subs]) => [g, new Map(subs)]));
  const labels: (string | null)[] = placed.map(() => null);
  for (const q of quotas) {
    const inWard = placed.flatMap((p, i) => (p.group === q.group && p.lsoa?.wardName === q.ward ? [i] : []));
    if (inWard.length < q.count) throw new Error(`${q.ward} has ${inWard.length} ${q.group} crimes, fewer than its ${q.count} ${q.subgroup}.`);
    for (const i of random.shuffle(inWard).slice(0, q.count)) labels[i] = q.subgroup;
    remaining.get(q.group)!.set(q.subgroup, remaining.get(q.group)!.get(q.subgroup)! - q.count);
    // The ward's other crimes of the group take the other subgroups.
    const other = [...remaining.get(q.group)!.keys()].find((s) => s !== q.subgroup)!;
    for (const i of inWard.filter((i) => labels[i] === null)) {
      labels[i] = other;
      remaining.get(q.group)!.set(other, remaining.get(q.group)!.get(other)! - 1);
    }
  }
  const decks = new Map([...remaining].map(([g, subs]) => [g, random.shuffle([...subs].flatMap(([s, n]) => Array<string>(Math.max(0, n)).fill(s)))]));
  return placed.map((p, i) => labels[i] ?? decks.get(p.group)?.pop() ?? null);
}

/** 2017-18: each district's count of each group before its growth, drawn from the same places and subgroups. */
function previousYear(placed: Placed[], random: Random): Placed[] {
  const out: Placed[] = [];
  for (const list of groupBy(placed, (p) => `${p.district}|${p.group}`).values()) {
    const n = Math.round(list.length / ((1 + growth[list[0].group]) * random.around(0.03)));
    for (let i = 0; i < n; i++) out.push({ ...list[random.int(list.length)] });
  }
  return out;
}

function dated(placed: Placed[], year: number, random: Random) {
  const days = financialYearDays(year);
  const weights = dayWeights(days);
  // Days are dealt in proportion to their weight, so every year has the same seasonal shape.
  const perDay = apportion(placed.length, weights);
  const deck = random.shuffle(perDay.flatMap((n, i) => Array<number>(n).fill(i)));
  return placed.map((p, i) => {
    const recorded = days[deck[i]];
    return {
      ref: '',
      recorded,
      occurred: occurredBefore(recorded, hourProfile(p.group), random),
      group: p.group,
      subgroup: p.subgroup ?? null,
      lsoa: p.lsoa?.code ?? '',
      district: p.district,
      tiebreak: random.next(),
    };
  });
}

export const crimeHeader = [
  'Crime Number', 'Date Recorded', 'Time Committed', 'HO Offence Group', 'HO Offence Subgroup', 'LSOA', 'District Code',
  'DA Flag', 'Alcohol Flag', 'Public Place', 'Vehicle Taken', 'Business', 'Drugs Flag', 'Hate Flag', 'VAWG Flag', 'CSE Flag', 'Knife Flag',
];

const yn = (b: boolean) => (b ? 'Y' : 'N');

export function crimeRow(c: CrimeRecord & { flags: Flags }): string[] {
  const f = c.flags;
  return [
    c.ref, ukDate(c.recorded), c.occurred, c.group, c.subgroup ?? '', c.lsoa, c.district,
    ...[f.domestic, f.alcohol, f.publicPlace, f.vehicleTaken, f.business, f.drugs, f.hate, f.vawg, f.cse, f.knife].map(yn),
  ];
}
