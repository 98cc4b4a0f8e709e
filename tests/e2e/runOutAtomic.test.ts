import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

const cli = path.join(root, 'bin', 'csp-workbench.js');
const ROWS = 2_000_000;

/**
 * Issue 15, break 8: `csp-workbench run --out` writes to a temporary file beside the target and renames it, so a kill
 * part-way through the write never leaves a truncated export where a complete one was expected (or was before).
 */
describe('run --out is written whole or not at all (issue 15, break 8)', () => {
  const { dir, cleanup } = tempDir('csw-run-out-');
  const ws = path.join(dir, 'w.duckdb');
  const target = path.join(dir, 'export.csv');
  const previous = 'n\nthe previous, complete export\n';
  beforeAll(() => {
    assertBuilt();
    execFileSync(process.execPath, [cli, 'init', ws]);
    const query = path.join(dir, 'big.sql');
    // A saved analysis with millions of rows: its CSV takes seconds to write.
    fs.writeFileSync(query, `-- id: big-export\n-- title: Big export\nSELECT range AS n, 'row ' || range AS label FROM range(${ROWS})\n`);
    execFileSync(process.execPath, [cli, 'save-query', ws, query]);
  }, 60_000);
  afterAll(cleanup);

  it.each([50, 200, 400])('killed %i ms into writing: the target is the previous export or the whole new one, never part of one', async (ms) => {
    fs.writeFileSync(target, previous);
    const child = spawn(process.execPath, [cli, 'run', ws, 'big-export', '--out', target], { stdio: 'ignore' });
    let running = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => ((running = false), resolve())));
    // Writing has begun once a temporary file appears beside the target, or the target itself changes.
    const writing = () => fs.readdirSync(dir).some((f) => f.startsWith('export.csv.partial-')) || fs.readFileSync(target, 'utf8') !== previous;
    while (running && !writing()) await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(true); // the kill lands during the write, not after it
    await new Promise((r) => setTimeout(r, ms));
    child.kill('SIGKILL');
    await exited;
    const text = fs.readFileSync(target, 'utf8');
    if (text !== previous) expect(text.split('\n').length).toBe(ROWS + 2); // header, every row, and the final newline
  }, 60_000);
});
