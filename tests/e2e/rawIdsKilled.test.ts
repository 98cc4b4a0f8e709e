import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { Pseudonymiser } from '../../electron/engine/import/pseudonymise';
import { filesHolding, filesUnder, keyForms, parquetFile, parserCsv, rawIdProfile, simpleCsv, URN_MARK, VICTIM_MARK, xlsxSheetFirst } from '../support/rawIdFixtures';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

/**
 * Issue 15, break 4, the killed half (the watched half is tests/unit/rawIdsOnDisk.test.ts): the CLI importing under a
 * 128 MB memory limit is killed (SIGKILL: no clean-up of any kind) part-way through each import path. Straight after
 * the kill, nothing beside the workspace — the file, its WAL, DuckDB's spill folder, the OS temp folder — holds a raw
 * ID or the key; the staging folder (where the analyst's file is linked for DuckDB, and a workbook's parts are
 * unpacked) is emptied when the workspace next opens, after which nothing anywhere does.
 */
describe('no raw identifier on any disk when the import is killed mid-way (issue 15, break 4)', () => {
  const { dir, cleanup } = tempDir('csw-raw-killed-');
  const inputs = path.join(dir, 'inputs');
  const osTemp = path.join(dir, 'os-temp');
  const profile = path.join(inputs, 'profile.json');
  const files: Record<string, string> = {};

  beforeAll(async () => {
    assertBuilt();
    for (const d of [inputs, osTemp]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(profile, JSON.stringify(rawIdProfile));
    files.fast = path.join(inputs, 'fast.csv');
    simpleCsv(files.fast, 600_000);
    files.parser = path.join(inputs, 'parser.csv');
    parserCsv(files.parser, 200_000);
    files.cp1252 = path.join(inputs, 'cp1252.csv');
    parserCsv(files.cp1252, 100_000, 'windows-1252');
    files.xlsx = path.join(inputs, 'sheet-first.xlsx');
    await xlsxSheetFirst(files.xlsx, 40_000);
    files.parquet = path.join(inputs, 'extract.parquet');
    await parquetFile(files.parquet, 600_000);
  }, 240_000);
  afterAll(cleanup);

  function killAfter(args: string[], ms: number): Promise<boolean> {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'csp-workbench.js'), ...args], {
      stdio: 'ignore',
      env: { ...process.env, CSW_MEMORY_LIMIT: '128MB', TMPDIR: osTemp, TMP: osTemp, TEMP: osTemp },
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.once('exit', (_code, signal) => {
        clearTimeout(timer);
        resolve(signal === 'SIGKILL');
      });
    });
  }

  const trials = [
    ['fast', 1500],
    ['fast', 4000],
    ['parser', 2500],
    ['cp1252', 2000],
    ['xlsx', 3000],
    ['xlsx', 6000],
    ['parquet', 1500],
    ['parquet', 3500],
  ] as const;
  it.each(trials.map(([kind, ms], i) => [kind, ms, i]))('%s, killed after %i ms', async (kind, ms, i) => {
    const wsDir = path.join(dir, `trial-${i}`);
    const ws = path.join(wsDir, 'w.duckdb');
    fs.mkdirSync(wsDir);
    (await createEngine(ws)).close();
    Pseudonymiser.forWorkspace(ws);
    const needles = [VICTIM_MARK, URN_MARK, ...keyForms(ws)];
    await killAfter(['import', ws, files[kind], '--as', 'crimes', '--mapping', profile], ms);
    const staging = path.join(wsDir, 'w.files', 'staging');
    const outsideStaging = (f: string) => f.endsWith('.key') || f.startsWith(staging);
    expect(filesHolding([...filesUnder(wsDir, outsideStaging), ...filesUnder(osTemp)], needles).map((f) => path.relative(dir, f))).toEqual([]);
    // Opening clears staging; then nothing anywhere holds a raw ID or the key.
    const engine = await createEngine(ws);
    await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
    engine.close();
    expect(filesHolding([...filesUnder(wsDir, (f) => f.endsWith('.key')), ...filesUnder(osTemp)], needles).map((f) => path.relative(dir, f))).toEqual([]);
    expect(filesUnder(staging)).toEqual([]);
  }, 120_000);
});
