import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustedLimit, betweenVariance, dispersion, funnelLower, funnelUpper } from '../../shared/stats/funnel';
import { rateRatio, rateRatioLower, rateRatioP, rateRatioUpper } from '../../shared/stats/rateRatio';
import { xmrLimits, xmrSignals } from '../../shared/stats/spc';
import { trendTest } from '../../shared/stats/trendTest';

/** A fixture made by tests/fixtures/make-stats-fixtures.py (SciPy), as objects of numbers or strings. */
function fixture(name: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

const close = (actual: number, expected: number, tolerance = 1e-9) => {
  if (expected === Infinity) return expect(actual).toBe(Infinity);
  const scale = Math.max(1e-300, Math.abs(expected));
  expect(Math.abs(actual - expected) / (expected === 0 ? 1 : scale), `${actual} vs ${expected}`).toBeLessThan(tolerance);
};
const n = (v: string) => (v === 'inf' ? Infinity : Number(v));

describe('the rate ratio of two Poisson counts, against poisson.test computed with SciPy', () => {
  it.each(fixture('rate-ratio-limits.csv'))('$x1 in $t1 against $x2 in $t2 at $confidence', (r) => {
    const args = [n(r.x1), n(r.t1), n(r.x2), n(r.t2)] as const;
    if (n(r.x2) > 0) close(rateRatio(...args), n(r.ratio), 1e-14);
    close(rateRatioLower(...args, n(r.confidence)), n(r.lower));
    close(rateRatioUpper(...args, n(r.confidence)), n(r.upper));
    close(rateRatioP(...args), n(r.p_value), 1e-9);
  });

  it("gives R's documented example: 11 of 800 against 21 of 3011, ratio 1.97 (0.858 to 4.277), p = 0.0797", () => {
    expect(rateRatio(11, 800, 21, 3011)).toBeCloseTo(1.971488, 6);
    expect(rateRatioLower(11, 800, 21, 3011, 0.95)).toBeCloseTo(0.8584264, 7);
    expect(rateRatioUpper(11, 800, 21, 3011, 0.95)).toBeCloseTo(4.2772659, 6);
    expect(rateRatioP(11, 800, 21, 3011)).toBeCloseTo(0.07967, 5);
  });

  it('has no interval without events, and refuses a confidence outside (0, 1)', () => {
    expect(rateRatioLower(0, 1, 0, 1, 0.95)).toBeNaN();
    expect(rateRatioUpper(1.5, 1, 2, 1, 0.95)).toBeNaN();
    expect(() => rateRatioLower(3, 1, 4, 1, 95)).toThrow(/between 0 and 1/);
  });
});

describe('funnel limits, against PHEindicatormethods computed with SciPy', () => {
  // At the population where PHE's funnel passes through E events, the limit is E / population.
  it.each(fixture('funnel-limits.csv'))('average $average, $events events, $confidence', (r) => {
    const average = n(r.average);
    close(funnelLower(n(r.population_lower), average, n(r.confidence)), n(r.lower), 1e-8);
    close(funnelUpper(n(r.population_upper), average, n(r.confidence)), n(r.upper), 1e-8);
  });

  it('narrows as the population grows, the 99.8% funnel outside the 95%, both around the average', () => {
    const average = 0.0761;
    let previous = Infinity;
    for (const population of [1000, 10_000, 100_000, 1_000_000]) {
      const [l998, l95, u95, u998] = [funnelLower(population, average, 0.998), funnelLower(population, average, 0.95), funnelUpper(population, average, 0.95), funnelUpper(population, average, 0.998)];
      expect(l998).toBeLessThan(l95);
      expect(l95).toBeLessThan(average);
      expect(u95).toBeGreaterThan(average);
      expect(u998).toBeGreaterThan(u95);
      expect(u95 - l95).toBeLessThan(previous);
      previous = u95 - l95;
    }
    // Fewer than one expected event: the lower limit is no events.
    expect(funnelLower(10, 0.01, 0.95)).toBe(0);
  });

  it('adjusts for overdispersion as Spiegelhalter does: phi, tau² and both kinds of limit', () => {
    const rows = fixture('overdispersion.csv');
    const z = rows.map((r) => n(r.z));
    const s = rows.map((r) => n(r.s));
    close(dispersion(z), n(rows[0].phi), 1e-12);
    close(betweenVariance(z, s), n(rows[0].tau2), 1e-10);
    for (const r of rows) {
      const [pop, average, phi, tau2] = [n(r.population), n(r.average), n(r.phi), n(r.tau2)];
      close(adjustedLimit(pop, average, 0.95, -1, 'multiplicative', phi, tau2), n(r.mult_lower_95), 1e-12);
      close(adjustedLimit(pop, average, 0.998, 1, 'multiplicative', phi, tau2), n(r.mult_upper_998), 1e-12);
      close(adjustedLimit(pop, average, 0.95, -1, 'additive', phi, tau2), n(r.add_lower_95), 1e-12);
      close(adjustedLimit(pop, average, 0.998, 1, 'additive', phi, tau2), n(r.add_upper_998), 1e-12);
    }
    // Under-dispersed areas are not narrowed: phi below 1 leaves the Poisson spread.
    expect(adjustedLimit(100_000, 0.05, 0.95, 1, 'multiplicative', 0.4, 0)).toBeCloseTo(0.05 + 1.959963984540054 * Math.sqrt(0.05 / 100_000), 12);
    expect(betweenVariance([0.1, -0.2, 0.3, 0], [1, 1, 1, 1])).toBe(0);
  });
});

describe('XmR limits and Making Data Count signals', () => {
  it('computes the limits from the average moving range: worked by hand', () => {
    // Mean 12; moving ranges 2, 1, 3, 1, so mR̄ = 1.75 and the limits are 12 ± 2.66 × 1.75 = 12 ± 4.655.
    const limits = xmrLimits([10, 12, 11, 14, 13]);
    expect(limits.mean).toBe(12);
    expect(limits.movingRange).toBe(1.75);
    expect(limits.upper).toBeCloseTo(16.655, 12);
    expect(limits.lower).toBeCloseTo(7.345, 12);
    expect(limits.upperTwoSigma).toBeCloseTo(12 + (2 / 3) * 4.655, 12);
  });

  const flat = [20, 22, 19, 21, 20, 22, 19, 21, 20, 22, 19, 21, 20, 22, 19, 21];
  it('flags nothing in common-cause variation', () => {
    expect(xmrSignals(flat).every((s) => s.length === 0)).toBe(true);
  });

  it('flags a point outside the limits, and only it', () => {
    const values = [...flat];
    values[8] = 40;
    const signals = xmrSignals(values);
    expect(signals[8]).toContain('Outside the limits');
    expect(signals.filter((s) => s.includes('Outside the limits'))).toHaveLength(1);
  });

  it('flags a run of 7 below the mean, not a run of 6; a point on the mean breaks it', () => {
    const seven = [30, 31, 29, 30, 31, 29, 30, 20, 21, 20, 21, 20, 21, 20, 31, 30];
    const signals = xmrSignals(seven);
    expect(signals.map((s) => s.includes('Run below the mean'))).toEqual([...Array(7).fill(false), ...Array(7).fill(true), false, false]);
    const six = [30, 31, 29, 30, 31, 29, 30, 20, 21, 20, 21, 20, 21, 31, 30, 29];
    expect(xmrSignals(six).some((s) => s.includes('Run below the mean'))).toBe(false);
    // Mean of this series is exactly 10: the point at 10 splits two runs of 4.
    const broken = [20, 20, 20, 20, 0, 0, 0, 0, 10, 0, 0, 0, 0, 20, 20, 20, 20];
    expect(xmrLimits(broken).mean).toBe(10);
    expect(xmrSignals(broken).some((s) => s.includes('Run below the mean'))).toBe(false);
  });

  it('flags 7 points each higher than the last, not 6; a repeated value breaks the trend', () => {
    const rising = [25, 24, 26, 25, 20, 21, 22, 23, 24, 25, 26, 25, 24, 25, 26, 24];
    const signals = xmrSignals(rising);
    expect(signals.map((s) => s.includes('Rising trend'))).toEqual([false, false, false, false, true, true, true, true, true, true, true, false, false, false, false, false]);
    const tie = [25, 24, 26, 25, 20, 21, 22, 22, 24, 25, 26, 25, 24, 25, 26, 24];
    expect(xmrSignals(tie).some((s) => s.includes('Rising trend'))).toBe(false);
  });

  it('flags two of three close to the upper limit on the same side, marking the close points', () => {
    // Mean 20.73, mR̄ 1.28: limits 17.32 to 24.14, two sigma above at 23.00. Points 20 and 22 (24 each) are close to
    // the upper limit, and 21 between them (21) is above the mean too.
    const values = [...Array(10).fill([20, 21]).flat(), 24, 21, 24, ...Array(5).fill([20, 21]).flat()];
    const limits = xmrLimits(values);
    const close = values.map((v) => v > limits.upperTwoSigma && v <= limits.upper);
    expect(close.flatMap((c, i) => (c ? [i] : []))).toEqual([20, 22]);
    const signals = xmrSignals(values, limits);
    expect(signals.map((s, i) => s.includes('Two of three beyond two sigma, high') === close[i])).toEqual(values.map(() => true));
    // Two close points with one below the mean between them are not a signal.
    const apart = [...values];
    apart[21] = 19;
    expect(xmrSignals(apart).some((s) => s.includes('Two of three beyond two sigma, high'))).toBe(false);
  });

  it.each(fixture('spc-signals.csv'))('agrees with NHSRplotthedots (reimplemented in Python) on series $series', (r) => {
    const values = r.values.split(' ').map(Number);
    const limits = xmrLimits(values);
    close(limits.mean, n(r.mean), 1e-12);
    close(limits.movingRange, n(r.moving_range), 1e-12);
    close(limits.lower, n(r.lower), 1e-12);
    close(limits.upper, n(r.upper), 1e-12);
    expect(xmrSignals(values, limits).map((s) => (s.length ? '1' : '0')).join(' ')).toBe(r.flagged);
  });
});

describe("the chi-squared test for trend, against R's prop.trend.test", () => {
  it.each(fixture('trend-test.csv'))('$events of $denominators', (r) => {
    const result = trendTest(r.events.split(' ').map(Number), r.denominators.split(' ').map(Number));
    close(result.chiSquared, n(r.chi_squared), 1e-10);
    close(result.p, n(r.p_value), 1e-8);
    expect(result.direction).toBe(Number(r.direction));
  });

  it("gives R's documented example: X-squared = 8.2249, p = 0.004132", () => {
    const result = trendTest([83, 90, 129, 70], [86, 93, 136, 82]);
    expect(result.chiSquared).toBeCloseTo(8.2249, 4);
    expect(result.p).toBeCloseTo(0.004132, 6);
  });
});
