import { describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './harness';

/** What a new user sees: the app opening on the sample workspace, built on first start. */
describe('opening on the sample workspace', () => {
  // --sample: the server builds the sample workspace first, as the desktop app does on its first start.
  const session = browserSession('csw-e2e-sample-', async () => ['--sample']);

  it('lists the sample datasets and browses the crime extract', async () => {
    const { w, server } = session;
    await w.page.goto(server.url);
    for (const name of ['asb', 'boundaries', 'crimes', 'geography', 'population']) {
      await w.page.getByRole('button', { name: new RegExp(`^${name}\\s`) }).waitFor();
    }
    await w.page.getByRole('button', { name: /^crimes\s/ }).click();
    const region = w.page.getByRole('region', { name: 'crimes data' });
    await region.getByRole('grid').waitFor();
    await expect.poll(() => region.locator('[row-index="0"] [col-id="crime_ref"]').textContent()).toBe('CR/17/0000001');
    expect(w.offLoopback).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('runs crime-rates for Lichfield from the library and shows the assessment table with its key', async () => {
    const { w } = session;
    await w.page.getByRole('button', { name: 'Library' }).click();
    // The sample opens on its own district, Lichfield (the one its boundaries, SPI and survey cover).
    await expect.poll(() => w.page.getByLabel('Assessment area').inputValue()).toBe('E07000194');
    // Area and period are set once, in the header, for every analysis.
    await w.page.getByLabel('Assessment area').selectOption({ label: 'Lichfield (district)' });
    // Dates are typed day first, whatever the browser's locale.
    await w.page.getByLabel('Period from').fill('01/04/2018');
    await w.page.getByLabel('Period to').fill('31/03/2019');
    await w.page.getByRole('searchbox', { name: 'Search analyses' }).fill('recorded crime');
    await w.page.getByRole('button', { name: 'Rates of recorded crime' }).click();
    const form = w.page.getByRole('form', { name: 'Rates of recorded crime parameters' });
    await form.getByText('Uses Lichfield, compared with the force area, over 1 April 2018 to 31 March 2019 set in the header.').waitFor();
    await form.getByRole('button', { name: 'Run analysis' }).click();
    const region = w.page.getByRole('region', { name: /Rates of recorded crime: Lichfield compared with Staffordshire/ });
    await region.getByRole('grid').waitFor();
    const total = region.locator('[role="row"][row-index="0"]');
    await expect.poll(() => total.locator('[col-id="offence_group"]').textContent()).toBe('Total Recorded Crime');
    expect(await total.locator('[col-id="area_rate"]').textContent()).toBe('58.8');
    expect(await total.locator('[col-id="comparator_rate"]').textContent()).toBe('76.1');
    expect(await total.locator('[col-id="comparison"]').textContent()).toBe('Lower');
    expect(await total.locator('[col-id="comparison"]').getAttribute('class')).toMatch(/key-low/);
    await w.page.getByText(/Analysis crime-rates with from 2018-04-01, to 2019-03-31/).waitFor();
    await screenshot(w.page, 'library-crime-rates-lichfield');
    expect(w.offLoopback).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('shows a clear message when a parameter is wrong, and no partial result', async () => {
    const { w } = session;
    await w.page.getByRole('button', { name: 'Crime rates by ward' }).click();
    await w.page.getByLabel('Period from').fill('2019-04-01');
    await w.page.getByLabel('Period to').fill('2019-03-31');
    const form = w.page.getByRole('form', { name: 'Crime rates by ward parameters' });
    await form.getByRole('button', { name: 'Run analysis' }).click();
    await expect.poll(() => w.page.getByRole('alert').first().textContent()).toMatch(/from \(2019-04-01\) is after to \(2019-03-31\)/);
    expect(w.consoleErrors).toEqual([]);
  });

  it('building and serving the sample made no outbound connection from the engine', () => {
    expect(session.server.engineConnections().filter((c) => !c.allowed)).toEqual([]);
  });
});
