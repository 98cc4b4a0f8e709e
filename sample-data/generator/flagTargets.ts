import { percentInterval, rateInterval, type Interval } from './calibrate';

/** Whole counts for a set of shares of one base that must all round to their published percentages. */
export function shareCount(pct: number, base: number, target = (pct / 100) * base): number {
  const range = percentInterval(pct, base);
  return Math.min(range.hi, Math.max(range.lo, Math.round(target)));
}

export function within(value: number, interval: Interval): boolean {
  return value >= interval.lo && value <= interval.hi;
}

/**
 * Public-place violence split into late night (21:00–04:00) and the rest, with alcohol counts in each, so that the
 * late-night, daytime and overall alcohol shares all round to their published values. Searches the size of the
 * late-night part near a third of the whole (the split those three shares imply).
 */
export function publicPlaceSplit(total: number, late: number, day: number, overall: number): { late: number; alcoholLate: number; alcoholDay: number } {
  const implied = (overall - day) / (late - day);
  const centre = Math.round(total * implied);
  for (let d = 0; d < total; d++) {
    for (const n of [centre - d, centre + d]) {
      if (n <= 0 || n >= total) continue;
      const lateRange = percentInterval(late, n);
      const dayRange = percentInterval(day, total - n);
      const all = percentInterval(overall, total);
      for (let a = lateRange.lo; a <= lateRange.hi; a++) {
        for (let b = dayRange.lo; b <= dayRange.hi; b++) if (within(a + b, all)) return { late: n, alcoholLate: a, alcoholDay: b };
      }
    }
  }
  throw new Error('No split of public-place violence meets the published alcohol shares.');
}

/** A count that is a published rate per 1,000 of a population and also a published share of another base. */
export function rateAndShare(rate: number, population: number, pct: number, base: number): number {
  const r = rateInterval(rate, population);
  const s = percentInterval(pct, base);
  const lo = Math.max(r.lo, s.lo);
  const hi = Math.min(r.hi, s.hi);
  if (lo > hi) throw new Error(`No count is both ${rate} per 1,000 of ${population} and ${pct}% of ${base}.`);
  return Math.round((lo + hi) / 2);
}

/** A count that is a published share of two bases at once (e.g. domestic stalking: of domestic crime, of stalking). */
export function shareOfBoth(pct1: number, base1: number, pct2: number, base2: number): number {
  const a = percentInterval(pct1, base1);
  const b = percentInterval(pct2, base2);
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (lo > hi) throw new Error(`No count is both ${pct1}% of ${base1} and ${pct2}% of ${base2}.`);
  return Math.round((lo + hi) / 2);
}
