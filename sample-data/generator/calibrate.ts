/**
 * Counts that reproduce published figures. A published rate (58.8 per 1,000) allows a range of counts for a given
 * population; the generator draws counts inside those ranges, so the figures are reproduced by the data and the
 * analyses, not looked up. Rounding is to the published precision, half away from zero.
 */

export interface Interval {
  lo: number;
  hi: number;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9) / f;
}

/** Every whole count whose rate per `per` of `population` rounds to `rate` at `decimals` places. */
export function rateInterval(rate: number, population: number, per = 1000, decimals = 1): Interval {
  const centre = (rate * population) / per;
  const slack = (0.5 * 10 ** -decimals * population) / per + 1;
  let lo = Math.max(0, Math.floor(centre - slack));
  let hi = Math.ceil(centre + slack);
  const ok = (c: number) => roundTo((c / population) * per, decimals) === rate;
  while (lo <= hi && !ok(lo)) lo++;
  while (hi >= lo && !ok(hi)) hi--;
  if (lo > hi) throw new Error(`No whole count gives ${rate} per ${per} of ${population}.`);
  return { lo, hi };
}

/**
 * The counts that come nearest a published rate: those that round to it, or, where no whole count can (a ward's
 * population fixed by other figures), the one nearest it, which rounds one step away.
 */
export function nearestRateInterval(rate: number, population: number, per = 1000, decimals = 1): Interval {
  try {
    return rateInterval(rate, population, per, decimals);
  } catch {
    const n = Math.round((rate * population) / per);
    return { lo: n, hi: n };
  }
}

/** Every whole numerator whose percentage of `denominator` rounds to `pct` (whole percent by default). */
export function percentInterval(pct: number, denominator: number, decimals = 0): Interval {
  return rateInterval(pct, denominator, 100, decimals);
}

/**
 * Whole parts, each inside its own interval and as close as possible to its target, whose sum lies inside `total`.
 * Greedy: start from the nearest allowed value to each target, then move the parts with the most room one step at a
 * time towards the total. Throws if the intervals cannot meet the total (the published figures would then disagree).
 */
export function allocate(targets: readonly number[], parts: readonly Interval[], total: Interval): number[] {
  const counts = targets.map((t, i) => Math.min(parts[i].hi, Math.max(parts[i].lo, Math.round(t))));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum < total.lo || sum > total.hi) {
    const up = sum < total.lo;
    // The part whose move costs least: furthest on the far side of its target, with room to move.
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < counts.length; i++) {
      if (up ? counts[i] >= parts[i].hi : counts[i] <= parts[i].lo) continue;
      const cost = up ? counts[i] + 1 - targets[i] : targets[i] - (counts[i] - 1);
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    if (best < 0) throw new Error(`Parts cannot sum to ${total.lo}–${total.hi} (at ${sum}).`);
    counts[best] += up ? 1 : -1;
    sum += up ? 1 : -1;
  }
  return counts;
}

/** Splits a whole number into whole parts proportional to weights (largest remainder), summing exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const remainder = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < remainder; k++) counts[order[k % order.length][1]]++;
  return counts;
}

/** The count a year earlier from which `now` is the given whole-percentage change; throws when there is none. */
export function previousForChange(now: number, changePct: number): number {
  const target = Math.round(now / (1 + changePct / 100));
  for (let d = 0; d < now; d++) for (const p of [target - d, target + d]) if (p > 0 && roundTo(((now - p) / p) * 100, 0) === roundTo(changePct, 0)) return p;
  throw new Error(`No earlier count gives a ${changePct}% change to ${now}.`);
}
