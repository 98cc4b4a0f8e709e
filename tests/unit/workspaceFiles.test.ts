import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { backupsDirFor } from '../../electron/engine/backups';
import { Pseudonymiser } from '../../electron/engine/import/pseudonymise';
import { sql } from '../support/importHelpers';
import { runCommand } from '../../electron/cli/commands';
import { tempDir } from '../support/tempWorkspace';

const root = path.resolve(__dirname, '..', '..');
const lockedElsewhere = (file: string) =>
  spawnSync(process.execPath, ['-e', `require('@duckdb/node-api').DuckDBInstance.create(process.argv[1]).then(() => console.log('opened'), (e) => console.log(e.message))`, file], { cwd: root, encoding: 'utf8' }).stdout.includes('Could not set lock');

const auditText = async (engine: Engine) => JSON.stringify(await sql(engine, 'SELECT * FROM csw_meta.audit'), (_k, v) => (typeof v === 'bigint' ? String(v) : v));

/** Issue 15, break 4: the workspace's own files are never input, and the audit log never holds file content. */
describe("the workspace's own files", () => {
  const { dir, cleanup } = tempDir('csw-own-');
  const ws = path.join(dir, 'ws.duckdb');
  let engine: Engine;
  let key: string;

  beforeAll(async () => {
    (await createEngine(ws)).close();
    engine = await createEngine(ws); // the second opening takes a backup
    Pseudonymiser.forWorkspace(ws);
    key = fs.readFileSync(path.join(dir, 'ws.key'), 'utf8').trim();
    fs.mkdirSync(`${ws}.tmp`, { recursive: true });
    fs.writeFileSync(path.join(`${ws}.tmp`, 'spill.csv'), 'crime_ref\nVIC-SPILLED-1\n');
    fs.mkdirSync(path.join(engine.workspace.filesDir, 'staging'), { recursive: true });
    fs.writeFileSync(path.join(engine.workspace.filesDir, 'staging', 'x.csv'), 'crime_ref\nVIC-STAGED-1\n');
    fs.symlinkSync(path.join(dir, 'ws.key'), path.join(dir, 'innocent.csv'));
    fs.linkSync(path.join(dir, 'ws.key'), path.join(dir, 'hardlinked.csv'));
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  const own = () => [
    ws,
    path.join(dir, 'ws.key'),
    fs.readdirSync(backupsDirFor(ws)).map((f) => path.join(backupsDirFor(ws), f))[0],
    path.join(`${ws}.tmp`, 'spill.csv'),
    path.join(engine.workspace.filesDir, 'staging', 'x.csv'),
    path.join(dir, 'innocent.csv'),
    path.join(dir, 'hardlinked.csv'),
  ];

  it.each(['import.run', 'import.check', 'import.preview'] as const)('%s refuses every one of them, by name, and keeps the workspace locked', async (channel) => {
    for (const file of own()) {
      const result = await engine.invoke(channel, { file, as: 'crimes', operationId: randomUUID() } as never);
      expect(result, file).toMatchObject({ ok: false, error: { code: 'not_allowed', message: expect.stringContaining("is one of this workspace's own files") } });
      expect(JSON.stringify(result)).not.toContain(key);
    }
    expect(lockedElsewhere(ws)).toBe(true);
    const text = await auditText(engine);
    for (const secret of [key, 'VIC-SPILLED-1', 'VIC-STAGED-1']) expect(text).not.toContain(secret);
  });

  it('a refused import keeps no file content in the audit log', async () => {
    // No header: the "columns" an error lists are the first record, with its raw victim ID.
    const headless = path.join(dir, 'extract.csv');
    fs.writeFileSync(headless, 'CR-1,01/04/2018,Burglary,VIC-RAW-7731\nCR-2,02/04/2018,Burglary,VIC-RAW-7732\n');
    const result = await engine.invoke('import.run', { file: headless, as: 'crimes', operationId: randomUUID() });
    expect(result.ok).toBe(false);
    const [[message]] = await sql(engine, "SELECT message FROM csw_meta.audit WHERE action = 'import' ORDER BY rowid DESC LIMIT 1");
    expect(String(message)).not.toMatch(/VIC-RAW|CR-1/);
    expect(await auditText(engine)).not.toMatch(/VIC-RAW|CR-1,/);
  });

  it("takes the audit outcome from the error's code: a failed import of cancellations.csv failed, it was not cancelled", async () => {
    // Its message names the file, and the old test of the message for "cancel" took that for a cancellation.
    const file = path.join(dir, 'missing', 'cancellations.csv');
    expect((await engine.invoke('import.run', { file, as: 'crimes', operationId: randomUUID() })).ok).toBe(false);
    const [[outcome]] = await sql(engine, "SELECT outcome FROM csw_meta.audit WHERE action = 'import' ORDER BY rowid DESC LIMIT 1");
    expect(outcome).toBe('failed');
  });
});

describe('opening a workspace', () => {
  const { dir, cleanup } = tempDir('csw-open-');
  afterAll(cleanup);

  it('clears the spill folder a crash left behind', async () => {
    const ws = path.join(dir, 'spilled.duckdb');
    (await createEngine(ws)).close();
    fs.mkdirSync(`${ws}.tmp`, { recursive: true });
    fs.writeFileSync(path.join(`${ws}.tmp`, 'duckdb_temp_storage_S32K-0.tmp'), 'VIC-RAW-1,VIC-RAW-2');
    const engine = await createEngine(ws);
    try {
      expect(fs.existsSync(`${ws}.tmp`) ? fs.readdirSync(`${ws}.tmp`) : []).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it.each([
    ['a macro shadowing a built-in', 'CREATE MACRO unhex(x) AS x', 'macro main.unhex'],
    ['a table macro', 'CREATE MACRO duckdb_tables() AS TABLE SELECT 1 AS x', 'macro main.duckdb_tables'],
    ['a view', "CREATE VIEW main.helpful AS SELECT 'x' AS a", 'view main.helpful'],
    ['a type', "CREATE TYPE mood AS ENUM ('a', 'b')", 'type main.mood'],
    ['a sequence', 'CREATE SEQUENCE s', 'sequence main.s'],
  ])('refuses a file holding %s, naming it', async (_what, statement, named) => {
    const ws = path.join(dir, `${randomUUID()}.duckdb`);
    (await createEngine(ws, { backups: false })).close();
    const raw = await DuckDBInstance.create(ws);
    const c = await raw.connect();
    await c.run(statement);
    c.closeSync();
    raw.closeSync();
    const opened = await createEngine(ws).catch((e: unknown) => e);
    expect(opened).toMatchObject({ code: 'not_allowed', message: expect.stringContaining(`Community Safety Workbench did not create (${named})`) });
    // Refused before any backup is taken of it, and the file is free again.
    expect(fs.existsSync(backupsDirFor(ws))).toBe(false);
    (await DuckDBInstance.create(ws)).closeSync();
  });

  it("rebuilds the app's own view on opening, so a definition planted under its name does not survive", async () => {
    const ws = path.join(dir, 'people.duckdb');
    (await createEngine(ws, { backups: false })).close();
    const raw = await DuckDBInstance.create(ws);
    const c = await raw.connect();
    await c.run("CREATE VIEW main.crime_people AS SELECT 'planted' AS crime_ref");
    c.closeSync();
    raw.closeSync();
    const engine = await createEngine(ws, { backups: false });
    try {
      expect(await sql(engine, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'crime_people'")).toEqual([[0n]]);
    } finally {
      engine.close();
    }
  });

  it('never writes an export over its own files: run --out, batch --out and board-pack --out are refused', async () => {
    const ws = path.join(dir, 'exported.duckdb');
    const engine = await createEngine(ws);
    await engine.workspace.withConnection((c) => c.run('CREATE TABLE crimes AS SELECT 1 AS id'));
    engine.close();
    (await createEngine(ws)).close(); // a backup folder now exists
    const sink = new PassThrough();
    const attempts = [
      { name: 'run' as const, workspace: ws, id: 'crime-rates', params: {}, format: 'csv' as const, out: ws },
      { name: 'run' as const, workspace: ws, id: 'crime-rates', params: {}, format: 'csv' as const, out: `${ws}.wal` },
      { name: 'batch' as const, workspace: ws, params: {}, format: 'csv' as const, out: backupsDirFor(ws) },
      { name: 'board-pack' as const, workspace: ws, out: path.join(dir, 'exported.key'), params: {}, threshold: 5, charts: false },
    ];
    for (const command of attempts) {
      await expect(runCommand(command, sink), command.out).rejects.toThrow(/is one of this workspace's own files or folders .*: write the export somewhere else\./);
    }
    const reopened = await createEngine(ws, { backups: false });
    try {
      expect(await sql(reopened, 'SELECT count(*) FROM crimes')).toEqual([[1n]]);
    } finally {
      reopened.close();
    }
  });

  it('the in-SQL HMAC calls every built-in by its full name, so planted macros cannot change it', async () => {
    const raw = await DuckDBInstance.create(path.join(dir, 'planted.duckdb'));
    const c = await raw.connect();
    for (const macro of ['"unhex"(x) AS x', '"sha256"(x) AS x', '"left"(x, n) AS x', '"encode"(x) AS x', '"||"(a, b) AS a', '"regexp_matches"(a, b) AS false', '"trim"(a, b) AS a']) await c.run(`CREATE MACRO ${macro}`);
    const keyed = Pseudonymiser.forWorkspace(path.join(dir, 'planted.duckdb'));
    const { sql: expression, params } = keyed.sqlHash('$id');
    const reader = await c.runAndReadAll(`SELECT ${expression}`, { ...params, id: ' VIC-42 ' });
    expect(reader.getRows()[0][0]).toBe(keyed.hash(' VIC-42 '));
    c.closeSync();
    raw.closeSync();
  });
});
