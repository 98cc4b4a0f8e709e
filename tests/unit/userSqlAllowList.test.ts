import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine';
import { engineWith } from '../support/tempWorkspace';

/** Every file under the workspace's folder with its size, the workspace file and WAL left out (the audit log). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/^ws\.duckdb(\.wal)?$/.test(entry.name)) out.push(`${path.relative(dir, full)}:${fs.statSync(full).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * User SQL is checked against an allow-list of table functions on its parse tree (issue 15, break 2): functions that
 * change state despite lock_configuration, or read files, are refused by name — typed, over any transport, or saved.
 */
describe('user SQL: only read-only table functions', () => {
  let engine: Engine;
  let dir: string;
  let cleanup: () => void;
  const run = (sql: string) => engine.invoke('sql.run', { sql, operationId: randomUUID() });
  const settings = async () => {
    const result = await engine.workspace.withConnection(async (c) =>
      (await c.runAndReadAll(`SELECT name, value FROM duckdb_settings() WHERE name ~ 'profil|logging|log_' ORDER BY name`)).getRows(),
    );
    return JSON.stringify(result);
  };

  beforeAll(async () => {
    ({ engine, dir, cleanup } = await engineWith(1000));
  });
  afterAll(() => cleanup());

  const files = () => engine.workspace.filesDir;
  const attempts: [string, () => string][] = [
    ['enable_logging', () => `SELECT * FROM enable_logging(storage='file', storage_path=${q(path.join(files(), 'log'))})`],
    ['enable_logging', () => "SELECT * FROM enable_logging('QueryLog')"],
    ['enable_profiling', () => 'SELECT * FROM enable_profiling()'],
    ['checkpoint', () => 'SELECT * FROM checkpoint()'],
    ['force_checkpoint', () => 'FROM force_checkpoint()'],
    ['truncate_duckdb_logs', () => 'FROM truncate_duckdb_logs()'],
    ['read_blob', () => `SELECT * FROM read_blob(${q(`${engine.workspace.path}.tmp/*`)})`],
    ['read_text', () => `SELECT * FROM read_text(${q(path.join(files(), '*'))})`],
    ['query', () => "SELECT * FROM query('SELECT 1')"],
    ['json_execute_serialized_sql', () => "FROM json_execute_serialized_sql('{}')"],
    ['duckdb_temporary_files', () => 'FROM duckdb_temporary_files()'],
    ['enable_logging', () => 'SELECT (SELECT count(*) FROM enable_logging()) AS hidden'],
    ['enable_profiling', () => 'WITH x AS (FROM enable_profiling()) SELECT * FROM crimes, x'],
    ['checkpoint', () => 'SELECT * FROM crimes WHERE id IN (SELECT 1 FROM checkpoint())'],
    ['main.checkpoint', () => 'FROM main.checkpoint()'],
    ['nextval', () => "SELECT nextval('x')"],
    ['write_log', () => "SELECT write_log('x')"],
    ['setseed', () => 'SELECT setseed(0.5)'],
    ['the file', () => `FROM ${q(path.join(files(), 'x.csv'))}`],
  ];
  const q = (text: string) => `'${text.replaceAll("'", "''")}'`;

  it.each(attempts)('refuses %s, naming it, and nothing changes', async (name, sql) => {
    const before = { settings: await settings(), files: filesUnder(dir) };
    const result = await run(sql());
    expect(result).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    if (!result.ok) expect(result.error.message).toContain(name === 'the file' ? 'Reading the file' : `${name}() is not allowed in user SQL`);
    expect(await settings()).toBe(before.settings);
    expect(filesUnder(dir)).toEqual(before.files);
  });

  it('refuses them in a saved analysis too, at saving', async () => {
    for (const [name, sql] of attempts) {
      const saved = await engine.invoke('analyses.save', { analysis: { metadata: { id: 'from-a-colleague', title: name, parameters: [] }, sql: sql() } });
      expect(saved, name).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
  });

  it.each([
    'SELECT * FROM range(3)',
    'FROM generate_series(1, 3)',
    'SELECT * FROM system.main.range(2)',
    'SELECT * FROM unnest([1, 2])',
    "SELECT * FROM json_each('{\"a\": 1}')",
    'SELECT table_name FROM duckdb_tables()',
    'SELECT * FROM duckdb_columns() WHERE table_name = \'crimes\'',
    "FROM pragma_table_info('crimes')",
    'SELECT * FROM information_schema.tables',
    'DESCRIBE crimes',
    'SUMMARIZE crimes',
    'SHOW TABLES',
    'SELECT rate_lower(10, 1000, 1000, 0.95) AS l',
    'SELECT c.offence_group, n FROM crimes c JOIN (SELECT offence_group, count(*) AS n FROM crimes GROUP BY 1) USING (offence_group) LIMIT 1',
    'SELECT * FROM crimes PIVOT (count(*) FOR offence_group IN (\'Burglary\'))',
  ])('still runs %s', async (sql) => {
    const result = await run(sql);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});
