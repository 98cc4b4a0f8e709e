import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/api';
import { printSize } from '../../shared/charts/figure';
import type { Figure } from '../../shared/charts/types';
import type { JsonValue } from '../../shared/contracts/common';
import { fail, ok } from '../../shared/result';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { SessionProvider } from '../../renderer/src/app/session';
import { BoardPackDialog } from '../../renderer/src/features/charts/BoardPackDialog';
import { createFakeApi } from './fakeApi';
import { areas, listed, prepared, ran } from './workbench';

afterEach(cleanup);

const library = ['hotspot-wards', 'asb-rates', 'victim-offender-profile', 'crime-rates'].map(listed);
const header = { view: 'library' as const, area: 'E07000194', comparator: 'E23000015', from: '2018-04-01', to: '2019-03-31' };

/** Rows of each analysis's result, enough for its chart and key points. */
const rowsFor: Record<string, Record<string, JsonValue>[]> = {
  'crime-rates': [
    { offence_group: 'Total Recorded Crime', offence_subgroup: null, area_count: 6123, area_rate: 58.8, area_rate_lower: 57.3, area_rate_upper: 60.3, comparator_count: 86_000, comparator_rate: 76.1, comparison: 'Lower' },
    { offence_group: 'Burglary', offence_subgroup: null, area_count: 612, area_rate: 5.9, area_rate_lower: 5.4, area_rate_upper: 6.4, comparator_count: 5900, comparator_rate: 5.2, comparison: 'Higher' },
  ],
  'asb-rates': [
    { category: 'Total Anti-social Behaviour', area_count: 2260, area_rate: 21.7, area_rate_lower: 20.8, area_rate_upper: 22.6, comparator_count: 36_800, comparator_rate: 32.6, comparison: 'Lower' },
  ],
  'hotspot-wards': [
    { ward_code: 'E05012340', ward_name: 'Chasetown', measure: 'All recorded crime', count: 420, population: 5866, rate: 71.6, mean_rate: 50.1, sd_rate: 9.3, flag: 'Significantly above average', sd_method: 'sample' },
  ],
  'victim-offender-profile': ['victim', 'offender'].flatMap((role) =>
    ['18-24', '25-34'].flatMap((age_band) => ['F', 'M'].map((sex) => ({ role, age_band, sex, count: 40, pct: 25 }))),
  ),
};

/** The app's board pack dialog over the fake Api; charts "drawn" by a drawer that keeps each figure it is given. */
function renderDialog(refused?: { id: string; message: string }) {
  const runs: string[] = [];
  const drawn: Figure[] = [];
  const current = { path: '/w.duckdb', name: 'W', openedAt: '2026-11-21T09:00:00.000Z' };
  const fake = createFakeApi(
    {},
    {
      'session.get': () => ok({ current, recent: [current], ui: header, canChooseFiles: false }),
      'areas.list': () => ok({ areas }),
      'analyses.run': (input) => {
        if (input.id === refused?.id) return fail('invalid_input', refused.message);
        runs.push(input.id);
        return ok(ran(listed(input.id), `r_${runs.length}`));
      },
      'exports.prepare': (input) => {
        const id = runs[Number(input.resultId.slice(2)) - 1];
        return ok(prepared(listed(id), rowsFor[id]));
      },
      'exports.boardPack': (input) => ok({ fileName: 'Lichfield-board-pack.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', base64: 'UEsDBA==', sections: input.sections.length }),
    },
  );
  // jsdom cannot draw a chart (the end-to-end tests draw them in Chromium): a 1 × 1 PNG stands for each figure.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  const drawPng = async (figure: Figure) => (drawn.push(figure), png);
  render(
    <ApiProvider api={fake.api}>
      <SessionProvider fallback={() => null}>{() => <BoardPackDialog analyses={library} onClose={() => undefined} drawPng={drawPng} />}</SessionProvider>
    </ApiProvider>,
  );
  return { fake, drawn, png };
}

const checked = (dialog: HTMLElement) => within(dialog).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked).map((c) => c.parentElement!.textContent!.trim());

describe('the board pack dialog', () => {
  it('starts from the assessment set, in the assessment’s order, titled for the header’s area', async () => {
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Board pack' });
    expect(within(dialog).getAllByRole('checkbox').map((c) => c.parentElement!.textContent!.trim())).toEqual([
      'Rates of recorded crime',
      'Hotspot wards',
      'Rates of anti-social behaviour',
      'Victims and offenders by age and sex',
    ]);
    // Every library analysis run for an area, less hotspot wards (which repeats crime rates by ward).
    expect(checked(dialog)).toEqual(['Rates of recorded crime', 'Rates of anti-social behaviour', 'Victims and offenders by age and sex']);
    await waitFor(() => expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Lichfield Community Safety Partnership: strategic assessment'));
    expect(within(dialog).getByRole('button', { name: 'Build and preview board pack (3)' })).toBeTruthy();
  });

  it('runs what was chosen with the header’s settings, draws each chart for the page and sends the pack with the choices', async () => {
    const { fake, drawn, png } = renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Board pack' });
    fireEvent.click(within(dialog).getByLabelText('Rates of anti-social behaviour'));
    fireEvent.click(within(dialog).getByLabelText('Hotspot wards'));
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Lichfield CSP: 2019 assessment' } });
    fireEvent.change(within(dialog).getByLabelText('Protective marking (on every page)'), { target: { value: 'OFFICIAL-SENSITIVE' } });
    fireEvent.change(within(dialog).getByLabelText('Hide counts below'), { target: { value: '10' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Build and preview board pack (3)' }));

    const preview = await screen.findByRole('dialog', { name: 'Board pack: preview' });
    expect(within(preview).getByText(/^3 sections, marked OFFICIAL-SENSITIVE on every page\./)).toBeTruthy();
    // Each chosen analysis ran in pack order with the header's settings it takes (hotspot wards takes no comparator).
    const runs = fake.calls.filter((c) => c.channel === 'analyses.run').map((c) => c.input as Input<'analyses.run'>);
    expect(runs.map((r) => [r.id, r.params])).toStrictEqual([
      ['crime-rates', { area: 'E07000194', from: '2018-04-01', to: '2019-03-31', comparator: 'E23000015' }],
      ['hotspot-wards', { area: 'E07000194', from: '2018-04-01', to: '2019-03-31' }],
      ['victim-offender-profile', { area: 'E07000194', from: '2018-04-01', to: '2019-03-31' }],
    ]);
    expect(fake.calls.filter((c) => c.channel === 'exports.prepare').map((c) => c.input)).toEqual(['r_1', 'r_2', 'r_3'].map((resultId) => ({ resultId, suppression: { threshold: 10 } })));
    // Drawn for the page: the text block's width; the profile's two halves each a figure.
    expect(drawn.map((f) => f.layout.width)).toEqual([printSize.width, printSize.width, printSize.width, printSize.width]);
    expect(drawn.map((f) => (f.layout.title as { text: string }).text)).toEqual(['<b>Rates of recorded crime</b>', '<b>Hotspot wards</b>', '<b>Victims and offenders by age and sex</b>', '<b>Victims and offenders by age and sex</b>']);

    const pack = fake.calls.find((c) => c.channel === 'exports.boardPack')!.input as Input<'exports.boardPack'>;
    expect(pack).toStrictEqual({
      title: 'Lichfield CSP: 2019 assessment',
      marking: 'OFFICIAL-SENSITIVE',
      suppression: { threshold: 10 },
      sections: [
        // Each chart's notes go as the pack's text under it, not in its image.
        { resultId: 'r_1', chartPng: png, chart: { filterValue: null, xMeasure: undefined, yMeasure: undefined }, chartNotes: ['Not drawn, to keep the scale readable: Total Recorded Crime, 58.8 (Staffordshire 76.1).'] },
        { resultId: 'r_2', chartPng: png, chart: { filterValue: undefined, xMeasure: undefined, yMeasure: undefined }, chartNotes: ['Ward mean 50.1, standard deviation 9.3 (sample SD).'] },
        { resultId: 'r_3', chartPng: png, chart: { filterValue: 'victim', xMeasure: undefined, yMeasure: undefined }, moreCharts: [{ chartPng: png, chart: { filterValue: 'offender' } }] },
      ],
    });
    // The preview's pages: title, contents, summary, and a page for each section with its figures numbered through.
    const pages = within(preview).getByRole('list', { name: 'Pack preview' });
    expect(within(pages).getAllByRole('img').map((img) => img.getAttribute('alt'))).toEqual([
      'Figure 1: Rates of recorded crime: Lichfield',
      'Figure 2: Hotspot wards: Lichfield',
      'Figure 3: Victims and offenders by age and sex: Lichfield',
      'Figure 4: Victims and offenders by age and sex: Lichfield',
    ]);
  });

  it('shows the engine’s error naming the analysis, and writes no pack', async () => {
    const { fake } = renderDialog({ id: 'asb-rates', message: 'This workspace has no ASB data: import it first.' });
    const dialog = await screen.findByRole('dialog', { name: 'Board pack' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Build and preview board pack (3)' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Rates of anti-social behaviour: This workspace has no ASB data: import it first.');
    expect(fake.calls.some((c) => c.channel === 'exports.boardPack')).toBe(false);
    // Nothing is left running: the choices can be changed and the pack built again.
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Build and preview board pack (3)' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
