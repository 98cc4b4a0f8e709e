import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, launchChromium, startWebServer, watchedPage, type Watched, type WebServer } from './harness';

/** What a new user sees: the app opening on the sample workspace, built on first start. */
describe('opening on the sample workspace', () => {
  const { dir, cleanup } = tempDir('csw-e2e-sample-');
  let server: WebServer;
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    assertBuilt();
    server = await startWebServer(path.join(dir, 'Sample workspace.duckdb'), ['--sample']);
    browser = await launchChromium();
    w = await watchedPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  it('lists the sample datasets and browses the crime extract', async () => {
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
