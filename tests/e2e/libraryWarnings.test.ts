import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { axeAudit, browserSession } from './harness';

/** The library in Chromium on the sample workspace: warnings above a result, and parameters offered from the data. */
describe('the library never misleads quietly', () => {
  const session = browserSession('csw-e2e-warnings-', async (workspace) => void (await sampleWorkspace(workspace)));
  const page = () => session.w.page;
  const open = async (title: string) => {
    await page().getByRole('searchbox', { name: 'Search analyses' }).fill('');
    await page().getByRole('button', { name: title, exact: true }).click();
  };
  const runIt = (title: string) => page().getByRole('form', { name: `${title} parameters` }).getByRole('button', { name: 'Run analysis' }).click();

  it('shows above the result that the data covers only half of the earlier window', async () => {
    await page().goto(session.server.url);
    await page().getByRole('button', { name: 'Library' }).click();
    await page().getByLabel('Assessment area').selectOption({ label: 'Lichfield (district)' });
    await page().getByLabel('Period to').fill('2018-09-30');
    await open('Direction of travel');
    await runIt('Direction of travel');
    const about = page().getByRole('region', { name: 'About these figures' });
    await about.waitFor();
    await expect.poll(() => about.getByRole('alert').innerText()).toMatch(/Recorded crimes cover 183 of the 365 days of the previous 12 months/);
    expect(await about.innerText()).toMatch(/no change is reported for them/);
    await axeAudit(page(), 'result warnings');
  });

  it('offers a hotspot measure from the data, and refuses one it does not have with the close match', async () => {
    await page().getByLabel('Period from').fill('2018-04-01');
    await page().getByLabel('Period to').fill('2019-03-31');
    await open('Hotspot wards');
    const form = page().getByRole('form', { name: 'Hotspot wards parameters' });
    await form.getByLabel('Measure').selectOption('offence_subgroup');
    const list = form.locator('datalist#param-measure-values option');
    await expect.poll(async () => Promise.all((await list.all()).map((o) => o.getAttribute('value')))).toContain('Burglary Residential');
    await form.getByLabel('Which').fill('Residential burglary');
    expect(await form.getByText("Not a value in this workspace's data.").isVisible()).toBe(true);
    await runIt('Hotspot wards');
    await expect.poll(() => page().getByRole('alert').first().innerText()).toMatch(/Did you mean "Burglary Residential"\?/);
  });
});
