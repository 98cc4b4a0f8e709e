import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { migrateWorkspace, SCHEMA_VERSION, workspaceVersion, type Migration } from '../../electron/engine/schemaVersion';
import { sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

const fixtures = path.resolve(__dirname, '..', 'fixtures', 'workspaces');
const manifest = JSON.parse(fs.readFileSync(path.join(fixtures, 'before-versioning.json'), 'utf8')) as { tables: Record<string, { rows: number; md5: string }> };

/** Every row of a table, read in full (DuckDB verifies each block's checksum as it reads), as a count and a digest. */
const digest = async (engine: Engine, table: string) => {
  const [schema, name] = table.split('.');
  const [[rows, md5]] = await sql(engine, `SELECT count(*), md5(coalesce(string_agg(x::VARCHAR, chr(10) ORDER BY x::VARCHAR), '')) FROM "${schema}"."${name}" x`);
  return { rows: Number(rows), md5: String(md5) };
};

async function withRaw<T>(file: string, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Workspace schema versions and migrations (issue 15, "Also"). */
describe('workspace schema versions', () => {
  const { dir, cleanup } = tempDir('csw-schema-');
  afterAll(cleanup);

  it('opens a workspace made by the app before versions existed, migrates it, and reads every table back in full', async () => {
    const ws = path.join(dir, 'before-versioning.duckdb');
    fs.writeFileSync(ws, gunzipSync(fs.readFileSync(path.join(fixtures, 'before-versioning.duckdb.gz'))));
    const engine = await createEngine(ws);
    try {
      expect(await sql(engine, 'SELECT version FROM csw_meta.schema_version ORDER BY version')).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => [i + 1]));
      for (const [table, expected] of Object.entries(manifest.tables)) expect(await digest(engine, table), table).toEqual(expected);
      // And it works as a workspace: its datasets, its saved analysis, a query, a new import.
      const datasets = await engine.invoke('datasets.list', {});
      expect(datasets.ok && datasets.value.datasets.map((d) => [d.name, d.rowCount])).toEqual(expect.arrayContaining([['crimes', 195], ['asb', 105], ['geography', 687], ['population', 2748]]));
      const ran = await engine.invoke('analyses.run', { id: 'ward-counts', params: {}, operationId: randomUUID() });
      expect(ran).toMatchObject({ ok: true, value: { rowCount: expect.any(Number) } });
      const listed = await engine.invoke('imports.list', {});
      expect(listed.ok && listed.value.imports).toHaveLength(4);
    } finally {
      engine.close();
    }
    // Opening again changes nothing more.
    const again = await createEngine(ws);
    try {
      expect(await sql(again, 'SELECT count(*) FROM csw_meta.schema_version')).toEqual([[BigInt(SCHEMA_VERSION)]]);
    } finally {
      again.close();
    }
  });

  it('records the current version in a new workspace', async () => {
    const engine = await createEngine(path.join(dir, 'new.duckdb'));
    try {
      expect(await engine.workspace.withConnection(workspaceVersion)).toBe(SCHEMA_VERSION);
    } finally {
      engine.close();
    }
  });

  it('refuses a workspace from a newer version, clearly, and leaves it as it was', async () => {
    const ws = path.join(dir, 'newer.duckdb');
    (await createEngine(ws, { backups: false })).close();
    await withRaw(ws, (c) => c.run("INSERT INTO csw_meta.schema_version VALUES (99, 'from the future', now()::TIMESTAMP, '9.0.0')"));
    const opened = await createEngine(ws, { backups: false }).catch((e: unknown) => e);
    expect(opened).toMatchObject({
      code: 'unsupported',
      message: `newer.duckdb was saved by a newer version of Community Safety Workbench (workspace format 99; this version reads formats up to ${SCHEMA_VERSION}): open it with that version, or update this one. The file has not been changed.`,
    });
    expect(await withRaw(ws, async (c) => (await c.runAndReadAll('SELECT max(version) FROM csw_meta.schema_version')).getRows())).toEqual([[99]]);
  });

  it('runs pending migrations in order, in one transaction: a failing step leaves the file as it was', async () => {
    const ws = path.join(dir, 'steps.duckdb');
    const steps: Migration[] = [
      { version: 1, description: 'base', up: async (c) => void (await c.run('CREATE SCHEMA IF NOT EXISTS csw_meta')) },
      { version: 2, description: 'a table', up: async (c) => void (await c.run('CREATE TABLE csw_meta.step_two AS SELECT 2 AS n')) },
      { version: 3, description: 'a column', up: async (c) => void (await c.run('ALTER TABLE csw_meta.step_two ADD COLUMN m INTEGER DEFAULT 3')) },
    ];
    const broken: Migration = { version: 4, description: 'broken', up: async (c) => void (await c.run('ALTER TABLE csw_meta.missing ADD COLUMN x INTEGER')) };
    await withRaw(ws, async (c) => {
      expect(await migrateWorkspace(c, ws, steps.slice(0, 1))).toBe(1);
      await expect(migrateWorkspace(c, ws, [...steps, broken])).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/^steps\.duckdb could not be brought up to date \(step 4: broken\): .* The file has not been changed\.$/) });
      expect(await workspaceVersion(c)).toBe(1);
      expect((await c.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'step_two'")).getRows()).toEqual([[0n]]);
      expect(await migrateWorkspace(c, ws, steps)).toBe(3);
      expect((await c.runAndReadAll('SELECT n, m FROM csw_meta.step_two')).getRows()).toEqual([[2, 3]]);
      expect(await migrateWorkspace(c, ws, steps)).toBe(3); // nothing pending
      await expect(migrateWorkspace(c, ws, [steps[0], steps[2]])).rejects.toThrow(/numbered 1, 2, 3/);
    });
  });
});
