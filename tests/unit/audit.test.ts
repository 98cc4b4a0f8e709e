import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk, sql } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

type Row = { action: string; subject: string; detail: Record<string, unknown>; outcome: string; message: string | null };

/** The audit log records what was imported, checked, run, saved and exported — and how each ended — never the data. */
describe('the audit log', () => {
  const { dir, cleanup } = tempDir('csw-audit-');
  const ws = path.join(dir, 'audit.duckdb');
  let engine: Engine;
  const log = async (): Promise<Row[]> =>
    (await sql(engine, 'SELECT action, subject, detail, outcome, message FROM csw_meta.audit ORDER BY logged_at, rowid')).map(([action, subject, detail, outcome, message]) => ({
      action: String(action),
      subject: String(subject),
      detail: JSON.parse(String(detail)) as Record<string, unknown>,
      outcome: String(outcome),
      message: message === null ? null : String(message),
    }));

  beforeAll(async () => {
    engine = await createEngine(ws);
    await importOk(engine, lsoaLookup, 'geography');
    await importOk(engine, districtLookup, 'geography');
    await importOk(engine, iodPopulation, 'population');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('records imports with their file, hash and rows, and a refused re-import as failed', async () => {
    await importOk(engine, policeUkMonths[0], 'police-uk');
    await engine.invoke('import.run', { file: policeUkMonths[0], as: 'police-uk', operationId: randomUUID() });
    const imports = (await log()).filter((r) => r.action === 'import');
    expect(imports.map((r) => [path.basename(r.subject), r.outcome])).toEqual([
      ['LSOA11_WD19_LAD19_staffordshire-force.csv', 'done'],
      ['LAD19_CSP19_PFA19_EW_LU.csv', 'done'],
      [path.basename(iodPopulation), 'done'],
      ['2018-10-staffordshire-street.csv', 'done'],
      ['2018-10-staffordshire-street.csv', 'failed'],
    ]);
    expect(imports[3].detail).toMatchObject({ as: 'police-uk', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows_read: expect.any(Number) });
    expect(imports[4].message).toMatch(/already imported/);
  });

  it('records analyses with the parameters used, queries by their text, and CSV exports', async () => {
    const ran = await engine.invoke('analyses.run', { id: 'ward-rates', params: { area: 'Nowhere', from: '2018-10-01', to: '2018-10-31' }, operationId: randomUUID() });
    expect(ran.ok).toBe(false); // a failed run is recorded too
    const query = await engine.invoke('sql.run', { sql: 'SELECT offence_group, count(*) AS n FROM crimes GROUP BY ALL', operationId: randomUUID() });
    if (!query.ok) throw new Error(query.error.message);
    expect((await engine.invoke('results.csv', { resultId: query.value.resultId })).ok).toBe(true);
    const rows = (await log()).slice(-3);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['analysis', 'failed'],
      ['query', 'done'],
      ['export', 'done'],
    ]);
    expect(rows[0]).toMatchObject({ subject: 'ward-rates', detail: { requested: { area: 'Nowhere', from: '2018-10-01', to: '2018-10-31' } } });
    expect(rows[0].message).toMatch(/Nowhere/);
    expect(rows[1]).toMatchObject({ subject: 'SELECT offence_group, count(*) AS n FROM crimes GROUP BY ALL', detail: { rows: query.value.rowCount } });
    expect(rows[2]).toMatchObject({ subject: 'query', detail: { format: 'csv', rows: query.value.rowCount } });
  });

  it('records files written by the command line as exports, with where they went', async () => {
    engine.close();
    const out = path.join(dir, 'groups.csv');
    const sink = new Writable({ write: (_c, _e, done) => done() });
    await runCommand({ name: 'sql', workspace: ws, sql: 'SELECT 1 AS one', format: 'csv' } as never, sink);
    await runCommand({ name: 'run', workspace: ws, id: 'crime-rates', params: { area: 'Lichfield', from: '2018-10-01', to: '2018-10-31' }, format: 'csv', out } as never, sink);
    engine = await createEngine(ws);
    expect(fs.existsSync(out)).toBe(true);
    const [query, analysis, exported] = (await log()).slice(-3);
    expect(query).toMatchObject({ action: 'query', subject: 'SELECT 1 AS one', outcome: 'done' });
    expect(analysis).toMatchObject({ action: 'analysis', subject: 'crime-rates', outcome: 'done' });
    expect(exported).toMatchObject({ action: 'export', detail: { file: out, format: 'csv' }, outcome: 'done' });
  });

  it('is viewable as a pageable result, newest first, and exportable', async () => {
    const listed = await engine.invoke('audit.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.columns.map((c) => c.name)).toEqual(['logged_at', 'action', 'subject', 'detail', 'outcome', 'message']);
    const count = (await sql(engine, 'SELECT count(*) FROM csw_meta.audit'))[0][0];
    expect(BigInt(listed.value.rowCount)).toBe(count);
    const csv = await engine.invoke('results.csv', { resultId: listed.value.resultId });
    expect(csv.ok && csv.value.csv.split('\r\n')[0]).toBe('\uFEFFlogged_at,action,subject,detail,outcome,message');
  });
});
