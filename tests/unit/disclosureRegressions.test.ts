import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { runCommand } from '../../electron/cli/commands';
import { analyses } from '../../shared/analyses/registry';
import { tempDir } from '../support/tempWorkspace';
import { parseCsv } from '../support/csvText';

/**
 * The four recoveries of issue 17, made on the sample workspace (Lichfield, April 2018 – March 2019, threshold 5),
 * each as a regression test, and the command line's run and batch held to the app's export.
 */
const lichfield = { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' };
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const isHidden = (v: string | undefined) => v === '<5' || v === '[c]';
const tableOf = (csv: string) => parseCsv(csv.replace(/^\uFEFF/, '').split('\r\n\r\n')[0]);

describe('the recoveries of issue 17', () => {
  const { dir, cleanup } = tempDir('csw-disclosure-');
  const ws = path.join(dir, 'sample.duckdb');
  let engine: Engine;
  beforeAll(async () => {
    await sampleWorkspace(ws);
    engine = await createEngine(ws, { backups: false });
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const run = async (id: string, params: Record<string, string> = lichfield) => {
    const analysis = analyses.find((a) => a.id === id)!;
    const declared = Object.fromEntries(Object.entries(params).filter(([k]) => analysis.parameters.some((p) => p.name === k)));
    const result = await engine.invoke('analyses.run', { id, params: declared, operationId: 'op-regression-01' });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const csvOf = async (resultId: string, threshold = 5) => {
    const file = await engine.invoke('exports.table', { resultId, format: 'csv', suppression: { threshold } });
    if (!file.ok) throw new Error(file.error.message);
    return Buffer.from(file.value.base64, 'base64').toString('utf8');
  };
  const truthOf = async (resultId: string, rowCount: number) => {
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: resultId }, startRow: 0, endRow: rowCount });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.rows;
  };

  it('row order: burglary-vehicle-taken no longer ranks wards by their true share; hidden wards are in name order', async () => {
    const result = await run('burglary-vehicle-taken');
    const truth = await truthOf(result.resultId, result.rowCount);
    const wards = tableOf(await csvOf(result.resultId)).filter((r) => r.level === 'ward');
    expect(wards.some((r) => isHidden(r.burglaries) || isHidden(r.vehicle_taken))).toBe(true);
    const names = wards.map((r) => r.geography);
    expect(names).toEqual([...names].sort(collator.compare));
    // The analysis's own order ranks them by share, which is what gave the hidden counts away.
    const ranked = truth.filter((r) => r.level === 'ward').map((r) => String(r.geography));
    expect(ranked).not.toEqual(names);
  });

  it('summary statistics: ward-rates hides the mean and SD of any offence group with a hidden ward, and orders by name', async () => {
    const result = await run('ward-rates');
    const rows = tableOf(await csvOf(result.resultId));
    const groups = [...new Set(rows.map((r) => r.offence_group))];
    let withHidden = 0;
    for (const group of groups) {
      const members = rows.filter((r) => r.offence_group === group);
      if (!members.some((r) => isHidden(r.count))) continue;
      withHidden += 1;
      for (const r of members) {
        expect(r.mean_rate, `${group} mean`).toBe('[c]');
        expect(r.sd_rate, `${group} SD`).toBe('[c]');
        if (isHidden(r.count)) expect(r.rate).toBe('[c]');
      }
      const names = members.map((r) => r.ward_name);
      expect(names).toEqual([...names].sort(collator.compare));
    }
    expect(withHidden).toBeGreaterThan(3);
  });

  // Issue 17's sample had Robbery at 38 victims, 39 crimes, 1 repeat victim with 2 crimes. The seeded sample of
  // issue 20 moved the figures: Lichfield's Robbery now has no repeat victim (39 victims, 39 crimes), so it no longer
  // exercises the relation; that exact case is kept as a constructed table in suppression.test.ts ("protects the
  // repeat-victim identity"). Here the test holds every cohort the sample gives a small number of repeat victims —
  // Sexual Offences among them (240 victims, 243 crimes, 3 repeat victims with 6 crimes: crimes − victims = 3 =
  // c − r with c ≥ 2r pins r = 3 and c = 6 if both totals and both "<5" marks are shown).
  it('a relation between columns: repeat-victims cohorts with a few repeat victims (Sexual Offences) no longer pin them and their crimes', async () => {
    const result = await run('repeat-victims');
    const truth = await truthOf(result.resultId, result.rowCount);
    const rows = tableOf(await csvOf(result.resultId));
    const cohorts = truth.filter((r) => Number(r.repeat_victims) >= 1 && Number(r.repeat_victims) < 5).map((r) => String(r.cohort));
    expect(cohorts).toContain('Sexual Offences');
    for (const cohort of cohorts) {
      const row = rows.find((r) => r.cohort === cohort)!;
      expect(isHidden(row.repeat_victims), cohort).toBe(true);
      // crimes − victims = crimes against repeat victims − repeat victims: with both totals and "<5" marks shown
      // (and at least two crimes per repeat victim) there is one answer. Either a total is hidden, or the marks say
      // nothing of size.
      const totalsShown = !isHidden(row.victims) && !isHidden(row.crimes);
      const marksPin = row.repeat_victims === '<5' && row.crimes_against_repeat_victims === '<5';
      expect(totalsShown && marksPin, `${cohort}: ${JSON.stringify(row)}`).toBe(false);
    }
  });

  it('survey: a suppressed group is not the all-respondents row minus the others', async () => {
    const result = await run('survey-results');
    const rows = tableOf(await csvOf(result.resultId));
    let sets = 0;
    for (const all of rows.filter((r) => r.breakdown === 'All respondents' && !isHidden(r.positive))) {
      for (const breakdown of ['Ward', 'Age band', 'Sex']) {
        const members = rows.filter((r) => r.question === all.question && r.breakdown === breakdown);
        const hidden = members.filter((r) => isHidden(r.positive));
        if (hidden.length === 0) continue;
        sets += 1;
        const shownSum = members.filter((r) => !isHidden(r.positive)).reduce((s, r) => s + Number(r.positive), 0);
        // One hidden group would be the difference; two or more share it, unless the difference is zero (nobody).
        if (Number(all.positive) - shownSum > 0) expect(hidden.length, `${all.question} by ${breakdown}`).toBeGreaterThan(1);
        for (const r of members.filter((m) => m.suppressed === 'yes')) expect(isHidden(r.positive), `${all.question} ${r.value}`).toBe(true);
      }
    }
    expect(sets).toBeGreaterThan(5);
  });

  it('export paths: an analysis result has no unsuppressed CSV; spi-ward-values hides values on small bases', async () => {
    const result = await run('crime-rates');
    const raw = await engine.invoke('results.csv', { resultId: result.resultId });
    expect(raw.ok).toBe(false);
    if (!raw.ok) expect(raw.error.message).toMatch(/Export table/);
    // One month, so that some wards have only a few crimes or incidents behind their rate.
    const spi = await run('spi-ward-values', { area: 'Lichfield', from: '2018-11-01', to: '2018-11-30' });
    const truth = await truthOf(spi.resultId, spi.rowCount);
    const rows = tableOf(await csvOf(spi.resultId));
    const small = truth.filter((r) => r.base !== null && Number(r.base) >= 1 && Number(r.base) < 5);
    expect(small.length).toBeGreaterThan(0);
    for (const r of small) {
      const published = rows.find((p) => p.ward_code === r.ward_code && p.measure === r.measure)!;
      expect([published.value, published.base]).toEqual(['[c]', '<5']);
    }
  });

  describe('the command line', () => {
    const sink = () => {
      let text = '';
      return { stream: new Writable({ write: (chunk, _e, done) => ((text += chunk), done()) }), text: () => text };
    };
    beforeAll(() => engine.close());
    afterAll(async () => {
      engine = await createEngine(ws, { backups: false });
    });
    const smallCounts = (csv: string, id: string, threshold: number) => {
      const counts = analyses.find((a) => a.id === id)!.columns.filter((c) => c.format === 'count').map((c) => c.name);
      return tableOf(csv).flatMap((r) => counts.map((c) => Number(r[c])).filter((v) => r !== null && v >= 1 && v < threshold));
    };

    it('run --format csv --out writes exactly the app CSV; JSON shows hidden values as the table does', async () => {
      const out = path.join(dir, 'repeat.csv');
      await runCommand({ name: 'run', workspace: ws, id: 'repeat-victims', params: lichfield, format: 'csv', out }, sink().stream);
      const written = fs.readFileSync(out, 'utf8');
      expect(written.startsWith('\uFEFFcohort,victims,')).toBe(true);
      expect(written).toContain('\r\n\r\n# Repeat victims: Lichfield');
      expect(written).toMatch(/\r\n# Suppression: Small-number suppression: counts from 1 to 4 are shown as "<5"/);
      expect(smallCounts(written, 'repeat-victims', 5)).toEqual([]);
      engine = await createEngine(ws, { backups: false });
      try {
        const result = await run('repeat-victims');
        const app = await csvOf(result.resultId);
        const strip = (text: string) => text.replace(/# Exported: .*\r\n/, '');
        expect(strip(written)).toBe(strip(app));
      } finally {
        engine.close();
      }
      const json = sink();
      await runCommand({ name: 'run', workspace: ws, id: 'repeat-victims', params: lichfield, format: 'json' }, json.stream);
      // Sexual Offences has 3 repeat victims in the sample (Robbery, the cohort of issue 17's sample, now has none).
      const sexual = (JSON.parse(json.text()) as Record<string, unknown>[]).find((r) => r.cohort === 'Sexual Offences')!;
      expect(['<5', '[c]']).toContain(sexual.repeat_victims);
      expect(typeof sexual.pct_repeat_victims).toBe('string');
    });

    it('run --raw writes the small counts and says RAW in the file and the audit log; --threshold 0 says suppression is off', async () => {
      const out = path.join(dir, 'repeat-raw.csv');
      await runCommand({ name: 'run', workspace: ws, id: 'repeat-victims', params: lichfield, format: 'csv', out, raw: true }, sink().stream);
      const written = fs.readFileSync(out, 'utf8');
      expect(smallCounts(written, 'repeat-victims', 5).length).toBeGreaterThan(0);
      expect(written).toMatch(/# RAW, NOT FOR PUBLICATION: Repeat victims/);
      expect(written).toMatch(/# Suppression: RAW, NOT FOR PUBLICATION/);
      const off = sink();
      await runCommand({ name: 'run', workspace: ws, id: 'repeat-victims', params: lichfield, format: 'csv', threshold: 0 }, off.stream);
      expect(off.text()).toMatch(/Small-number suppression was turned off for this export/);
      engine = await createEngine(ws, { backups: false });
      try {
        const log = await engine.invoke('sql.run', { sql: "SELECT detail FROM csw_meta.audit WHERE action = 'export' ORDER BY logged_at DESC, rowid DESC LIMIT 2", operationId: 'op-regression-02' });
        if (!log.ok) throw new Error(log.error.message);
        const page = await engine.invoke('grid.page', { source: { kind: 'result', id: log.value.resultId }, startRow: 0, endRow: 2 });
        if (!page.ok) throw new Error(page.error.message);
        const [thresholdOff, rawEntry] = page.value.rows.map((r) => JSON.parse(String(r.detail)));
        expect(rawEntry).toMatchObject({ raw: true, threshold: 0, file: out });
        expect(thresholdOff).toMatchObject({ threshold: 0 });
        expect(thresholdOff.raw).toBeUndefined();
      } finally {
        engine.close();
      }
    });

    for (const threshold of [5, 10]) {
      it(`batch writes no count from 1 to ${threshold - 1} in any file`, async () => {
        const out = path.join(dir, `batch-${threshold}`);
        // 5 is the default: that batch is run as an analyst runs it, without --threshold, and is the sample's batch for
        // every district (each district, no errors, the app's CSV columns), which sampleWorkspace.test.ts once ran apart.
        const byDefault = threshold === 5;
        await runCommand({ name: 'batch', workspace: ws, params: { from: '2018-04-01', to: '2019-03-31' }, format: 'csv', out, ...(byDefault ? {} : { threshold }) }, sink().stream);
        const report = JSON.parse(fs.readFileSync(path.join(out, 'batch-report.json'), 'utf8')) as { district: string; analysis: string; file?: string; error?: string }[];
        if (byDefault) {
          expect(new Set(report.filter((r) => r.district !== '(all)').map((r) => r.district)).size).toBe(9);
          expect(report.filter((r) => r.error)).toEqual([]);
          expect(fs.readFileSync(path.join(out, 'Lichfield', 'crime-rates.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFoffence_group,offence_subgroup,area_count,area_rate/);
        }
        const written = report.filter((r) => r.file);
        expect(written.length).toBeGreaterThan(100);
        for (const entry of written) {
          const csv = fs.readFileSync(path.join(out, entry.file!), 'utf8');
          expect(csv.startsWith('\uFEFF'), entry.file).toBe(true);
          expect(csv, entry.file).toContain('\r\n# Suppression: ');
          expect(smallCounts(csv, entry.analysis, threshold), entry.file).toEqual([]);
        }
      }, 600_000);
    }
  });
});
