import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCommand, UserError } from '../../electron/cli/commands';
import { createEngine } from '../../electron/engine';
import { analyses } from '../../shared/analyses/registry';
import { importFixture } from '../support/importFixture';
import { importOk } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';

const sink = () => {
  let text = '';
  return { stream: new Writable({ write(chunk, _e, done) { text += chunk; done(); } }), text: () => text };
};

describe('the analysis library', () => {
  it('loads every analysis: metadata valid, SQL beside it, shared parameters declared', () => {
    expect(analyses.map((a) => a.id)).toEqual(expect.arrayContaining(['crime-rates', 'ward-rates']));
    for (const a of analyses) {
      expect(a.sql).toMatch(/SELECT/);
      for (const name of a.sql.matchAll(/\$([a-z_]+)/g)) expect(a.parameters.map((p) => p.name), `${a.id} uses $${name[1]}`).toContain(name[1]);
      expect(a.columns.length).toBeGreaterThan(0);
    }
  });

  describe('on real police.uk data', () => {
    const fixture = importFixture('csw-analyses-', async (engine) => {
      for (const f of [lsoaLookup, districtLookup]) await importOk(engine, f, 'geography');
      await importOk(engine, iodPopulation, 'population');
      for (const f of policeUkMonths) await importOk(engine, f, 'police-uk');
    });
    const run = (id: string, params: Record<string, string | number>) => fixture.engine.invoke('analyses.run', { id, params, operationId: 'op-analysis-0001' });

    it('runs crime-rates with defaults filled from the data, comparing with the force area', async () => {
      const result = await run('crime-rates', { area: 'lichfield' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // police.uk data is monthly (Oct 2018 – Feb 2019), so February counts as a whole month.
      expect(result.value.parameters).toMatchObject({ area: 'Lichfield', comparator: 'Staffordshire', from: '2018-03-01', to: '2019-02-28', per: 1000, confidence: 0.95 });
      expect(result.value.columns.map((c) => c.name)).toEqual(analyses.find((a) => a.id === 'crime-rates')!.columns.map((c) => c.name));
      const page = await fixture.engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 100 });
      const rows = page.ok ? page.value.rows : [];
      const total = rows.find((r) => r.offence_group === 'Total Recorded Crime')!;
      const [[count]] = await fixture.engine.workspace.withConnection(async (c) => (await c.runAndReadAll(`SELECT count(*) FROM crimes WHERE district_code = 'E07000194'`)).getRows());
      expect(total.area_count).toBe(String(count));
      expect(Number(total.area_rate)).toBeCloseTo((Number(count) / 102004) * 1000, 10);
      expect(Number(total.area_rate_lower)).toBeLessThan(Number(total.area_rate));
      // The comparison word follows from the interval and the comparator's rate (Fingertips' rule), not just any of the three.
      const [lower, upper, comparatorRate] = [total.area_rate_lower, total.area_rate_upper, total.comparator_rate].map(Number);
      expect([lower, upper, comparatorRate].every(Number.isFinite)).toBe(true);
      expect(total.comparison).toBe(lower > comparatorRate ? 'Higher' : upper < comparatorRate ? 'Lower' : 'Similar');
    });

    it('compares with another district when asked, and at 99.8% confidence the interval widens', async () => {
      const narrow = await run('crime-rates', { area: 'E07000194', comparator: 'Tamworth' });
      const wide = await run('crime-rates', { area: 'E07000194', comparator: 'Tamworth', confidence: 0.998 });
      expect(narrow.ok && narrow.value.comparator).toBe('Tamworth');
      const first = async (r: typeof narrow) => {
        const page = r.ok ? await fixture.engine.invoke('grid.page', { source: { kind: 'result', id: r.value.resultId }, startRow: 0, endRow: 1 }) : undefined;
        return page && page.ok ? page.value.rows[0] : {};
      };
      expect(Number((await first(wide)).area_rate_lower)).toBeLessThan(Number((await first(narrow)).area_rate_lower));
    });

    it('ranks wards with SD flags, sample or population SD as chosen', async () => {
      const result = await run('ward-rates', { area: 'Lichfield', sd_method: 'population' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const page = await fixture.engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 30 });
      const all = (page.ok ? page.value.rows : []).filter((r) => r.offence_group === 'All crime');
      expect(all).toHaveLength(22);
      expect(all.every((r) => r.sd_method === 'population')).toBe(true);
      const top = all[0];
      expect(Number(top.rate)).toBeGreaterThan(Number(top.mean_rate) + Number(top.sd_rate));
      expect(top.flag).toMatch(/above average/);
    });

    it.each([
      [{}, /needs an area/],
      [{ area: 'Atlantis' }, /No district, CSP or force called "Atlantis".*Lichfield/],
      [{ area: 'Lichfield', per: 100 }, /per must be one of 1000, 10000/],
      [{ area: 'Lichfield', per: 0 }, /per must be one of 1000, 10000, not "0"/],
      [{ area: 'Lichfield', confidence: 2 }, /confidence must be between 0.5 and 0.999/],
      [{ area: 'Lichfield', from: '2019-01-01', to: '2018-01-01' }, /from \(2019-01-01\) is after to/],
      [{ area: 'Lichfield', to: '31/03/2019' }, /to must be a date like 2019-03-31/],
      [{ area: 'Lichfield', colour: 'red' }, /has no parameter "colour"/],
    ])('refuses %o with a clear message', async (params, message) => {
      const result = await run('crime-rates', params);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    });

    it('gives independently checked numbers for another district: Tamworth, counted here in plain JavaScript', async () => {
      const raw = await fixture.engine.workspace.withConnection(async (c) =>
        (await c.runAndReadAll(`SELECT offence_group, ward_name, district_code FROM crimes WHERE recorded_date BETWEEN '2018-03-01' AND '2019-02-28'`)).getRowObjects(),
      );
      const people = await fixture.engine.workspace.withConnection(async (c) =>
        (await c.runAndReadAll(`SELECT g.district_code, g.ward_name, p.count FROM population p JOIN geography g ON g.lsoa_code = p.area_code WHERE p.age_band = 'all' AND p.sex = 'all'`)).getRowObjects(),
      );
      const tamworth = 'E07000199';
      const residents = people.filter((p) => p.district_code === tamworth).reduce((s, p) => s + Number(p.count), 0);
      const theirs = raw.filter((r) => r.district_code === tamworth);
      const result = await run('crime-rates', { area: 'Tamworth' });
      const page = result.ok ? await fixture.engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 100 }) : undefined;
      const rows = page && page.ok ? page.value.rows : [];
      expect(Number(rows.find((r) => r.offence_group === 'Total Recorded Crime')!.area_rate)).toBeCloseTo((theirs.length / residents) * 1000, 10);
      for (const group of ['Burglary', 'Theft', 'Violence and Sexual Offences']) {
        const n = theirs.filter((r) => r.offence_group === group).length;
        expect(Number(rows.find((r) => r.offence_group === group && r.offence_subgroup === null)!.area_count), group).toBe(n);
      }
      // Ward rates for Tamworth: each ward's rate, the mean and sample SD across its wards, and the flags.
      const wards = await run('ward-rates', { area: 'Tamworth' });
      const wardPage = wards.ok ? await fixture.engine.invoke('grid.page', { source: { kind: 'result', id: wards.value.resultId }, startRow: 0, endRow: 500 }) : undefined;
      const all = (wardPage && wardPage.ok ? wardPage.value.rows : []).filter((r) => r.offence_group === 'All crime');
      const wardPop = new Map<string, number>();
      for (const p of people.filter((p) => p.district_code === tamworth)) wardPop.set(String(p.ward_name), (wardPop.get(String(p.ward_name)) ?? 0) + Number(p.count));
      const rates = [...wardPop].map(([w, pop]) => (theirs.filter((r) => r.ward_name === w).length / pop) * 1000);
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      const sd = Math.sqrt(rates.reduce((s, r) => s + (r - mean) ** 2, 0) / (rates.length - 1));
      expect(all).toHaveLength(wardPop.size);
      expect(Number(all[0].mean_rate)).toBeCloseTo(mean, 9);
      expect(Number(all[0].sd_rate)).toBeCloseTo(sd, 9);
      for (const r of all) {
        const expected = Number(r.rate) > mean + 2 * sd ? 'Significantly above average' : Number(r.rate) > mean + sd ? 'Above average' : null;
        expect(r.flag).toBe(expected);
      }
    });

    it('says which analyses exist when asked for one that does not', async () => {
      const result = await run('crime-ratez', { area: 'Lichfield' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/the library has .*crime-rates/) } });
    });

    it("saves an analyst's own SQL with parameters, and runs it like the built-ins", async () => {
      const saved = await fixture.engine.invoke('analyses.save', {
        analysis: {
          metadata: {
            id: 'shoplifting-by-month',
            title: 'Shoplifting by month',
            parameters: [
              { name: 'area', type: 'area', label: 'Area' },
              { name: 'from', type: 'date', label: 'From' },
              { name: 'to', type: 'date', label: 'To' },
              { name: 'min_count', type: 'integer', label: 'At least', default: 1 },
            ],
          },
          sql: `SELECT strftime(recorded_date, '%Y-%m') AS month, count(*) AS crimes FROM crimes
                WHERE offence_subgroup = 'Shoplifting' AND district_code IN (SELECT code FROM area_districts)
                  AND recorded_date BETWEEN (SELECT "from" FROM params) AND (SELECT "to" FROM params)
                GROUP BY 1 HAVING count(*) >= (SELECT min_count FROM params) ORDER BY 1`,
        },
      });
      expect(saved).toEqual({ ok: true, value: { id: 'shoplifting-by-month' } });
      const listed = await fixture.engine.invoke('analyses.list', {});
      expect(listed.ok && listed.value.analyses.find((a) => a.id === 'shoplifting-by-month')).toMatchObject({ source: 'user', theme: 'My analyses' });
      const result = await run('shoplifting-by-month', { area: 'Lichfield', min_count: 1 });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.rowCount).toBe(5);
      expect(result.value.parameters).toMatchObject({ from: '2018-03-01', to: '2019-02-28', min_count: 1, area: 'Lichfield' });
    });

    it.each([
      [{ id: 'crime-rates', sql: 'SELECT 1' }, /is a built-in analysis/],
      [{ id: 'wipe', sql: 'DROP TABLE crimes' }, /DROP statements cannot run here/],
      [{ id: 'peek', sql: "SELECT * FROM read_csv('/etc/passwd')" }, /read_csv\(\) is not allowed in user SQL/],
    ])('refuses to save %o', async ({ id, sql }, message) => {
      const result = await fixture.engine.invoke('analyses.save', { analysis: { metadata: { id, title: id, parameters: [] }, sql } });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    });

    it('lists and runs analyses from the command line, to stdout or a file', async () => {
      const ws = fixture.engine.workspace.path;
      fixture.engine.close();
      const listed = sink();
      await runCommand({ name: 'queries', workspace: ws }, listed.stream);
      expect(JSON.parse(listed.text()).map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining(['crime-rates', 'ward-rates']));
      const json = sink();
      await runCommand({ name: 'run', workspace: ws, id: 'crime-rates', params: { area: 'Lichfield' }, format: 'json' }, json.stream);
      const rows = JSON.parse(json.text());
      expect(rows[0]).toMatchObject({ offence_group: 'Total Recorded Crime', area_count: expect.any(Number), area_rate: expect.any(Number) });
      const out = path.join(fixture.dir, 'rates.csv');
      await runCommand({ name: 'run', workspace: ws, id: 'ward-rates', params: { area: 'Lichfield' }, format: 'csv', out }, sink().stream);
      // The app's own CSV: a byte-order mark and CRLF, as Excel wants.
      expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe('\uFEFFward_code,ward_name,offence_group,count,population,rate,mean_rate,sd_rate,flag,sd_method');
      await expect(runCommand({ name: 'run', workspace: ws, id: 'crime-rates', params: { area: 'Nowhere' }, format: 'csv' }, sink().stream)).rejects.toThrow(UserError);
      // A .sql file with a metadata header, saved from the command line and run by its id.
      const file = path.join(fixture.dir, 'burglary-share.sql');
      fs.writeFileSync(file, [
        '-- id: burglary-share',
        '-- title: Burglary share of crime',
        '-- param: area area "Area"',
        '-- param: from date "From"',
        '-- param: to date "To"',
        `SELECT 100.0 * count(*) FILTER (WHERE offence_group = 'Burglary') / count(*) AS pct FROM crimes`,
        `WHERE district_code IN (SELECT code FROM area_districts) AND recorded_date BETWEEN (SELECT "from" FROM params) AND (SELECT "to" FROM params)`,
      ].join('\n'));
      const savedOut = sink();
      await runCommand({ name: 'save-query', workspace: ws, file }, savedOut.stream);
      expect(JSON.parse(savedOut.text())).toEqual({ saved: 'burglary-share' });
      const share = sink();
      await runCommand({ name: 'run', workspace: ws, id: 'burglary-share', params: { area: 'Lichfield' }, format: 'json' }, share.stream);
      expect(JSON.parse(share.text())[0].pct).toBeGreaterThan(0);
      fs.writeFileSync(file, '-- id: broken\n-- param: area place "Area"\nSELECT 1');
      await expect(runCommand({ name: 'save-query', workspace: ws, file }, sink().stream)).rejects.toThrow(/a parameter is written/);
      // Reopened so the fixture can close it as usual.
      fixture.engine = await createEngine(ws);
    });
  });
});
