import { describe, expect, it } from 'vitest';
import type { Output } from '../../shared/api';
import { parametersTaken } from '../../shared/analyses/parametersTaken';
import { findAnalysis } from '../../shared/analyses/registry';
import { printSize } from '../../shared/charts/figure';
import { packFigures } from '../../shared/exports/packSection';

/** The metadata of a library analysis, as exports.prepare carries it. */
const metadata = (id: string) => (({ sql: _sql, ...m }: NonNullable<ReturnType<typeof findAnalysis>>) => m)(findAnalysis(id)!);

const prepared = (id: string, rows: Output<'exports.prepare'>['rows'], savedChart: Output<'exports.prepare'>['savedChart'] = null): Output<'exports.prepare'> => ({
  analysis: metadata(id),
  title: metadata(id).title,
  area: 'Lichfield',
  comparator: 'Staffordshire',
  period: '1 April 2018 to 31 March 2019',
  rows,
  hidden: [],
  statement: 'Counts from 1 to 4 are shown as <5.',
  source: 'Source: test.',
  provenance: { workspace: 'w', analysis: null, parameters: {}, method: 'm', sources: [], app_version: '0', duckdb_version: 'v', exported_at: '2026-11-21T10:30:00.000Z' },
  boundaries: {},
  truncated: false,
  savedChart,
});

describe('the values an analysis takes', () => {
  it('keeps only the parameters the analysis declares, in its order, leaving unset ones out', () => {
    const analysis = { parameters: [{ name: 'area' }, { name: 'from' }, { name: 'to' }, { name: 'per' }] };
    expect(parametersTaken(analysis, { comparator: 'Staffordshire', per: 1000, to: undefined, area: 'Lichfield', survey: 'x' })).toStrictEqual({ area: 'Lichfield', per: 1000 });
    // Nothing inherited counts as a value (an object's prototype is not the analyst's).
    expect(parametersTaken({ parameters: [{ name: 'toString' }] }, {})).toStrictEqual({});
  });
});

describe('a board pack section’s figures', () => {
  it('draws a victim–offender profile as both halves, each for the page, the saved half first', () => {
    const rows = ['victim', 'offender'].flatMap((role) => ['18-24', '25-34'].flatMap((age_band) => ['F', 'M'].map((sex) => ({ role, age_band, sex, count: 40, pct: 25 }))));
    const analysis = metadata('victim-offender-profile');
    const figures = packFigures(analysis, prepared('victim-offender-profile', rows));
    expect(figures.map((f) => f.chart.filterValue)).toEqual(['victim', 'offender']);
    expect(figures.map((f) => f.figure.layout.width)).toEqual([printSize.width, printSize.width]);
    // Each half is drawn from its own rows: the subtitle names the slice.
    expect(figures.map((f) => (f.figure.layout.title as { subtitle: { text: string } }).subtitle.text)).toEqual([
      'Victim: Lichfield, 1 April 2018 to 31 March 2019',
      'Offender: Lichfield, 1 April 2018 to 31 March 2019',
    ]);
  });

  it('starts from the chart the analyst saved, with this run’s subtitle, and draws one figure for other charts', () => {
    const saved = { type: 'table' as const, title: 'Crime, 2018/19', subtitle: 'old', xLabel: 'x', yLabel: 'y', sort: 'data' as const, palette: 'greyscale' as const, filterValue: null };
    const rows = [{ offence_group: 'Burglary', offence_subgroup: null, area_count: 612, area_rate: 5.9, area_rate_lower: 5.4, area_rate_upper: 6.4, comparator_count: 5900, comparator_rate: 5.2, comparison: 'Higher' }];
    const [only, ...more] = packFigures(metadata('crime-rates'), prepared('crime-rates', rows, saved));
    expect(more).toEqual([]);
    expect(only.figure.layout.title).toMatchObject({ text: '<b>Crime, 2018/19</b>', subtitle: { text: 'Lichfield compared with Staffordshire, 1 April 2018 to 31 March 2019' } });
    expect(only.figure.data[0]).toMatchObject({ type: 'table' });
    expect(only.chart).toStrictEqual({ filterValue: null, xMeasure: undefined, yMeasure: undefined });
  });
});
