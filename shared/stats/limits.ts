import { gammaQuantile } from './gamma';
import { normalQuantile } from './normal';

/*
 * Confidence limits as the public-health Fingertips profiles compute them (PHEindicatormethods): for counts, exact
 * Poisson limits below 10 and Byar's approximation from 10; for proportions, Wilson score limits. `confidence` is a
 * level between 0 and 1 (0.95, 0.998…).
 */

function check(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, not ${confidence}`);
  return 1 - confidence;
}

/** Lower limit for a count (the expected number of events, before dividing by a denominator). */
export function countLower(count: number, confidence: number): number {
  const alpha = check(confidence);
  if (count < 0) return Number.NaN;
  if (count === 0) return 0;
  if (count < 10) return gammaQuantile(alpha / 2, count);
  const z = normalQuantile(1 - alpha / 2);
  return count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
}

export function countUpper(count: number, confidence: number): number {
  const alpha = check(confidence);
  if (count < 0) return Number.NaN;
  if (count < 10) return gammaQuantile(1 - alpha / 2, count + 1);
  const z = normalQuantile(1 - alpha / 2);
  const o = count + 1;
  return o * (1 - 1 / (9 * o) + z / (3 * Math.sqrt(o))) ** 3;
}

/** Rate limits per `per` of the denominator (rate_lower / rate_upper in SQL). */
export const rateLower = (count: number, denominator: number, per: number, confidence: number) => (countLower(count, confidence) / denominator) * per;
export const rateUpper = (count: number, denominator: number, per: number, confidence: number) => (countUpper(count, confidence) / denominator) * per;

function wilson(x: number, n: number, confidence: number, sign: 1 | -1): number {
  const z = normalQuantile(1 - check(confidence) / 2);
  if (n <= 0 || x < 0 || x > n) return Number.NaN;
  const p = x / n;
  return (2 * x + z * z + sign * z * Math.sqrt(z * z + 4 * x * (1 - p))) / 2 / (n + z * z);
}

/** Wilson score limits for a proportion x of n (prop_lower / prop_upper in SQL), as fractions of 1. */
export const proportionLower = (x: number, n: number, confidence: number) => wilson(x, n, confidence, -1);
export const proportionUpper = (x: number, n: number, confidence: number) => wilson(x, n, confidence, 1);

/** Fingertips' comparison: Similar when the comparator lies within the area's interval, else Higher or Lower. */
export function compare(lower: number, upper: number, comparator: number): 'Higher' | 'Similar' | 'Lower' {
  if (comparator < lower) return 'Higher';
  if (comparator > upper) return 'Lower';
  return 'Similar';
}
