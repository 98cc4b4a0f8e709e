import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { createWorkspaceHost } from '../../electron/host/workspaceHost';
import { registerIpc } from '../../electron/main/ipc';
import { localChannelNames, rendererChannelNames } from '../../shared/channels';
import { importOk, sql } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/** Rows over two of the writer's pages and many of DuckDB's chunks; every 1,000th label needs CSV quoting. */
const ROWS = 12_003;
const QUERY = `SELECT range AS n, 'row ' || range || CASE WHEN range % 1000 = 0 THEN ', "quoted"' ELSE '' END AS label FROM range(${ROWS})`;
const label = (n: number) => `row ${n}${n % 1000 === 0 ? ', "quoted"' : ''}`;

/** exports.write: an analyst's own query written to a file by the engine, for the command line's `run --out`. */
describe('exports.write', () => {
  const { dir, cleanup } = tempDir('csw-exports-write-');
  const ws = path.join(dir, 'w.duckdb');
  let engine: Engine;
  let resultId: string;
  const exports = async () => (await sql(engine, "SELECT subject, detail, outcome, message FROM csw_meta.audit WHERE action = 'export' ORDER BY logged_at, rowid")).map(([subject, detail, outcome, message]) => ({ subject, detail: JSON.parse(String(detail)), outcome, message }));

  beforeAll(async () => {
    engine = await createEngine(ws, { backups: false });
    const run = await engine.invoke('sql.run', { sql: QUERY, operationId: randomUUID() });
    if (!run.ok) throw new Error(run.error.message);
    resultId = run.value.resultId;
  });
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  it('writes every row as CSV, in order, quoted where needed, and logs the export with where it went', async () => {
    const target = path.join(dir, 'rows.csv');
    const written = await engine.invoke('exports.write', { resultId, format: 'csv', target });
    expect(written).toEqual({ ok: true, value: { file: target, rows: ROWS } });
    const expected = ['n,label', ...Array.from({ length: ROWS }, (_, n) => `${n},${n % 1000 === 0 ? `"${label(n).replace(/"/g, '""')}"` : label(n)}`)].join('\n');
    expect(fs.readFileSync(target, 'utf8')).toBe(`${expected}\n`);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect((await exports()).at(-1)).toEqual({ subject: 'query', detail: { format: 'csv', resultId, file: target, rows: ROWS }, outcome: 'done', message: null });
  });

  it('writes JSON with numbers as numbers, and XLSX with a typed, named sheet', async () => {
    const json = path.join(dir, 'rows.json');
    expect((await engine.invoke('exports.write', { resultId, format: 'json', target: json })).ok).toBe(true);
    const rows = JSON.parse(fs.readFileSync(json, 'utf8')) as { n: number; label: string }[];
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((r, i) => r.n === i && r.label === label(i))).toBe(true);

    const xlsx = path.join(dir, 'rows.xlsx');
    expect((await engine.invoke('exports.write', { resultId, format: 'xlsx', target: xlsx })).ok).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Result');
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, 'n', 'label']);
    expect(sheet.getRow(ROWS + 1).values).toEqual([undefined, ROWS - 1, label(ROWS - 1)]);
  });

  it("refuses the workspace's own file as the target, which is left as it was, and logs the refusal", async () => {
    const before = fs.readFileSync(ws);
    const written = await engine.invoke('exports.write', { resultId, format: 'csv', target: ws });
    expect(written).toMatchObject({ ok: false, error: { code: 'not_allowed', message: expect.stringMatching(/own files/) } });
    expect(fs.readFileSync(ws).equals(before)).toBe(true);
    expect((await exports()).at(-1)).toMatchObject({ subject: 'query', detail: { file: ws }, outcome: 'failed' });
  });

  it('keeps the previous file when the write fails, and leaves no partial file', async () => {
    const target = path.join(dir, 'kept.csv');
    fs.writeFileSync(target, 'the previous export\n');
    const gone = await engine.invoke('exports.write', { resultId: 'r_999', format: 'csv', target });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(fs.readFileSync(target, 'utf8')).toBe('the previous export\n');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it("refuses an analysis's result: its counts leave only suppressed, through exports.table", async () => {
    const { dir: other, cleanup: done } = tempDir('csw-exports-write-counts-');
    const counted = await createEngine(path.join(other, 'w.duckdb'), { backups: false });
    try {
      for (const [file, as] of [[lsoaLookup, 'geography'], [districtLookup, 'geography'], [iodPopulation, 'population'], [policeUkMonths[0], 'police-uk']] as const) await importOk(counted, file, as);
      const run = await counted.invoke('analyses.run', { id: 'crime-rates', params: { area: 'Lichfield', from: '2018-10-01', to: '2018-10-31' }, operationId: randomUUID() });
      if (!run.ok) throw new Error(run.error.message);
      const target = path.join(other, 'rates.csv');
      const written = await counted.invoke('exports.write', { resultId: run.value.resultId, format: 'csv', target });
      expect(written).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/small-number suppression/) } });
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      counted.close();
      done();
    }
  }, 60_000);
});

/** The channels that write a file the caller names are the command line's alone: web content can never call them. */
describe('local channels', () => {
  it('are refused by the host the app and the web server dispatch through, writing nothing', async () => {
    const { dir, cleanup } = tempDir('csw-local-channels-');
    const host = await createWorkspaceHost(path.join(dir, 'w.duckdb'), { settingsDir: path.join(dir, 'settings') });
    try {
      const run = await host.dispatch('sql.run', { sql: 'SELECT 1 AS one', operationId: randomUUID() });
      if (!run.ok) throw new Error(run.error.message);
      const resultId = (run.value as { resultId: string }).resultId;
      const target = path.join(dir, 'planted.csv');
      expect(await host.dispatch('exports.write', { resultId, format: 'csv', target })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/command line only/) } });
      expect(await host.dispatch('priorities.export', { area: 'Lichfield', target })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(fs.existsSync(target)).toBe(false);
      // The engine itself answers them, for the command line.
      expect(await host.current().invoke('exports.write', { resultId, format: 'csv', target })).toMatchObject({ ok: true, value: { rows: 1 } });
    } finally {
      host.close();
      cleanup();
    }
  });

  it('are not registered over IPC, nor given to the renderer', () => {
    const handled: string[] = [];
    registerIpc({ handle: (channel: string) => handled.push(channel) } as never, async () => ({ ok: true, value: null }));
    expect(handled.length).toBeGreaterThan(20);
    for (const channel of localChannelNames) {
      expect(handled).not.toContain(channel);
      expect(rendererChannelNames as readonly string[]).not.toContain(channel);
    }
  });
});
