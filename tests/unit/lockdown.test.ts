import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { createTable, tempDir } from '../support/tempWorkspace';

/** The instance itself is sealed: even the engine's own connections cannot reach outside the workspace folder. */
describe('workspace lockdown', () => {
  let engine: Engine;
  // Created at collection time: the refused statements below name paths inside it.
  const { dir, cleanup } = tempDir();

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'outside.csv'), 'a,b\n1,2\n');
    engine = await createEngine(path.join(dir, 'ws.duckdb'));
    await createTable(engine, 'crimes', 'SELECT 1 AS id');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  const attempt = (sql: string) => engine.workspace.withConnection((c) => c.run(sql));

  it('creates the workspace file and its private files folder', () => {
    expect(fs.existsSync(path.join(dir, 'ws.duckdb'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'ws.files')).isDirectory()).toBe(true);
  });

  it.each([
    ['read a file outside', `SELECT * FROM read_csv('${path.join(dir, 'outside.csv')}')`],
    ['climb out of the files folder', `SELECT * FROM read_csv('${path.join(dir, 'ws.files', '..', 'outside.csv')}')`],
    ['glob', `SELECT * FROM glob('${dir}/*')`],
    ['copy out', `COPY crimes TO '${path.join(dir, 'leak.csv')}'`],
    ['attach', `ATTACH '${path.join(dir, 'other.duckdb')}' AS other`],
    ['install an extension', 'INSTALL httpfs'],
    ['turn external access back on', 'SET enable_external_access = true'],
    ['unlock the configuration', 'SET lock_configuration = false'],
    ['widen the allow-list', `SET allowed_directories = ['/']`],
    ['enable autoloading', 'SET autoload_known_extensions = true'],
  ])('refuses to %s, even on an engine connection', async (_what, sql) => {
    await expect(attempt(sql)).rejects.toThrow(/Permission Error|locked|disabled/);
  });

  it('left nothing on disk from the refused statements', () => {
    // The write-ahead log is DuckDB's own; anything else (leak.csv, other.duckdb) would be an escape.
    const files = fs.readdirSync(dir).filter((f) => f !== 'ws.duckdb.wal');
    expect(files.sort()).toEqual(['outside.csv', 'ws.duckdb', 'ws.files']);
  });

  it('can read files inside its own files folder (where the engine stages imports)', async () => {
    const staged = path.join(engine.workspace.filesDir, 'staged.csv');
    fs.writeFileSync(staged, 'a\n7\n');
    const rows = await engine.workspace.withConnection(async (c) => (await c.runAndReadAll(`SELECT a FROM read_csv('${staged}')`)).getRows());
    expect(rows).toEqual([[7n]]);
    fs.rmSync(staged);
  });

  it('states its locked settings', async () => {
    const settings = await engine.workspace.withConnection(async (c) =>
      (
        await c.runAndReadAll(
          `SELECT name, value FROM duckdb_settings() WHERE name IN
           ('enable_external_access','lock_configuration','autoinstall_known_extensions','autoload_known_extensions','allow_community_extensions')
           ORDER BY name`,
        )
      ).getRows(),
    );
    expect(Object.fromEntries(settings)).toEqual({
      allow_community_extensions: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'false',
      lock_configuration: 'true',
    });
  });
});
