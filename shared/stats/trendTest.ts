import { gammaQ } from './gamma';

/*
 * The chi-squared test for trend in proportions (Armitage 1955; R's prop.trend.test), which the public-health
 * Fingertips profiles apply to the latest five annual values of an indicator with a numerator and denominator. With
 * x_i events out of n_i in year t_i, p = Σx / Σn:
 *   χ² = [Σ x_i t_i − p Σ n_i t_i]² / [p (1 − p) (Σ n_i t_i² − (Σ n_i t_i)² / Σ n_i)], on 1 degree of freedom.
 * For counts of events in a resident population (a crude rate), n_i is the population: the events are a proportion of
 * the residents, and p (1 − p) is close to p, the Poisson variance.
 */

export interface TrendResult {
  chiSquared: number;
  p: number;
  /** +1 rising, −1 falling, 0 flat. */
  direction: -1 | 0 | 1;
}

/** The upper tail of chi-squared on one degree of freedom. */
export const chiSquaredOneP = (x: number): number => (x <= 0 ? 1 : gammaQ(0.5, x / 2));

export function trendTest(events: number[], denominators: number[], scores: number[] = events.map((_, i) => i + 1)): TrendResult {
  if (events.length !== denominators.length || events.length !== scores.length) throw new RangeError('events, denominators and scores must be the same length');
  if (events.length < 2) return { chiSquared: Number.NaN, p: Number.NaN, direction: 0 };
  const N = denominators.reduce((a, b) => a + b, 0);
  const X = events.reduce((a, b) => a + b, 0);
  const p = X / N;
  let xt = 0;
  let nt = 0;
  let nt2 = 0;
  events.forEach((x, i) => {
    xt += x * scores[i];
    nt += denominators[i] * scores[i];
    nt2 += denominators[i] * scores[i] * scores[i];
  });
  const numerator = xt - p * nt;
  const variance = p * (1 - p) * (nt2 - (nt * nt) / N);
  if (!(variance > 0)) return { chiSquared: Number.NaN, p: Number.NaN, direction: 0 };
  const chiSquared = (numerator * numerator) / variance;
  return { chiSquared, p: chiSquaredOneP(chiSquared), direction: numerator > 0 ? 1 : numerator < 0 ? -1 : 0 };
}
