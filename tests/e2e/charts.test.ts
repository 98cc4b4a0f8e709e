import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyses } from '../../shared/analyses/registry';
import { assessmentOrder, assessmentSet } from '../../shared/exports/assessmentSet';
import { readDocx } from '../support/docx';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { axeAudit, browserSession, root, screenshot } from './harness';

/** Width and height from a PNG's header. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Charts and board papers in Chromium on the sample workspace, with every request outside loopback refused. */
describe('charts, exports and the board pack', () => {
  const session = browserSession('csw-e2e-charts-', async (workspace) => void (await sampleWorkspace(workspace)));
  const page = () => session.w.page;
  // Exports are kept under tests/screenshots/exports/ (git-ignored) for reviewers to look at.
  const keep = path.join(root, 'tests', 'screenshots', 'exports');
  const saved = async (download: Download, name: string) => {
    const file = path.join(keep, name);
    fs.mkdirSync(keep, { recursive: true });
    await download.saveAs(file);
    return fs.readFileSync(file);
  };
  const click = async (region: ReturnType<ReturnType<typeof page>['getByRole']>, name: string) =>
    (await Promise.all([page().waitForEvent('download'), region.getByRole('button', { name }).click()]))[0];

  it('opens the library on Lichfield, 2018–19', async () => {
    await page().goto(session.server.url);
    await page().getByRole('button', { name: 'Library' }).click();
    await page().getByLabel('Assessment area').selectOption({ label: 'Lichfield (district)' });
    await page().getByLabel('Period from').fill('2018-04-01');
    await page().getByLabel('Period to').fill('2019-03-31');
  });

  for (const analysis of analyses) {
    it(`${analysis.id}: draws its default chart and exports it as PNG and SVG`, async () => {
      await page().getByRole('searchbox', { name: 'Search analyses' }).fill('');
      await page().getByRole('button', { name: analysis.title, exact: true }).click();
      await page().getByRole('form', { name: `${analysis.title} parameters` }).getByRole('button', { name: 'Run analysis' }).click();
      const panel = page().getByRole('region', { name: `${analysis.title} chart` });
      await panel.locator('.main-svg').first().waitFor({ timeout: 30_000 });
      const takesArea = analysis.parameters.some((p) => p.name === 'area');

      const svg = (await saved(await click(panel, 'Download SVG'), `${analysis.id}.svg`)).toString('utf8');
      expect(svg).toMatch(/^<svg[^>]+width="1000"/);
      const height = Number(/^<svg[^>]+height="(\d+)"/.exec(svg)![1]);
      expect(height).toBeGreaterThanOrEqual(620);
      expect(svg).toContain(`<title>${analysis.title}</title>`);
      expect(svg).toContain('Source: ');
      expect(svg).toContain('Method: ');
      expect(svg).toContain(`Analysis ${analysis.id}: `);
      // In the user's time zone and UK words; the note may wrap inside the time, so tags are read as spaces.
      expect(svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toMatch(/Exported \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d\./);
      if (takesArea) expect(svg).toContain('Lichfield');
      // The font travels inside the file, so the SVG looks the same on a machine without it.
      expect(svg).toMatch(/@font-face\{font-family:'Source Sans 3';font-weight:400;src:url\(data:font\/woff2;base64,/);
      expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      // Wards with too few burglaries to show are marked as hidden, not drawn as empty.
      if (analysis.id === 'burglary-vehicle-taken') expect(svg).toContain('>[c]<');

      const png = await saved(await click(panel, 'Download PNG'), `${analysis.id}.png`);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(pngSize(png)).toEqual({ width: 3000, height: height * 3 });
      expect(png.length).toBeGreaterThan(40_000);
      await screenshot(page(), `chart-${analysis.id}`);
      expect(session.w.consoleErrors).toEqual([]);
    }, 90_000);
  }

  it("draws Lichfield's 22 wards as a map from the workspace's own boundaries, offline", async () => {
    await page().getByRole('button', { name: 'Crime rates by ward', exact: true }).click();
    await page().getByRole('form', { name: 'Crime rates by ward parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    const panel = page().getByRole('region', { name: 'Crime rates by ward chart' });
    await panel.locator('.main-svg').first().waitFor();
    await panel.getByLabel('Chart type').selectOption({ label: 'Ward map' });
    await panel.getByLabel('Title', { exact: true }).fill('Crime by ward, Lichfield');
    await expect.poll(() => panel.locator('.scatterlayer path.js-fill').count()).toBe(22);
    const svg = (await saved(await click(panel, 'Download SVG'), 'ward-map.svg')).toString('utf8');
    // One filled outline per ward in the plot; the legend's five colour swatches come after it, in the info layer.
    const plotPart = svg.slice(0, svg.indexOf('class="infolayer"'));
    expect(plotPart.match(/class="js-fill"/g)).toHaveLength(22);
    for (const ward of ['Stowe', 'Chasetown', 'Boney Hay &amp; Central']) expect(svg).toContain(ward);
    expect(svg).toContain('Crime by ward, Lichfield');
    const png = await saved(await click(panel, 'Download PNG'), 'ward-map.png');
    expect(pngSize(png).width).toBe(3000);
    await screenshot(page(), 'chart-ward-map');
    await axeAudit(page(), 'library with a chart and its editor');
  }, 60_000);

  it('keeps an edited chart in the workspace for that analysis: the next run, and board packs, start from it', async () => {
    const panel = page().getByRole('region', { name: 'Crime rates by ward chart' });
    await panel.getByRole('button', { name: "Save as this analysis's chart" }).click();
    await panel.getByText("Saving the chart for this analysis: done.").waitFor();
    // Away and back: the chart panel goes, and a fresh run draws the saved chart.
    await page().getByRole('button', { name: 'Rates of recorded crime', exact: true }).click();
    await panel.waitFor({ state: 'detached' });
    await page().getByRole('button', { name: 'Crime rates by ward', exact: true }).click();
    await page().getByRole('form', { name: 'Crime rates by ward parameters' }).getByRole('button', { name: 'Run analysis' }).click();
    await panel.locator('.scatterlayer path.js-fill').first().waitFor();
    expect(await panel.getByLabel('Title', { exact: true }).inputValue()).toBe('Crime by ward, Lichfield');
    expect(await panel.getByLabel('Chart type').inputValue()).toBe('choropleth');
  }, 60_000);

  it('copies the chart to the clipboard as a PNG', async () => {
    await page().context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.origin });
    const panel = page().getByRole('region', { name: 'Crime rates by ward chart' });
    await panel.getByRole('button', { name: 'Copy chart' }).click();
    await panel.getByText('Copying the chart: done.').waitFor();
    const copied = await page().evaluate(`navigator.clipboard.read().then(async (items) => { const blob = await items[0].getType('image/png'); return blob.size; })`);
    expect(copied as number).toBeGreaterThan(40_000);
  });

  it('exports the table as XLSX, suppressed, with typed cells and notes', async () => {
    const panel = page().getByRole('region', { name: 'Crime rates by ward chart' });
    const xlsx = await saved(await click(panel, 'Download table (XLSX)'), 'ward-rates.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as never);
    const sheet = workbook.getWorksheet('Data')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(analyses.find((a) => a.id === 'ward-rates')!.columns.map((c) => c.name));
    expect(typeof sheet.getRow(2).getCell(4).value).toBe('number');
    const counts = sheet.getColumn(4).values.slice(2);
    expect(counts.some((v) => v === '<5')).toBe(true);
    expect(counts.every((v) => v === '<5' || v === '[c]' || typeof v === 'number')).toBe(true);
    expect(counts.filter((v) => typeof v === 'number' && v >= 1 && v < 5)).toEqual([]);
    expect(workbook.getWorksheet('Notes')!.getSheetValues().flat().join(' ')).toMatch(/SHA-256 [0-9a-f]{64}/);
  });

  it('builds the board pack for the assessment set as a Word document', async () => {
    await page().getByRole('button', { name: 'Board pack…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Board pack' });
    await dialog.getByRole('button', { name: 'The assessment set' }).click();
    await axeAudit(page(), 'board pack dialog');
    await screenshot(page(), 'board-pack-dialog');
    expect([...assessmentOrder].sort()).toEqual(analyses.filter((a) => a.parameters.some((p) => p.name === 'area')).map((a) => a.id).sort());
    // Hotspot wards would repeat crime rates by ward, so the set leaves it out.
    const set = assessmentSet(analyses.map((a) => ({ ...a, source: 'library' }))).map((id) => analyses.find((a) => a.id === id)!);
    expect(set.map((a) => a.id)).not.toContain('hotspot-wards');
    // Titled with the area's name (the header holds its code).
    await expect.poll(() => dialog.getByLabel('Title').inputValue()).toBe('Lichfield Community Safety Partnership: strategic assessment');
    await dialog.getByLabel('Title').fill('Lichfield CSP strategic assessment 2018–19');
    await expect.poll(() => dialog.getByLabel('Protective marking (on every page)').inputValue()).toBe('OFFICIAL');
    await dialog.getByLabel('Protective marking (on every page)').fill('OFFICIAL-SENSITIVE');
    // Built first and shown page by page, so the analyst looks before sending; nothing is saved until they say so.
    await dialog.getByRole('button', { name: `Build and preview board pack (${set.length})` }).click();
    const preview = page().getByRole('dialog', { name: 'Board pack: preview' });
    const pages = preview.getByRole('list', { name: 'Pack preview' }).getByRole('listitem').filter({ has: page().locator('.pack-marking') });
    await expect.poll(() => pages.count(), { timeout: 170_000 }).toBe(set.length + 3);
    await expect.poll(() => preview.getByRole('listitem', { name: 'Summary of key points' }).textContent()).toContain('The total recorded crime rate is lower than Staffordshire: 58.8 vs 76.1 per 1,000.');
    // The area profile opens the set (issue 22); the crime rates follow the priorities.
    expect(await preview.getByRole('img', { name: /^Figure 1: Area profile: Lichfield$/ }).count()).toBe(1);
    expect(await preview.getByRole('img', { name: /^Figure \d+: Rates of recorded crime: Lichfield$/ }).count()).toBe(1);
    await axeAudit(page(), 'board pack preview');
    await screenshot(page(), 'board-pack-preview');
    const [download] = await Promise.all([page().waitForEvent('download', { timeout: 60_000 }), preview.getByRole('button', { name: 'Save board pack' }).click()]);
    await expect.poll(() => preview.getByRole('status').textContent()).toMatch(/^Saved as board-pack-Lichfield\.docx/);
    const docx = await saved(download, 'board-pack.docx');
    const pack = await readDocx(docx);
    expect(pack.headings('Title')).toEqual(['Lichfield CSP strategic assessment 2018–19']);
    expect(pack.headings('Heading1')).toEqual(['Summary of key points', ...set.map((a) => `${a.title}: Lichfield`), 'Appendix: methods and sources']);
    // One chart per section, and the profile's second half (offenders) as a figure of its own.
    expect(pack.media).toHaveLength(set.length + 1);
    // Drawn for the page: 680 CSS px (the text block's width) at 3 × for print.
    for (const { bytes } of pack.media) expect(pngSize(bytes).width).toBe(2040);
    // The ward map saved for ward-rates above is the chart its section carries (a map is 760 px tall, 608 for print).
    expect(pack.media.filter(({ bytes }) => pngSize(bytes).height === 1824)).toHaveLength(1);
    expect(pack.text).toContain('The total recorded crime rate is lower than Staffordshire: 58.8 vs 76.1 per 1,000.');
    expect(pack.text.startsWith('OFFICIAL-SENSITIVE')).toBe(true);
    await preview.getByRole('button', { name: 'Done' }).click();
    await preview.waitFor({ state: 'detached' });
  }, 180_000);

  it('made no request outside loopback, from the page or the engine', () => {
    expect(session.w.offLoopback).toEqual([]);
    expect(session.w.consoleErrors).toEqual([]);
    expect(session.server.engineConnections().filter((c) => !c.allowed)).toEqual([]);
  });
});
