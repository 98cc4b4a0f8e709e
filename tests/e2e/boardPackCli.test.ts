import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../support/docx';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The board pack from the command line, for batch runs: charts drawn in headless Chromium by the app's chart code. */
describe('csp-workbench board-pack', () => {
  const { dir, cleanup } = tempDir('csw-pack-cli-');
  const ws = path.join(dir, 'sample.duckdb');
  const netLog = path.join(dir, 'network.jsonl');
  // The CLI runs under the network guard: its Node process may make no connection but to loopback.
  const cli = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, ['--require', path.join(root, 'tests', 'support', 'netGuard.cjs'), path.join(root, 'bin', 'csp-workbench.js'), ...args], {
        env: { ...process.env, CSW_NET_LOG: netLog },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const lichfield = ['--param', 'area=Lichfield', '--param', 'from=2018-04-01', '--param', 'to=2019-03-31'];
  beforeAll(async () => {
    assertBuilt();
    await sampleWorkspace(ws);
  }, 120_000);
  afterAll(cleanup);

  it('writes a pack with a chart per section, small counts suppressed', async () => {
    const out = path.join(dir, 'pack.docx');
    const run = await cli('board-pack', ws, '--out', out, ...lichfield, '--analyses', 'crime-rates,victim-offender-profile,burglary-vehicle-taken', '--title', 'Lichfield CSP board, 2018–19');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out, sections: 3, charts: true, threshold: 5, marking: 'OFFICIAL' });
    const pack = await readDocx(fs.readFileSync(out));
    expect(pack.headings('Title')).toEqual(['Lichfield CSP board, 2018–19']);
    expect(pack.headings('Heading1')).toEqual(['Summary of key points', 'Rates of recorded crime: Lichfield', 'Victims and offenders by age and sex: Lichfield', 'Burglaries where a vehicle was taken: Lichfield', 'Appendix: methods and sources']);
    // One chart per section, and the profile's second half (offenders) as a figure of its own.
    expect(pack.media).toHaveLength(4);
    expect(pack.text).toMatch(/Figure 3: Victims and offenders by age and sex: Lichfield \(offenders\)/);
    for (const { bytes } of pack.media) {
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      // Drawn for the page: 680 CSS px (the text block's width) at 3 × for print.
      expect(bytes.readUInt32BE(16)).toBe(2040);
    }
    // The pyramid's table: the sample (issue 20) has 3 victims aged 55-64 (2 women, 1 man), a small total split into
    // small parts, so both show as [c] with the cells that would give them away (the exact audit's statement says
    // the totals narrow them); counts from 1 to 4 elsewhere (the burglary wards) show as <5.
    const profile = pack.tables[1];
    // Both halves of the profile, with labels in place of the codes.
    expect(profile[0]).toEqual(['Role', 'Age', 'Sex', 'People', 'Share of role']);
    expect(new Set(profile.slice(1).map((row) => `${row[0]} ${row[2]}`))).toEqual(new Set(['Victims Female', 'Victims Male', 'Offenders Female', 'Offenders Male']));
    const cells = profile.slice(1).map((row) => row[3]);
    expect(profile.filter((row) => row[0] === 'Victims' && row[1] === '55-64').map((row) => row[3])).toEqual(['[c]', '[c]']);
    expect(cells).toContain('[c]');
    expect(pack.tables.flat(2)).toContain('<5');
    expect(cells.filter((c) => ['1', '2', '3', '4'].includes(c))).toEqual([]);
    expect(pack.text).toMatch(/Small-number suppression: counts from 1 to 4 are shown as "<5"/);
  }, 120_000);

  it('writes a pack without charts when asked, and the same tables', async () => {
    const out = path.join(dir, 'plain.docx');
    const run = await cli('board-pack', ws, '--out', out, ...lichfield, '--analyses', 'crime-rates', '--no-charts', '--threshold', '10');
    expect(run.status).toBe(0);
    const pack = await readDocx(fs.readFileSync(out));
    expect(pack.media).toHaveLength(0);
    expect(pack.text).toMatch(/counts from 1 to 9 are shown as "<10"/);
  }, 60_000);

  it.each([
    [['--analyses', 'crime-rates,no-such-thing'], /There is no analysis "no-such-thing"/],
    [['--analyses', 'crime-rates', '--browser', '/nowhere/chromium'], /There is no browser at \/nowhere\/chromium/],
  ])('%o is a user error, and no file is left behind', async (args, message) => {
    const out = path.join(dir, 'refused.docx');
    const run = await cli('board-pack', ws, '--out', out, ...lichfield, ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  // Its usage errors are parseCommand cases in tests/unit/cli.test.ts.

  it('made no connection beyond loopback', () => {
    const log = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { allowed: boolean }) : [];
    expect(log.filter((c) => !c.allowed)).toEqual([]);
  });
});
