import { logGamma } from './gamma';

/** log of the binomial probability of k successes in n trials with probability p. */
export function logBinomial(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * The two-sided exact binomial test's p-value as R's binom.test (and SciPy's binomtest) give it: the probability of
 * every outcome no more likely than the one observed (with R's relative tolerance of 1e-7 for ties).
 */
export function binomialTestP(x: number, n: number, p: number): number {
  if (n === 0) return 1;
  const relErr = 1 + 1e-7;
  const d = Math.exp(logBinomial(x, n, p));
  const m = n * p;
  if (x === m) return 1;
  let total = 0;
  for (let k = 0; k <= n; k++) {
    const pk = Math.exp(logBinomial(k, n, p));
    // The observed side counts in full; the far side counts outcomes no likelier than the one seen.
    if (x < m ? k <= x : k >= x) total += pk;
    else if ((x < m ? k >= Math.ceil(m) : k <= Math.floor(m)) && pk <= d * relErr) total += pk;
  }
  return Math.min(1, total);
}
