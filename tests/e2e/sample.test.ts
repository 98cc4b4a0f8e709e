import { describe, expect, it } from 'vitest';
import { browserSession } from './harness';

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
});
