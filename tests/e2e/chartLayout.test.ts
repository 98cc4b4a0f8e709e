import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { axeAudit, browserSession, screenshot } from './harness';

/**
 * Charts on screen are drawn at the panel's width, not as a fixed 1,000 px image scaled down (labels about 8 px at
 * 1024) or left at 1,000 px on a wide screen; the provenance is folded under the chart, and stays on every export.
 */
describe('charts drawn for the screen they are on', () => {
  const session = browserSession('csw-e2e-chart-layout-', async (workspace) => void (await sampleWorkspace(workspace)));
  const page = () => session.w.page;
  const panel = () => page().getByRole('region', { name: 'Rates of recorded crime chart' });

  /** The drawn chart's width, the frame's inner width, the chart's scale on screen, and its smallest label height. */
  // Evaluated in the page as text: the tests are typed without the DOM library.
  const measure = async () =>
    (await page().evaluate(`(() => {
      const section = document.querySelector('section[aria-label="Rates of recorded crime chart"]');
      const frame = section.querySelector('.chart-frame');
      const svg = section.querySelector('svg.main-svg');
      const labels = [...section.querySelectorAll('.ytick text, .xtick text')].map((t) => t.getBoundingClientRect().height);
      return {
        svgWidth: Number(svg.getAttribute('width')),
        shownWidth: Math.round(svg.getBoundingClientRect().width),
        frameWidth: frame.clientWidth,
        smallestLabel: Math.min(...labels),
        text: svg.textContent,
      };
    })()`)) as { svgWidth: number; shownWidth: number; frameWidth: number; smallestLabel: number; text: string };

  it('at 1024 × 700 draws the chart at the panel width with labels at full size', async () => {
    await page().setViewportSize({ width: 1024, height: 700 });
    await page().goto(session.server.url);
    await page().getByRole('button', { name: 'Library' }).click();
    await page().getByRole('button', { name: 'Rates of recorded crime', exact: true }).click();
    await page().getByRole('form', { name: 'Rates of recorded crime parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    await panel().locator('.main-svg').first().waitFor({ timeout: 30_000 });
    const m = await measure();
    expect(m.svgWidth).toBeLessThan(1000);
    expect(m.svgWidth).toBe(m.frameWidth);
    // Drawn, not scaled: what the SVG says is what the screen shows.
    expect(m.shownWidth).toBe(m.svgWidth);
    // 13 px tick labels (about 8 px when a 1,000 px image was scaled into this panel).
    expect(m.smallestLabel).toBeGreaterThanOrEqual(12);
    await screenshot(page(), 'chart-crime-rates-1024');
  }, 90_000);

  it('folds the provenance under the chart on screen, one click away', async () => {
    const m = await measure();
    expect(m.text).not.toContain('Source: ');
    expect(m.text).not.toContain('Method: ');
    const folded = panel().locator('details.chart-provenance');
    expect(await folded.getAttribute('open')).toBeNull();
    await panel().getByText('Source and method').click();
    await panel().getByText(/^Source: crimes: /).waitFor();
    await panel().getByText(/^Method: Crimes recorded in the period/).waitFor();
    await panel().getByText(/^Analysis crime-rates: /).waitFor();
    await axeAudit(page(), 'a chart with its provenance open');
  });

  it('keeps the provenance on the exported chart, at the export size', async () => {
    const [download] = await Promise.all([page().waitForEvent('download'), panel().getByRole('button', { name: 'Download SVG' }).click()]);
    const svg = fs.readFileSync(await download.path(), 'utf8');
    expect(svg).toMatch(/^<svg[^>]+width="1000"/);
    expect(svg).toContain('Source: ');
    expect(svg).toContain('Method: ');
    // One naming rule for every export: the chart and its table side by side, in the same case.
    const [table] = await Promise.all([page().waitForEvent('download'), panel().getByRole('button', { name: 'Download table (CSV)' }).click()]);
    expect([download.suggestedFilename(), table.suggestedFilename()]).toEqual(['crime-rates-Lichfield.svg', 'crime-rates-Lichfield.csv']);
    await panel().getByText('Saved as “crime-rates-Lichfield.csv” in your downloads folder (or where you chose to save it).').waitFor();
  });

  it('writes zeros plain, not slashed ("2Ø18"), in the bundled chart font', async () => {
    // The zero drawn large on a canvas in the chart's own font: a slashed (or dotted) zero has ink at its centre, a
    // plain one does not. The font must really have loaded, or a system fallback would pass for it.
    const glyph = (await page().evaluate(`(async () => {
      const family = 'Source Sans 3';
      await document.fonts.load("bold 200px '" + family + "'");
      const canvas = document.createElement('canvas');
      canvas.width = 300;
      canvas.height = 300;
      const context = canvas.getContext('2d');
      context.font = "bold 200px '" + family + "'";
      const box = context.measureText('0');
      context.fillText('0', 50, 250);
      // The centre of the glyph's own ink box, and a small square around it.
      const cx = Math.round(50 + (box.actualBoundingBoxRight - box.actualBoundingBoxLeft) / 2 - box.actualBoundingBoxLeft);
      const cy = Math.round(250 - (box.actualBoundingBoxAscent - box.actualBoundingBoxDescent) / 2);
      const centre = context.getImageData(cx - 6, cy - 6, 12, 12).data;
      let ink = 0;
      for (let i = 3; i < centre.length; i += 4) ink += centre[i];
      return { loaded: document.fonts.check("bold 200px '" + family + "'"), ink, title: getComputedStyle(document.querySelector('.gtitle')).fontFamily };
    })()`)) as { loaded: boolean; ink: number; title: string };
    expect(glyph.loaded).toBe(true);
    expect(glyph.title).toContain('Source Sans 3');
    expect(glyph.ink).toBe(0);
  });

  it('at 1920 × 1080 grows the chart to use the width', async () => {
    await page().setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await measure()).svgWidth, { timeout: 10_000 }).toBeGreaterThan(1400);
    const m = await measure();
    expect(m.svgWidth).toBe(m.frameWidth);
    expect(m.shownWidth).toBe(m.svgWidth);
  });

  it('ward map: names do not overlap, and wards take the ranking\'s flag colours and words', async () => {
    await page().setViewportSize({ width: 1280, height: 800 });
    await page().getByRole('button', { name: 'Crime rates by ward', exact: true }).click();
    await page().getByRole('form', { name: 'Crime rates by ward parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    const wards = page().getByRole('region', { name: 'Crime rates by ward chart' });
    await wards.locator('.barlayer').first().waitFor({ timeout: 30_000 });
    // What plotly was given for each legend entry: the ranking's bars, then the map's outlines.
    const legend = `[...document.querySelector('section[aria-label="Crime rates by ward chart"] .js-plotly-plot').data]
      .filter((t) => t.showlegend !== false && !String(t.name).startsWith('['))
      .map((t) => [t.name, (t.marker && t.marker.color) || t.fillcolor])`;
    const ranking = (await page().evaluate(legend)) as [string, string][];
    expect(ranking.map(([name]) => name)).toEqual(['Significantly above average', 'Above average', 'Not flagged']);
    // The legend sits clear of the Mean / +1 SD / +2 SD labels above the bars.
    const legendClash = await page().evaluate(`(() => {
      const section = document.querySelector('section[aria-label="Crime rates by ward chart"]');
      const legend = section.querySelector('g.legend').getBoundingClientRect();
      return [...section.querySelectorAll('g.annotation')].filter((g) => /^(Mean|[+]1 SD|[+]2 SD)$/.test(g.textContent.trim())).map((g) => g.getBoundingClientRect())
        .filter((r) => r.left < legend.right && legend.left < r.right && r.top < legend.bottom && legend.top < r.bottom).length;
    })()`);
    expect(legendClash).toBe(0);
    await wards.getByLabel('Chart type').selectOption({ label: 'Ward map' });
    await expect.poll(() => wards.locator('.scatterlayer path.js-fill').count()).toBe(22);
    expect(await page().evaluate(legend)).toEqual(ranking);

    // Every ward named once, and no two names' drawn boxes overlap.
    const boxes = (await page().evaluate(`[...document.querySelectorAll('section[aria-label="Crime rates by ward chart"] g.annotation')]
      .filter((g) => g.textContent.trim() !== '').map((g) => { const r = g.querySelector('rect.bg').getBoundingClientRect(); return { text: g.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom }; })`)) as { text: string; left: number; top: number; right: number; bottom: number }[];
    expect(boxes).toHaveLength(22);
    for (const ward of ['Stowe', 'Chasetown', 'Boney Hay & Central', 'Curborough', 'St John\'s']) expect(boxes.map((b) => b.text)).toContain(ward);
    const clashes = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.text} / ${b.text}`));
    expect(clashes).toEqual([]);
    await screenshot(page(), 'chart-ward-map-labels');
    expect(session.w.consoleErrors).toEqual([]);
    expect(session.w.offLoopback).toEqual([]);
  }, 60_000);
});
