import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { importOk } from '../support/importHelpers';
import { districtLookup, lsoaLookup, policeUk2024, policeUkMonths } from '../support/sharedData';
import { axeAudit, browserSession, screenshot } from './harness';

/**
 * The yearly workflow in the app: a lookup imported through the wizard fills the header's areas at once; several
 * police.uk files (one in a zip) are checked and imported together; a republished month is refused until the analyst
 * chooses to replace it; and an import is removed from the Sources tab after a confirmation that says what goes.
 */
describe('the import lifecycle in Chromium', () => {
  const files = { zip: '', republished: '', workspace: '' };
  const session = browserSession('csw-e2e-lifecycle-', async (workspace) => {
    files.workspace = workspace;
    const engine = await createEngine(workspace);
    await importOk(engine, districtLookup, 'geography');
    engine.close();
    const dir = path.dirname(workspace);
    const zip = new JSZip();
    zip.file(`2024-01/${path.basename(policeUk2024.derbyshire)}`, fs.readFileSync(policeUk2024.derbyshire));
    zip.file('2024-01/2024-01-derbyshire-outcomes.csv', 'Crime ID,Month\n');
    files.zip = path.join(dir, 'police-2024-01.zip');
    fs.writeFileSync(files.zip, await zip.generateAsync({ type: 'nodebuffer' }));
    files.republished = path.join(dir, 'republished', path.basename(policeUkMonths[1]));
    fs.mkdirSync(path.dirname(files.republished));
    fs.writeFileSync(files.republished, fs.readFileSync(policeUkMonths[1], 'utf8').replace('\n', '\r\n'));
  });
  const page = () => session.w.page;

  it('a lookup imported in the wizard fills the header areas without a reload, and says the import is complete', async () => {
    await page().goto(session.server.url);
    await page().getByText('No areas yet: import the ONS geography lookup to choose an area.').waitFor();
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await page().getByLabel('File on this machine').fill(lsoaLookup);
    await page().getByLabel('It holds').selectOption('geography');
    await page().getByRole('button', { name: 'Preview' }).click();
    await page().getByRole('button', { name: 'Check the file' }).click();
    await page().getByRole('button', { name: /^Import 687 rows$/ }).click();
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'Import complete' }).textContent(), { timeout: 30_000 }).toMatch(/^Import complete: 687 rows imported \(687 geography\)\.$/);
    await expect.poll(() => page().getByLabel('Assessment area').locator('option').allTextContents()).toContain('Lichfield (district)');
  });

  it('checks and imports several files at once, a zip among them, listing what it skipped', async () => {
    await page().getByRole('button', { name: 'Import another file' }).click();
    await page().getByLabel('File on this machine').fill(`${policeUk2024.btp}\n${files.zip}`);
    await page().getByLabel('It holds').selectOption('police-uk');
    await page().getByRole('button', { name: 'Preview' }).click();
    const report = page().getByRole('region', { name: 'Validation report' });
    await report.waitFor({ timeout: 60_000 });
    const table = report.getByRole('table', { name: 'Files' });
    expect(await table.getByRole('row').allTextContents()).toEqual([
      'FileRows readWould importQuarantined',
      '2024-02-btp-street.csv6,2376,2370',
      'police-2024-01.zip/2024-01/2024-01-derbyshire-street.csv8,2168,2160',
    ]);
    expect(await report.getByRole('list', { name: 'Files not imported' }).textContent()).toMatch(/2024-01-derbyshire-outcomes\.csv: a police\.uk outcomes file: not imported/);
    expect(await report.textContent()).toMatch(/6,237 crime rows had no Crime ID/);
    await axeAudit(page(), 'import-several-files');
    await screenshot(page(), 'import-several-files');
    await page().getByRole('button', { name: 'Import 14,453 rows from 2 files' }).click();
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'Import complete' }).textContent(), { timeout: 60_000 }).toMatch(
      /^Import complete: 14,453 rows imported from 2 files \(1,100 asb, 13,353 crimes\)\.$/,
    );
  });

  it('refuses a month already imported until the analyst chooses to replace it', async () => {
    await page().getByRole('button', { name: 'Import another file' }).click();
    await page().getByLabel('File on this machine').fill(policeUkMonths[1]);
    await page().getByRole('button', { name: 'Preview' }).click();
    await page().getByRole('button', { name: 'Check the file' }).click();
    await page().getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
    await page().getByRole('status').filter({ hasText: 'Import complete' }).waitFor({ timeout: 30_000 });

    await page().getByRole('button', { name: 'Import another file' }).click();
    await page().getByLabel('File on this machine').fill(files.republished);
    await page().getByRole('button', { name: 'Preview' }).click();
    await page().getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/already has police\.uk rows for this force-month: Staffordshire Police 2018-11 \(import #5/);
    await page().getByRole('button', { name: 'Replace those months' }).click();
    const report = page().getByRole('region', { name: 'Validation report' });
    await expect.poll(() => report.getByRole('list', { name: 'Replaced rows' }).textContent(), { timeout: 30_000 }).toMatch(/crimes rows of Staffordshire Police 2018-11 from import #5 .* would be replaced/);
    await page().getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'Import complete' }).textContent(), { timeout: 30_000 }).toMatch(/replacing [\d,]+ rows of earlier imports/);
  });

  it('removes an import from the Sources tab after saying what will go and what comes back', async () => {
    await page().getByRole('button', { name: 'Browse crimes' }).click();
    await page().getByRole('tab', { name: 'Sources and quarantine' }).click();
    const imports = page().getByRole('table', { name: 'Imports into crimes' });
    await expect.poll(() => imports.getByRole('row').nth(2).textContent()).toMatch(/^5.*replaced by #6/);
    await imports.getByRole('button', { name: /^Remove import #6 / }).click();
    const confirm = page().getByRole('alertdialog', { name: 'Remove import #6' });
    await expect.poll(() => confirm.textContent()).toMatch(/Goes: [\d,]+ asb rows, [\d,]+ crimes rows\..*Comes back: [\d,]+ asb rows, [\d,]+ crimes rows that this import had replaced/);
    await axeAudit(page(), 'remove-import-confirmation');
    await screenshot(page(), 'remove-import-confirmation');
    await confirm.getByRole('button', { name: 'Remove import #6' }).click();
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'was removed' }).textContent()).toMatch(/^Import #6 \(2018-11-staffordshire-street\.csv\) was removed/);
    await expect.poll(() => imports.getByRole('row').nth(1).textContent()).toMatch(/^5/);
    expect(await imports.getByRole('button', { name: /^Remove import #6 / }).count()).toBe(0);
  });
});
