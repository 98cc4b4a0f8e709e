import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { fingerprint } from '../support/importHelpers';
import { createTable, tempDir } from '../support/tempWorkspace';

/**
 * Every file under a folder with its size: equal before and after means nothing was written. The workspace file and
 * its write-ahead log are left out (the audit log records each refused attempt there); their contents are compared
 * with the fingerprint instead.
 */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^ws\.duckdb(\.wal)?$/.test(entry.name)) continue;
      else out.push(`${path.relative(dir, full)}:${entry.isSymbolicLink() ? 'link' : fs.statSync(full).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * An analyst's SQL — typed in the editor, or a saved analysis shared by a colleague — cannot reach outside the
 * workspace: each attempt is refused with a clear message, and nothing on disk changes.
 */
describe('user SQL cannot escape the workspace', () => {
  const { dir, cleanup } = tempDir('csw-escape-');
  const secret = path.join(dir, 'secret.csv');
  let engine: Engine;
  let filesDir: string;

  beforeAll(async () => {
    fs.writeFileSync(secret, 'name,nhs_number\nA Person,943 476 5919\n');
    engine = await createEngine(path.join(dir, 'ws.duckdb'));
    await createTable(engine, 'crimes', 'SELECT 1 AS id');
    filesDir = engine.workspace.filesDir;
    // Known ways round a directory allow-list: a sibling folder whose name starts the same, and a link planted inside.
    fs.mkdirSync(`${filesDir}2`);
    fs.writeFileSync(path.join(`${filesDir}2`, 'x.csv'), 'a\n1\n');
    fs.symlinkSync(secret, path.join(filesDir, 'planted-link.csv'));
    fs.symlinkSync(dir, path.join(filesDir, 'planted-dir'));
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  const q = (p: string) => `'${p.replaceAll("'", "''")}'`;
  const attempts: [string, () => string][] = [
    ['read_csv outside', () => `SELECT * FROM read_csv(${q(secret)})`],
    ['a bare file path (replacement scan)', () => `SELECT * FROM ${q(secret)}`],
    ['read_text', () => `SELECT * FROM read_text(${q(secret)})`],
    ['read_blob', () => `SELECT * FROM read_blob(${q(secret)})`],
    ['read_json', () => `SELECT * FROM read_json(${q(secret)})`],
    ['read_parquet', () => `SELECT * FROM read_parquet(${q(secret)})`],
    ['sniff_csv', () => `SELECT * FROM sniff_csv(${q(secret)})`],
    ['glob', () => `SELECT * FROM glob(${q(`${dir}/*`)})`],
    ['a glob pattern in read_csv', () => `SELECT * FROM read_csv(${q(`${dir}/*.csv`)})`],
    ['climbing out of the files folder with ..', () => `SELECT * FROM read_csv(${q(path.join(filesDir, '..', 'secret.csv'))})`],
    ['a sibling folder sharing the prefix', () => `SELECT * FROM read_csv(${q(path.join(`${filesDir}2`, 'x.csv'))})`],
    ['a planted symlink to a file', () => `SELECT * FROM read_csv(${q(path.join(filesDir, 'planted-link.csv'))})`],
    ['a planted symlink to a folder', () => `SELECT * FROM read_csv(${q(path.join(filesDir, 'planted-dir', 'secret.csv'))})`],
    ['a file: URL', () => `SELECT * FROM read_csv(${q(`file://${secret}`)})`],
    ['/proc', () => `SELECT * FROM read_text('/proc/self/environ')`],
    ['the home folder', () => `SELECT * FROM read_text('~/.bashrc')`],
    ['COPY … TO', () => `COPY crimes TO ${q(path.join(dir, 'leak.csv'))}`],
    ['COPY inside query()', () => `SELECT * FROM query('COPY crimes TO ''${path.join(dir, 'leak2.csv')}''')`],
    ['EXPORT DATABASE', () => `EXPORT DATABASE ${q(path.join(dir, 'dump'))}`],
    ['ATTACH', () => `ATTACH ${q(path.join(dir, 'other.duckdb'))} AS other`],
    ['ATTACH inside query()', () => `SELECT * FROM query('ATTACH ''${path.join(dir, 'o2.duckdb')}'' AS o2')`],
    ['INSTALL', () => 'INSTALL httpfs'],
    ['LOAD', () => 'LOAD httpfs'],
    ['SET a security setting', () => 'SET enable_external_access = true'],
    ['RESET a security setting', () => 'RESET allowed_directories'],
    ['SET inside query()', () => `SELECT * FROM query('SET enable_external_access = true')`],
    ['PRAGMA that writes', () => `PRAGMA enable_profiling = 'json'`],
    ['PRAGMA import_database', () => `PRAGMA import_database(${q(dir)})`],
    ['CALL a file-reading function', () => `CALL read_text(${q(secret)})`],
    ['CREATE SECRET', () => `CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')`],
    ['CHECKPOINT', () => 'CHECKPOINT'],
    ['listing extensions (reads the extension folder)', () => 'SELECT * FROM duckdb_extensions()'],
  ];

  it.each(attempts)('refuses %s, clearly, and nothing on disk changes', async (_what, sql) => {
    const before = snapshot(dir);
    const contents = await fingerprint(engine);
    const result = await engine.invoke('sql.run', { sql: sql(), operationId: randomUUID() });
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (!result.ok) {
      expect(['sql_error', 'not_allowed']).toContain(result.error.code);
      expect(result.error.message).toMatch(/Permission Error|cannot run here|not allowed|disabled|Only SELECT|single SELECT|one statement/i);
      expect(result.error.message).not.toContain('943 476 5919');
    }
    expect(snapshot(dir)).toEqual(before);
    expect(await fingerprint(engine)).toBe(contents);
  });

  it('refuses the same attempts when they come as a saved analysis: at saving, or at the latest when it runs', async () => {
    const before = snapshot(dir);
    for (const [what, sql] of attempts) {
      const saved = await engine.invoke('analyses.save', { analysis: { metadata: { id: 'shared-by-colleague', title: what, parameters: [] }, sql: sql() } });
      if (!saved.ok) continue;
      const ran = await engine.invoke('analyses.run', { id: 'shared-by-colleague', params: {}, operationId: randomUUID() });
      expect(ran.ok, what).toBe(false);
      if (!ran.ok) expect(ran.error.message, what).toMatch(/Permission Error|disabled/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('still reads the workspace\'s own data', async () => {
    const result = await engine.invoke('sql.run', { sql: 'SELECT count(*) AS n FROM crimes', operationId: randomUUID() });
    expect(result.ok).toBe(true);
  });
});
