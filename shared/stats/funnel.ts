import { gammaP } from './gamma';
import { normalQuantile } from './normal';

/*
 * Funnel-plot control limits for a crude rate, as PHEindicatormethods' calculate_funnel_limits draws them for
 * statistic = "rate": around the average rate of all areas, exact Poisson limits. PHE draws the funnel through points
 * (events E, population P): the lower limit's population is the one whose expected count is the exact upper Poisson
 * limit of E (qgamma(1 − α/2, E + 1)), the upper limit's the one whose expected count is the exact lower limit
 * (qgamma(α/2, E)); the limit there is E / P. Here the same curve is read at an area's own population: the E (not
 * necessarily whole) whose limit is that population's expected count. Limits are rates per person: multiply by `per`.
 */

function check(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, not ${confidence}`);
  return 1 - confidence;
}

/** The a with P(a, mu) = target, for P decreasing in a: bisection over (lo, ∞). */
function solveShape(mu: number, target: number, lo: number): number {
  let hi = Math.max(2 * lo + 2, mu + 10 * Math.sqrt(mu) + 10);
  while (gammaP(hi, mu) > target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(mid, mu) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The funnel's lower limit at `population` around `average` (a rate per person). */
export function funnelLower(population: number, average: number, confidence: number): number {
  const alpha = check(confidence);
  if (!(population > 0) || !(average >= 0)) return Number.NaN;
  const mu = average * population;
  // Below one expected event the lower limit is 0 events (PHE floors its limits at 0).
  if (mu === 0 || gammaP(1, mu) <= 1 - alpha / 2) return 0;
  return (solveShape(mu, 1 - alpha / 2, 1) - 1) / population;
}

/** The funnel's upper limit at `population` around `average`. */
export function funnelUpper(population: number, average: number, confidence: number): number {
  const alpha = check(confidence);
  if (!(population > 0) || !(average >= 0)) return Number.NaN;
  const mu = average * population;
  if (mu === 0) return 0;
  return solveShape(mu, alpha / 2, 0) / population;
}

/** Rates per `per` (funnel_lower / funnel_upper in SQL); `average` is per `per` too. */
export const funnelLowerRate = (population: number, average: number, per: number, confidence: number) => funnelLower(population, average / per, confidence) * per;
export const funnelUpperRate = (population: number, average: number, per: number, confidence: number) => funnelUpper(population, average / per, confidence) * per;

/*
 * Overdispersion (Spiegelhalter, "Funnel plots for comparing institutional performance", Statistics in Medicine
 * 2005): when far more areas fall outside the limits than chance allows, the Poisson limits are too narrow. Each area's
 * z-score is (rate − average) / s, with s = √(average / population) the Poisson standard error; the z-scores are
 * Winsorised at their 10th and 90th percentiles (so a few extreme areas cannot drive the adjustment), and
 * φ = mean(z²). Multiplicative: limits average ± z_α · √φ · s. Additive random effects (DerSimonian–Laird):
 * τ² = (nφ − (n − 1)) / (Σw − Σw² / Σw), w = 1 / s², and limits average ± z_α · √(s² + τ²). With φ ≤ 1, no adjustment.
 */

/** The p-th quantile by linear interpolation between order statistics (R's type 7, DuckDB's quantile_cont). */
export function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** φ, the dispersion: the mean of the squared z-scores, Winsorised at 10% each end. */
export function dispersion(z: number[]): number {
  if (z.length === 0) return Number.NaN;
  const low = quantile(z, 0.1);
  const high = quantile(z, 0.9);
  return z.reduce((s, v) => s + Math.min(Math.max(v, low), high) ** 2, 0) / z.length;
}

/** τ², the between-area variance of the additive model, from the z-scores and standard errors (0 when φ ≤ (n − 1) / n). */
export function betweenVariance(z: number[], s: number[]): number {
  const n = z.length;
  const phi = dispersion(z);
  const w = s.map((v) => 1 / (v * v));
  const sw = w.reduce((a, b) => a + b, 0);
  const sw2 = w.reduce((a, b) => a + b * b, 0);
  return Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
}

/** Overdispersion-adjusted limits (normal approximation), rates per person. `side` −1 lower, +1 upper. */
export function adjustedLimit(population: number, average: number, confidence: number, side: -1 | 1, method: 'multiplicative' | 'additive', phi: number, tau2: number): number {
  const z = normalQuantile(1 - check(confidence) / 2);
  const variance = average / population;
  const spread = method === 'multiplicative' ? Math.sqrt(Math.max(1, phi) * variance) : Math.sqrt(variance + Math.max(0, tau2));
  return Math.max(0, average + side * z * spread);
}
