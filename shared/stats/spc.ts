/*
 * XmR (individuals and moving range) charts as NHS England's "Making Data Count" draws them: the centre line is the
 * mean; the natural process limits are mean ± 2.66 × mR̄, mR̄ the mean of the absolute differences between
 * consecutive points (2.66 = 3 / 1.128, three sigma estimated from the moving range); two sigma is two thirds of that,
 * mean ± (2 / 3) × 2.66 × mR̄. The rules for special-cause variation:
 *  - a point outside the process limits;
 *  - a shift: 7 or more consecutive points all above, or all below, the mean (a point on the mean breaks a run);
 *  - a trend: 7 or more consecutive points each higher (or each lower) than the one before (a repeat breaks it);
 *  - two out of three consecutive points close to a limit — beyond two sigma but inside the limit — with all three on
 *    the same side of the mean (the close points are marked).
 * This follows the NHS-R community's implementation of the guidance ("plot the dots", NHSRplotthedots).
 */

export interface XmrLimits {
  mean: number;
  movingRange: number;
  lower: number;
  upper: number;
  lowerTwoSigma: number;
  upperTwoSigma: number;
}

export const RUN = 7;

export function xmrLimits(values: number[]): XmrLimits {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : Number.NaN;
  let ranges = 0;
  for (let i = 1; i < n; i++) ranges += Math.abs(values[i] - values[i - 1]);
  const movingRange = n > 1 ? ranges / (n - 1) : Number.NaN;
  const limit = 2.66 * movingRange;
  return { mean, movingRange, lower: mean - limit, upper: mean + limit, lowerTwoSigma: mean - (2 / 3) * limit, upperTwoSigma: mean + (2 / 3) * limit };
}

export type Signal = 'Outside the limits' | 'Run above the mean' | 'Run below the mean' | 'Rising trend' | 'Falling trend' | 'Two of three beyond two sigma, high' | 'Two of three beyond two sigma, low';

/** Every signal each point takes part in, in rule order. */
export function xmrSignals(values: number[], limits: XmrLimits = xmrLimits(values)): Signal[][] {
  const n = values.length;
  const out: Signal[][] = values.map(() => []);
  const mark = (from: number, to: number, signal: Signal) => {
    for (let i = from; i <= to; i++) if (!out[i].includes(signal)) out[i].push(signal);
  };
  values.forEach((v, i) => {
    if (v > limits.upper || v < limits.lower) mark(i, i, 'Outside the limits');
  });
  // A shift: maximal stretches of points on one side of the mean, marked when RUN long or longer.
  const side = values.map((v) => Math.sign(v - limits.mean));
  for (let start = 0, i = 1; i <= n; i++) {
    if (i === n || side[i] !== side[start]) {
      if (side[start] !== 0 && i - start >= RUN) mark(start, i - 1, side[start] > 0 ? 'Run above the mean' : 'Run below the mean');
      start = i;
    }
  }
  // A trend: step[i] compares point i with point i − 1, so a stretch of steps from a to b spans points a − 1 to b.
  const step = values.map((v, i) => (i === 0 ? 0 : Math.sign(v - values[i - 1])));
  for (let start = 1, i = 2; i <= n; i++) {
    if (i === n || step[i] !== step[start]) {
      if (start < n && step[start] !== 0 && i - start + 1 >= RUN) mark(start - 1, i - 1, step[start] > 0 ? 'Rising trend' : 'Falling trend');
      start = i;
    }
  }
  // Close to a limit: beyond two sigma, not beyond the limit.
  const close = values.map((v) => (v > limits.upperTwoSigma && v <= limits.upper) || (v < limits.lowerTwoSigma && v >= limits.lower));
  for (let i = 0; i + 2 < n; i++) {
    const window = [i, i + 1, i + 2];
    const sameSide = Math.abs(window.reduce((sum, j) => sum + side[j], 0)) === 3;
    if (!sameSide || window.filter((j) => close[j]).length < 2) continue;
    for (const j of window) if (close[j]) mark(j, j, side[j] > 0 ? 'Two of three beyond two sigma, high' : 'Two of three beyond two sigma, low');
  }
  return out;
}
