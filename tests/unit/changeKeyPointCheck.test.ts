import { describe, expect, it } from 'vitest';
import { findAnalysis } from '../../shared/analyses/registry';
import type { JsonValue } from '../../shared/contracts/common';
import { checkKeyPoints } from '../../shared/exports/keyPointCheck';
import type { KeyPoint } from '../../shared/exports/keyPointClaims';
import { keyPointsFor } from '../../shared/exports/keyPoints';
import { funnelLowerRate, funnelUpperRate } from '../../shared/stats/funnel';
import { rateRatio, rateRatioLower, rateRatioUpper } from '../../shared/stats/rateRatio';
import { xmrLimits, xmrSignals } from '../../shared/stats/spc';

type Row = Record<string, JsonValue>;
const context = { area: 'Lichfield', comparator: 'Staffordshire' };

/**
 * Issue 22's key points held to their tables by issue 18's checker: the points the app writes pass, and the false
 * statements a string-based writer could make (a rise that is within chance, a district "above" a limit it is within,
 * a wrong rank, signals in the wrong months) are refused. Rows are made with the app's own statistics, so they are
 * the tables the analyses give; the sample workspace's every district is checked in keyPoints.test.ts.
 */
describe('key points of tested change, funnels, SPC and priorities, checked', () => {
  const analysis = (id: string) => findAnalysis(id)!;
  const problems = (id: string, rows: Row[], points: KeyPoint[], hidden: { row: number; column: string }[] = []) => checkKeyPoints(analysis(id), rows, points, { ...context, hidden }).map((p) => p.problem);
  const passes = (id: string, rows: Row[]) => {
    const points = keyPointsFor(analysis(id), rows, context);
    expect(points.length).toBeGreaterThan(0);
    expect(problems(id, rows, points)).toEqual([]);
    return points;
  };

  // A year against the one before, for one population: the rate ratio and its exact 95% limits (R's poisson.test).
  const change = (measure: string, current: number, previous: number): Row => {
    const [lower, upper] = [rateRatioLower(current, 1, previous, 1, 0.95), rateRatioUpper(current, 1, previous, 1, 0.95)];
    const verdict = lower > 1 ? 'Significant increase' : upper < 1 ? 'Significant decrease' : 'No reliable change';
    return { measure, measure_kind: 'crime', measure_key: measure, current, previous, current_rate: current / 100, previous_rate: previous / 100, pct_change: (100 * (current - previous)) / previous, rate_ratio: rateRatio(current, 1, previous, 1), ratio_lower: lower, ratio_upper: upper, p_value: null, significant: verdict === 'No reliable change' ? 'No' : 'Yes', change: verdict, five_year_trend: null };
  };

  it('rate-change: a significant increase is claimed from an interval above 1; +9.1% within chance is "no reliable change"', () => {
    const rows = [change('Total recorded crime', 6118, 5850), change('Violence against the Person', 2300, 2080), change('Robbery', 36, 33)];
    const points = passes('rate-change', rows);
    expect(points[0].text).toBe('Total recorded crime: 6,118 in the latest 12 months against 5,850 (+4.6%), a significant increase (rate ratio 1.05, interval 1.01 to 1.08).');
    expect(points.map((p) => p.text)).toContain('No reliable change in the other 1 measure shown: even the largest percentage, Robbery (+9.1%), is within what chance gives.');
    // Issue 22's old points carried no claims: "increase" is refused unbacked.
    expect(problems('rate-change', rows, [{ text: 'Significant increases: Robbery (+9.1%).', claims: [] }])).toContain('"increases" is not backed by the numbers (no claim)');
    // A rise claimed where the interval crosses 1 is refused by the interval itself.
    const robbery: KeyPoint = { text: 'Robbery: 36 against 33 (+9.1%), a significant increase.', claims: [{ type: 'ratio', word: 'rose', row: 2, lower: 'ratio_lower', upper: 'ratio_upper' }] };
    expect(problems('rate-change', rows, [robbery])).toEqual([expect.stringMatching(/^"increase" but the rate ratio's interval is 0\.\d+ to 1\.\d+/)]);
    // The verdict column's words are words, not labels: "Significant increase" copied from the table needs its claim.
    expect(problems('rate-change', rows, [{ text: 'Robbery: Significant increase.', claims: [] }])).toContain('"increase" is not backed by the numbers (no claim)');
    // A hidden count is never described.
    expect(problems('rate-change', rows, points.slice(0, 1), [{ row: 0, column: 'ratio_lower' }])).toEqual(expect.arrayContaining([expect.stringMatching(/hidden or missing figure \(ratio_lower of row 1\)/)]));
  });

  // Every district of a force around its rate, with PHEindicatormethods' 99.8% funnel at each population.
  const districts = (rates: [string, number, number][]): Row[] => {
    const total = rates.reduce((s, [, count]) => s + count, 0);
    const people = rates.reduce((s, [, , population]) => s + population, 0);
    const force = (total / people) * 1000;
    const ordered = [...rates].sort((a, b) => a[1] / a[2] - b[1] / b[2]);
    return rates.map(([name, count, population]) => {
      const rate = (count / population) * 1000;
      const [lower, upper] = [rate * 0.95, rate * 1.05];
      return {
        district_code: name, district_name: name, count, population, rate, lower, upper, rank: ordered.findIndex((d) => d[0] === name) + 1,
        comparison: lower > force ? 'Higher' : upper < force ? 'Lower' : 'Similar', force_rate: force,
        funnel_lower_95: funnelLowerRate(population, force, 1000, 0.95), funnel_upper_95: funnelUpperRate(population, force, 1000, 0.95),
        funnel_lower_998: funnelLowerRate(population, force, 1000, 0.998), funnel_upper_998: funnelUpperRate(population, force, 1000, 0.998),
        overdispersion: 'none', phi: null, tau2: null, is_area: name === 'Lichfield',
      };
    });
  };

  it('district-comparison: the rank and every district named above or below the funnel are checked against the rows', () => {
    const rows = districts([['Lichfield', 6118, 104000], ['Tamworth', 5600, 77000], ['Stafford', 8000, 135000], ['Stoke-on-Trent', 24000, 256000]]);
    const points = passes('district-comparison', rows);
    expect(points[0].text).toMatch(/^Lichfield: 58\.8 per 1,000, lower than Staffordshire \(\d+\.\d\); ranked 1 of 4 \(1 = lowest\)\.$/);
    expect(points.map((p) => p.text)).toContain(`Above the 99.8% funnel limit: Stoke-on-Trent (93.8 against ${(rows[3].funnel_upper_998 as number).toFixed(1)}).`);
    // Tamworth (72.7) is inside its limits: "above" is refused, and so is a wrong rank.
    const tamworth: KeyPoint = { text: 'Above the 99.8% funnel limit: Tamworth.', claims: [{ type: 'limit', word: 'above', row: 1, column: 'rate', limit: 'funnel_upper_998' }] };
    expect(problems('district-comparison', rows, [tamworth])).toEqual([expect.stringMatching(/^"above" but the value is 72\.7\d* and the limit/)]);
    const ranked: KeyPoint = { text: 'Tamworth: ranked 2 of 4 (1 = lowest).', claims: [{ type: 'position', row: 1, column: 'rank', by: 'rate', among: [0, 1, 2, 3] }] };
    expect(rows[1].rank).toBe(3);
    expect(problems('district-comparison', rows.map((r, i) => (i === 1 ? { ...r, rank: 2 } : r)), [ranked])).toEqual(['ranked 2 but 2 of the rows shown are lower']);
    expect(problems('district-comparison', rows, [{ text: 'Tamworth: ranked 3 of 4 (1 = lowest).', claims: [] }])).toContain('"lowest" is not backed by the numbers (no claim)');
  });

  // Months of counts with their XmR limits and Making Data Count signals, as spc-monthly gives them.
  const months = (counts: number[]): Row[] => {
    const limits = xmrLimits(counts);
    const signals = xmrSignals(counts);
    return counts.map((count, i) => ({ month: `2018-${String(i + 1).padStart(2, '0')}`, measure: 'Total recorded crime', count, phase: 1, mean: limits.mean, average_moving_range: limits.movingRange, lower_limit: limits.lower, upper_limit: limits.upper, signal: signals[i].join('; ') || null }));
  };

  it('a parameter that is a number ("24") is not cut out of a longer figure ("248.7"): Staffordshire Moorlands\' SPC points were refused', () => {
    // spc-monthly's default of 24 months is a parameter, so "24" is a label of the point's context.
    const rows = months([341, 330, 335, 338, 340, 333, 336, 339, 337, 334, 336, 342]).map((r) => ({ ...r, lower_limit: 248.7, upper_limit: 424.5 }));
    const point: KeyPoint = { text: 'Total recorded crime: 341 in 2018-01, with process limits 248.7 to 424.5.', claims: [] };
    expect(checkKeyPoints(analysis('spc-monthly'), rows, [point], { ...context, parameters: { months: 24 }, hidden: [] }).map((p) => p.problem)).toEqual([]);
  });

  it('spc-monthly: signals are recomputed from the visible counts; a month outside the limits is never "no special cause"', () => {
    const steady = months([50, 52, 49, 51, 50, 48, 52, 50, 49, 51, 50, 49]);
    expect(passes('spc-monthly', steady).map((p) => p.text)).toContain('No special-cause variation: every month is within the limits, with no run, trend or two-of-three pattern; the months vary as usual.');
    const spike = months([50, 52, 49, 51, 50, 48, 52, 50, 49, 51, 50, 90]);
    const points = passes('spc-monthly', spike);
    expect(points.map((p) => p.text)).toContain('Outside the limits: December 2018.');
    const none = { text: 'No special-cause variation: every month is within the limits.', claims: [{ type: 'signal' as const, signal: '', rows: spike.map((_, i) => i), column: 'count', phase: 'phase', verdict: 'signal' }] };
    expect(problems('spc-monthly', spike, [none])).toEqual(['it says there is no signal, but the Making Data Count rules give one']);
    const wrongMonth: KeyPoint = { text: 'Outside the limits: 2018-11.', claims: [{ type: 'signal', signal: 'Outside the limits', rows: [10], column: 'count', phase: 'phase', verdict: 'signal' }] };
    expect(problems('spc-monthly', spike, [wrongMonth])).toEqual(expect.arrayContaining(['the months named are not exactly those with "Outside the limits" by the Making Data Count rules']));
    // A run "above the mean" copied from the signal column needs its claim; and no signal is read from hidden counts.
    expect(problems('spc-monthly', spike, [{ text: 'Run above the mean: 2018-12.', claims: [] }])).toContain('"above" is not backed by the numbers (no claim)');
    expect(problems('spc-monthly', spike, [points.find((p) => p.text.startsWith('Outside'))!], [{ row: 3, column: 'count' }])).toContain('it describes signals from hidden or missing counts (count)');
  });

  it('priority-matrix and priority-summary: "higher" and "highest" are held to the cells', () => {
    const matrix: Row[] = [
      { district_code: 'E07000194', district_name: 'Lichfield', priority: 'Car-key burglary', status: 'Higher than the force', measures_higher: 2, measures_rising: 0, evidence: 'Burglary: 5.9 against 5.2, higher', is_area: true },
      { district_code: 'E07000194', district_name: 'Lichfield', priority: 'Fraud', status: 'Not marked out', measures_higher: 0, measures_rising: 0, evidence: 'Action Fraud referrals: 3.9 against 4.0', is_area: true },
    ];
    expect(passes('priority-matrix', matrix)[0].text).toBe('For Lichfield, the data marks out 1 of 2 candidate priorities: Car-key burglary (higher than Staffordshire).');
    const wrong: KeyPoint = { text: 'For Lichfield: Fraud (higher than Staffordshire).', claims: [{ type: 'tally', word: 'higher', row: 1, column: 'measures_higher' }] };
    expect(problems('priority-matrix', matrix, [wrong])).toEqual(['"higher" but measures_higher is 0']);
    const summary: Row[] = [
      { priority: 'Domestic abuse', score: 45.5, confidence: 'high', higher_measures: null, rising_measures: null, evidence: null, grades_saved: 'Version 2' },
      { priority: 'Rural crime', score: 9, confidence: 'low', higher_measures: null, rising_measures: null, evidence: null, grades_saved: 'Version 2' },
      { priority: 'Fraud', score: null, confidence: null, higher_measures: null, rising_measures: null, evidence: null, grades_saved: 'Version 2' },
    ];
    expect(passes('priority-summary', summary).map((p) => p.text)).toEqual(['Of the graded priorities shown, the highest score (MoRiLE) is Domestic abuse 45.5 (confidence high), then Rural crime 9.0 (confidence low).', 'Not yet graded: Fraud.']);
    const highest: KeyPoint = { text: 'Of the graded priorities shown, the highest score is Rural crime 9.0.', claims: [{ type: 'rank', word: 'highest', row: 1, column: 'score', among: [0, 1] }] };
    expect(problems('priority-summary', summary, [highest])).toEqual(['"highest" but another row shown has a higher value']);
  });
});
