import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { periodCoverage } from '../../electron/engine/analyses/coverage';
import { datasetsUsed } from '../../electron/engine/exports/provenance';
import { analyses, findAnalysis } from '../../shared/analyses/registry';
import { relationsFor, sharedRelations } from '../../shared/analyses/relations';
import { importOk } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { createTable, tempDir } from '../support/tempWorkspace';

const analysis = (id: string) => findAnalysis(id)!;
const names = (sql: string) => relationsFor(sql).map((r) => r.name);

/** What several library analyses compute alike is one relation, made by the runner for those that read it. */
describe('shared relations', () => {
  it('are made for exactly the analyses that name them, each after the relations it reads', () => {
    expect(names(analysis('spi-ward-values').sql)).toEqual(['spi_ward_measures']);
    expect(names(analysis('spi-triangulation').sql)).toEqual(['spi_ward_measures']);
    for (const id of ['priority-profiles', 'priority-matrix', 'priority-summary']) expect(names(analysis(id).sql), id).toEqual(['priority_window', 'priority_measures', 'priority_events']);
    for (const id of ['spc-monthly', 'hotspot-wards']) expect(names(analysis(id).sql), id).toEqual(['measure_label']);
    expect(names(analysis('crime-rates').sql)).toEqual([]);
    // A statement naming only the events still gets the window and measures they are made from, first.
    expect(names('SELECT * FROM priority_events')).toEqual(['priority_window', 'priority_measures', 'priority_events']);
    expect(names('SELECT * FROM priority_events_2 JOIN my_priority_window USING (x)')).toEqual([]);
  });

  it('are each read by more than one analysis (else the SQL belongs in the analysis)', () => {
    for (const relation of sharedRelations) {
      expect(analyses.filter((a) => relationsFor(a.sql).some((r) => r.name === relation.name)).length, relation.name).toBeGreaterThan(1);
    }
  });

  it("count, in an export's sources, the datasets an analysis reads through them", () => {
    const context = (id: string) => ({ analysis: { ...analysis(id), source: 'library' as const }, parameters: {}, area: 'Lichfield', comparator: 'Staffordshire', sql: analysis(id).sql });
    expect(datasetsUsed(context('spi-ward-values'))).toEqual(expect.arrayContaining(['spi', 'survey', 'crimes', 'asb', 'geography', 'population']));
    expect(datasetsUsed(context('spi-triangulation'))).toEqual(expect.arrayContaining(['spi', 'survey', 'crimes', 'asb']));
    for (const id of ['priority-profiles', 'priority-matrix', 'priority-summary']) expect(datasetsUsed(context(id)), id).toEqual(expect.arrayContaining(['crimes', 'asb', 'incidents']));
  });

  describe('on a workspace', () => {
    const { dir, cleanup } = tempDir('csw-shared-relations-');
    let engine: Engine;
    beforeAll(async () => {
      engine = await createEngine(path.join(dir, 'w.duckdb'), { backups: false });
      for (const [file, as] of [[lsoaLookup, 'geography'], [districtLookup, 'geography'], [iodPopulation, 'population'], [policeUkMonths[0], 'police-uk']] as const) await importOk(engine, file, as);
    }, 60_000);
    afterAll(() => {
      engine?.close();
      cleanup();
    });

    it("report the period's coverage of the datasets read through them", async () => {
      // spi-ward-values reads crimes only through spi_ward_measures: one month of them (October 2018) covers half the period.
      const coverage = await engine.workspace.withConnection((c) => periodCoverage(c, analysis('spi-ward-values'), { from: '2018-09-01', to: '2018-10-31' }));
      expect(coverage.filter((w) => w.dataset === 'crimes')).toEqual([expect.objectContaining({ from: '2018-09-01', to: '2018-10-31', days: 61, covered_days: 31 })]);
    });

    it('say which data a workspace lacks, as an analysis reading it directly does', async () => {
      const run = await engine.invoke('analyses.run', { id: 'spi-ward-values', params: { area: 'Lichfield', from: '2018-10-01', to: '2018-10-31' }, operationId: randomUUID() });
      expect(run).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/needs the (spi|asb|survey) data; import it/) } });
      const priorities = await engine.invoke('analyses.run', { id: 'priority-matrix', params: { area: 'Lichfield', to: '2019-03-31' }, operationId: randomUUID() });
      expect(priorities).toMatchObject({ ok: false, error: { message: expect.stringMatching(/needs the (asb|incidents) data; import it/) } });
    });

    it('are made afresh for each run, with its own values', async () => {
      await createTable(engine, 'incidents', "SELECT * FROM (VALUES ('E05010670', 'E07000194', DATE '2018-10-05', 'Mental health', 'high')) AS t(ward_code, district_code, reported_date, incident_type, risk_level)");
      const run = async (to: string) => {
        const result = await engine.invoke('analyses.run', { id: 'priority-profiles', params: { area: 'Lichfield', to }, operationId: randomUUID() });
        if (!result.ok) throw new Error(result.error.message);
        const page = await engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 100 });
        if (!page.ok) throw new Error(page.error.message);
        return page.value.rows.find((r) => r.measure === 'Mental health calls')!;
      };
      // The one incident is in the 12 months to March 2019, and in the 12 months before those to March 2020.
      expect(await run('2019-03-31')).toMatchObject({ count: '1', previous: '0' });
      expect(await run('2020-03-31')).toMatchObject({ count: '0', previous: '1' });
    });

    it('label the measure asked for the same way in the SPC chart and the hotspot wards', async () => {
      const measures = async (id: string, params: Record<string, string>) => {
        const result = await engine.invoke('analyses.run', { id, params: { area: 'Lichfield', ...params }, operationId: randomUUID() });
        if (!result.ok) throw new Error(result.error.message);
        const page = await engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 1000 });
        if (!page.ok) throw new Error(page.error.message);
        return [...new Set(page.value.rows.map((r) => r.measure))];
      };
      for (const id of ['spc-monthly', 'hotspot-wards']) {
        const period: Record<string, string> = id === 'hotspot-wards' ? { from: '2018-10-01', to: '2018-10-31' } : {};
        expect(await measures(id, { measure_kind: 'crime', ...period }), id).toEqual(['Total recorded crime']);
        expect(await measures(id, { measure_kind: 'offence_group', measure: 'Burglary', ...period }), id).toEqual(['Offence group: Burglary']);
      }
    });
  });
});
