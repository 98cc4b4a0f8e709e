import { allocate, rateInterval, type Interval } from './calibrate';
import type { AreaRate } from './reference';

export interface DistrictCounts {
  /** Crimes by offence group, whole district. */
  groups: Map<string, number>;
  /** Crimes by group and subgroup (only for groups with published subgroups). */
  subgroups: Map<string, Map<string, number>>;
}

export interface WardCounts extends DistrictCounts {
  /** Crimes by ward name and offence group. */
  wards: Map<string, Map<string, number>>;
  /** Crimes by offence group known only to the district (no usable location): counted in its rates, in no ward's. */
  unlocated: Map<string, number>;
}

export const TOTAL = 'Total Recorded Crime';

/**
 * Group totals inside their published rates that also add up to the published total; subgroups inside each group.
 * `bounds` narrows a group's range further (to what its ward cells allow; to at least a district's share of a force).
 */
export function districtCounts(
  rates: readonly AreaRate[],
  population: number,
  pick: (r: AreaRate) => number,
  floors?: DistrictCounts,
  bounds?: Map<string, Interval>,
): DistrictCounts {
  const groupRates = rates.filter((r) => !r.subgroup && r.group !== TOTAL);
  const total = rateInterval(pick(rates.find((r) => r.group === TOTAL)!), population);
  const subIntervals = (group: string) =>
    rates.filter((s) => s.group === group && s.subgroup).map((s) => atLeast(rateInterval(pick(s), population), floors?.subgroups.get(group)?.get(s.subgroup!)));
  const intervals = groupRates.map((r) => {
    const own = atLeast(rateInterval(pick(r), population), floors?.groups.get(r.group));
    const extra = bounds?.get(r.group);
    let narrowed = extra ? { lo: Math.max(own.lo, extra.lo), hi: Math.min(own.hi, extra.hi) } : own;
    // A group with subgroups must also be a total its subgroups can reach.
    const subs = subIntervals(r.group);
    if (subs.length > 0) narrowed = { lo: Math.max(narrowed.lo, subs.reduce((a, i) => a + i.lo, 0)), hi: Math.min(narrowed.hi, subs.reduce((a, i) => a + i.hi, 0)) };
    if (narrowed.lo > narrowed.hi) throw new Error(`${r.group}: the ward figures cannot add up to the district rate ${pick(r)}.`);
    return narrowed;
  });
  const totals = allocate(groupRates.map((r) => (pick(r) * population) / 1000), intervals, total);
  const groups = new Map(groupRates.map((r, i) => [r.group, totals[i]]));
  const subgroups = new Map<string, Map<string, number>>();
  for (const [group, count] of groups) {
    const subs = rates.filter((r) => r.group === group && r.subgroup);
    if (subs.length === 0) continue;
    const counts = allocate(subs.map((r) => (pick(r) * population) / 1000), subIntervals(group), { lo: count, hi: count });
    subgroups.set(group, new Map(subs.map((r, i) => [r.subgroup!, counts[i]])));
  }
  return { groups, subgroups };
}

const atLeast = (interval: Interval, floor: number | undefined): Interval => ({ lo: Math.max(interval.lo, floor ?? 0), hi: interval.hi });

/**
 * Ward-by-group counts for Lichfield that reproduce every cell of the ward table and every group row of the area table:
 * each group's ward counts are allocated inside their ward-rate ranges to the group's district total; then wards whose
 * all-crime total falls outside its published range trade single crimes of a group with wards that have room.
 */
export function wardCounts(
  rates: readonly AreaRate[],
  population: number,
  wardRates: Map<string, Map<string, number>>,
  wardPopulation: Map<string, number>,
): WardCounts {
  const wards = [...wardRates.keys()];
  const counts = new Map(wards.map((w) => [w, new Map<string, number>()]));
  const range = new Map<string, Map<string, Interval>>();
  for (const w of wards) {
    const pop = wardPopulation.get(w);
    if (!pop) throw new Error(`No population for ward ${w}.`);
    range.set(w, new Map([...wardRates.get(w)!].map(([g, rate]) => [g, rateInterval(rate, pop)])));
  }
  // A group's district total must be reachable from its ward cells: the sum of the wards' ranges bounds it.
  const groups = [...wardRates.values().next().value!.keys()].filter((g) => g !== 'ALL CRIME');
  const reach = new Map(
    groups.map((g) => [g, wards.reduce((b, w) => ({ lo: b.lo + range.get(w)!.get(g)!.lo, hi: b.hi + range.get(w)!.get(g)!.hi }), { lo: 0, hi: 0 })]),
  );
  // The district total is at least what the wards must hold; any more are crimes located only to the district.
  const bounds = new Map([...reach].map(([g, r]) => [g, { lo: r.lo, hi: Number.MAX_SAFE_INTEGER }]));
  const district = districtCounts(rates, population, (r) => r.district, undefined, bounds);
  const unlocated = new Map<string, number>();
  for (const [group, total] of district.groups) {
    const inWards = Math.min(total, reach.get(group)!.hi);
    unlocated.set(group, total - inWards);
    const allocated = allocate(
      wards.map((w) => (wardRates.get(w)!.get(group)! * wardPopulation.get(w)!) / 1000),
      wards.map((w) => range.get(w)!.get(group)!),
      { lo: inWards, hi: inWards },
    );
    wards.forEach((w, i) => counts.get(w)!.set(group, allocated[i]));
  }
  repairWardTotals(wards, counts, range);
  return { ...district, wards: counts, unlocated };
}

function repairWardTotals(wards: string[], counts: Map<string, Map<string, number>>, range: Map<string, Map<string, Interval>>): void {
  const sum = (w: string) => [...counts.get(w)!.values()].reduce((a, b) => a + b, 0);
  const all = (w: string) => range.get(w)!.get('ALL CRIME')!;
  const inRange = (w: string, g: string, c: number) => c >= range.get(w)!.get(g)!.lo && c <= range.get(w)!.get(g)!.hi;
  for (let guard = 0; guard < 10_000; guard++) {
    const bad = wards.find((w) => sum(w) < all(w).lo || sum(w) > all(w).hi);
    if (!bad) return;
    const up = sum(bad) < all(bad).lo;
    let moved = false;
    // Move one crime of some group between `bad` and another ward that stays within every range.
    for (const other of wards) {
      if (other === bad) continue;
      const otherTotal = sum(other) + (up ? -1 : 1);
      if (otherTotal < all(other).lo || otherTotal > all(other).hi) continue;
      for (const group of counts.get(bad)!.keys()) {
        const mine = counts.get(bad)!.get(group)! + (up ? 1 : -1);
        const theirs = counts.get(other)!.get(group)! + (up ? -1 : 1);
        if (inRange(bad, group, mine) && inRange(other, group, theirs)) {
          counts.get(bad)!.set(group, mine);
          counts.get(other)!.set(group, theirs);
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    if (!moved) throw new Error(`Ward ${bad}: its all-crime rate cannot be met within the group rates.`);
  }
  throw new Error('Ward totals did not settle.');
}
