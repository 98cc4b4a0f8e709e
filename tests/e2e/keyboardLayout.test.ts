import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { axeAudit, browserSession, screenshot } from './harness';
import { untilRemembered } from './remembered';

/** The keyboard path to a result, and the layout at the smallest and largest screens analysts use. */
describe('keyboard and layout', () => {
  const session = browserSession('csw-e2e-keyboard-', async (workspace) => void (await sampleWorkspace(workspace)));
  const page = () => session.w.page;
  const focused = async () => (await page().evaluate(`(() => { const e = document.activeElement; return e.getAttribute('aria-label') || e.textContent.trim(); })()`)) as string;

  it('reaches "Run analysis" from a fresh start in 14 Tab presses (17 before), each date box one stop', async () => {
    await page().goto(session.server.url);
    await page().getByRole('button', { name: 'Library' }).click();
    await page().getByRole('button', { name: 'Rates of recorded crime', exact: true }).click();
    // The view and analysis are remembered shortly after the change (later on a loaded machine): reopen once they are.
    const form = page().getByRole('form', { name: 'Rates of recorded crime parameters' });
    await untilRemembered(session.server, { view: 'library', analysis: 'crime-rates' });
    await page().reload();
    await form.waitFor();
    const stops: string[] = [];
    while (stops.length < 30 && stops.at(-1) !== 'Run analysis') {
      await page().keyboard.press('Tab');
      stops.push(await focused());
    }
    expect(stops.at(-1)).toBe('Run analysis');
    expect(stops.length).toBeLessThanOrEqual(14);
    // A date box is one stop (not day, month and year), and the four views are one.
    expect(stops.indexOf('Period to') - stops.indexOf('Period from')).toBe(1);
    expect(stops[stops.indexOf('Period to') + 1]).toBe('Library');
    expect(stops.filter((s) => ['Datasets', 'Import', 'SQL'].includes(s))).toEqual([]);
  });

  it('moves between the views with the arrow keys, and opens one with Enter', async () => {
    await page().getByRole('button', { name: 'Library', exact: true }).focus();
    await page().keyboard.press('ArrowRight');
    expect(await focused()).toBe('SQL');
    await page().keyboard.press('Home');
    expect(await focused()).toBe('Datasets');
    await page().keyboard.press('ArrowLeft');
    expect(await focused()).toBe('SQL');
    await page().keyboard.press('End');
    await page().keyboard.press('ArrowLeft');
    expect(await focused()).toBe('Library');
    await page().keyboard.press('ArrowLeft');
    await page().keyboard.press('Enter');
    await expect.poll(() => page().getByRole('button', { name: 'Import', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page().getByRole('button', { name: 'Import', exact: true }).getAttribute('tabindex')).toBe('0');
    await page().getByRole('button', { name: 'Library', exact: true }).click();
  });

  /** Where the header's controls sit, whether the page scrolls sideways, and where the result's key column is. */
  const layout = async () =>
    (await page().evaluate(`(() => {
      const header = document.querySelector('.app-header');
      const tops = [...header.querySelectorAll('button, select, input')].filter((e) => e.offsetParent).map((e) => Math.round(e.getBoundingClientRect().top));
      const main = document.querySelector('main').getBoundingClientRect();
      const comparison = document.querySelector('[role="columnheader"][col-id="comparison"]');
      return {
        // One row: every control's top within a control's height of the others.
        headerRows: Math.max(...tops) - Math.min(...tops) < 20 ? 1 : 2,
        headerHeight: Math.round(header.getBoundingClientRect().height),
        sideways: document.documentElement.scrollWidth > window.innerWidth,
        mainWidth: Math.round(main.width),
        comparisonRight: comparison ? Math.round(comparison.getBoundingClientRect().right) : null,
        width: window.innerWidth,
      };
    })()`)) as { headerRows: number; headerHeight: number; sideways: boolean; mainWidth: number; comparisonRight: number | null; width: number };

  it('holds at 1024 × 700: the header on one row, nothing off-screen sideways, the comparison column in view', async () => {
    await page().setViewportSize({ width: 1024, height: 700 });
    await page().getByRole('form', { name: 'Rates of recorded crime parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    const table = page().getByRole('region', { name: /Rates of recorded crime: Lichfield/ });
    await table.getByRole('grid').waitFor({ timeout: 30_000 });
    await table.locator('[role="columnheader"][col-id="comparison"]').waitFor();
    const at1024 = await layout();
    expect(at1024.headerRows).toBe(1);
    expect(at1024.headerHeight).toBeLessThan(48);
    expect(at1024.sideways).toBe(false);
    expect(at1024.comparisonRight).not.toBeNull();
    expect(at1024.comparisonRight!).toBeLessThanOrEqual(at1024.width);
    await screenshot(page(), 'layout-result-1024');
    await axeAudit(page(), 'a result at 1024 × 700');
  }, 60_000);

  it('uses 1920 × 1080: the content takes the width, the chart grows with it', async () => {
    await page().setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await layout()).mainWidth).toBeGreaterThan(1550);
    const wide = await layout();
    expect(wide.headerRows).toBe(1);
    expect(wide.sideways).toBe(false);
    const chartWidth = Number(await page().locator('section.chart-panel svg.main-svg').first().getAttribute('width'));
    expect(chartWidth).toBeGreaterThan(1500);
    await screenshot(page(), 'layout-result-1920');
    await axeAudit(page(), 'a result at 1920 × 1080');
    expect(session.w.consoleErrors).toEqual([]);
    expect(session.w.offLoopback).toEqual([]);
  }, 60_000);
});
