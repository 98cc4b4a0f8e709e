import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createTable, crimesSelect } from '../support/tempWorkspace';
import { browserSession } from './harness';

const ROWS = 1_000_000;

describe('browsing a million-row dataset in Chromium', () => {
  const session = browserSession('csw-e2e-', async (workspace) => {
    const engine = await createEngine(workspace);
    await createTable(engine, 'crimes', crimesSelect(ROWS));
    engine.close();
  });
  const rowAt = (index: number) => session.w.page.locator(`[role="row"][row-index="${index}"]`);
  const cell = (index: number, column: string) => rowAt(index).locator(`[role="gridcell"][col-id="${column}"]`);

  it('opens the workspace and lists its dataset', async () => {
    await session.w.page.goto(session.server.url);
    await expect.poll(() => session.w.page.getByRole('heading', { name: 'Community Safety Workbench' }).count()).toBe(1);
    await session.w.page.getByRole('button', { name: /crimes\s*1,000,000 rows/ }).waitFor();
    await session.w.page.getByRole('button', { name: /^Workspace: Sample workspace\. / }).waitFor();
  });

  it('pages the grid from DuckDB to the very last row', async () => {
    await session.w.page.getByRole('button', { name: /crimes/ }).click();
    const grid = session.w.page.getByRole('region', { name: 'crimes data' }).getByRole('grid');
    await grid.waitFor();
    await expect.poll(() => cell(0, 'id').textContent()).toBe('0');
    await cell(0, 'id').click();
    await session.w.page.keyboard.press('Control+End');
    await expect.poll(() => cell(ROWS - 1, 'id').textContent(), { timeout: 20_000 }).toBe(String(ROWS - 1));
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
  });

  it('sorts in SQL, from the first row to the last', async () => {
    const header = session.w.page.getByRole('columnheader', { name: 'score' });
    await header.click(); // ascending
    await header.click(); // descending
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await session.w.page.getByRole('gridcell').first().click();
    await session.w.page.keyboard.press('Control+Home');
    await expect.poll(() => cell(0, 'score').textContent(), { timeout: 20_000 }).toBe('99.9');
    await session.w.page.keyboard.press('Control+End');
    await expect.poll(() => cell(ROWS - 1, 'score').textContent(), { timeout: 20_000 }).toBe('0');
    // Ties on score are broken by insertion order, so the last row is the last-inserted row with score 0.
    await expect.poll(() => cell(ROWS - 1, 'id').textContent()).toBe('999000');
  });

  it('copies a row with its headers on Ctrl+Shift+C, exactly as the cells hold it', async () => {
    const page = session.w.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.server.url).origin });
    await page.keyboard.press('Control+Home');
    // Sorted by score descending, the first row is the first-inserted of the 99.9s: id 321 (321 × 7919 = 2,541,999).
    await expect.poll(() => cell(0, 'id').textContent()).toBe('321');
    await cell(0, 'ward_code').click();
    await page.keyboard.press('Control+Shift+C');
    const region = page.getByRole('region', { name: 'crimes data' });
    await expect.poll(() => region.getByRole('status').textContent()).toBe('Row copied');
    // Row 321: ward 321 % 22 = 13, group 321 % 3 = 0, day 321 after 1 April 2018 (16 February 2019), as stored.
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
      'id\tward_code\toffence_group\trecorded_date\tscore\n321\tE05010613\tViolence against the person\t2019-02-16\t99.9',
    );
  });

  it('shows dates day first, filters them by a date typed the UK way, and counts the rows that match', async () => {
    const page = session.w.page;
    const region = page.getByRole('region', { name: 'crimes data' });
    await expect.poll(() => cell(0, 'recorded_date').textContent()).toBe('16/02/2019');
    await page.locator('.ag-header-cell[col-id="recorded_date"] .ag-header-cell-filter-button').click();
    await page.getByLabel('Filter date').first().fill('01/04/2018');
    // Days 0–264 of the 365 hold 2,740 of the million rows each (1,000,000 = 365 × 2,739 + 265).
    await expect.poll(() => region.locator('.grid-header').textContent(), { timeout: 20_000 }).toContain('2,740 of 1,000,000 rows match the filter');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(0, 'recorded_date').textContent()).toBe('01/04/2018');
  });

  it('made no request beyond loopback and logged no console errors', () => {
    expect(session.w.offLoopback).toEqual([]);
    expect(session.w.requests.length).toBeGreaterThan(3);
    for (const url of session.w.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(session.w.consoleErrors).toEqual([]);
    expect(session.server.engineConnections().filter((c) => !c.allowed)).toEqual([]);
  });
});
