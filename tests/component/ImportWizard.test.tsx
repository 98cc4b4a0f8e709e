import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport, Input, Output } from '../../shared/api';
import { ok, fail } from '../../shared/result';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { App } from '../../renderer/src/app/App';
import { createFakeApi } from './fakeApi';

afterEach(cleanup);

const preview = (delimiter: string): Output<'import.preview'> => ({
  format: 'csv',
  encoding: 'utf-8',
  delimiter,
  header: ['Ref', 'Recorded', 'Group', 'Ward'],
  rows: [['W-1', '01/02/2019', 'Burglary', 'Boney Hay Centrl']],
  profile: 'suggested',
  mapping: { dataset: 'crimes', columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', ward_name: 'Ward' } },
  missing: [],
  date_format: '%d/%m/%Y',
  problem: null,
});

const report = (aliases: Record<string, string> | undefined, dryRun: boolean): ImportReport => ({
  file: 'extract.csv',
  dataset: 'crimes',
  import_id: 3,
  profile: 'mapping:unnamed',
  sha256: 'a'.repeat(64),
  encoding: 'utf-8',
  delimiter: ';',
  date_format: '%d/%m/%Y',
  rows_read: 2,
  rows_imported: 1,
  rows_quarantined: 1,
  by_dataset: { crimes: 1 },
  unplaced: { no_location: 0, outside_lookup: aliases ? 0 : 1 },
  unknown_areas: aliases ? [] : [{ value: 'Boney Hay Centrl', kind: 'ward_name', rows: 1, suggestions: ['Boney Hay & Central'] }],
  issues: [{ line: 3, column: 'Recorded', reason: 'recorded_date "soon" is not a date in the form %d/%m/%Y' }],
  warnings: [],
  dry_run: dryRun,
});

function renderWizard() {
  const fake = createFakeApi(
    {},
    {
      'session.get': async () => {
        const current = { path: '/w.duckdb', name: 'W', openedAt: '2026-11-21T09:00:00Z' };
        return ok({ current, recent: [current], ui: { view: 'import' as const }, canChooseFiles: false });
      },
      'import.preview': async (input: Input<'import.preview'>) => ok(preview(input.overrides?.delimiter ?? ',')),
      'import.check': async (input: Input<'import.check'>) => ok(report(input.ward_aliases, true)),
      'import.run': async (input: Input<'import.run'>) => (input.ward_aliases ? ok(report(input.ward_aliases, false)) : fail('invalid_input', 'no')),
    },
  );
  render(
    <ApiProvider api={fake.api}>
      <App />
    </ApiProvider>,
  );
  return fake;
}

describe('the import wizard', () => {
  it('walks file → preview with an override → mapping → check with a ward correction → import → report', async () => {
    const fake = renderWizard();
    fireEvent.change(await screen.findByLabelText('File on this machine'), { target: { value: '/data/extract.csv' } });
    fireEvent.change(screen.getByLabelText('It holds'), { target: { value: 'crimes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Boney Hay Centrl')).toBeTruthy();

    // The delimiter was guessed wrong: overriding it previews again with the override.
    fireEvent.change(screen.getByLabelText('Delimiter'), { target: { value: ';' } });
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'import.preview').at(-1)?.input).toMatchObject({ overrides: { delimiter: ';' } }));

    fireEvent.click(screen.getByRole('button', { name: 'Next: mapping' }));
    expect((screen.getByLabelText(/^crime_ref/) as HTMLSelectElement).value).toBe('Ref');
    fireEvent.change(screen.getByLabelText(/^offence_group/), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Still needed: offence_group.');
    fireEvent.change(screen.getByLabelText(/^offence_group/), { target: { value: 'Group' } });

    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    const validation = await screen.findByRole('region', { name: 'Validation report' });
    expect(validation.textContent).toContain('recorded_date "soon" is not a date');
    const importButton = screen.getByRole('button', { name: 'Import 1 row' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(false);

    // Accepting a suggestion means the report is out of date: check again before importing.
    fireEvent.click(screen.getByRole('button', { name: 'Accept Boney Hay & Central for Boney Hay Centrl' }));
    expect(importButton.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Check again with corrections' }));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Areas not in the lookup' })).toBeNull());
    expect(fake.calls.filter((c) => c.channel === 'import.check').at(-1)?.input).toMatchObject({ ward_aliases: { 'Boney Hay Centrl': 'Boney Hay & Central' }, overrides: { delimiter: ';' } });

    fireEvent.click(screen.getByRole('button', { name: 'Import 1 row' }));
    expect(await screen.findByRole('region', { name: 'Import report' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Browse crimes' })).toBeTruthy();
  });

  it('keeps the analyst on the step with a clear message when the file cannot be read', async () => {
    const fake = renderWizard();
    fake.api['import.preview'] = async () => fail('not_found', 'There is no file at /nope.csv.');
    fireEvent.change(await screen.findByLabelText('File on this machine'), { target: { value: '/nope.csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('alert')).textContent).toBe('There is no file at /nope.csv.');
    expect(screen.getByLabelText('File on this machine')).toBeTruthy();
  });
});

describe('the workspace dialog', () => {
  it('shows a failure to open and keeps the current workspace', async () => {
    const fake = createFakeApi({});
    render(
      <ApiProvider api={fake.api}>
        <App />
      </ApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /^Workspace: Fake workspace/ }));
    const dialog = screen.getByRole('dialog', { name: 'Workspaces' });
    expect(document.activeElement?.tagName).toBe('BUTTON'); // focus moved into the dialog
    fireEvent.change(screen.getByLabelText('Workspace file to open'), { target: { value: '/missing.duckdb' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect((await screen.findByRole('alert')).textContent).toBe('There is no workspace at /missing.duckdb.');
    expect(dialog.isConnected).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'session.get')).toHaveLength(1);
  });
});

describe('the import wizard for the yearly workflow', () => {
  it('offers the right type for a police.uk file chosen as a lookup, and says both counts when one row becomes several', async () => {
    const fake = renderWizard();
    const previews: Input<'import.preview'>[] = [];
    fake.api['import.preview'] = async (input) => {
      previews.push(input);
      return ok({
        ...preview(','),
        mapping: null,
        profile: input.as === 'police-uk' ? 'police-uk' : 'suggested',
        problem: input.as === 'police-uk' ? null : 'This looks like a police.uk street-level file (Crime ID, Month…), not a geography lookup: import it as a police.uk street-level file (--as police-uk).',
        suggested_as: input.as === 'police-uk' ? null : 'police-uk',
      });
    };
    fake.api['import.check'] = async () => ok({ ...report(undefined, true), rows_read: 687, rows_imported: 687, rows_quarantined: 0, issues: [], by_dataset: { population: 2748 } });
    fireEvent.change(await screen.findByLabelText('File on this machine'), { target: { value: '/data/2019-03-staffordshire-street.csv' } });
    fireEvent.change(screen.getByLabelText('It holds'), { target: { value: 'geography' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/looks like a police\.uk street-level file/);
    expect((screen.getByRole('button', { name: 'Check the file' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /^Import it as police\.uk street-level file \(crimes and ASB\) instead$/ }));
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ as: 'police-uk' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Check the file' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByRole('button', { name: 'Import 687 rows (2,748 population rows)' })).toBeTruthy();
  });

  it('checks several paths together without a preview, and offers to replace months already imported', async () => {
    const fake = renderWizard();
    let replaced = false;
    const checks: Input<'import.check'>[] = [];
    let previewed = false;
    fake.api['import.preview'] = async () => {
      previewed = true;
      return fail('not_found', 'not asked');
    };
    fake.api['import.check'] = async (input) => {
      checks.push(input);
      if (!input.replace) return fail('invalid_input', 'The workspace already has police.uk rows for this force-month: Staffordshire Police 2018-11 (import #3, a.csv). Import with --replace…');
      replaced = true;
      return ok({ ...report(undefined, true), files: [report(undefined, true), { ...report(undefined, true), file: 'b.csv' }] });
    };
    fireEvent.change(await screen.findByLabelText('File on this machine'), { target: { value: '/data/a.csv\n/data/b.csv\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already has police\.uk rows/);
    expect(checks[0]).toMatchObject({ file: '/data/a.csv', files: ['/data/a.csv', '/data/b.csv'] });
    expect(previewed).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Replace those months' }));
    expect(await screen.findByRole('table', { name: 'Files' })).toBeTruthy();
    expect(replaced).toBe(true);
    expect(screen.getByRole('button', { name: 'Import 1 row from 2 files' })).toBeTruthy();
  });

  it('checks the street files of a folder together when the path is a folder', async () => {
    const fake = renderWizard();
    fake.api['import.preview'] = async () => fail('invalid_input', '/data/2024 is a folder, not a file.');
    const checks: Input<'import.check'>[] = [];
    fake.api['import.check'] = async (input) => {
      checks.push(input);
      return ok({ ...report(undefined, true), files: [report(undefined, true)], skipped: [{ file: '2024/2024-01/2024-01-x-outcomes.csv', reason: 'a police.uk outcomes file: not imported' }] });
    };
    fireEvent.change(await screen.findByLabelText('File on this machine'), { target: { value: '/data/2024' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('list', { name: 'Files not imported' })).textContent).toMatch(/outcomes\.csv: a police\.uk outcomes file/);
    expect(checks[0]).toMatchObject({ files: ['/data/2024'], as: 'police-uk' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
