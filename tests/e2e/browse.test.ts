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

  it('made no request beyond loopback and logged no console errors', () => {
    expect(session.w.offLoopback).toEqual([]);
    expect(session.w.requests.length).toBeGreaterThan(3);
    for (const url of session.w.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(session.w.consoleErrors).toEqual([]);
    expect(session.server.engineConnections().filter((c) => !c.allowed)).toEqual([]);
  });
});
