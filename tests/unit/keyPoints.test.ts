import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { analyses, findAnalysis } from '../../shared/analyses/registry';
import { initialOptions } from '../../shared/charts/fromPrepared';
import type { Output } from '../../shared/api';
import { filterChoices } from '../../shared/charts/options';
import { checkKeyPoints } from '../../shared/exports/keyPointCheck';
import { keyPointsFor, type KeyPoint } from '../../shared/exports/keyPoints';
import { tempDir } from '../support/tempWorkspace';

type Prepared = Output<'exports.prepare'>;
const period = { from: '2018-04-01', to: '2019-03-31' };

/** Key points from the sample workspace, checked against their own tables, for every analysis and district. */
describe('key points', () => {
  const { dir, cleanup } = tempDir('csw-keypoints-');
  let engine: Engine;
  let districts: string[] = [];
  // Built once for the file: the sample workspace takes about 15 seconds.
  beforeAll(async () => {
    const file = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(file);
    engine = await createEngine(file, { backups: false });
    const areas = await engine.invoke('areas.list', {});
    if (!areas.ok) throw new Error(areas.error.message);
    districts = areas.value.areas.filter((a) => a.type === 'district').map((a) => a.name);
  }, 120_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  /** The analysis run once, prepared for export at each threshold (as many exports of one result are). */
  const prepareEach = async (id: string, params: Record<string, string | number>, thresholds: readonly number[]): Promise<Prepared[]> => {
    const analysis = analyses.find((a) => a.id === id)!;
    const declared = Object.fromEntries(Object.entries(params).filter(([k]) => analysis.parameters.some((p) => p.name === k)));
    const result = await engine.invoke('analyses.run', { id, params: declared, operationId: `op-${id}-${thresholds.join('-')}-0001` });
    if (!result.ok) throw new Error(`${id}: ${result.error.message}`);
    const each: Prepared[] = [];
    for (const threshold of thresholds) {
      const prepared = await engine.invoke('exports.prepare', { resultId: result.value.resultId, suppression: { threshold } });
      if (!prepared.ok) throw new Error(prepared.error.message);
      each.push(prepared.value);
    }
    return each;
  };
  const prepare = async (id: string, params: Record<string, string | number>, threshold = 5): Promise<Prepared> => (await prepareEach(id, params, [threshold]))[0];
  const context = (p: Prepared) => ({ area: p.area, comparator: p.comparator, parameters: p.provenance.parameters, hidden: p.hidden });
  const pointsOf = (p: Prepared) => keyPointsFor(p.analysis!, p.rows, context(p));
  const texts = async (id: string, area = 'Lichfield', threshold = 5) => pointsOf(await prepare(id, { area, ...period }, threshold)).map((k) => k.text);
  const problems = (p: Prepared, points: KeyPoint[]) => checkKeyPoints(p.analysis!, p.rows, points, context(p));

  it('every analysis, for every district of the sample, at thresholds 0, 5 and 10: key points the checker passes', async () => {
    expect(districts.length).toBeGreaterThanOrEqual(9);
    const failures: string[] = [];
    let checked = 0;
    const thresholds = [0, 5, 10];
    for (const analysis of analyses) {
      for (const area of analysis.parameters.some((p) => p.name === 'area') ? districts : ['(none)']) {
        // One run per analysis and district, its result prepared at each threshold.
        const preparedEach = await prepareEach(analysis.id, area === '(none)' ? {} : { area, ...period }, thresholds);
        for (const [i, prepared] of preparedEach.entries()) {
          const threshold = thresholds[i];
          // Every slice the chart can draw (each offence group, role, breakdown, measure), as a pack may show any.
          const slices = analysis.chart.filter ? filterChoices(analysis, prepared.rows) : [undefined];
          for (const filterValue of slices) {
            const points = keyPointsFor(prepared.analysis!, prepared.rows, context(prepared), { filterValue });
            expect(points.length, `${analysis.id} ${area} ${filterValue}`).toBeGreaterThan(0);
            for (const p of checkKeyPoints(prepared.analysis!, prepared.rows, points, context(prepared), { filterValue })) failures.push(`${analysis.id} / ${area} / ${filterValue ?? ''} / threshold ${threshold}: ${p.problem} — "${p.point}"`);
            checked += points.length;
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 600_000);

  describe('the false statements of the Lichfield and Tamworth packs (issue 18), and the checker refusing them', () => {
    it('SPI triangulation: a Pearson r is a correlation, never a percentage change', async () => {
      const prepared = await prepare('spi-triangulation', { area: 'Lichfield', ...period });
      const points = pointsOf(prepared).map((p) => p.text);
      expect(points.join(' ')).not.toMatch(/fell|rose|%/);
      // Pearson's r of each SPI component against the wards' crimes per 1,000 (2018 residents), worked out apart from
      // the analysis over the sample's 22 Lichfield wards: Personal Freedom and Choice −0.962 is the closest.
      expect(points[0]).toMatch(/^The closest correlations with recorded crime per 1,000 across wards: Personal Freedom and Choice \(r = −0\.96, strong negative, across 22 wards\)/);
      expect(points[1]).toBe('A correlation across wards shows that two measures vary together, not that one causes the other.');
      const row = prepared.rows.findIndex((r) => r.measure_x === 'Access to Advanced Education' && r.measure_y === 'Recorded crime per 1,000');
      const old: KeyPoint = { text: 'Access to Advanced Education fell by 1.0% on the previous 12 months.', claims: [{ type: 'change', word: 'fell', row, column: 'pearson_r' }] };
      expect(problems(prepared, [old]).map((p) => p.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/reads a correlation as a change/), expect.stringMatching(/1\.0% is not a figure/)]));
    });

    it('SPI correlations from few wards carry a caveat', async () => {
      const prepared = await prepare('spi-triangulation', { area: 'Lichfield', ...period });
      const survey = keyPointsFor(prepared.analysis!, prepared.rows, context(prepared), { filterValue: 'Survey: How safe do you feel in your local area during the day?' });
      expect(survey[0].text).toMatch(/across 7 wards: only a few wards, so treat with caution/);
      expect(problems(prepared, [{ ...survey[0], text: survey[0].text.replace(/: only a few wards, so treat with caution/g, '') }]).map((p) => p.problem)).toContain('a correlation across only 7 wards carries no caveat');
    });

    it('Incidents: no incident type is treated as the total', async () => {
      const points = await texts('incident-rates');
      expect(points.join(' ')).not.toMatch(/other/);
      expect(points[0]).toBe('Of the 4 incident types, 1 is higher than Staffordshire, 2 lower and 1 similar, by the 95% confidence interval.');
      expect(points).toContain('Higher than Staffordshire: Mental health (5.5 vs 4.9 per 1,000).');
    });

    it('Alcohol: the total is the headline and is never ranked with its parts; shares carry "%"', async () => {
      const prepared = await prepare('alcohol-violence', { area: 'Lichfield', ...period });
      const points = pointsOf(prepared);
      expect(points[0].text).toBe('All offences: 7.1% flagged alcohol-related, similar to Staffordshire (7.6%); 95% interval 6.5% to 7.8%.');
      expect(points.map((p) => p.text).join(' ')).not.toMatch(/lowest[^.]*All offences/);
      const total = prepared.rows.findIndex((r) => r.measure === 'All offences');
      const old: KeyPoint = {
        text: 'Highest % flagged: Public-place violence, late night (21:00–04:00) (41.6); lowest: All offences (7.1).',
        claims: [{ type: 'rank', word: 'lowest', row: total, column: 'pct', among: prepared.rows.map((_, i) => i) }],
      };
      const found = problems(prepared, [old]).map((p) => p.problem);
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/a total or comparator \(All offences\) is ranked/), expect.stringMatching(/41\.6 is not a figure .*without "%"/), expect.stringMatching(/"highest" is not backed/)]));
    });

    it('Flagged share of each offence: names the flag it was run with, in the key points and on the chart', async () => {
      for (const [flag, words] of [['domestic', 'domestic abuse'], ['alcohol', 'alcohol-related']]) {
        const prepared = await prepare('flag-shares', { area: 'Lichfield', ...period, flag });
        expect(pointsOf(prepared)[0].text).toMatch(new RegExp(`^All crime: [0-9.]+% flagged ${words}, (higher|lower|similar)`));
        expect(initialOptions(findAnalysis('flag-shares')!, prepared).yLabel).toBe(`% flagged ${words}`);
      }
    });

    it('Burglary with a vehicle taken: the area against the force first; wards ranked only among shown wards with enough burglaries', async () => {
      const prepared = await prepare('burglary-vehicle-taken', { area: 'Lichfield', ...period });
      const points = pointsOf(prepared).map((p) => p.text);
      expect(points[0]).toBe('Lichfield: 13.1% of burglaries with a vehicle taken, higher than Staffordshire (6.0%); 95% interval 10.6% to 15.9%.');
      expect(points.join(' ')).not.toMatch(/(highest|lowest)[^.]*Staffordshire/);
      expect(points.find((p) => /highest/.test(p))).toMatch(/^Of the wards shown with at least 50 burglaries, the highest is Little Aston & Stonnall \(17\.6%, of 51 burglaries\)/);
      const summerfield = prepared.rows.findIndex((r) => r.geography === 'Summerfield & All Saints');
      const force = prepared.rows.findIndex((r) => r.geography === 'Staffordshire');
      const old: KeyPoint[] = [
        {
          text: 'Highest share: Summerfield & All Saints (17.9); lowest: Staffordshire (6.0).',
          claims: [
            { type: 'rank', word: 'highest', row: summerfield, column: 'pct', among: prepared.rows.map((_, i) => i).filter((i) => prepared.rows[i].pct !== null) },
            { type: 'rank', word: 'lowest', row: force, column: 'pct', among: prepared.rows.map((_, i) => i).filter((i) => prepared.rows[i].pct !== null) },
          ],
        },
      ];
      const found = problems(prepared, old).map((p) => p.problem);
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Staffordshire.*is ranked with its members/),
          expect.stringMatching(/17\.9 is not a figure/),
          expect.stringMatching(/not say "of those shown"/),
          expect.stringMatching(/the first point is not the headline \(Lichfield\)/),
          expect.stringMatching(/a figure from a small base is ranked/),
        ]),
      );
    });

    it('Burglary in Tamworth: never "Highest share: Staffordshire"', async () => {
      const points = await texts('burglary-vehicle-taken', 'Tamworth');
      expect(points[0]).toMatch(/^Tamworth: \d+\.\d% of burglaries with a vehicle taken, (higher than|lower than|similar to) Staffordshire/);
      expect(points.join(' ')).not.toMatch(/(highest|lowest)[^.]*Staffordshire/i);
    });

    it('Flag profile names its cohort; the age–sex profile says who is counted, for victims and offenders both', async () => {
      const flag = await texts('flag-profile');
      expect(flag[0]).toBe('Domestic abuse crimes in Lichfield: 1,160 crimes in the period.');
      expect(flag[1]).toMatch(/^Violence against the Person is the largest offence group among domestic abuse crimes: 80\.4% of them/);
      // Unsuppressed, the alcohol cohort is named as domestic abuse is. At threshold 5 the exact audit hides every
      // alcohol-related offence group's count (small subgroups pin them), so the points describe none of them.
      const alcohol = pointsOf(await prepare('flag-profile', { area: 'Lichfield', ...period, flag: 'alcohol' }, 0)).map((p) => p.text);
      expect(alcohol.join(' ')).toMatch(/among alcohol-related crimes/);
      const alcoholHidden = await prepare('flag-profile', { area: 'Lichfield', ...period, flag: 'alcohol' }, 5);
      const hiddenGroups = alcoholHidden.hidden.filter((h) => h.column === 'count').map((h) => String(alcoholHidden.rows[h.row].offence_subgroup || alcoholHidden.rows[h.row].offence_group));
      const described = pointsOf(alcoholHidden).map((p) => p.text).join(' ');
      for (const name of hiddenGroups) expect(described).not.toMatch(new RegExp(`${name} is the largest`));
      const profile = await texts('victim-offender-profile');
      // Each person once, as on their latest record (worked out apart from the analysis): of Lichfield's 3,765 victims
      // in 2018-19, 748 are women aged 25-34; of its 1,310 offenders (the assessment's count), 387 are men aged 18-24.
      expect(profile[0]).toMatch(/^Victims: the largest groups are women aged 25-34 \(748, 19\.9% of victims\)/);
      expect(profile[1]).toMatch(/^Offenders: the largest groups are men aged 18-24 \(387, 29\.5% of offenders\)/);
      expect(profile.join(' ')).not.toMatch(/\b[FM]\b/);
    });

    it('names the confidence level the comparisons used (issue 20): 99.8% is never called 95%', async () => {
      const prepared = await prepare('crime-rates', { area: 'Lichfield', ...period, confidence: 0.998 });
      const points = pointsOf(prepared);
      expect(points[1].text).toMatch(/^Of the 11 other offence groups, .*, by the 99\.8% confidence interval\.$/);
      expect(points.map((p) => p.text).join(' ')).not.toMatch(/95%/);
      expect(problems(prepared, points)).toEqual([]);
      const shares = pointsOf(await prepare('burglary-vehicle-taken', { area: 'Lichfield', ...period, confidence: 0.998 }));
      expect(shares[0].text).toMatch(/; 99\.8% interval \d+\.\d% to \d+\.\d%\.$/);
    });

    it('District ranking: where the area itself ranks comes first (the assessment\'s "third-lowest")', async () => {
      // Lichfield's 8,369 crimes and ASB incidents over 103,965 residents are 80.5 per 1,000, third of the nine
      // Staffordshire districts from the lowest (tests/unit/assessmentPriorityFigures.test.ts reads the rank).
      const points = await texts('district-ranking');
      expect(points[0]).toBe('Lichfield is ranked 3 of the 9 districts shown, where 1 is the lowest rate (80.5 per 1,000).');
      expect(points[1]).toMatch(/^Of the districts shown, the highest rate is in Stoke-on-Trent \(146\.5 per 1,000\) and the lowest in Staffordshire Moorlands \(58\.7\)\.$/);
    });

    it('Direction of travel: changes from small bases are never among the largest rises, and say so', async () => {
      const prepared = await prepare('direction-of-travel', { area: 'Lichfield', to: period.to });
      const points = pointsOf(prepared).map((p) => p.text);
      expect(points[0]).toBe('Total recorded crime rose by 4.6% on the previous 12 months (5,850 to 6,118).');
      const rises = points.find((p) => p.startsWith('The largest rises'))!;
      expect(rises).not.toMatch(/Possession of Weapons/);
      expect(rises).toMatch(/^The largest rises of those with at least 100 the year before: Violence against the Person \(\+10\.5%, 1,899 to 2,099\)/);
      expect(points.find((p) => /Possession of Weapons/.test(p))).toMatch(/^From small bases \(fewer than 100 the year before\), so not a reliable guide to a trend: .*Possession of Weapons \(47 to 53\)/);
      const weapons = prepared.rows.findIndex((r) => r.measure === 'Possession of Weapons');
      const all = prepared.rows.map((_, i) => i).slice(1);
      const old: KeyPoint = { text: 'The largest rises: Possession of Weapons (12.8%).', claims: [{ type: 'rank', word: 'largest', row: weapons, column: 'pct_change', among: all }] };
      expect(problems(prepared, [old]).map((p) => p.problem)).toEqual(expect.arrayContaining(['a figure from a small base is ranked', expect.stringMatching(/"rises" is not backed/), 'the first point is not the headline (Total recorded crime)']));
    });

    it('Monthly trend and SPC: months are written as people say them ("March 2019"), never "2019-03"', async () => {
      const points = pointsOf(await prepare('monthly-trend', { area: 'Lichfield', ...period })).map((p) => p.text);
      const rolling = points.find((p) => p.startsWith('The rolling 12-month mean'))!;
      expect(rolling).toMatch(/\((January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d\)\.$/);
      expect(points[0]).toMatch(/^Total recorded crime: [\d,]+ in March 2019\.$/);
      const spc = pointsOf(await prepare('spc-monthly', { area: 'Lichfield', to: '2019-03-31' })).map((p) => p.text);
      expect(spc[0]).toMatch(/^Total recorded crime: [\d,]+ in March 2019; the mean is/);
      expect([...points, ...spc].join(' ')).not.toMatch(/\b\d{4}-\d\d\b/);
    });

    it('Tamworth Mosaic: no population data is said in words, never "NaN", and the points are not empty', async () => {
      const prepared = await prepare('mosaic-disproportionality', { area: 'Tamworth', ...period });
      const points = pointsOf(prepared);
      expect(points.length).toBeGreaterThan(0);
      expect(points[0].text).toBe('There is no population data for the Mosaic groups in Tamworth, so how far victims are in proportion to residents cannot be measured.');
      expect(points.map((p) => p.text).join(' ')).not.toMatch(/NaN/);
      expect(problems(prepared, [{ text: 'Family Basics: index NaN.', claims: [] }]).map((p) => p.problem)).toContain('the point shows a value that is not a number');
    });

    it('a ranking is of the wards shown, and never names a hidden ward', async () => {
      const prepared = await prepare('ward-rates', { area: 'Lichfield', ...period, offence_group: 'Robbery' }, 10);
      const points = keyPointsFor(prepared.analysis!, prepared.rows, context(prepared), { filterValue: 'Robbery' });
      expect(problems(prepared, points)).toEqual([]);
      const robbery = prepared.rows.map((r, i) => ({ r, i })).filter(({ r }) => r.offence_group === 'Robbery');
      const hiddenWards = robbery.filter(({ r }) => r.rate === null).map(({ r }) => String(r.ward_name));
      expect(hiddenWards.length).toBeGreaterThan(0);
      const text = points.map((p) => p.text).join(' ');
      expect(text).toMatch(/Of the wards shown, the highest rate/);
      expect(text).toMatch(new RegExp(`Rates for ${hiddenWards.length} wards are hidden`));
      for (const ward of hiddenWards) expect(text).not.toContain(ward);
      const top = robbery.find(({ r }) => r.rate === null)!;
      const claim: KeyPoint = { text: `The highest rate is in ${String(top.r.ward_name)}.`, claims: [{ type: 'rank', word: 'highest', row: top.i, column: 'rate', among: robbery.map(({ i }) => i) }] };
      expect(problems(prepared, [claim]).map((p) => p.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/describes a hidden or missing figure/)]));
    });

    it('a comparison word must agree with its significance test', async () => {
      const prepared = await prepare('crime-rates', { area: 'Lichfield', ...period });
      const points = pointsOf(prepared);
      expect(points[0].text).toBe('The total recorded crime rate is lower than Staffordshire: 58.8 vs 76.1 per 1,000.');
      const burglary = prepared.rows.findIndex((r) => r.offence_group === 'Burglary' && r.offence_subgroup === null);
      const wrong: KeyPoint = { ...points[0], claims: [{ ...points[0].claims[0], word: 'higher' } as KeyPoint['claims'][number]] };
      expect(problems(prepared, [wrong]).map((p) => p.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/"higher" but the numbers/), expect.stringMatching(/significance test says Lower/), expect.stringMatching(/"lower" is not backed/)]));
      const similar: KeyPoint = { text: 'Burglary is similar to Staffordshire.', claims: [{ type: 'compare', word: 'similar', row: burglary, column: 'area_rate', against: { row: burglary, column: 'comparator_rate' }, test: { verdict: 'comparison' } }] };
      expect(problems(prepared, [points[0], similar]).map((p) => p.problem)).toContain('"similar" but the significance test says Higher');
    });
  });

  it('says whom a rate is of: a youth rate is per 1,000 (or 10,000) residents under 18, not as if of every resident', async () => {
    for (const id of ['youth-offenders', 'children-rates', 'children-ward-rates']) {
      const prepared = await prepare(id, { area: 'Lichfield', ...period });
      const rated = pointsOf(prepared).filter((p) => /per (1,000|10,000)/.test(p.text));
      expect(rated.length, id).toBeGreaterThan(0);
      for (const p of rated) expect(p.text, id).toMatch(/per (1,000|10,000) residents under 18/);
      expect(problems(prepared, pointsOf(prepared)), id).toEqual([]);
    }
    // A rate of every resident still says only "per 1,000".
    expect((await texts('crime-rates'))[0]).toMatch(/per 1,000\.$/);
  });
});
