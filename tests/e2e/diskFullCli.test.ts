import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDisk } from '../support/smallDisk';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

const cli = path.join(root, 'bin', 'csp-workbench.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/**
 * Issue 15, break 8, from the command line: an export or an import onto a full disk exits 1 with the app's own
 * message, leaves no partial file, and keeps the previous export and the workspace as they were.
 */
describe('csp-workbench on a full disk (issue 15, break 8)', () => {
  const disk = smallDisk(8);
  const home = tempDir('csw-disk-full-cli-');
  const ws = path.join(home.dir, 'w.duckdb');
  beforeAll(() => {
    assertBuilt();
    if (!disk.available) return;
    execFileSync(process.execPath, [cli, 'init', ws]);
    const query = path.join(home.dir, 'big.sql');
    // About 30 MB of CSV: more than the small disk holds.
    fs.writeFileSync(query, `-- id: big-export\n-- title: Big export\nSELECT range AS n, repeat('x', 40) AS label FROM range(600000)\n`);
    execFileSync(process.execPath, [cli, 'save-query', ws, query]);
  }, 60_000);
  afterAll(() => {
    disk.cleanup();
    home.cleanup();
  });

  it.skipIf(!disk.available)('run --out: exit 1, "the disk is full", no partial file, the previous export untouched', () => {
    const target = path.join(disk.dir, 'export.csv');
    fs.writeFileSync(target, 'n\nthe previous, complete export\n');
    const result = run('run', ws, 'big-export', '--out', target);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^csp-workbench: The disk is full\b.*Nothing was changed.*Free some space/m);
    expect(result.stderr).not.toMatch(/Warning/);
    expect(result.stderr).not.toMatch(/unexpected error|ENOSPC/i);
    expect(fs.readdirSync(disk.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(fs.readFileSync(target, 'utf8')).toBe('n\nthe previous, complete export\n');
  }, 60_000);

  it.skipIf(!disk.available)('import into a workspace on a full disk: exit 1, "the disk is full", the workspace as it was', () => {
    const full = path.join(disk.dir, 'full.duckdb');
    execFileSync(process.execPath, [cli, 'init', full]);
    const extract = path.join(home.dir, 'police.csv');
    const lines = Array.from({ length: 200_000 }, (_, i) => `id-${i},2024-01,Staffordshire Police,Staffordshire Police,-1.8,52.6,On or near Somewhere,E01029${String(i % 900).padStart(3, '0')},Lichfield 001A,Burglary,Under investigation,`);
    fs.writeFileSync(extract, `Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n${lines.join('\n')}\n`);
    const before = run('datasets', full).stdout;
    fs.writeFileSync(path.join(disk.dir, 'filler.bin'), Buffer.alloc(Math.max(0, fs.statfsSync(disk.dir).bavail * fs.statfsSync(disk.dir).bsize - 256 * 1024)));
    const result = run('import', full, extract, '--as', 'police-uk');
    fs.rmSync(path.join(disk.dir, 'filler.bin'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^csp-workbench: The disk is full\b.*Nothing was changed/m);
    expect(run('datasets', full).stdout).toBe(before);
  }, 60_000);
});
