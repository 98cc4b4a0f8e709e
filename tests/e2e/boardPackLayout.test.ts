import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

const found = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const rendering = found('soffice') && found('pdftotext');
if (!rendering && process.env.CI) throw new Error('The board pack layout test needs LibreOffice (soffice) and pdftotext: .ci/run installs libreoffice-writer-nogui and poppler-utils.');
if (!rendering) console.warn('Skipping the board pack layout test: soffice or pdftotext is not installed (apt-get install libreoffice-writer-nogui poppler-utils).');

/** A4 in points, and its text block inside 2.54 cm margins. */
const PAGE = { width: 595.3, margin: 72 };

/**
 * The Lichfield assessment pack as a reader's word processor lays it out: rendered to PDF by LibreOffice, its
 * contents' page numbers are the pages the sections start on, and no text runs past the right margin.
 */
describe.skipIf(!rendering)('the Lichfield board pack rendered by LibreOffice', () => {
  const { dir } = tempDir('csw-pack-layout-');
  const ws = path.join(dir, 'sample.duckdb');
  const docx = path.join(dir, 'lichfield.docx');
  const pdf = path.join(dir, 'lichfield.pdf');
  const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], { encoding: 'utf8', timeout: 240_000 });
  let pages: string[] = [];
  beforeAll(async () => {
    assertBuilt();
    await sampleWorkspace(ws);
    cli('board-pack', ws, '--out', docx, '--param', 'area=Lichfield', '--param', 'from=2018-04-01', '--param', 'to=2019-03-31');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 240_000, stdio: 'ignore' });
    pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  }, 480_000);

  // The assessment set is 30 sections since issue 22 (area profile, priorities, exceptions, tested change, SPC,
  // districts compared) on top of issue 20's: 72 pages measured, two or so a section.
  it('has the pages a 30-section pack should, with the marking on every one', () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
    expect(pages.length).toBeLessThanOrEqual(82);
    pages.forEach((page, k) => expect(page.trimStart().startsWith('OFFICIAL'), `page ${k + 1}`).toBe(true));
  });

  it('gives each section the page it starts on in the contents', () => {
    const contents = pages[1];
    const entries = [...contents.matchAll(/^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$/gm)].map((m) => ({ title: m[1].trim(), page: Number(m[2]) }));
    expect(entries.length).toBe(32);
    expect(entries[0]).toEqual({ title: 'Summary of key points', page: 3 });
    // The summary (31 headlines since issue 22) takes at most two pages: the first section starts on page 5 at the latest.
    expect(entries[1].page).toBeLessThanOrEqual(5);
    for (const { title, page } of entries) {
      // The section's heading is on that page, at its top (under the marking).
      const lines = pages[page - 1].split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines.slice(0, 3).join(' '), `${title} on page ${page}`).toContain(title);
    }
  });

  it('keeps every word inside the text block: no table runs over the margin', () => {
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const over = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].filter((m) => Number(m[2]) > PAGE.width - PAGE.margin + 3 || Number(m[1]) < PAGE.margin - 3);
    expect(over.map((m) => `${m[3]} (${m[1]}–${m[2]})`)).toEqual([]);
  });

  it('leaves no near-empty page', () => {
    const words = pages.map((p) => p.split(/\s+/).filter(Boolean).length);
    // Header and footer alone are about 25 words; a page left with a table's last rows and notes (under 100) is
    // near-empty. A page with a chart is not, nor are the title page and the last page of the appendix.
    const imagePages = new Set(
      execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((l) => Number(l.trim().split(/\s+/)[0]))
        .filter(Boolean),
    );
    const empty = words.map((n, k) => ({ page: k + 1, n })).filter(({ page, n }) => n < 100 && !imagePages.has(page) && page > 1 && page < words.length);
    expect(empty).toEqual([]);
    expect(fs.statSync(pdf).size).toBeGreaterThan(100_000);
  });
});
