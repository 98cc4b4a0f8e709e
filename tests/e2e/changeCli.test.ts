import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentOrder } from '../../shared/exports/assessmentSet';
import { readDocx } from '../support/docx';
import { copyWorkspace } from '../support/sampleWorkspace';
import { tempDir } from '../support/tempWorkspace';
import { assertBuilt, root } from './harness';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ids = ['area-profile', 'exceptions', 'priority-matrix', 'priority-profiles', 'rate-change', 'spc-monthly', 'district-comparison'];
const titles = ['Area profile', 'Exceptions', 'Priority matrix', 'Priority profiles', 'Tested change', 'Monthly SPC chart', 'Districts compared'];
const districts = ['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Stoke-on-Trent', 'Tamworth'];

/**
 * The tested-change and comparison analyses from the command line on the sample workspace, for every district of the
 * force: run (JSON), batch (a file per district) and a board pack whose charts are drawn by the app's chart code in
 * headless Chromium.
 */
describe('tested change and district comparison from the command line, for every district', () => {
  const { dir, cleanup } = tempDir('csw-change-cli-');
  const ws = path.join(dir, 'sample.duckdb');
  const cli = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, ['--require', path.join(root, 'tests', 'support', 'netGuard.cjs'), path.join(root, 'bin', 'csp-workbench.js'), ...args], {
        env: { ...process.env, CSW_NET_LOG: path.join(dir, 'network.jsonl') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const period = ['--param', 'from=2018-04-01', '--param', 'to=2019-03-31'];
  beforeAll(async () => {
    assertBuilt();
    // Built by the CLI itself, not copied from the run's one build (tests/support/sampleWorkspace.ts): this is the
    // test of `init --sample`.
    const init = await cli('init', ws, '--sample');
    expect(init.status).toBe(0);
  }, 120_000);
  afterAll(cleanup);

  it('runs each analysis as JSON, and refuses a bad parameter with its name', async () => {
    const run = await cli('run', ws, 'rate-change', '--param', 'area=Tamworth', '--param', 'to=2019-03-31', '--format', 'json');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['measure', 'current', 'previous', 'rate_ratio', 'ratio_lower', 'ratio_upper', 'significant']));
    const funnel = JSON.parse((await cli('run', ws, 'district-comparison', '--param', 'area=Tamworth', '--param', 'measure_kind=asb', ...period, '--format', 'json')).stdout) as Record<string, unknown>[];
    expect(funnel).toHaveLength(9);
    expect(Object.keys(funnel[0])).toEqual(expect.arrayContaining(['district_code', 'district_name', 'count', 'population', 'rate', 'lower', 'upper', 'rank', 'comparison', 'funnel_lower_95', 'funnel_upper_95', 'funnel_lower_998', 'funnel_upper_998']));
    const spc = JSON.parse((await cli('run', ws, 'spc-monthly', '--param', 'area=Tamworth', '--param', 'measure_kind=asb', '--param', 'recalculate_from=2018-10', '--format', 'json')).stdout) as Record<string, unknown>[];
    expect(Object.keys(spc[0])).toEqual(expect.arrayContaining(['month', 'count', 'mean', 'lower_limit', 'upper_limit', 'signal']));
    const refused = await cli('run', ws, 'district-comparison', '--param', 'area=Tamworth', '--param', 'overdispersion=lots', '--format', 'json');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/overdispersion must be one of none, multiplicative, additive/);
  }, 60_000);

  // The tested-change and comparison analyses only (--analyses): the whole library's batch, every file, is checked in
  // tests/unit/disclosureRegressions.test.ts at two thresholds.
  it('writes each analysis for every district in a batch', async () => {
    const out = path.join(dir, 'batch');
    const run = await cli('batch', ws, '--out', out, ...period, '--format', 'csv', '--analyses', ids.join(','));
    expect(run.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'batch-report.json'), 'utf8')) as { district: string; analysis: string; error?: string }[];
    expect([...new Set(report.map((r) => r.analysis))].sort()).toEqual([...ids].sort());
    for (const district of districts) {
      for (const id of ids) {
        const entry = report.find((r) => r.district === district && r.analysis === id);
        expect(entry, `${id} for ${district}`).toBeDefined();
        expect(entry!.error).toBeUndefined();
        expect(fs.readFileSync(path.join(out, district, `${id}.csv`), 'utf8').split('\n').length).toBeGreaterThan(2);
      }
    }
  }, 300_000);

  // Each pack is its own CLI process with its own headless Chromium, so two run at once (the cli project's
  // maxConcurrency), as the other worker may be between files. One process holds a
  // workspace at a time, so each pack is built from its own copy of the sample.
  it.concurrent.for(districts)('builds a board pack for %s with a chart for each analysis', { timeout: 120_000 }, async (district, { expect }) => {
    const out = path.join(dir, `${district}.docx`);
    const own = path.join(dir, 'packs', `${district}.duckdb`);
    copyWorkspace(ws, own);
    const run = await cli('board-pack', own, '--out', out, '--param', `area=${district}`, ...period, '--analyses', ids.join(','));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pack = await readDocx(fs.readFileSync(out));
    expect(pack.headings('Heading1')).toEqual(['Summary of key points', ...titles.map((t) => `${t}: ${district}`), 'Appendix: methods and sources']);
    expect(pack.media).toHaveLength(ids.length);
    for (const { bytes } of pack.media) {
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(bytes.readUInt32BE(16)).toBe(2040);
      expect(bytes.length).toBeGreaterThan(60_000);
    }
    expect(pack.text).toMatch(/Of the \d+ measures( shown \(\d+ hidden to protect small numbers\))?, \d+ (is|are) (higher than|lower than|similar to) Staffordshire/);
    expect(pack.text).toMatch(/Total recorded crime: [\d,]+ in the latest 12 months against [\d,]+ \([+−]\d+\.\d%\), (a significant (increase|decrease)|no reliable change)/);
    expect(pack.text).toMatch(new RegExp(`${district}: [\\d.]+ per 1,000, (higher than|lower than|similar to) Staffordshire \\([\\d.]+\\); ranked \\d of 9`));
  });

  // The assessment set outgrew the results the engine holds (20): every section's result must still be held when the
  // pack is built from them.
  it('builds the whole assessment set as a pack, opening on the area profile and the summary of priorities', async () => {
    const out = path.join(dir, 'assessment.docx');
    const run = await cli('board-pack', ws, '--out', out, '--param', 'area=Lichfield', ...period);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pack = await readDocx(fs.readFileSync(out));
    const sections = pack.headings('Heading1');
    // The summary of key points, every section of the set (hotspot wards and the force-wide priority matrix are left
    // out of it) and the appendix.
    expect(sections.length).toBe(assessmentOrder.length - 2 + 2);
    expect(sections.slice(0, 5)).toEqual(['Summary of key points', 'Area profile: Lichfield', 'Summary of priorities: Lichfield', 'Exceptions: Lichfield', 'Priority profiles: Lichfield']);
    expect(pack.media.length).toBeGreaterThanOrEqual(assessmentOrder.length - 2);
    expect(pack.text).toContain('Anti-social behaviour: 21.7 per 1,000 against 32.6, lower than Staffordshire, ranked 3 of 9 districts (1 = lowest); a significant increase (+7.5%) on the previous 12 months; hotspot wards Chasetown (71.6), Stowe (64.6).');
  }, 180_000);

  it('made no connection beyond loopback', () => {
    const file = path.join(dir, 'network.jsonl');
    const log = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { allowed: boolean }) : [];
    expect(log.filter((c) => !c.allowed)).toEqual([]);
  });
});
