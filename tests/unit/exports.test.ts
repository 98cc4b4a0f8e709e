import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { analyses } from '../../shared/analyses/registry';
import { additiveSets } from '../../shared/exports/suppression';
import { keyPoints } from '../../shared/exports/keyPoints';
import { solidPng } from '../support/png';
import { tempDir } from '../support/tempWorkspace';
import { readDocx } from '../support/docx';

const lichfield = { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' };

/** A real, small PNG (solid colour), standing in for the renderer's chart in these engine-only tests. */
const png = (width: number, height: number) => solidPng(width, height, 3);

describe('exports from the sample workspace', () => {
  const { dir, cleanup } = tempDir('csw-exports-');
  let engine: Engine;
  beforeAll(async () => {
    const file = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(file);
    engine = await createEngine(file, { backups: false });
  }, 120_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const run = async (id: string, params: Record<string, string | number>) => {
    const analysis = analyses.find((a) => a.id === id)!;
    const declared = Object.fromEntries(Object.entries(params).filter(([k]) => analysis.parameters.some((p) => p.name === k)));
    const result = await engine.invoke('analyses.run', { id, params: declared, operationId: `op-${id}-0001` });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const allRows = async (resultId: string, rowCount: number) => {
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: resultId }, startRow: 0, endRow: rowCount });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.rows;
  };

  it('prepares every analysis with suppression that leaves no small count and no additive set with one hidden cell', async () => {
    for (const analysis of analyses) {
      const result = await run(analysis.id, lichfield);
      const prepared = await engine.invoke('exports.prepare', { resultId: result.resultId });
      expect(prepared.ok, analysis.id).toBe(true);
      if (!prepared.ok) continue;
      const original = await allRows(result.resultId, result.rowCount);
      const counts = analysis.columns.filter((c) => c.format === 'count').map((c) => c.name);
      // With cells hidden the rows may be published in another order (by name): each is matched by its labels.
      const labels = analysis.columns.filter((c) => (c.format === 'text' || c.format === 'date') && !c.from).map((c) => c.name);
      const keyOf = (row: Record<string, unknown>) => JSON.stringify(labels.map((c) => row[c] ?? null));
      const byKey = new Map(prepared.value.rows.map((row) => [keyOf(row), row]));
      const rows = original.map((row) => byKey.get(keyOf(row))!);
      expect(rows.every(Boolean), analysis.id).toBe(true);
      rows.forEach((row, i) => {
        for (const c of counts) {
          const value = Number(original[i][c]);
          if (value >= 1 && value < 5) expect(row[c], `${analysis.id} row ${i} ${c}`).toBeNull();
          if (row[c] !== null) expect(Number(row[c])).toBe(value);
        }
      });
      for (const c of counts) {
        for (const set of additiveSets(original, analysis.suppression)) {
          const hidden = set.filter((r) => rows[r][c] === null && original[r][c] !== null).length;
          const left = set.filter((r) => rows[r][c] !== null && Number(original[r][c]) > 0).length;
          if (hidden === 1) expect(left, `${analysis.id} ${c}: one hidden cell recoverable`).toBe(0);
        }
      }
      expect(prepared.value.provenance.analysis?.id).toBe(analysis.id);
      expect(prepared.value.source).toMatch(/^Source: /);
    }
  }, 120_000);

  it('states the sources with their hashes, the period and the suppression', async () => {
    const result = await run('crime-rates', lichfield);
    const prepared = await engine.invoke('exports.prepare', { resultId: result.resultId });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.period).toBe('1 April 2018 to 31 March 2019');
    expect(prepared.value.comparator).toBe('Staffordshire');
    const datasets = new Set(prepared.value.provenance.sources.map((s) => s.dataset));
    expect([...datasets].sort()).toEqual(['crimes', 'geography', 'population']);
    for (const s of prepared.value.provenance.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.value.statement).toMatch(/counts from 1 to 4/);
  });

  it('writes key points from the numbers, as the assessment words them', async () => {
    const points = async (id: string) => {
      const result = await run(id, lichfield);
      const prepared = await engine.invoke('exports.prepare', { resultId: result.resultId });
      if (!prepared.ok) throw new Error(prepared.error.message);
      return keyPoints(prepared.value.analysis!, prepared.value.rows, { area: 'Lichfield', comparator: 'Staffordshire', parameters: prepared.value.provenance.parameters });
    };
    expect(await points('repeat-victims')).toContain('All crime: 21% of victims were repeat victims and were the victims in 38% of the crimes.');
    expect(await points('repeat-offenders')).toContain('All crime: 40% of offenders were repeat offenders and were responsible for 65% of the crimes.');
    expect(await points('ward-rates')).toContain('More than two standard deviations above: Stowe (182.6) and Chasetown (135.9).');
    expect((await points('direction-of-travel'))[0]).toBe('Total recorded crime rose by 4.6% on the previous 12 months (5,850 to 6,118).');
  });

  it('gives the ward boundaries for a ward analysis: all 22 of Lichfield', async () => {
    const result = await run('ward-rates', lichfield);
    const prepared = await engine.invoke('exports.prepare', { resultId: result.resultId });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(Object.keys(prepared.value.boundaries)).toHaveLength(22);
  });

  for (const threshold of [0, 5]) {
    it(`CSV and XLSX read back to the same numbers (suppression threshold ${threshold})`, async () => {
      const result = await run('crime-rates', lichfield);
      const original = await allRows(result.resultId, result.rowCount);
      const hiddenMarks = new Set(['<5', '[c]']);
      const same = (got: unknown, want: unknown, where: string) => {
        if (typeof got === 'string' && hiddenMarks.has(got)) return expect(threshold, `${where} hidden without suppression`).toBe(5);
        if (want === null) return expect(got ?? null, where).toBeNull();
        if (typeof want === 'number') return expect(Number(got), where).toBe(want);
        expect(String(got), where).toBe(String(want));
      };

      const csv = await engine.invoke('exports.table', { resultId: result.resultId, format: 'csv', suppression: { threshold } });
      if (!csv.ok) throw new Error(csv.error.message);
      const csvText = Buffer.from(csv.value.base64, 'base64').toString('utf8');
      expect(csvText.startsWith('\uFEFF')).toBe(true);
      expect(csvText).toMatch(/# Source \(crimes\): .*SHA-256 [0-9a-f]{64}/);
      const csvPath = path.join(dir, `crime-rates-${threshold}.csv`);
      fs.writeFileSync(csvPath, csvText);
      // Read back by DuckDB itself, every column as text so nothing is reinterpreted, the footer skipped as comments.
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll(`SELECT * FROM read_csv(?, header = true, all_varchar = true, comment = '#')`, [csvPath]);
      const back = reader.getRowObjectsJS();
      connection.closeSync();
      expect(back).toHaveLength(original.length);
      back.forEach((row, i) => {
        for (const [name, want] of Object.entries(original[i])) same(row[name] === null ? null : row[name], want, `csv row ${i} ${name}`);
      });

      const xlsx = await engine.invoke('exports.table', { resultId: result.resultId, format: 'xlsx', suppression: { threshold } });
      if (!xlsx.ok) throw new Error(xlsx.error.message);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(xlsx.value.base64, 'base64') as never);
      const sheet = workbook.getWorksheet('Data')!;
      const names = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount - 1).toBe(original.length);
      original.forEach((want, i) => {
        const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
        names.forEach((name, c) => {
          const got = cells[c];
          if (typeof want[name] === 'number' && !(typeof got === 'string' && hiddenMarks.has(got))) expect(typeof got, `xlsx ${name} is a number cell`).toBe('number');
          same(got ?? null, want[name], `xlsx row ${i} ${name}`);
        });
      });
      expect(sheet.getColumn(names.indexOf('area_count') + 1).numFmt).toBe('#,##0');
      const notes = workbook.getWorksheet('Notes')!;
      const noteText = notes.getSheetValues().flat().map(String).join('\n');
      expect(noteText).toMatch(/Rates of recorded crime/);
      expect(noteText).toMatch(/Exported/);
      expect(noteText).toMatch(threshold === 0 ? /turned off/ : /counts from 1 to 4/);
    }, 60_000);
  }

  it('builds a Word board pack for Lichfield 2018–19: valid, every section, small counts suppressed', async () => {
    const ids = ['crime-rates', 'ward-rates', 'burglary-vehicle-taken', 'victim-offender-profile', 'flag-profile'];
    const sections = [];
    for (const [i, id] of ids.entries()) sections.push({ resultId: (await run(id, lichfield)).resultId, chartPng: png(300 + i, 180).toString('base64') });
    const pack = await engine.invoke('exports.boardPack', { title: 'Lichfield Community Safety Partnership: strategic assessment 2018–19', sections });
    if (!pack.ok) throw new Error(pack.error.message);
    const docx = await readDocx(Buffer.from(pack.value.base64, 'base64'));
    expect(docx.parts).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    expect(docx.headings('Heading1')).toEqual(['Summary of key points', ...ids.map((id) => `${analyses.find((a) => a.id === id)!.title}: Lichfield`), 'Appendix: methods and sources']);
    expect(docx.media).toHaveLength(ids.length);
    expect(docx.text).toMatch(/The total recorded crime rate is lower than Staffordshire: 58\.8 vs 76\.1 per 1,000\./);
    // Every table: no count column shows 1–4, and the marks appear where cells were hidden.
    expect(docx.tables).toHaveLength(ids.length);
    let marks = 0;
    docx.tables.forEach((rows, t) => {
      const analysis = analyses.find((a) => a.id === ids[t])!;
      const countColumns = rows[0].map((label, c) => (analysis.columns.find((col) => col.label === label)?.format === 'count' ? c : -1)).filter((c) => c >= 0);
      expect(countColumns.length, analysis.id).toBeGreaterThan(0);
      for (const row of rows.slice(1)) {
        for (const c of countColumns) {
          if (row[c] === '<5' || row[c] === '[c]') marks += 1;
          else expect(Number(row[c].replace(/,/g, '')), `${analysis.id}: ${row.join(' | ')}`).not.toBeOneOf([1, 2, 3, 4]);
        }
      }
    });
    expect(marks).toBeGreaterThan(0);
    expect(docx.text).toMatch(/\[c\]/);
    expect(docx.text).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(docx.footers.join('')).toMatch(/Community Safety Workbench/);
  }, 120_000);

  it('saves an analysis\'s chart in the workspace, gives it back with the next result, and forgets it on request', async () => {
    const options = { type: 'choropleth' as const, title: 'Crime by ward', subtitle: 'ignored', xLabel: 'Ward', yLabel: 'Rate', sort: 'data' as const, palette: 'greyscale' as const };
    expect(await engine.invoke('charts.save', { analysisId: 'ward-rates', options })).toEqual({ ok: true, value: { saved: true } });
    const prepared = await engine.invoke('exports.prepare', { resultId: (await run('ward-rates', lichfield)).resultId });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.savedChart).toEqual(options);
    const other = await engine.invoke('exports.prepare', { resultId: (await run('crime-rates', lichfield)).resultId });
    expect(other.ok && other.value.savedChart).toBeNull();
    // A stored value that no longer fits the schema (an older version's, say) is ignored rather than fatal.
    await engine.workspace.withConnection((c) => c.run(`UPDATE csw_meta.charts SET options_json = '{"type":"radar"}' WHERE analysis_id = 'ward-rates'`));
    const stale = await engine.invoke('exports.prepare', { resultId: (await run('ward-rates', lichfield)).resultId });
    expect(stale.ok && stale.value.savedChart).toBeNull();
    expect(await engine.invoke('charts.save', { analysisId: 'ward-rates', options: null })).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses a chart that is not a PNG, and a result that is gone, with clear messages', async () => {
    const result = await run('crime-rates', lichfield);
    const bad = await engine.invoke('exports.boardPack', { title: 'x', sections: [{ resultId: result.resultId, chartPng: Buffer.from('GIF89a not a png at all').toString('base64') }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/not a PNG/);
    const gone = await engine.invoke('exports.table', { resultId: 'r_99999', format: 'csv' });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toMatch(/no longer held/);
  });
});
