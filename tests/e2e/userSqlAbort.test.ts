import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

/**
 * `enable_logging` to a path DuckDB may not write aborts the whole process (C++ terminate, exit 134) on DuckDB 1.5.5
 * with external access off — in the desktop app that is the main process. The allow-list refuses it before DuckDB
 * binds it (issue 15, break 2), typed or saved as an analysis.
 */
describe('a table function that aborts DuckDB never reaches it (built CLI)', () => {
  const { dir, cleanup } = tempDir('csw-abort-');
  const ws = path.join(dir, 'abort.duckdb');
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], { encoding: 'utf8' });
  const attack = "SELECT * FROM enable_logging(storage='file', storage_path='/nonexistent')";
  beforeAll(() => {
    assertBuilt();
    expect(cli('init', ws).status).toBe(0);
  });
  afterAll(cleanup);

  it('typed: refused with a message naming the function, exit 1, and the next command works', () => {
    const run = cli('sql', ws, attack);
    expect(run.signal).toBeNull();
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({
      status: 1,
      stderr: expect.stringMatching(/^csp-workbench: enable_logging\(\) is not allowed in user SQL/),
    });
    expect(cli('sql', ws, 'SELECT 1 AS n')).toMatchObject({ status: 0, stdout: 'n\n1\n' });
  });

  it('saved as an analysis: refused at saving', () => {
    const file = path.join(dir, 'logging.sql');
    fs.writeFileSync(file, `-- id: quiet-logging\n-- title: Logging\n${attack}\n`);
    const saved = cli('save-query', ws, file);
    expect(saved.signal).toBeNull();
    expect(saved.status).toBe(1);
    expect(saved.stderr).toMatch(/enable_logging\(\) is not allowed in user SQL/);
  });
});
