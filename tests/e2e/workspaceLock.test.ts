import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { backupsDirFor } from '../../electron/engine/backups';
import { sql } from '../support/importHelpers';
import { writeBigExtract } from '../support/bigExtract';
import { policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root, startWebServer } from './harness';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI; resolves when it exits. */
function cli(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const refusedCleanly = (run: Run, file: string) => {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`${file.replace('.', '\\.')} is open in another window or process`));
  // Never the damaged-file message, which would send the analyst to a backup hours old.
  expect(run.stderr).not.toMatch(/damaged|backup/i);
};

const importsIn = async (ws: string) => {
  const engine = await createEngine(ws, { backups: false });
  try {
    return (await sql(engine, 'SELECT file_name FROM csw_meta.imports ORDER BY import_id')).map((r) => String(r[0]));
  } finally {
    engine.close();
  }
};

/**
 * One writer per workspace (issue 15, break 1): taking the rolling backup used to copy the open file by path, and
 * closing that copy's handle released DuckDB's lock, so a second process could open the workspace and both commit.
 */
describe('one writer per workspace, across processes', () => {
  const { dir, cleanup } = tempDir('csw-lock-');
  const big = path.join(dir, 'force-wide.csv');
  // Long enough to import that a second CLI process, started once the first has opened the workspace, tries while the
  // first still holds it, on a loaded machine too (the import got faster: 12 copies finished first under load).
  const bigger = path.join(dir, 'force-wide-bigger.csv');
  const small = policeUkMonths[1];
  const fresh = async (name: string) => {
    const ws = path.join(dir, name);
    (await createEngine(ws, { backups: false })).close();
    return ws;
  };

  beforeAll(() => {
    assertBuilt();
    writeBigExtract(big, 12);
    writeBigExtract(bigger, 60);
  });
  afterAll(cleanup);

  it('a second import while one runs is refused cleanly, and the workspace holds exactly the one import', async () => {
    const ws = await fresh('two-writers.duckdb');
    let firstEnded = false;
    const first = cli('import', ws, bigger, '--as', 'police-uk').then((run) => ((firstEnded = true), run));
    // The first process has the workspace open once its opening backup exists (the old code lost its lock right there).
    await until(() => fs.existsSync(backupsDirFor(ws)) && fs.readdirSync(backupsDirFor(ws)).some((f) => f.endsWith('Z.duckdb')), 'the first opening');
    const second = await cli('import', ws, small, '--as', 'police-uk');
    // Otherwise the test proves nothing: the second process never met the first.
    expect(firstEnded, 'the first import ended before the second had tried: the test file is too small').toBe(false);
    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    refusedCleanly(second, 'two-writers.duckdb');
    expect(await importsIn(ws)).toEqual([path.basename(bigger)]);
  }, 180_000);

  it('two imports started at the same moment: exactly one succeeds, the other is refused cleanly', async () => {
    const ws = await fresh('same-moment.duckdb');
    // Both files take a while to import, so the winner still holds the workspace when the other tries to open it.
    const runs = await Promise.all([cli('import', ws, bigger, '--as', 'police-uk'), cli('import', ws, big, '--as', 'police-uk')]);
    const succeeded = runs.filter((r) => r.code === 0);
    expect(succeeded, runs.map((r) => r.stderr).join('\n')).toHaveLength(1);
    refusedCleanly(runs.find((r) => r.code !== 0)!, 'same-moment.duckdb');
    const winner = runs[0].code === 0 ? bigger : big;
    expect(await importsIn(ws)).toEqual([path.basename(winner)]);
    expect(JSON.parse(succeeded[0].stdout).import_id).toBe(1);
  }, 180_000);

  it('the web server holds its workspace: a CLI import meanwhile is refused, and works once the server stops', async () => {
    const ws = await fresh('served.duckdb');
    const server = await startWebServer(ws);
    try {
      refusedCleanly(await cli('import', ws, small, '--as', 'police-uk'), 'served.duckdb');
      refusedCleanly(await cli('sql', ws, 'SELECT 1'), 'served.duckdb');
    } finally {
      await server.stop();
    }
    expect((await cli('import', ws, small, '--as', 'police-uk')).code).toBe(0);
    expect(await importsIn(ws)).toEqual([path.basename(small)]);
  }, 180_000);
});
