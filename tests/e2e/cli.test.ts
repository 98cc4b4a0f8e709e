import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

/** The built `csp-workbench` binary: exit 0 on success, 1 with one line on stderr for user errors, 2 for usage. */
describe('csp-workbench (built)', () => {
  const { dir, cleanup } = tempDir('csw-cli-');
  const ws = path.join(dir, 'cli.duckdb');
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], { encoding: 'utf8' });
  beforeAll(assertBuilt);
  afterAll(cleanup);

  it('is declared under bin in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.bin['csp-workbench']).toBe('bin/csp-workbench.js');
  });

  it('init creates a workspace and exits 0', () => {
    const run = cli('init', ws);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ workspace: ws, created: true });
  });

  it('sql prints CSV or JSON and exits 0', () => {
    const csv = cli('sql', ws, "SELECT 1 AS n, 'Boney Hay & Central' AS ward");
    expect(csv).toMatchObject({ status: 0, stdout: 'n,ward\n1,Boney Hay & Central\n' });
    const json = cli('sql', ws, 'SELECT 42 AS answer', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual([{ answer: 42 }]);
  });

  it.each([
    [['sql', 'cli-missing.duckdb', 'SELECT 1'], /No workspace at/],
    [['sql', '<ws>', 'DROP TABLE x'], /DROP statements cannot run here/],
    [['sql', '<ws>', "SELECT * FROM read_csv('/etc/passwd')"], /read_csv\(\) is not allowed in user SQL/],
    [['init', '<ws>'], /already exists/],
  ])('%o is a user error: exit 1 with one line', (args, message) => {
    const run = cli(...args.map((a) => (a === '<ws>' ? ws : a)));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  // Which arguments are usage errors is parseCommand's to decide (tests/unit/cli.test.ts); one process shows the exit code.
  it('a usage error exits 2 with the usage', () => {
    const run = cli('frobnicate', 'x.duckdb');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage:/);
  });
});
