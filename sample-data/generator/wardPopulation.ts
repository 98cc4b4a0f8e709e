import { rateInterval, type Interval } from './calibrate';
import type { Random } from './random';

export interface WardConstraints {
  /** Ward-table rates by group (and 'ALL CRIME'): every one must be met by a whole count. */
  required: Map<string, number>;
  /** Hotspot rates from the text: met where the other constraints allow (some are from other periods). */
  preferred: number[];
}

/** A run of neighbouring populations at which a ward's cell counts are all the same. */
interface Cluster {
  min: number;
  max: number;
  /** Count range for each group, in `groups` order. */
  lo: number[];
  hi: number[];
  preferredMet: number;
}

const WINDOW = 0.6;
const STEPS = 300_000;

/**
 * Ward populations at which the published figures hold together: every ward-table cell has a whole count, no group's
 * ward counts add up to more than its district total (the rest are crimes located only to the district, as few as
 * possible), and the wards sum exactly to the district population. Hotspot rates quoted in the text are met where that
 * allows. Wards built from best-fit LSOAs can be far from the real wards, so populations range up to 60% either side of
 * the estimates. A seeded annealing search chooses, per ward, a cluster of populations with fixed cell counts; exact
 * populations are then set inside the chosen clusters to meet the total.
 */
export function feasibleWardPopulations(
  estimates: Map<string, number>,
  constraints: Map<string, WardConstraints>,
  districtGroups: Map<string, Interval>,
  districtTotal: number,
  random: Random,
): Map<string, number> {
  const wards = [...estimates.keys()];
  const groups = [...districtGroups.keys()];
  const clusters = wards.map((w) => wardClusters(w, estimates.get(w)!, constraints.get(w)!, groups));
  const dLo = groups.map((g) => districtGroups.get(g)!.lo);
  const dHi = groups.map((g) => districtGroups.get(g)!.hi);
  const centre = (c: Cluster) => (c.min + c.max) / 2;
  const choice = wards.map((w, i) => nearest(clusters[i], estimates.get(w)!));

  const cost = (pick: number[]) => {
    let hard = 0;
    let soft = 0;
    let min = 0;
    let max = 0;
    for (let i = 0; i < pick.length; i++) {
      const c = clusters[i][pick[i]];
      min += c.min;
      max += c.max;
      soft += (constraints.get(wards[i])!.preferred.length - c.preferredMet) * 0.5 + Math.abs(centre(c) - estimates.get(wards[i])!) * 2e-4;
    }
    hard += Math.max(0, min - districtTotal, districtTotal - max);
    for (let g = 0; g < groups.length; g++) {
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < pick.length; i++) {
        lo += clusters[i][pick[i]].lo[g];
        hi += clusters[i][pick[i]].hi[g];
      }
      // Ward cells can never add up to more than the district; a shortfall is crimes located only to the district.
      hard += Math.max(0, lo - dHi[g]) * 10;
      soft += Math.max(0, dLo[g] - hi) * 0.2;
    }
    return hard * 20 + soft;
  };
  const hardOk = (pick: number[]) => cost(pick) < 20 * 0.5; // any hard violation costs at least 20

  let current = cost(choice);
  let best = { pick: [...choice], cost: current };
  for (let step = 0; step < STEPS; step++) {
    const temperature = 10 * (1 - step / STEPS) + 0.01;
    const trial = [...choice];
    const moves = 1 + random.int(2);
    for (let m = 0; m < moves; m++) {
      const a = random.int(wards.length);
      trial[a] = Math.max(0, Math.min(clusters[a].length - 1, trial[a] + (random.int(2) ? 1 : -1) * (1 + random.int(3))));
    }
    const next = cost(trial);
    if (next <= current || random.next() < Math.exp((current - next) / temperature)) {
      choice.splice(0, choice.length, ...trial);
      current = next;
      if (current < best.cost) best = { pick: [...choice], cost: current };
    }
  }
  if (!hardOk(best.pick)) throw new Error('No ward populations make the published ward and district figures agree.');
  return exactPopulations(wards, best.pick.map((k, i) => clusters[i][k]), estimates, districtTotal);
}

function wardClusters(ward: string, estimate: number, c: WardConstraints, groups: string[]): Cluster[] {
  const list: Cluster[] = [];
  for (let p = Math.floor(estimate * (1 - WINDOW)); p <= Math.ceil(estimate * (1 + WINDOW)); p++) {
    const intervals = new Map<string, Interval>();
    let ok = true;
    for (const [group, rate] of c.required) {
      const interval = tryInterval(rate, p);
      if (!interval) {
        ok = false;
        break;
      }
      intervals.set(group, interval);
    }
    if (!ok) continue;
    // The all-crime count must be reachable as a sum of the group counts.
    const parts = [...intervals].filter(([g]) => g !== 'ALL CRIME');
    const all = intervals.get('ALL CRIME')!;
    if (parts.reduce((s, [, i]) => s + i.lo, 0) > all.hi || parts.reduce((s, [, i]) => s + i.hi, 0) < all.lo) continue;
    const lo = groups.map((g) => intervals.get(g)!.lo);
    const hi = groups.map((g) => intervals.get(g)!.hi);
    const preferredMet = c.preferred.filter((r) => tryInterval(r, p)).length;
    const last = list.at(-1);
    if (last && last.max === p - 1 && last.preferredMet === preferredMet && same(last.lo, lo) && same(last.hi, hi)) last.max = p;
    else list.push({ min: p, max: p, lo, hi, preferredMet });
  }
  if (list.length === 0) throw new Error(`No population near ${estimate} meets the published rates for ${ward}.`);
  return list;
}

/** Populations inside the chosen clusters, nearest the estimates, then nudged within the clusters to sum exactly. */
function exactPopulations(wards: string[], chosen: Cluster[], estimates: Map<string, number>, total: number): Map<string, number> {
  const pops = chosen.map((c, i) => Math.min(c.max, Math.max(c.min, estimates.get(wards[i])!)));
  let diff = total - pops.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % pops.length) {
    const room = diff > 0 ? chosen[i].max - pops[i] : chosen[i].min - pops[i];
    const step = diff > 0 ? Math.min(diff, room, 1) : Math.max(diff, room, -1);
    pops[i] += step;
    diff -= step;
    if (i === pops.length - 1 && pops.every((p, k) => (diff > 0 ? p === chosen[k].max : p === chosen[k].min))) throw new Error('Cluster ranges cannot meet the total.');
  }
  return new Map(wards.map((w, i) => [w, pops[i]]));
}

function tryInterval(rate: number, population: number): Interval | undefined {
  try {
    return rateInterval(rate, population);
  } catch {
    return undefined;
  }
}

const same = (a: number[], b: number[]) => a.every((v, i) => v === b[i]);

function nearest(clusters: Cluster[], target: number): number {
  let best = 0;
  const d = (c: Cluster) => (target < c.min ? c.min - target : target > c.max ? target - c.max : 0);
  for (let k = 1; k < clusters.length; k++) if (d(clusters[k]) < d(clusters[best])) best = k;
  return best;
}
