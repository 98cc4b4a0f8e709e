import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { fingerprint } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

/** A real workbook (header and one row) whose shared-strings part is replaced by `strings` copies of one string. */
async function sharedStringsBomb(file: string, strings: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Extract').addRow(['Ref', 'Recorded', 'Group']);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const si = '<si><t>a</t></si>';
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings}" uniqueCount="${strings}">${si.repeat(strings)}</sst>`);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
}

/** Issue 15, break 6: resource bombs are refused with a clear message, before they are parsed, off the engine's thread. */
describe('resource bombs (issue 15, break 6)', () => {
  const { dir, cleanup } = tempDir('csw-bombs-');
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'), { backups: false });
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('an XLSX with six million shared strings (small on disk) is refused quickly, with the engine\'s memory untouched', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    await sharedStringsBomb(file, 6_000_000);
    expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const before = await fingerprint(engine);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    // The event loop keeps turning while the worker checks the workbook: the engine's thread is never blocked.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const result = await engine.invoke('import.run', { file, as: 'crimes', operationId: randomUUID() });
    clearInterval(ticker);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/more than 5,000,000 distinct text values.*save the sheet as CSV/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(ticks).toBeGreaterThan(3);
    // exceljs would have held six million strings in the engine's own heap (hundreds of MB) before anything else.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(await fingerprint(engine)).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'ws.files')).flatMap((d) => fs.readdirSync(path.join(dir, 'ws.files', d)))).toEqual([]);
  }, 120_000);

  it('a preview of the same workbook is refused the same way', async () => {
    const result = await engine.invoke('import.preview', { file: path.join(dir, 'bomb.xlsx'), as: 'crimes' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/distinct text values/);
  }, 60_000);
});
