import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { runCommand, UserError } from '../../electron/cli/commands';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { findAnalysis } from '../../shared/analyses/registry';
import type { JsonValue } from '../../shared/contracts/common';
import { checkKeyPoints } from '../../shared/exports/keyPointCheck';
import { keyPointsFor } from '../../shared/exports/keyPoints';
import { funnelLowerRate, funnelUpperRate } from '../../shared/stats/funnel';
import { rateLower, rateUpper } from '../../shared/stats/limits';
import { rateRatioLower, rateRatioUpper } from '../../shared/stats/rateRatio';
import { xmrSignals } from '../../shared/stats/spc';
import { tempDir } from '../support/tempWorkspace';

type Row = Record<string, JsonValue>;

/**
 * The tested-change and comparison analyses on the sample workspace, each checked against the same figures counted
 * here in plain JavaScript from the event rows, with the statistics from shared/stats (themselves checked against SciPy
 * and R's documented results in changeStats.test.ts).
 */
describe('tested change, SPC and district comparison on the sample workspace', () => {
  const { dir, cleanup } = tempDir('csw-change-');
  const ws = path.join(dir, 'sample.duckdb');
  let engine: Engine;
  let crimes: { district_code: string; recorded_date: string; offence_group: string; domestic: boolean }[];
  let residents: Map<string, number>;
  let districts: { code: string; name: string }[];

  beforeAll(async () => {
    await sampleWorkspace(ws);
    engine = await createEngine(ws);
    const read = async (sql: string) => engine.workspace.withConnection(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson());
    crimes = (await read('SELECT district_code, CAST(recorded_date AS VARCHAR) AS recorded_date, offence_group, domestic FROM crimes')) as typeof crimes;
    const people = await read(`SELECT g.district_code, g.district_name, p.count FROM population p JOIN geography g ON g.lsoa_code = p.area_code WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all'`);
    residents = new Map();
    const names = new Map<string, string>();
    for (const p of people) {
      residents.set(String(p.district_code), (residents.get(String(p.district_code)) ?? 0) + Number(p.count));
      names.set(String(p.district_code), String(p.district_name));
    }
    districts = [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const rows = async (id: string, params: Record<string, string | number>): Promise<Row[]> => {
    const run = await engine.invoke('analyses.run', { id, params, operationId: `op-${id}-change` });
    if (!run.ok) throw new Error(run.error.message);
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: run.value.resultId }, startRow: 0, endRow: Math.max(1, run.value.rowCount) });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.rows;
  };
  /** The key points' text, each point first passed by the checker against the same (here unsuppressed) rows. */
  const keyPoints = (id: string, result: Row[], context: { area: string; comparator: string }) => {
    const analysis = findAnalysis(id)!;
    const points = keyPointsFor(analysis, result, context);
    expect(checkKeyPoints(analysis, result, points, context), id).toEqual([]);
    return points.map((p) => p.text);
  };
  const inArea = (code: string) => crimes.filter((c) => c.district_code === code);
  const between = (list: typeof crimes, from: string, to: string) => list.filter((c) => c.recorded_date >= from && c.recorded_date <= to);

  it('rate-change: counts, rates, exact limits and the verdict for each measure, and "no reliable change" when not significant', async () => {
    const result = await rows('rate-change', { area: 'Lichfield', to: '2019-03-31' });
    const mine = inArea('E07000194');
    const population = residents.get('E07000194')!;
    const check = (row: Row, events: typeof crimes) => {
      const current = between(events, '2018-04-01', '2019-03-31').length;
      const previous = between(events, '2017-04-01', '2018-03-31').length;
      expect([Number(row.current), Number(row.previous)], String(row.measure)).toEqual([current, previous]);
      expect(Number(row.current_rate)).toBeCloseTo((current / population) * 1000, 10);
      expect(Number(row.rate_ratio)).toBeCloseTo(current / previous, 12);
      expect(Number(row.ratio_lower)).toBeCloseTo(rateRatioLower(current, population, previous, population, 0.95), 12);
      expect(Number(row.ratio_upper)).toBeCloseTo(rateRatioUpper(current, population, previous, population, 0.95), 12);
      const significant = Number(row.ratio_lower) > 1 || Number(row.ratio_upper) < 1;
      expect(row.significant).toBe(significant);
      expect(row.change).toBe(!significant ? 'No reliable change' : current > previous ? 'Significant increase' : 'Significant decrease');
    };
    const byMeasure = (m: string) => result.find((r) => r.measure === m)!;
    check(byMeasure('Total recorded crime'), mine);
    for (const group of ['Burglary', 'Violence against the Person', 'Theft']) check(byMeasure(group), mine.filter((c) => c.offence_group === group));
    check(byMeasure('Domestic abuse'), mine.filter((c) => c.domestic));
    expect(result.map((r) => r.measure_kind)).toEqual(expect.arrayContaining(['crime', 'offence_group', 'flag', 'asb', 'asb_category', 'incident_type', 'incident_high_risk']));
    // The sample's two years cannot carry a five-year trend test.
    expect(result.every((r) => r.five_year_trend === null)).toBe(true);
    // Both kinds of verdict occur, and the key points say so in words.
    const verdicts = new Set(result.map((r) => r.change));
    expect(verdicts).toContain('No reliable change');
    expect(verdicts).toContain('Significant increase');
    const points = keyPoints('rate-change', result, { area: 'Lichfield', comparator: '' });
    expect(points[0]).toMatch(/^Total recorded crime: 6,\d{3} in the latest 12 months against 5,\d{3} \(\+\d\.\d%\), a significant increase \(rate ratio 1\.\d\d, interval/);
    expect(points.join(' ')).toMatch(/No reliable change in the other \d+ measures shown: even the largest percentage/);
    const domestic = byMeasure('Domestic abuse');
    if (domestic.change === 'No reliable change') expect(points.join(' ')).not.toMatch(/Significant increases:[^.]*Domestic abuse/);
  }, 60_000);

  it('spc-monthly: monthly counts, mean, limits from the average moving range, and signals; recalculated from a month', async () => {
    const result = await rows('spc-monthly', { area: 'Lichfield', to: '2019-03-31', months: 24 });
    expect(result).toHaveLength(24);
    const counts = result.map((r) => Number(r.count));
    const months = result.map((r) => String(r.month));
    expect(counts).toEqual(months.map((m) => inArea('E07000194').filter((c) => c.recorded_date.startsWith(m)).length));
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const mrBar = counts.slice(1).reduce((s, c, i) => s + Math.abs(c - counts[i]), 0) / (counts.length - 1);
    for (const r of result) {
      expect(Number(r.mean)).toBeCloseTo(mean, 10);
      expect(Number(r.upper_limit)).toBeCloseTo(mean + 2.66 * mrBar, 10);
      expect(Number(r.lower_limit)).toBeCloseTo(mean - 2.66 * mrBar, 10);
    }
    expect(result.map((r) => r.signal ?? '')).toEqual(xmrSignals(counts).map((s) => s.join('; ')));

    const split = await rows('spc-monthly', { area: 'Lichfield', to: '2019-03-31', measure_kind: 'flag', measure: 'domestic', recalculate_from: '2018-04' });
    const before = split.filter((r) => String(r.month) < '2018-04');
    const after = split.filter((r) => String(r.month) >= '2018-04');
    expect([before.length, after.length]).toEqual([12, 12]);
    const domestic = (m: string) => inArea('E07000194').filter((c) => c.domestic && c.recorded_date.startsWith(m)).length;
    const afterCounts = after.map((r) => domestic(String(r.month)));
    expect(after.map((r) => Number(r.count))).toEqual(afterCounts);
    expect(Number(after[0].mean)).toBeCloseTo(afterCounts.reduce((a, b) => a + b, 0) / 12, 10);
    expect(Number(before[0].mean)).not.toBeCloseTo(Number(after[0].mean), 3);
    expect(new Set(after.map((r) => r.phase))).toEqual(new Set([2]));
    expect(keyPoints('spc-monthly', split, { area: 'Lichfield', comparator: '' }).join(' ')).toMatch(/Limits recalculated from 2018-04/);
  }, 60_000);

  it.each([
    [{ recalculate_from: 'April' }, /recalculate_from must be a month like 2018-10/],
    [{ months: 6 }, /months must be between 12 and 120/],
  ])('spc-monthly refuses %o with a clear message', async (params, message) => {
    const run = await engine.invoke('analyses.run', { id: 'spc-monthly', params: { area: 'Lichfield', ...params }, operationId: 'op-spc-refused' });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error.message).toMatch(message);
  });

  it('district-comparison: every district of the force, rates, rank, comparison and funnel limits, for every district as the area', async () => {
    const from = '2018-04-01';
    const to = '2019-03-31';
    const counts = new Map(districts.map((d) => [d.code, between(inArea(d.code), from, to).length]));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const people = districts.reduce((s, d) => s + residents.get(d.code)!, 0);
    const force = total / people;
    const ranked = [...districts].sort((a, b) => counts.get(a.code)! / residents.get(a.code)! - counts.get(b.code)! / residents.get(b.code)!);
    for (const area of districts) {
      const result = await rows('district-comparison', { area: area.name, from, to });
      expect(result).toHaveLength(9);
      expect(result.filter((r) => r.is_area === true).map((r) => r.district_code)).toEqual([area.code]);
      expect(result.map((r) => r.district_code)).toEqual(ranked.map((d) => d.code));
      for (const r of result) {
        const code = String(r.district_code);
        const [count, population] = [counts.get(code)!, residents.get(code)!];
        expect(Number(r.count)).toBe(count);
        expect(Number(r.population)).toBe(population);
        expect(Number(r.rate)).toBeCloseTo((count / population) * 1000, 10);
        expect(Number(r.lower)).toBeCloseTo(rateLower(count, population, 1000, 0.95), 10);
        expect(Number(r.upper)).toBeCloseTo(rateUpper(count, population, 1000, 0.95), 10);
        expect(Number(r.rank)).toBe(ranked.findIndex((d) => d.code === code) + 1);
        expect(Number(r.force_rate)).toBeCloseTo(force * 1000, 10);
        expect(r.comparison).toBe(force * 1000 < Number(r.lower) ? 'Higher' : force * 1000 > Number(r.upper) ? 'Lower' : 'Similar');
        expect(Number(r.funnel_lower_95)).toBeCloseTo(funnelLowerRate(population, force * 1000, 1000, 0.95), 10);
        expect(Number(r.funnel_upper_998)).toBeCloseTo(funnelUpperRate(population, force * 1000, 1000, 0.998), 10);
        expect(r.overdispersion).toBe('none');
      }
    }
    // Lichfield has the lowest crime rate of the force's districts: 58.8 against 76.1 (the assessment's figures).
    const lichfield = (await rows('district-comparison', { area: 'Lichfield', from, to })).find((r) => r.is_area === true)!;
    expect([Number(Number(lichfield.rate).toFixed(1)), Number(Number(lichfield.force_rate).toFixed(1)), Number(lichfield.rank), lichfield.comparison]).toEqual([58.8, 76.1, 3, 'Lower']); // third-lowest, as the assessment says
  }, 120_000);

  it('district-comparison: overdispersion widens the funnel by phi (multiplicative) or tau² (additive), computed here', async () => {
    const from = '2018-04-01';
    const to = '2019-03-31';
    const plain = await rows('district-comparison', { area: 'Lichfield', from, to });
    const average = Number(plain[0].force_rate) / 1000;
    const z = plain.map((r) => (Number(r.count) / Number(r.population) - average) / Math.sqrt(average / Number(r.population)));
    const sorted = [...z].sort((a, b) => a - b);
    const at = (p: number) => {
      const h = (sorted.length - 1) * p;
      return sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
    };
    const phi = z.reduce((s, v) => s + Math.min(Math.max(v, at(0.1)), at(0.9)) ** 2, 0) / z.length;
    expect(phi).toBeGreaterThan(1);
    const multiplicative = await rows('district-comparison', { area: 'Lichfield', from, to, overdispersion: 'multiplicative' });
    for (const r of multiplicative) {
      expect(Number(r.phi)).toBeCloseTo(phi, 8);
      const s = Math.sqrt(average / Number(r.population));
      expect(Number(r.funnel_upper_95)).toBeCloseTo((average + 1.959963984540054 * Math.sqrt(phi) * s) * 1000, 8);
      expect(r.overdispersion).toBe('multiplicative');
    }
    const w = plain.map((r) => Number(r.population) / average);
    const sw = w.reduce((a, b) => a + b, 0);
    const tau2 = (z.length * phi - (z.length - 1)) / (sw - w.reduce((a, b) => a + b * b, 0) / sw);
    const additive = await rows('district-comparison', { area: 'Lichfield', from, to, overdispersion: 'additive' });
    for (const r of additive) expect(Number(r.funnel_lower_998)).toBeCloseTo((average - 3.090232306167813 * Math.sqrt(average / Number(r.population) + tau2)) * 1000, 8);
    const points = keyPoints('district-comparison', plain, { area: 'Lichfield', comparator: 'Staffordshire' });
    expect(points[0]).toBe('Lichfield: 58.8 per 1,000, lower than Staffordshire (76.1); ranked 3 of 9 (1 = lowest).');
    expect(points.join(' ')).toMatch(/overdispersion adjustment gives fairer limits/);
  }, 60_000);

  it('district-comparison: any measure, as in hotspot-wards (missing persons: Lichfield 2.5 against the force 4.8)', async () => {
    const result = await rows('district-comparison', { area: 'Lichfield', measure_kind: 'incident_type', measure: 'Missing person', from: '2018-04-01', to: '2019-03-31' });
    const lichfield = result.find((r) => r.is_area === true)!;
    expect([Number(Number(lichfield.rate).toFixed(1)), Number(Number(lichfield.force_rate).toFixed(1))]).toEqual([2.5, 4.8]);
  }, 60_000);
  it('area-profile: every measure against the force, with the spread of the districts for the spine chart', async () => {
    const from = '2018-04-01';
    const to = '2019-03-31';
    const result = await rows('area-profile', { area: 'Lichfield', from, to });
    const people = districts.reduce((s, d) => s + residents.get(d.code)!, 0);
    const check = (measure: string, keep: (c: (typeof crimes)[number]) => boolean) => {
      const row = result.find((r) => r.measure === measure)!;
      const rates = districts.map((d) => (between(inArea(d.code), from, to).filter(keep).length / residents.get(d.code)!) * 1000).sort((a, b) => a - b);
      const count = between(inArea('E07000194'), from, to).filter(keep).length;
      const rate = (count / residents.get('E07000194')!) * 1000;
      const force = (districts.reduce((s, d) => s + between(inArea(d.code), from, to).filter(keep).length, 0) / people) * 1000;
      expect(Number(row.count), measure).toBe(count);
      expect(Number(row.rate)).toBeCloseTo(rate, 10);
      expect(Number(row.comparator_rate)).toBeCloseTo(force, 10);
      expect(Number(row.district_min)).toBeCloseTo(rates[0], 10);
      expect(Number(row.district_max)).toBeCloseTo(rates[8], 10);
      // Linear interpolation between order statistics: the 25th percentile of 9 is the 3rd, the 75th the 7th.
      expect(Number(row.district_q1)).toBeCloseTo(rates[2], 10);
      expect(Number(row.district_q3)).toBeCloseTo(rates[6], 10);
      expect(Number(row.rank)).toBe(rates.filter((r) => r < rate - 1e-12).length + 1);
      expect(row.comparison).toBe(force < Number(row.lower) ? 'Higher' : force > Number(row.upper) ? 'Lower' : 'Similar');
    };
    check('Total recorded crime', () => true);
    check('Burglary', (c) => c.offence_group === 'Burglary');
    check('Domestic abuse', (c) => c.domestic);
    // The assessment's published rates, per 1,000: burglary 5.9 against 5.2, domestic 11.2 against 15.8, ASB 21.7
    // against 32.6, mental health calls 5.5 against 4.9, missing persons 2.5 against 4.8.
    const rounded = (m: string) => [Number(Number(result.find((r) => r.measure === m)!.rate).toFixed(1)), Number(Number(result.find((r) => r.measure === m)!.comparator_rate).toFixed(1))];
    expect(rounded('Burglary')).toEqual([5.9, 5.2]);
    expect(rounded('Domestic abuse')).toEqual([11.2, 15.8]);
    expect(rounded('Anti-social behaviour')).toEqual([21.7, 32.6]);
    expect(rounded('Mental health')).toEqual([5.5, 4.9]);
    expect(rounded('Missing person')).toEqual([2.5, 4.8]);
    const points = keyPoints('area-profile', result, { area: 'Lichfield', comparator: 'Staffordshire' });
    expect(points[1]).toBe('Total recorded crime: 58.8 per 1,000 against 76.1, ranked 3 of 9 districts (1 = lowest).');
  }, 60_000);

  it('exceptions: exactly the measures significantly worse than the force or significantly worsening', async () => {
    const to = '2019-03-31';
    const [result, profile, change] = await Promise.all([rows('exceptions', { area: 'Lichfield', to }), rows('area-profile', { area: 'Lichfield', from: '2018-04-01', to }), rows('rate-change', { area: 'Lichfield', to })]);
    const worse = new Set(profile.filter((r) => r.comparison === 'Higher').map((r) => r.measure));
    const worsening = new Set(change.filter((r) => r.change === 'Significant increase').map((r) => r.measure));
    expect(worse.size).toBeGreaterThan(0);
    expect(worsening.size).toBeGreaterThan(0);
    expect(new Set(result.map((r) => r.measure))).toEqual(new Set([...worse, ...worsening]));
    for (const r of result) {
      const expected = worse.has(r.measure) && worsening.has(r.measure) ? 'Worse than the comparator and worsening' : worse.has(r.measure) ? 'Worse than the comparator' : 'Worsening';
      expect(r.exception, String(r.measure)).toBe(expected);
    }
    expect(keyPoints('exceptions', result, { area: 'Lichfield', comparator: 'Staffordshire' }).join(' ')).toMatch(/Higher than Staffordshire, by the 95% confidence interval: Burglary \(5\.9 vs 5\.2 per 1,000\)/);
    expect(keyPoints('exceptions', [], { area: 'Lichfield', comparator: 'Staffordshire' })).toEqual(['No measure is significantly worse than Staffordshire or significantly worsening.']);
  }, 60_000);
  it("priority-profiles: Lichfield's profiles carry the assessment's published rates, directions and hotspot wards", async () => {
    const result = await rows('priority-profiles', { area: 'Lichfield', to: '2019-03-31' });
    const [header, ...lines] = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'assessment-2019-priority-figures.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('section,measure,area_value,comparator_value,unit,as_published');
    const published = new Map(lines.map((l) => l.split(',')).map(([, measure, area, comparator]) => [measure, { area: Number(area), comparator: comparator === '' ? null : Number(comparator) }]));
    const row = (measure: string) => result.find((r) => r.measure === measure)!;
    const one = (v: JsonValue) => Number(Number(v).toFixed(1));
    // Rates, local against force, per 1,000 as published.
    for (const [figure, measure] of [
      ['ASB rate', 'Anti-social behaviour'], ['Domestic offence rate', 'Domestic abuse'], ['Burglary rate', 'Burglary'], ['Residential burglary rate', 'Residential burglary'],
      ['Action Fraud referral rate', 'Action Fraud referrals'], ['Alcohol-related offence rate', 'Alcohol-related crime'], ['Mental health call rate', 'Mental health calls'],
      ['Missing persons rate', 'Missing persons'], ['High-risk missing persons rate', 'High-risk missing persons'],
    ]) {
      expect([one(row(measure).rate), one(row(measure).comparator_rate)], figure).toEqual([published.get(figure)!.area, published.get(figure)!.comparator]);
    }
    // Directions of travel, as whole percentages, now with the test's verdict beside them.
    for (const [figure, measure] of [['ASB direction of travel', 'Anti-social behaviour'], ['Domestic direction of travel', 'Domestic abuse'], ['Missing persons direction of travel', 'Missing persons'], ['High-risk missing persons direction of travel', 'High-risk missing persons']]) {
      expect(Math.round(Number(row(measure).pct_change)), figure).toBe(published.get(figure)!.area);
    }
    expect(row('Domestic abuse').change).toBe('No reliable change');
    // Hotspot wards: every published one the sample's ward rates reproduce (hotspot-wards gives the same rate) is named.
    const hotspots = [
      ['ASB hotspot ward Chasetown', 'Anti-social behaviour', { measure_kind: 'asb', measure: '' }],
      ['ASB hotspot ward Stowe', 'Anti-social behaviour', { measure_kind: 'asb', measure: '' }],
      ['Domestic hotspot ward Chadsmead', 'Domestic abuse', { measure_kind: 'flag', measure: 'domestic' }],
      ['Domestic hotspot ward Chasetown', 'Domestic abuse', { measure_kind: 'flag', measure: 'domestic' }],
      ['Residential burglary hotspot ward Shenstone', 'Residential burglary', { measure_kind: 'offence_subgroup', measure: 'Burglary Residential' }],
      ['Missing persons hotspot ward Longdon', 'Missing persons', { measure_kind: 'incident_type', measure: 'Missing person' }],
      ['Missing persons hotspot ward Chasetown', 'Missing persons', { measure_kind: 'incident_type', measure: 'Missing person' }],
    ] as const;
    const named: string[] = [];
    for (const [figure, measure, params] of hotspots) {
      const ward = figure.split(' ward ')[1];
      const wards = await rows('hotspot-wards', { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31', ...params });
      const theirs = wards.find((w) => w.ward_name === ward)!;
      const reproduced = one(theirs.rate) === published.get(figure)!.area && theirs.flag !== null && Number(theirs.count) >= 10;
      if (!reproduced) continue;
      expect(String(row(measure).hotspot_wards), figure).toContain(`${ward} (${published.get(figure)!.area.toFixed(1)})`);
      named.push(figure);
    }
    expect(named).toEqual(expect.arrayContaining(['ASB hotspot ward Chasetown', 'ASB hotspot ward Stowe', 'Residential burglary hotspot ward Shenstone', 'Missing persons hotspot ward Longdon']));
    const points = keyPoints('priority-profiles', result, { area: 'Lichfield', comparator: 'Staffordshire' });
    expect(points[0]).toBe('Anti-social behaviour: 21.7 per 1,000 against 32.6, lower than Staffordshire, ranked 3 of 9 districts (1 = lowest); a significant increase (+7.5%) on the previous 12 months; hotspot wards Chasetown (71.6), Stowe (64.6).');
    expect(points).toContain('Domestic abuse: 11.2 per 1,000 against 15.8, lower than Staffordshire, ranked 3 of 9 districts (1 = lowest); no reliable change (+6.0%) on the previous 12 months; hotspot wards Stowe (29.1), Chadsmead (22.2), Chasetown (21.3).');
    // No ward is named on fewer than 10 events: its rate would give the small count back.
    const cse = row('Child sexual exploitation');
    expect(cse.hotspot_wards).toBeNull();
  }, 60_000);

  it('priority-matrix: every district and priority, marked out exactly when a measure is higher than the force or rising', async () => {
    const matrix = await rows('priority-matrix', { area: 'Lichfield', to: '2019-03-31' });
    expect(matrix).toHaveLength(9 * 8);
    const profiles = await rows('priority-profiles', { area: 'Lichfield', to: '2019-03-31' });
    for (const cell of matrix.filter((r) => r.is_area === true)) {
      const measures = profiles.filter((p) => p.priority === cell.priority);
      const higher = measures.some((m) => m.comparison === 'Higher');
      const rising = measures.some((m) => m.change === 'Significant increase');
      expect(cell.status, String(cell.priority)).toBe(higher && rising ? 'Higher and rising' : higher ? 'Higher than the force' : rising ? 'Rising' : 'Not marked out');
      for (const m of measures) expect(String(cell.evidence)).toContain(`${m.measure}: ${Number(m.rate).toFixed(1)} against ${Number(m.comparator_rate).toFixed(1)}`);
    }
    // Another district's cell, from the counts: Stoke-on-Trent's total crime rate is above the force's.
    const stoke = matrix.find((r) => r.district_name === 'Stoke-on-Trent' && r.priority === 'Repeat and persistent offending')!;
    const count = between(inArea('E06000021'), '2018-04-01', '2019-03-31').length;
    expect(String(stoke.evidence)).toContain(`Total recorded crime: ${((count / residents.get('E06000021')!) * 1000).toFixed(1)} against 76.1`);
    expect(String(stoke.status)).toMatch(/^Higher/);
    expect(keyPoints('priority-matrix', matrix, { area: 'Lichfield', comparator: 'Staffordshire' })[0]).toMatch(/^For Lichfield, the data marks out \d of 8 candidate priorities: .*Car-key burglary \(higher than Staffordshire\)/);
  }, 60_000);
  it('priorities: exported with their figures, graded, imported as a new version with who and when in the audit log', async () => {
    engine.close();
    try {
      let text = '';
      const out = new Writable({ write(chunk, _e, done) { text += chunk; done(); } });
      const file = path.join(dir, 'priorities.json');
      await runCommand({ name: 'priorities', workspace: ws, action: 'export', area: 'lichfield', out: file }, out);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(exported).toMatchObject({ format: 'csw-priorities', version: 1, area: 'Lichfield', saved: null });
      expect(exported.priorities.map((p: { name: string }) => p.name)).toEqual(['Anti-social behaviour', 'Domestic abuse', 'Car-key burglary', 'County lines', 'Fraud', 'Vulnerable persons', 'Child safeguarding', 'Repeat and persistent offending']);
      const asb = exported.priorities[0];
      expect(asb.score).toBeNull();
      expect(asb.figures[0]).toMatchObject({ measure: 'Anti-social behaviour', comparison: 'Lower', change: 'Significant increase', hotspot_wards: 'Chasetown (71.6), Stowe (64.6)' });
      // The analyst grades domestic abuse with a note of evidence, and adds a priority of their own.
      exported.priorities[1].grades = { individual_harm: 4, community_harm: 3, likelihood: 4, public_expectation: 3, organisational_position: 2, confidence: 3 };
      exported.priorities[1].evidence = { individual_harm: 'Repeat victims: 38% of domestic victims' };
      exported.priorities.push({ name: 'Rural crime', grades: { individual_harm: 1, community_harm: 2, likelihood: 2, public_expectation: 3, organisational_position: 1, confidence: 1 } });
      fs.writeFileSync(file, JSON.stringify(exported));
      await runCommand({ name: 'priorities', workspace: ws, action: 'import', file }, out);
      await runCommand({ name: 'priorities', workspace: ws, action: 'import', file }, out);
      // A bad file is refused whole: no version is written.
      const bad = path.join(dir, 'bad-priorities.json');
      fs.writeFileSync(bad, JSON.stringify({ ...exported, priorities: [{ name: 'Fraud', grades: { likelihood: 9 } }] }));
      await expect(runCommand({ name: 'priorities', workspace: ws, action: 'import', file: bad }, out)).rejects.toThrow(/priority "Fraud", grades, likelihood: Likelihood must be from 1 to 4/);
      await expect(runCommand({ name: 'priorities', workspace: ws, action: 'import', file: path.join(dir, 'none.json') }, out)).rejects.toThrow(UserError);
      text = '';
      await runCommand({ name: 'priorities', workspace: ws, action: 'export', area: 'Lichfield' }, out);
      const again = JSON.parse(text);
      expect(again.saved).toMatchObject({ version: 2, saved_by: expect.any(String), saved_at: expect.stringMatching(/^20\d\d-/) });
      expect(again.priorities[1]).toMatchObject({ name: 'Domestic abuse', score: 45.5, evidence: { individual_harm: 'Repeat victims: 38% of domestic victims' } });
      expect(again.priorities[8]).toMatchObject({ name: 'Rural crime', score: 9, figures: [] });
    } finally {
      engine = await createEngine(ws);
    }
    const audit = await engine.workspace.withConnection(async (c) => (await c.runAndReadAll(`SELECT subject, detail FROM csw_meta.audit WHERE action = 'save-priorities' ORDER BY logged_at`)).getRowObjectsJson());
    expect(audit.map((a) => [a.subject, JSON.parse(String(a.detail)).version])).toEqual([['Lichfield', 1], ['Lichfield', 2]]);
    expect(JSON.parse(String(audit[0].detail)).by).toEqual(expect.any(String));
    const exports = await engine.workspace.withConnection(async (c) => (await c.runAndReadAll(`SELECT detail FROM csw_meta.audit WHERE action = 'export' AND subject = 'priorities'`)).getRowObjectsJson());
    // The summary of priorities (the pack's section) carries the saved grades and scores beside what the data shows.
    const summary = await rows('priority-summary', { area: 'Lichfield', to: '2019-03-31' });
    expect(summary.slice(0, 2).map((r) => [r.priority, r.score, r.confidence])).toEqual([['Domestic abuse', 45.5, 'high'], ['Rural crime', 9, 'low']]);
    expect(summary[0]).toMatchObject({ individual_harm: 4, likelihood: 4, evidence: 'individual_harm: Repeat victims: 38% of domestic victims', grades_saved: expect.stringMatching(/^Version 2, saved 20\d\d-/) });
    expect(summary.find((r) => r.priority === 'Car-key burglary')).toMatchObject({ score: null, higher_measures: 'Burglary, Residential burglary, Burglary with a vehicle taken' });
    expect(keyPoints('priority-summary', summary, { area: 'Lichfield', comparator: 'Staffordshire' })[0]).toBe('Of the graded priorities shown, the highest score (MoRiLE) is Domestic abuse 45.5 (confidence high), then Rural crime 9.0 (confidence low).');
    // Another district has no grades saved: its summary says so.
    expect((await rows('priority-summary', { area: 'Tamworth', to: '2019-03-31' })).every((r) => r.score === null && r.grades_saved === 'Not graded')).toBe(true);
    expect(exports.map((e) => JSON.parse(String(e.detail)))).toEqual([expect.objectContaining({ file: path.join(dir, 'priorities.json'), format: 'json', area: 'Lichfield', version: 0 })]);
  }, 60_000);
});
