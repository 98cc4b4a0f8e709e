import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../shared/api';
import { fail, ok } from '../../shared/result';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { ChartPanel } from '../../renderer/src/features/charts/ChartPanel';
import { createFakeApi, type Answers } from './fakeApi';
import { listed, prepared, withoutLayout } from './workbench';

withoutLayout();
afterEach(cleanup);

const crimeRates = listed('crime-rates');
const hotspots = listed('hotspot-wards');

/** Crime rates as the engine prepares them: the total, two groups and one subgroup of each. */
const crimeRows = [
  ['Total Recorded Crime', null, 6123, 58.8],
  ['Violence against the person', null, 2104, 20.2],
  ['Violence against the person', 'Violence with injury', 801, 7.7],
  ['Burglary', null, 612, 5.9],
  ['Burglary', 'Burglary residential', 420, 4.0],
].map(([group, subgroup, count, rate]) => ({
  offence_group: group,
  offence_subgroup: subgroup,
  area_count: count,
  area_rate: rate,
  area_rate_lower: Number(rate) * 0.95,
  area_rate_upper: Number(rate) * 1.05,
  comparator_count: Number(count) * 9,
  comparator_rate: Number(rate) * 1.2,
  comparison: 'Lower',
}));

const wardRows = ['Chadsmead', 'Boley Park', 'Stowe'].map((ward, i) => ({
  ward_code: `E0501234${i}`,
  ward_name: ward,
  measure: 'All recorded crime',
  count: 300 - i * 50,
  population: 5000,
  rate: 60 - i * 10,
  mean_rate: 50,
  sd_rate: 8,
  flag: i === 0 ? 'Above average' : 'Average',
  sd_method: 'sample',
}));

function renderPanel(analysis: ReturnType<typeof listed>, answers: Answers) {
  const fake = createFakeApi({}, answers);
  render(
    <ApiProvider api={fake.api}>
      <ChartPanel analysis={analysis} resultId="r_4" />
    </ApiProvider>,
  );
  return fake;
}

const optionsOf = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent);

describe('the chart panel', () => {
  it('offers the chart types the analysis can be drawn as, starting from its own, titled for the area and period', async () => {
    const fake = renderPanel(hotspots, { 'exports.prepare': () => ok(prepared(hotspots, wardRows)) });
    const panel = await screen.findByRole('region', { name: 'Hotspot wards chart' });
    const type = within(panel).getByLabelText('Chart type') as HTMLSelectElement;
    expect(optionsOf(type)).toEqual(['Ward ranking', 'Ward map', 'Table']);
    expect(type.value).toBe('ward-ranking');
    expect((within(panel).getByLabelText('Title') as HTMLInputElement).value).toBe('Hotspot wards');
    // No comparator in a ward ranking: the subtitle is the area and the period.
    expect((within(panel).getByLabelText('Subtitle') as HTMLInputElement).value).toBe('Lichfield, 1 April 2018 to 31 March 2019');
    expect((within(panel).getByLabelText('Order') as HTMLSelectElement).value).toBe('descending');
    // One slice column in a ward ranking: no "Show …" choice.
    expect(within(panel).queryByLabelText(/^Show /)).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'exports.prepare').map((c) => c.input)).toEqual([{ resultId: 'r_4', suppression: { threshold: 5 } }]);
  });

  it('offers the slices the result has (the totals and each subgroup) and the analyst’s saved chart over the default', async () => {
    const saved: NonNullable<Output<'exports.prepare'>['savedChart']> = {
      type: 'table',
      title: 'Crime in Lichfield, 2018/19',
      subtitle: 'an old subtitle',
      xLabel: 'Offence',
      yLabel: 'Per 1,000',
      sort: 'descending',
      palette: 'greyscale',
      filterValue: 'Burglary residential',
    };
    renderPanel(crimeRates, { 'exports.prepare': () => ok(prepared(crimeRates, crimeRows, { savedChart: saved })) });
    const panel = await screen.findByRole('region', { name: 'Rates of recorded crime chart' });
    const slice = within(panel).getByLabelText('Show subgroup') as HTMLSelectElement;
    expect(optionsOf(slice)).toEqual(['(totals)', 'Violence with injury', 'Burglary residential']);
    expect(slice.value).toBe('Burglary residential');
    expect((within(panel).getByLabelText('Chart type') as HTMLSelectElement).value).toBe('table');
    expect((within(panel).getByLabelText('Title') as HTMLInputElement).value).toBe('Crime in Lichfield, 2018/19');
    // The saved subtitle is this run's area, comparator and period, not the one it was saved with.
    expect((within(panel).getByLabelText('Subtitle') as HTMLInputElement).value).toBe('Lichfield compared with Staffordshire, 1 April 2018 to 31 March 2019');
    expect((within(panel).getByLabelText('Colours') as HTMLSelectElement).value).toBe('greyscale');
  });

  it('folds the source and method under the chart, with the suppression statement when anything was hidden', async () => {
    renderPanel(crimeRates, {
      'exports.prepare': (input) =>
        ok(prepared(crimeRates, crimeRows, input.suppression?.threshold === 10 ? { hidden: [{ row: 4, column: 'area_count', reason: 'small' }], statement: 'Counts from 1 to 9 are shown as <10.' } : {})),
    });
    const panel = await screen.findByRole('region', { name: 'Rates of recorded crime chart' });
    const fold = panel.querySelector('details')!;
    expect(fold.open).toBe(false);
    expect(within(fold).getByText('Source and method').tagName).toBe('SUMMARY');
    const lines = () => [...fold.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines()[0]).toBe('Source: crimes (crimes-2019.csv, imported 21/11/2026, SHA-256 3f2a9c1e…).');
    expect(lines()[1]).toBe(`Method: ${crimeRates.method.split(/(?<=\.)\s/)[0]}`);
    expect(lines()[2]).toMatch(/^Analysis crime-rates: area Lichfield, from 2018-04-01, to 2019-03-31\.\nExported 21 November 2026, \d\d:\d\d\.$/);
    expect(lines()).toHaveLength(3);

    // A higher threshold prepares the result again; a hidden cell brings the statement into the fold and the exports.
    fireEvent.change(within(panel).getByLabelText('Hide counts below'), { target: { value: '10' } });
    await waitFor(() => expect(lines()).toHaveLength(4));
    expect(lines()[2]).toBe('Counts from 1 to 9 are shown as <10.');
    expect(within(panel).getByText('Counts from 1 to 9 are shown as <10.', { selector: 'p' })).toBeTruthy();
  });

  it('saves the edited chart for the analysis, and restores the default', async () => {
    const fake = renderPanel(crimeRates, { 'exports.prepare': () => ok(prepared(crimeRates, crimeRows)) });
    const panel = await screen.findByRole('region', { name: 'Rates of recorded crime chart' });
    fireEvent.change(within(panel).getByLabelText('Title'), { target: { value: 'Recorded crime, Lichfield' } });
    fireEvent.click(within(panel).getByRole('button', { name: "Save as this analysis's chart" }));
    // The status reads "Saving…" first (a loaded machine can catch it there), then says it is done.
    const status = await within(panel).findByRole('status');
    await waitFor(() => expect(status.textContent).toBe('Saving the chart for this analysis: done.'));
    const save = fake.calls.find((c) => c.channel === 'charts.save')!.input as { analysisId: string; options: Record<string, unknown> };
    expect(save.analysisId).toBe('crime-rates');
    expect(save.options).toMatchObject({ type: 'interval-bars', title: 'Recorded crime, Lichfield', filterValue: null });

    fireEvent.click(within(panel).getByRole('button', { name: 'Default chart' }));
    await waitFor(() => expect((within(panel).getByLabelText('Title') as HTMLInputElement).value).toBe('Rates of recorded crime'));
    expect(fake.calls.filter((c) => c.channel === 'charts.save').at(-1)!.input).toEqual({ analysisId: 'crime-rates', options: null });
  });

  it('shows the engine’s error when the result cannot be prepared', async () => {
    renderPanel(crimeRates, { 'exports.prepare': () => fail('not_found', 'There is no result r_4: run the analysis again.') });
    expect(await screen.findByText('There is no result r_4: run the analysis again.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Rates of recorded crime chart' })).toBeNull();
  });
});
