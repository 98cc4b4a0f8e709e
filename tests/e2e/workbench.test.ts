import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { importOk } from '../support/importHelpers';
import { districtLookup, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { writeBigExtract } from '../support/bigExtract';
import { axeAudit, browserSession, screenshot } from './harness';
import { untilRemembered } from './remembered';

/** A police.uk month with one damaged row appended, so the wizard's report has a quarantined line to show. */
function damagedMonth(dir: string): { file: string; rows: number } {
  const text = fs.readFileSync(policeUkMonths[1], 'utf8').replace(/\n+$/, '');
  const rows = text.split('\n').length - 1;
  const header = text.split('\n')[0].split(',');
  const bad = header.map((h) => (h === 'Month' ? 'sometime' : h === 'Crime type' ? 'Burglary' : h === 'Crime ID' ? 'f'.repeat(64) : '')).join(',');
  const file = path.join(dir, '2018-11-staffordshire-street.csv');
  fs.writeFileSync(file, `${text}\n${bad}\n`);
  return { file, rows: rows + 1 };
}

describe('the workbench journeys in Chromium', () => {
  const files = { damaged: { file: '', rows: 0 }, big: '' };
  const session = browserSession('csw-e2e-journeys-', async (workspace) => {
    const engine = await createEngine(workspace);
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, districtLookup, 'geography');
    engine.close();
    files.damaged = damagedMonth(path.dirname(workspace));
    files.big = path.join(path.dirname(workspace), 'force-wide-extract.csv');
    writeBigExtract(files.big, 40);
  });
  const page = () => session.w.page;

  it('imports a police.uk file with the wizard: preview, validation report, import, and the new data in the grid', async () => {
    await page().goto(session.server.url);
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await page().getByLabel('File on this machine').fill(files.damaged.file);
    await page().getByLabel('It holds').selectOption('police-uk');
    await page().getByRole('button', { name: 'Preview' }).click();
    const preview = page().getByRole('region', { name: 'First 20 rows' });
    await preview.waitFor();
    await expect.poll(() => page().getByRole('region', { name: 'Preview' }).textContent()).toMatch(/Read as CSV, utf-8, separated by Comma \(,\).*Profile: police-uk/);
    expect(await preview.getByRole('columnheader').allTextContents()).toContain('Crime type');
    await screenshot(page(), 'import-preview');

    await page().getByRole('button', { name: 'Check the file' }).click();
    const report = page().getByRole('region', { name: 'Validation report' });
    await report.waitFor({ timeout: 30_000 });
    const figure = (name: string) => report.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd');
    expect(await figure('Rows read').textContent()).toBe(files.damaged.rows.toLocaleString('en-GB'));
    expect(await figure('Quarantined').textContent()).toBe('1');
    const issues = report.getByRole('table', { name: 'Quarantined rows' });
    expect(await issues.getByRole('row').nth(1).textContent()).toMatch(new RegExp(`^${files.damaged.rows + 1}Month.*sometime`));
    await screenshot(page(), 'import-validation-report');
    // The check wrote nothing.
    expect(await page().getByRole('button', { name: /^crimes\s/ }).count()).toBe(0);

    await page().getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
    const done = page().getByRole('region', { name: 'Import report' });
    await done.waitFor({ timeout: 30_000 });
    expect(await done.locator('dt', { hasText: /^Imported$/ }).locator('xpath=following-sibling::dd').textContent()).toBe((files.damaged.rows - 1).toLocaleString('en-GB'));
    await screenshot(page(), 'import-done');
    await page().getByRole('button', { name: 'Browse crimes' }).click();
    const grid = page().getByRole('region', { name: 'crimes data' });
    await grid.getByRole('grid').waitFor();
    await expect.poll(() => grid.locator('[row-index="0"] [col-id="offence_group"]').textContent()).toBeTruthy();
    await screenshot(page(), 'datasets-crimes-grid');
  });

  it('shows where the rows came from, and the quarantine, viewable and exportable', async () => {
    await page().getByRole('tab', { name: 'Sources and quarantine' }).click();
    const imports = page().getByRole('table', { name: 'Imports into crimes' });
    await expect.poll(() => imports.getByRole('row').nth(1).textContent()).toMatch(/2018-11-staffordshire-street\.csv.*police-uk/);
    await imports.getByRole('button', { name: /View the 1 quarantined rows/ }).click();
    const quarantine = page().getByRole('region', { name: /Quarantine of 2018-11-staffordshire-street\.csv data/ });
    await expect.poll(() => quarantine.locator('[row-index="0"] [col-id="column"]').textContent()).toBe('Month');
    await screenshot(page(), 'datasets-quarantine');
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByRole('button', { name: 'Export the quarantine as CSV' }).click()]);
    const saved = path.join(session.dir, 'quarantine.csv');
    await download.saveAs(saved);
    const csv = fs.readFileSync(saved, 'utf8');
    expect(csv.startsWith('\uFEFFline,column,reason,raw\r\n')).toBe(true);
    expect(csv).toMatch(new RegExp(`\\r\\n${files.damaged.rows + 1},Month,`));
  });

  it('runs a SQL query, shows an error where DuckDB puts it, and saves the fixed query to the library to re-run', async () => {
    await page().getByRole('button', { name: 'SQL', exact: true }).click();
    const editor = page().getByRole('textbox', { name: 'SQL query' });
    await editor.click();
    await page().keyboard.press('Control+A');
    await page().keyboard.press('Delete');
    // Completion offers the workspace's tables as the analyst types.
    await editor.pressSequentially('SELECT * FROM cri');
    await expect.poll(() => page().getByRole('listbox').getByRole('option').allTextContents()).toContain('crimes');
    await page().keyboard.press('Escape');
    await page().keyboard.press('Control+A');
    await page().keyboard.insertText('SELECT offence_grop, count(*) AS n\nFROM crimes GROUP BY ALL ORDER BY n DESC');
    await page().keyboard.press('Control+Enter');
    const alert = page().getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^Line 1, column 8: Binder Error: Referenced column "offence_grop" not found/);
    expect((await page().locator('.cm-sql-error').allTextContents()).join('')).toBe('offence_grop');
    await screenshot(page(), 'sql-error');

    // Fix it where the cursor was put: on the error.
    await page().keyboard.press('Shift+End');
    await page().keyboard.insertText('offence_group, count(*) AS n');
    await page().getByRole('button', { name: 'Run query' }).click();
    const result = page().getByRole('region', { name: 'Query result data' });
    await expect.poll(() => result.locator('[row-index="0"] [col-id="offence_group"]').textContent()).toBeTruthy();
    expect(await page().getByRole('alert').count()).toBe(0);
    const topCount = await result.locator('[row-index="0"] [col-id="n"]').textContent();
    await screenshot(page(), 'sql-result');

    // The header's area and period are in `params` before the query is saved, by code as well as by name.
    const area = await page().getByLabel('Assessment area').inputValue();
    await editor.click();
    await page().keyboard.press('Control+A');
    await page().keyboard.insertText('SELECT area_code, area FROM params');
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => result.locator('[row-index="0"] [col-id="area_code"]').textContent()).toBe(area);
    expect(await result.locator('[row-index="0"] [col-id="area"]').textContent()).toBeTruthy();
    await page().keyboard.press('Control+A');
    await page().keyboard.insertText('SELECT offence_group, count(*) AS n\nFROM crimes GROUP BY ALL ORDER BY n DESC');
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => result.locator('[row-index="0"] [col-id="n"]').textContent()).toBe(topCount);

    await page().getByRole('button', { name: 'Save to library…' }).click();
    const save = page().getByRole('form', { name: 'Save to library' });
    await save.getByLabel('Title').fill('Crimes by offence group');
    await save.getByRole('button', { name: 'Save' }).click();
    await page().getByText(/Saved as “Crimes by offence group” \(crimes-by-offence-group\)/).waitFor();

    await page().getByRole('button', { name: 'Library', exact: true }).click();
    await page().getByRole('region', { name: 'My analyses' }).getByRole('button', { name: 'Crimes by offence group' }).click();
    await page().getByRole('form', { name: 'Crimes by offence group parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    const rerun = page().getByRole('region', { name: /^Crimes by offence group(: .*)? data$/ });
    await expect.poll(() => rerun.locator('[row-index="0"] [col-id="offence_group"]').textContent()).toBeTruthy();
    expect(await rerun.locator('[row-index="0"] [col-id="n"]').textContent()).toBe(topCount);
    await screenshot(page(), 'library-my-analysis');
  });

  it('keeps an audit log of what was imported, run and exported, viewable in the app', async () => {
    await page().getByRole('button', { name: 'Datasets', exact: true }).click();
    await page().getByRole('button', { name: 'Audit log' }).click();
    const audit = page().getByRole('region', { name: 'Audit log data' });
    await expect.poll(() => audit.locator('[row-index="0"] [col-id="action"]').textContent()).toBe('analysis');
    const actions = await audit.locator('[col-id="action"][role="gridcell"]').allTextContents();
    for (const action of ['import', 'import-check', 'export', 'query', 'save-analysis']) expect(actions).toContain(action);
    // In words on screen: the time day first to the minute, the details as text rather than JSON.
    expect(await audit.locator('[row-index="0"] [col-id="logged_at"]').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const details = await audit.locator('[col-id="detail"][role="gridcell"]').allTextContents();
    expect(details.some((d) => /rows imported [\d,]+/.test(d))).toBe(true);
    expect(details.filter((d) => d.trim().startsWith('{'))).toEqual([]);
    expect(await audit.getByRole('columnheader', { name: 'Details' }).count()).toBe(1);
    await screenshot(page(), 'datasets-audit-log');
  });

  it('cancels a long import and leaves the workspace as it was', async () => {
    await page().getByRole('button', { name: 'Datasets', exact: true }).click();
    const before = await page().getByRole('button', { name: /^crimes\s/ }).textContent();
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await page().getByLabel('File on this machine').fill(files.big);
    await page().getByLabel('It holds').selectOption('police-uk');
    await page().getByRole('button', { name: 'Preview' }).click();
    await page().getByRole('button', { name: 'Check the file' }).click();
    await page().getByRole('region', { name: 'Validation report' }).waitFor({ timeout: 60_000 });
    await page().getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
    const busy = page().getByRole('status').filter({ hasText: 'Importing…' });
    await busy.getByRole('progressbar').waitFor();
    await screenshot(page(), 'import-progress');
    await busy.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/cancelled/i);
    await page().getByRole('button', { name: 'Datasets', exact: true }).click();
    await expect.poll(() => page().getByRole('button', { name: /^crimes\s/ }).textContent()).toBe(before);
    await page().getByRole('button', { name: /^crimes\s/ }).click();
    await page().getByRole('tab', { name: 'Sources and quarantine' }).click();
    const imports = page().getByRole('table', { name: 'Imports into crimes' });
    await imports.waitFor();
    expect(await imports.getByRole('row').count()).toBe(2);
    expect(await imports.textContent()).not.toContain('force-wide-extract.csv');
  });

  it('creates a new workspace, switches back through the recent list, and reopens where the analyst left off', async () => {
    await page().getByRole('button', { name: /^Workspace: Sample workspace/ }).click();
    const dialog = page().getByRole('dialog', { name: 'Workspaces' });
    await dialog.getByLabel('New workspace file').fill(path.join(session.dir, 'Tamworth 2020.duckdb'));
    await screenshot(page(), 'workspace-dialog');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page().getByRole('button', { name: /^Workspace: Tamworth 2020/ }).waitFor();
    await page().getByText('This workspace has no datasets yet. Import a file to begin.').waitFor();
    // An empty workspace guides: what to import, in what order, with the sample a click away.
    const guide = page().getByRole('region', { name: 'This workspace is empty' });
    await guide.getByText('Next: geography lookup. Everything stays on this machine.').waitFor();
    expect(await guide.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Geography lookup The ONS LSOA → ward → district lookup/),
      expect.stringMatching(/^Population /),
      expect.stringMatching(/^Crimes and anti-social behaviour /),
      expect.stringMatching(/^Anything else you have \(optional\) /),
    ]);
    await guide.getByRole('button', { name: 'Open the sample workspace instead' }).waitFor();
    await axeAudit(page(), 'empty workspace guide');
    await screenshot(page(), 'first-run-empty-workspace');

    await page().getByRole('button', { name: /^Workspace: Tamworth 2020/ }).click();
    await page().getByRole('dialog', { name: 'Workspaces' }).getByRole('button', { name: /^Sample workspace/ }).click();
    await page().getByRole('button', { name: /^Workspace: Sample workspace/ }).waitFor();
    // Back where the analyst was: the crimes dataset in the Datasets view.
    await page().getByRole('region', { name: 'crimes data' }).waitFor();
    await page().getByRole('button', { name: 'Library', exact: true }).click();
    await untilRemembered(session.server, { view: 'library' });
    await page().reload();
    await expect.poll(() => page().getByRole('button', { name: 'Library', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('passes an automated accessibility audit (axe, WCAG 2.1 A and AA) on every main screen at 1280×800, and works by keyboard', async () => {
    const audit = (screen: string) => axeAudit(page(), screen);
    await page().getByRole('button', { name: 'Datasets', exact: true }).click();
    await page().getByRole('region', { name: 'crimes data' }).getByRole('grid').waitFor();
    await audit('datasets');
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await audit('import');
    await page().getByRole('button', { name: 'Library', exact: true }).click();
    await page().getByRole('button', { name: 'Crimes by offence group' }).click();
    await audit('library');
    await page().getByRole('button', { name: 'SQL', exact: true }).click();
    await audit('sql');

    // Keyboard: the workspace dialog opens from the keyboard, holds focus, and Escape returns it to the opener.
    await page().getByRole('button', { name: /^Workspace: / }).focus();
    await page().keyboard.press('Enter');
    const dialog = page().getByRole('dialog', { name: 'Workspaces' });
    await dialog.waitFor();
    await audit('workspace dialog');
    for (let i = 0; i < 12; i++) await page().keyboard.press('Tab');
    expect(await page().evaluate(`document.querySelector('[role=dialog]').contains(document.activeElement)`)).toBe(true);
    await page().keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await page().evaluate(`document.activeElement.getAttribute('aria-label')`)).toMatch(/^Workspace: /);
    // The first Tab on a screen is the skip link, which takes focus past the header to the view's own content.
    await page().getByRole('button', { name: 'SQL', exact: true }).click();
    await untilRemembered(session.server, { view: 'sql' });
    await page().reload();
    await page().getByRole('textbox', { name: 'SQL query' }).waitFor();
    await page().keyboard.press('Tab');
    expect(await page().evaluate('document.activeElement.textContent')).toBe('Skip to the main content');
    await page().keyboard.press('Enter');
    expect(await page().evaluate('document.activeElement.tagName')).toBe('MAIN');
    await page().getByRole('button', { name: 'Library', exact: true }).click();
    // The library list is one Tab stop; the arrow keys, Home and End move through it.
    const listed = page().getByRole('navigation', { name: 'Analysis library' }).locator('[data-analysis]');
    await listed.first().waitFor();
    const buttons = `[...document.querySelectorAll('nav[aria-label="Analysis library"] [data-analysis]')]`;
    const ids = (await page().evaluate(`${buttons}.map((b) => b.getAttribute('data-analysis'))`)) as string[];
    expect(await page().evaluate(`${buttons}.filter((b) => b.getAttribute('tabindex') === '0').length`)).toBe(1);
    await listed.first().focus();
    await page().keyboard.press('ArrowDown');
    expect(await page().evaluate(`document.activeElement.getAttribute('data-analysis')`)).toBe(ids[1]);
    await page().keyboard.press('End');
    expect(await page().evaluate(`document.activeElement.getAttribute('data-analysis')`)).toBe(ids.at(-1));
    await page().keyboard.press('Home');
    expect(await page().evaluate(`document.activeElement.getAttribute('data-analysis')`)).toBe(ids[0]);
    // The analysis list folds away, leaving the width to the result, and comes back; remembered like the rest.
    await page().getByRole('button', { name: 'Hide the analysis list' }).click();
    expect(await page().getByRole('navigation', { name: 'Analysis library' }).isVisible()).toBe(false);
    await page().getByRole('button', { name: 'Show the analysis list' }).click();
    await page().getByRole('navigation', { name: 'Analysis library' }).waitFor();
    // The page fits the window: nothing scrolls sideways at 1280 wide.
    expect(await page().evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
  });

  it('made no request beyond loopback and logged no console errors', () => {
    expect(session.w.offLoopback).toEqual([]);
    expect(session.w.consoleErrors).toEqual([]);
    // The engine's process attempted nothing beyond loopback (resolving 127.0.0.1 to listen on is all it does).
    expect(session.server.engineConnections().filter((c) => !c.allowed)).toEqual([]);
    // …and the guard was watching: it saw the server resolve its own loopback address.
    expect(session.server.engineConnections().map((c) => c.target)).toContain('127.0.0.1');
  });
});
