import { betaQuantile } from './beta';
import { binomialTestP } from './binomial';

function check(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, not ${confidence}`);
  return 1 - confidence;
}

/*
 * The ratio of two Poisson rates, x1 events in exposure t1 against x2 in t2, with exact limits by the conditional
 * binomial method, as R's poisson.test(c(x1, x2), c(t1, t2)) computes them: given n = x1 + x2 events in all, x1 is
 * binomial(n, π) with π = R·t1 / (R·t1 + t2); Clopper–Pearson limits for π become limits for R by R = π / (1 − π) · t2 / t1.
 * Exposure is population × time, so equal periods over one population make the rate ratio the ratio of counts.
 */

export const rateRatio = (x1: number, t1: number, x2: number, t2: number): number => (x2 > 0 && t1 > 0 ? x1 / t1 / (x2 / t2) : Number.NaN);

function valid(x1: number, t1: number, x2: number, t2: number): boolean {
  return Number.isInteger(x1) && Number.isInteger(x2) && x1 >= 0 && x2 >= 0 && x1 + x2 > 0 && t1 > 0 && t2 > 0;
}

/** The lower limit of the rate ratio (0 when x1 is 0). */
export function rateRatioLower(x1: number, t1: number, x2: number, t2: number, confidence: number): number {
  const alpha = check(confidence);
  if (!valid(x1, t1, x2, t2)) return Number.NaN;
  if (x1 === 0) return 0;
  const p = betaQuantile(alpha / 2, x1, x2 + 1);
  return (p / (1 - p)) * (t2 / t1);
}

/** The upper limit of the rate ratio (infinite when x2 is 0). */
export function rateRatioUpper(x1: number, t1: number, x2: number, t2: number, confidence: number): number {
  const alpha = check(confidence);
  if (!valid(x1, t1, x2, t2)) return Number.NaN;
  if (x2 === 0) return Infinity;
  const p = betaQuantile(1 - alpha / 2, x1 + 1, x2);
  return (p / (1 - p)) * (t2 / t1);
}

/** The two-sided p-value of poisson.test for a rate ratio of 1. */
export function rateRatioP(x1: number, t1: number, x2: number, t2: number): number {
  if (!valid(x1, t1, x2, t2)) return Number.NaN;
  return binomialTestP(x1, x1 + x2, t1 / (t1 + t2));
}
