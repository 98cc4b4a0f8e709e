import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createTable, crimesSelect, tempDir } from '../support/tempWorkspace';
import { assertBuilt, launchChromium, startWebServer, watchedPage, type Watched, type WebServer } from './harness';

const ROWS = 1_000_000;

describe('browsing a million-row dataset in Chromium', () => {
  const { dir, cleanup } = tempDir('csw-e2e-');
  let server: WebServer;
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    assertBuilt();
    const workspace = path.join(dir, 'e2e.duckdb');
    const engine = await createEngine(workspace);
    await createTable(engine, 'crimes', crimesSelect(ROWS));
    engine.close();
    server = await startWebServer(workspace);
    browser = await launchChromium();
    w = await watchedPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  const rowAt = (index: number) => w.page.locator(`[role="row"][row-index="${index}"]`);
  const cell = (index: number, column: string) => rowAt(index).locator(`[role="gridcell"][col-id="${column}"]`);

  it('opens the workspace and lists its dataset', async () => {
    await w.page.goto(server.url);
    await expect.poll(() => w.page.getByRole('heading', { name: 'Community Safety Workbench' }).count()).toBe(1);
    await w.page.getByRole('button', { name: /crimes\s*1,000,000 rows/ }).waitFor();
    await expect.poll(() => w.page.getByLabel('Workspace', { exact: true }).first().textContent()).toBe('e2e');
  });

  it('pages the grid from DuckDB to the very last row', async () => {
    await w.page.getByRole('button', { name: /crimes/ }).click();
    const grid = w.page.getByRole('region', { name: 'crimes data' }).getByRole('grid');
    await grid.waitFor();
    await expect.poll(() => cell(0, 'id').textContent()).toBe('0');
    await cell(0, 'id').click();
    await w.page.keyboard.press('Control+End');
    await expect.poll(() => cell(ROWS - 1, 'id').textContent(), { timeout: 20_000 }).toBe(String(ROWS - 1));
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
  });

  it('sorts in SQL, from the first row to the last', async () => {
    const header = w.page.getByRole('columnheader', { name: 'score' });
    await header.click(); // ascending
    await header.click(); // descending
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await w.page.getByRole('gridcell').first().click();
    await w.page.keyboard.press('Control+Home');
    await expect.poll(() => cell(0, 'score').textContent(), { timeout: 20_000 }).toBe('99.9');
    await w.page.keyboard.press('Control+End');
    await expect.poll(() => cell(ROWS - 1, 'score').textContent(), { timeout: 20_000 }).toBe('0');
    // Ties on score are broken by insertion order, so the last row is the last-inserted row with score 0.
    await expect.poll(() => cell(ROWS - 1, 'id').textContent()).toBe('999000');
  });

  it('made no request beyond loopback and logged no console errors', () => {
    expect(w.offLoopback).toEqual([]);
    expect(w.requests.length).toBeGreaterThan(3);
    for (const url of w.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(w.consoleErrors).toEqual([]);
  });
});
