import { apportion, rateInterval } from './calibrate';
import type { CrimeRecord } from './crimes';
import type { Flags } from './flags';
import { shareCount } from './flagTargets';
import { LICHFIELD, type Lsoa } from './population';
import type { Random } from './random';
import { figure } from './reference';
import { groupBy } from './groupBy';
import { repeatPattern } from './repeatPattern';

type Crime = CrimeRecord & { flags: Flags };

export interface PersonLink {
  crimeRef: string;
  personId: string;
  age: number;
  sex: string;
  mosaic: string;
}

/** Mosaic groups and Lichfield's population mix (synthetic; Prestige Positions and Family Basics as published). */
export const mosaicMix: [string, number][] = [
  ['Prestige Positions', 15], ['Country Living', 12], ['Senior Security', 11], ['Suburban Stability', 10], ['Domestic Success', 10],
  ['Rural Reality', 9], ['Aspiring Homemakers', 9], ['Family Basics', 5], ['Vintage Value', 5], ['Modest Traditions', 5],
  ['Transient Renters', 3], ['Municipal Tenants', 3], ['Rental Hubs', 2], ['Urban Cohesion', 1],
];
const PRESTIGE = 'Prestige Positions';
const FAMILY = 'Family Basics';

const victimGroups = new Set(['Violence against the Person', 'Sexual Offences', 'Robbery', 'Theft', 'Burglary', 'Arson and Criminal Damage', 'Vehicle Offences']);
/** Crimes with a person as victim: victim-based offences against people (not businesses), and domestic abuse. */
const hasVictim = (c: Crime) => (victimGroups.has(c.group) && !c.flags.business) || c.flags.domestic;
// How often an offender is identified, by offence (police detection is far higher for some offences than others).
const detection: Record<string, number> = {
  'Drug Offences': 0.95, 'Possession of Weapons': 0.9, 'Public Order Offences': 0.5, 'Miscellaneous Crimes Against Society': 0.5,
  'Violence against the Person': 0.45, 'Sexual Offences': 0.3, Robbery: 0.25, Theft: 0.2, 'Arson and Criminal Damage': 0.15, Burglary: 0.08, 'Vehicle Offences': 0.05,
};

/**
 * Victims and offenders for every crime that has them. For Lichfield in 2018-19, people are made so that the
 * assessment's person-level figures hold: 21% of victims are repeat victims and suffer 38% of crimes; domestic
 * victims 38% / 62% (with 79% of domestic stalking against repeat domestic victims); 1,310 offenders of whom 525 are
 * repeat offenders, with 65% of crimes (69% of domestic crimes); youth offending at its rate and repeat share; Mosaic
 * groups of victims as published. Elsewhere and in 2017-18 the same kind of pattern, uncalibrated.
 */
export function generatePeople(crimes: Crime[], lsoas: readonly Lsoa[], random: Random): { victims: PersonLink[]; offenders: PersonLink[] } {
  const year = (c: Crime) => (c.recorded.getUTCMonth() >= 3 ? c.recorded.getUTCFullYear() : c.recorded.getUTCFullYear() - 1);
  const ids = { next: 1 };
  const id = () => `P${String(ids.next++).padStart(8, '0')}`;
  const victims: PersonLink[] = [];
  const offenders: PersonLink[] = [];
  const under18 = (filter: (l: Lsoa) => boolean) => lsoas.filter(filter).reduce((s, l) => s + l.bands['0-15'].female + l.bands['0-15'].male + l.bands['16-17'].female + l.bands['16-17'].male, 0);

  for (const period of [2018, 2017]) {
    for (const local of [true, false]) {
      const scope = crimes.filter((c) => year(c) === period && (c.district === LICHFIELD) === local);
      const calibrated = period === 2018 && local;
      victims.push(...(calibrated ? lichfieldVictims(scope, id, random) : plainPeople(random.shuffle(scope.filter(hasVictim)), 20, 36, id, 'victim', random)));
      if (calibrated) offenders.push(...lichfieldOffenders(scope, under18((l) => l.districtCode === LICHFIELD), id, random));
      else if (period === 2018) offenders.push(...forceOffenders(scope, offenders, under18(() => true), id, random));
      else offenders.push(...plainPeople(pickDetected(scope, Math.round(scope.length * 0.3), random), 42, 68, id, 'offender', random));
    }
  }
  return { victims, offenders };
}

function lichfieldVictims(scope: Crime[], id: () => string, random: Random): PersonLink[] {
  const cohort = scope.filter(hasVictim);
  const domestic = random.shuffle(cohort.filter((c) => c.flags.domestic));
  const counts = repeatPattern(domestic.length, figure('repeat_victims_domestic_pct_victims').value, figure('repeat_victims_domestic_pct_crimes').value, random);
  // Repeat domestic victims' crimes: domestic stalking first, to its published share, then the rest.
  const repeatSlots = counts.filter((n) => n > 1).reduce((a, b) => a + b, 0);
  const stalking = domestic.filter((c) => c.subgroup === 'Stalking and Harassment');
  const stalkingRepeat = shareCount(figure('stalking_domestic_repeat_share').value, stalking.length);
  const otherDomestic = domestic.filter((c) => c.subgroup !== 'Stalking and Harassment');
  const ordered = [...stalking.slice(0, stalkingRepeat), ...otherDomestic.slice(0, repeatSlots - stalkingRepeat), ...stalking.slice(stalkingRepeat), ...otherDomestic.slice(repeatSlots - stalkingRepeat)];
  const domesticPeople = deal(ordered, counts, id);
  const base = {
    people: counts.length,
    repeat: counts.filter((n) => n > 1).length,
    crimes: domestic.length,
    repeatCrimes: repeatSlots,
  };
  const rest = random.shuffle(cohort.filter((c) => !c.flags.domestic));
  const restPeople = deal(rest, repeatPattern(rest.length, figure('repeat_victims_all_pct_victims').value, figure('repeat_victims_all_pct_crimes').value, random, base), id);
  const people = [...domesticPeople, ...restPeople];
  const mosaic = victimMosaic(people, random);
  return people.flatMap((p, i) => {
    const female = p.crimes.some((c) => c.flags.domestic) ? random.next() < 0.76 : random.next() < 0.5;
    const age = adultAge(random, p.crimes.some((c) => c.group === 'Sexual Offences') ? 16 : 30);
    return p.crimes.map((c) => ({ crimeRef: c.ref, personId: p.id, age, sex: female ? 'F' : 'M', mosaic: mosaic[i] }));
  });
}

/** The count nearest a share of a base; exact where a whole count can round to it (small bases sometimes cannot). */
function nearestShare(pct: number, base: number): number {
  try {
    return shareCount(pct, base);
  } catch {
    return Math.round((pct / 100) * base);
  }
}

/** Mosaic groups for victims: Prestige Positions as published among car-key and residential-burglary victims and all victims; Family Basics as published. */
function victimMosaic(people: { crimes: Crime[] }[], random: Random): string[] {
  const residential = (p: { crimes: Crime[] }) => p.crimes.some((c) => c.subgroup === 'Burglary Residential');
  const carKey = (p: { crimes: Crime[] }) => p.crimes.some((c) => c.subgroup === 'Burglary Residential' && c.flags.vehicleTaken);
  const groups: (string | undefined)[] = people.map(() => undefined);
  const idx = (f: (p: { crimes: Crime[] }) => boolean) => random.shuffle(people.flatMap((p, i) => (f(p) ? [i] : [])));
  const give = (indexes: number[], n: number, group: string) => {
    const free = indexes.filter((i) => groups[i] === undefined);
    if (n < 0 || n > free.length) throw new Error(`Cannot give ${n} victims the Mosaic group ${group}.`);
    for (const i of free.slice(0, n)) groups[i] = group;
  };
  const k = idx(carKey);
  const b = idx(residential);
  const prestigeK = nearestShare(figure('mosaic_prestige_pct_car_key').value, k.length);
  give(k, prestigeK, PRESTIGE);
  const inK = new Set(k);
  give(b.filter((i) => !inK.has(i)), nearestShare(figure('mosaic_prestige_pct_residential_burglary').value, b.length) - prestigeK, PRESTIGE);
  // Everyone else in the group: only from victims outside those two sets, whose shares are now fixed.
  const prestigeSoFar = groups.filter((g) => g === PRESTIGE).length;
  const outside = idx((p) => !residential(p));
  give(outside, nearestShare(figure('mosaic_prestige_pct_victims').value, people.length) - prestigeSoFar, PRESTIGE);
  give(idx(() => true), shareCount(figure('mosaic_family_basics_pct_victims').value, people.length), FAMILY);
  const others = mosaicMix.filter(([g]) => g !== PRESTIGE && g !== FAMILY);
  return groups.map((g) => g ?? others[random.weighted(others.map(([, w]) => w))][0]);
}

function lichfieldOffenders(scope: Crime[], under18: number, id: () => string, random: Random): PersonLink[] {
  const people = figure('offenders_total').value;
  const repeat = figure('repeat_offenders').value;
  const singles = people - repeat;
  // Crimes with an identified offender: as many as make the repeat offenders' crimes their published share.
  let total = singles + 2 * repeat;
  while (shareCount(figure('repeat_offenders_pct_crimes').value, total, total - singles) !== total - singles) total++;
  const detected = pickDetected(scope, total, random);
  const split = drugSplit(detected, people, repeat, total);

  // Drug-related offenders' crimes: every drug offence and enough acquisitive crime; nobody else's is drug-flagged.
  const drugOffences = detected.filter((c) => c.group === 'Drug Offences');
  const acquisitive = random.shuffle(detected.filter((c) => ['Theft', 'Burglary', 'Robbery'].includes(c.group) && !c.flags.domestic));
  const drugCrimes = [...drugOffences, ...acquisitive.slice(0, split.crimes - drugOffences.length)];
  const drugSet = new Set(drugCrimes);
  for (const c of detected) c.flags.drugs = drugSet.has(c);
  const drugPeople = deal(random.shuffle(drugCrimes), repeatCounts(split.crimes, split.repeat, split.people - split.repeat, random), id);

  // Everyone else: repeat offenders take the published share of domestic crimes first.
  const rest = detected.filter((c) => !drugSet.has(c));
  const restRepeat = repeat - split.repeat;
  const restSingles = singles - (split.people - split.repeat);
  const domestic = random.shuffle(rest.filter((c) => c.flags.domestic));
  const domesticRepeat = shareCount(figure('repeat_offenders_domestic_pct_crimes').value, domestic.length);
  const nonDomestic = random.shuffle(rest.filter((c) => !c.flags.domestic));
  const repeatCrimes = rest.length - restSingles;
  const ordered = [...domestic.slice(0, domesticRepeat), ...nonDomestic.slice(0, repeatCrimes - domesticRepeat), ...domestic.slice(domesticRepeat), ...nonDomestic.slice(repeatCrimes - domesticRepeat)];
  const otherPeople = deal(ordered, repeatCounts(rest.length, restRepeat, restSingles, random), id);

  // Youth offenders: the published rate per 1,000 under-18s, with the published repeat share.
  const everyone = [...drugPeople, ...otherPeople];
  const isRepeat = (p: { crimes: Crime[] }) => p.crimes.length > 1;
  const youth = rateInterval(figure('youth_offender_rate').value, under18);
  const young = Math.round((youth.lo + youth.hi) / 2);
  const youngRepeat = shareCount(figure('youth_offenders_repeat_pct').value, young);
  const youngSet = new Set([
    ...random.shuffle(everyone.filter(isRepeat)).slice(0, youngRepeat),
    ...random.shuffle(everyone.filter((p) => !isRepeat(p))).slice(0, young - youngRepeat),
  ]);
  return everyone.flatMap((p) => offenderLinks(p, youngSet.has(p), random));
}

/**
 * How many offenders are drug-related, how many of them repeat, and how many crimes they commit, so that 51% of them
 * are repeat offenders against 39% of the rest, with 12% of the crimes — inside the fixed totals.
 */
function drugSplit(detected: Crime[], people: number, repeat: number, total: number): { people: number; repeat: number; crimes: number } {
  const crimes = shareCount(figure('drug_offenders_share_crime').value, total);
  const drugOffences = detected.filter((c) => c.group === 'Drug Offences').length;
  const available = drugOffences + detected.filter((c) => ['Theft', 'Burglary', 'Robbery'].includes(c.group) && !c.flags.domestic).length;
  if (crimes < drugOffences || crimes > available) throw new Error('Drug-related crime cannot be the published share of crime.');
  const singles = people - repeat;
  for (let n = 1; n < people; n++) {
    try {
      const r = shareCount(figure('repeat_offenders_drug_flag_pct').value, n);
      const otherRepeat = repeat - r;
      const otherSingles = singles - (n - r);
      if (otherRepeat < 0 || otherSingles < 0) continue;
      if (shareCount(figure('repeat_offenders_drug_flag_pct').comparator!, otherRepeat + otherSingles, otherRepeat) !== otherRepeat) continue;
      if (crimes - (n - r) < 2 * r || total - crimes - otherSingles < 2 * otherRepeat) continue;
      return { people: n, repeat: r, crimes };
    } catch {
      // no whole count gives the share at this size; try the next
    }
  }
  throw new Error('No number of drug-related offenders meets the published shares.');
}

/** Counts of crimes per person: `repeat` people with two or more (extras skewed to a few), then `singles` with one. */
function repeatCounts(crimes: number, repeat: number, singles: number, random: Random): number[] {
  const extras = apportion(crimes - singles - 2 * repeat, Array.from({ length: repeat }, () => random.next() ** 3 + 0.05));
  return [...extras.map((e) => 2 + e), ...Array<number>(singles).fill(1)];
}

/** The rest of the force: offenders such that the force as a whole has its published repeat shares and youth rate. */
function forceOffenders(scope: Crime[], lichfield: PersonLink[], under18: number, id: () => string, random: Random): PersonLink[] {
  const local = new Map<string, number>();
  for (const l of lichfield) local.set(l.personId, (local.get(l.personId) ?? 0) + 1);
  const base = { people: local.size, repeat: [...local.values()].filter((n) => n > 1).length, crimes: lichfield.length, repeatCrimes: [...local.values()].filter((n) => n > 1).reduce((a, b) => a + b, 0) };
  const detected = pickDetected(scope, Math.round(scope.length * 0.3), random);
  const counts = repeatPattern(detected.length, figure('repeat_offenders_pct').comparator!, figure('repeat_offenders_pct_crimes').comparator!, random, base);
  const persons = deal(detected, counts, id);
  const youth = rateInterval(figure('youth_offender_rate').comparator!, under18);
  const localYoung = new Set(lichfield.filter((l) => l.age < 18).map((l) => l.personId)).size;
  const young = Math.round((youth.lo + youth.hi) / 2) - localYoung;
  const chosen = new Set(random.shuffle(persons.map((_, i) => i)).slice(0, young));
  return persons.flatMap((p, i) => offenderLinks(p, chosen.has(i), random));
}

function plainPeople(cohort: Crime[], personPct: number, crimePct: number, id: () => string, role: 'victim' | 'offender', random: Random): PersonLink[] {
  if (cohort.length === 0) return [];
  // People belong to one district (and, being made per year, to one year): each district's crimes go to its own
  // people, and a person's age, sex and Mosaic group are the same on every record, so no ID stands for two people.
  return [...groupBy(cohort, (c) => c.district).values()].flatMap((crimes) => {
    const persons = deal(crimes, repeatPattern(crimes.length, personPct, crimePct, random), id);
    return persons.flatMap((p) => (role === 'offender' ? offenderLinks(p, random.next() < 0.12, random) : victimLinks(p, random)));
  });
}

function victimLinks(p: { id: string; crimes: Crime[] }, random: Random): PersonLink[] {
  const age = adultAge(random, 30);
  const sex = random.next() < 0.52 ? 'F' : 'M';
  const mosaic = mosaicMix[random.weighted(mosaicMix.map(([, w]) => w))][0];
  return p.crimes.map((c) => ({ crimeRef: c.ref, personId: p.id, age, sex, mosaic }));
}

function offenderLinks(p: { id: string; crimes: Crime[] }, young: boolean, random: Random): PersonLink[] {
  const age = young ? 12 + random.int(6) : adultAge(random, 27);
  const sex = random.next() < 0.82 ? 'M' : 'F';
  const mosaic = mosaicMix[random.weighted(mosaicMix.map(([g, w]) => (g === FAMILY || g === 'Municipal Tenants' || g === 'Transient Renters' ? w * 4 : w)))][0];
  return p.crimes.map((c) => ({ crimeRef: c.ref, personId: p.id, age, sex, mosaic }));
}

/** Crimes with an identified offender: `n` of them, chosen in proportion to how often each offence is detected. */
function pickDetected(scope: Crime[], n: number, random: Random): Crime[] {
  const keyed = scope.map((c) => ({ c, key: random.next() ** (1 / ((detection[c.group] ?? 0.2) * (c.flags.domestic ? 1.5 : 1))) }));
  return random.shuffle(keyed.sort((a, b) => b.key - a.key).slice(0, n).map((k) => k.c));
}

/** Deals crimes, in order, to people with the given numbers of crimes each. */
function deal(crimes: Crime[], counts: number[], id: () => string): { id: string; crimes: Crime[] }[] {
  let at = 0;
  const people = counts.map((n) => {
    const p = { id: id(), crimes: crimes.slice(at, at + n) };
    at += n;
    return p;
  });
  if (at !== crimes.length) throw new Error(`Dealt ${at} of ${crimes.length} crimes.`);
  return people;
}

function adultAge(random: Random, peak: number): number {
  return Math.max(18, Math.min(90, Math.round(peak + 14 * (random.next() + random.next() + random.next() - 1.5) * 1.4)));
}

/** Synthetic Mosaic population for Lichfield's wards: the district mix exactly, varying from ward to ward. */
export function mosaicPopulation(lsoas: readonly Lsoa[], random: Random): (string | number)[][] {
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const wards = [...new Map(lichfield.map((l) => [l.wardCode, l.wardName]))];
  const wardPop = wards.map(([code]) => lichfield.filter((l) => l.wardCode === code).reduce((s, l) => s + l.total, 0));
  const total = wardPop.reduce((a, b) => a + b, 0);
  const rows: (string | number)[][] = [];
  const byGroup = apportion(total, mosaicMix.map(([, w]) => w));
  mosaicMix.forEach(([group], g) => {
    const counts = apportion(byGroup[g], wardPop.map((p) => p * random.around(0.6)));
    wards.forEach(([code, name], w) => rows.push([code, name, 2018, group, counts[w]]));
  });
  return rows;
}
