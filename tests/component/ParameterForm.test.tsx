import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/result';
import { labelOf } from '../../shared/format/labels';
import { listed, renderWorkbench } from './workbench';

afterEach(cleanup);

const hotspots = listed('hotspot-wards');
const crimeRates = listed('crime-rates');
const header = { view: 'library' as const, area: 'E07000194', from: '2018-04-01', to: '2019-03-31' };

describe('the parameter form', () => {
  it('has a field for each parameter the analysis declares beyond the header’s, and says which header settings it uses', async () => {
    renderWorkbench({ ...header, analysis: 'hotspot-wards' }, [hotspots, crimeRates]);
    const form = await screen.findByRole('form', { name: `${hotspots.title} parameters` });
    const own = hotspots.parameters.filter((p) => !['area', 'comparator', 'from', 'to'].includes(p.name));
    expect([...form.querySelectorAll('label')].map((l) => l.textContent)).toEqual(own.map((p) => p.label));
    // Choices in the user's words, the default chosen.
    const measure = within(form).getByLabelText('Measure') as HTMLSelectElement;
    expect([...measure.options].map((o) => o.textContent)).toEqual(own[0].choices!.map((c) => labelOf('measure_kind', c)));
    expect(measure.value).toBe('crime');
    // The area by the name areas.list gives its code; no comparator, which this analysis does not take.
    expect(await within(form).findByText('Uses Lichfield, over 1 April 2018 to 31 March 2019 set in the header.')).toBeTruthy();
  });

  it('names the comparator from areas.list when the analysis takes one', async () => {
    renderWorkbench({ ...header, comparator: 'E23000015', analysis: 'crime-rates' }, [hotspots, crimeRates]);
    const form = await screen.findByRole('form', { name: 'Rates of recorded crime parameters' });
    expect(await within(form).findByText('Uses Lichfield, compared with Staffordshire, over 1 April 2018 to 31 March 2019 set in the header.')).toBeTruthy();
    expect([...form.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Rate per', 'Confidence level']);
  });

  it('offers the data’s own values, marks one the data does not have, and runs with what was chosen and the header’s settings', async () => {
    const fake = renderWorkbench({ ...header, comparator: 'E23000015', analysis: 'hotspot-wards' }, [hotspots], {
      'analyses.values': (input) => ok({ values: input.params?.measure_kind === 'offence_subgroup' ? ['Burglary Residential', 'Criminal Damage'] : [] }),
      'analyses.run': () => fail('invalid_input', 'hotspot-wards: there is no offence subgroup "Burglary Resi" in the data. Did you mean "Burglary Residential"?'),
    });
    const form = await screen.findByRole('form', { name: `${hotspots.title} parameters` });
    fireEvent.change(within(form).getByLabelText('Measure'), { target: { value: 'offence_subgroup' } });
    await waitFor(() => expect(fake.calls.at(-1)).toEqual({ channel: 'analyses.values', input: { id: 'hotspot-wards', name: 'measure', params: { measure_kind: 'offence_subgroup' } } }));
    const which = within(form).getByLabelText('Which') as HTMLInputElement;
    await waitFor(() => expect([...(which.list?.options ?? [])].map((o) => o.value)).toEqual(['Burglary Residential', 'Criminal Damage']));

    fireEvent.change(which, { target: { value: 'Burglary Resi' } });
    expect(within(form).getByText("Not a value in this workspace's data.")).toBeTruthy();
    expect(which.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(which, { target: { value: 'Burglary Residential' } });
    expect(within(form).queryByText(/Not a value in this workspace/)).toBeNull();
    expect(which.getAttribute('aria-invalid')).toBe('false');

    // Sent as typed once more, the engine's refusal (with its close matches) is what the analyst reads.
    fireEvent.change(which, { target: { value: 'Burglary Resi' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run analysis' }));
    expect((await screen.findByRole('alert')).textContent).toBe('hotspot-wards: there is no offence subgroup "Burglary Resi" in the data. Did you mean "Burglary Residential"?');
    const run = fake.calls.find((c) => c.channel === 'analyses.run')!.input as { id: string; params: Record<string, unknown> };
    expect(run.id).toBe('hotspot-wards');
    // The header's area and period, then the form's own values; nothing the analysis does not declare (the header's
    // comparator is not sent: hotspot wards takes none, and the engine would refuse it).
    expect(run.params).toStrictEqual({ area: 'E07000194', from: '2018-04-01', to: '2019-03-31', measure_kind: 'offence_subgroup', measure: 'Burglary Resi', per: '1000', sd_method: 'sample' });
  });

  it('leaves an emptied field out, so the engine fills it from the data', async () => {
    const fake = renderWorkbench({ ...header, analysis: 'crime-rates' }, [crimeRates], { 'analyses.run': () => fail('invalid_input', 'refused') });
    const form = await screen.findByRole('form', { name: 'Rates of recorded crime parameters' });
    fireEvent.change(within(form).getByLabelText('Confidence level'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run analysis' }));
    await screen.findByRole('alert');
    expect((fake.calls.find((c) => c.channel === 'analyses.run')!.input as { params: unknown }).params).toStrictEqual({ area: 'E07000194', from: '2018-04-01', to: '2019-03-31', per: '1000' });
  });
});
