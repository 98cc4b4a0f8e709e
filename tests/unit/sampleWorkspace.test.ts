import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands';
import { roundTo } from '../../sample-data/generator/calibrate';
import { fitChildPopulations } from '../../sample-data/generator/children';
import { writeCsv } from '../../sample-data/generator/files';
import { buildPopulation, populationRows } from '../../sample-data/generator/population';
import { Random } from '../../sample-data/generator/random';
import { DEFAULT_SEED, writeSample } from '../../sample-data/generator/writeSample';
import { createEngine, type Engine } from '../../electron/engine';
import { assessmentMismatches } from '../support/assessmentFigures';
import { sampleBuild, sampleWorkspace, type SampleBuild } from '../support/sampleWorkspace';
import { tempDir } from '../support/tempWorkspace';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the sample workspace', () => {
  const { dir, cleanup } = tempDir('csw-sample-');
  const ws = path.join(dir, 'sample.duckdb');
  let build: SampleBuild;
  let engine: Engine;

  // The run's one real build (tests/support/sampleWorkspace.ts): its reports and time are this build's, and the
  // workspace under test is a copy of it, as every other file gets.
  beforeAll(async () => {
    build = await sampleBuild();
    await sampleWorkspace(ws);
    engine = await createEngine(ws);
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  it('builds through the normal import pipeline in under a minute, every row accounted for', () => {
    const { buildMs, reports } = build;
    expect(buildMs).toBeLessThan(60_000);
    // The generated inputs (with raw synthetic person IDs) are not left with the workspace: beside it are only its
    // key and its (empty) files folder.
    expect(fs.existsSync(path.join(build.dir, 'sample.files', 'sample-inputs'))).toBe(false);
    expect(fs.readdirSync(build.dir).sort()).toEqual(['sample.duckdb', 'sample.files', 'sample.key']);
    expect(fs.readdirSync(path.join(build.dir, 'sample.files'), { recursive: true })).toEqual(['staging']);
    // The copy under test is the build's: the same key, so later imports link people as the build's did.
    expect(fs.readFileSync(path.join(dir, 'sample.key'), 'utf8')).toBe(fs.readFileSync(path.join(build.dir, 'sample.key'), 'utf8'));
    expect(reports.map((r) => r.file)).toEqual([
      'LSOA11_WD19_LAD19_staffordshire-force.csv',
      'LAD19_CSP19_PFA19_EW_LU.csv',
      'population-2018.csv',
      'crime-extract-2017-2019.csv',
      'asb-extract-2017-2019.csv',
      'incident-log-2017-2019.csv',
      'victims-2017-2019.csv',
      'offenders-2017-2019.csv',
      'synthetic-mosaic-population-2018.csv',
      'synthetic-resident-survey.csv',
      'synthetic-spi-lichfield-wards-2023.csv',
      'wards-lichfield-E07000194.geojson',
    ]);
    for (const r of reports) expect(r.rows_imported + r.rows_quarantined, r.file).toBe(r.rows_read);
    expect(reports.every((r) => r.rows_quarantined === 0)).toBe(true);
  });

  it('reproduces the assessment: every area-rate row (both columns), every ward cell, and the figures its data expresses', async () => {
    const { checked, mismatches } = await assessmentMismatches(engine);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(34 * 2 + 22 * 12);
  }, 120_000);

  it('keeps its mapping profiles, so the extracts show how next year imports', async () => {
    const profiles = await engine.invoke('profiles.list', {});
    expect(profiles.ok && profiles.value.profiles.map((p) => p.name)).toEqual(['Sample force ASB extract', 'Sample force crime extract', 'Sample force incident log', 'Sample force offender links', 'Sample force victim links']);
  });

  const rows = async (id: string, params: Record<string, string | number>) => {
    const run = await engine.invoke('analyses.run', { id, params, operationId: `op-${id}-lib` });
    if (!run.ok) throw new Error(run.error.message);
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: run.value.resultId }, startRow: 0, endRow: Math.max(1, run.value.rowCount) });
    return page.ok ? page.value.rows : [];
  };

  it('triangulates SPI with crime: Personal Safety falls as recorded crime rises', async () => {
    const r = (await rows('spi-triangulation', { area: 'Lichfield' })).find((x) => x.measure_x === 'Personal Safety' && x.measure_y === 'Recorded crime per 1,000')!;
    expect(r.n).toBe('22');
    expect(Number(r.pearson_r)).toBeLessThan(-0.5);
    expect(Number(r.spearman_r)).toBeLessThan(-0.5);
  });

  it('suppresses survey results on small bases, and gives Wilson intervals otherwise', async () => {
    const results = await rows('survey-results', { area: 'Lichfield', min_base: 10 });
    const fazeley = results.find((x) => x.breakdown === 'Ward' && x.value === 'Fazeley' && String(x.question).includes('during the day'))!;
    expect(fazeley).toMatchObject({ suppressed: 'yes', pct: null, lower: null, upper: null });
    const all = results.find((x) => x.breakdown === 'All respondents' && String(x.question).includes('during the day'))!;
    expect(all.suppressed).toBe('no');
    expect(Number(all.lower)).toBeLessThan(Number(all.pct));
    expect(Number(all.upper)).toBeGreaterThan(Number(all.pct));
  });

  it('profiles victims and offenders by age and sex, each role adding up to 100%', async () => {
    const profile = await rows('victim-offender-profile', { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' });
    for (const role of ['victim', 'offender']) {
      const mine = profile.filter((x) => x.role === role);
      expect(mine.length).toBeGreaterThan(4);
      expect(mine.reduce((s, x) => s + Number(x.pct), 0)).toBeCloseTo(100, 8);
    }
    expect(profile.filter((x) => x.role === 'offender' && x.age_band === '10-17').reduce((s, x) => s + Number(x.count), 0)).toBeGreaterThan(100);
  });

  it('gives the same figures through the command line: JSON and XLSX read back', async () => {
    engine.close();
    try {
      let text = '';
      const out = new Writable({ write(chunk, _e, done) { text += chunk; done(); } });
      await runCommand({ name: 'run', workspace: ws, id: 'crime-rates', params: { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' }, format: 'json' }, out);
      const total = JSON.parse(text).find((r: { offence_group: string }) => r.offence_group === 'Total Recorded Crime');
      expect(roundTo(total.area_rate, 1)).toBe(58.8);
      expect(roundTo(total.comparator_rate, 1)).toBe(76.1);
      const xlsx = path.join(dir, 'ward-rates.xlsx');
      await runCommand({ name: 'run', workspace: ws, id: 'ward-rates', params: { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' }, format: 'xlsx', out: xlsx }, out);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const sheet = book.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const stowe = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(header.indexOf('ward_name') + 1).value === 'Stowe' && r.getCell(header.indexOf('offence_group') + 1).value === 'All crime')!;
      expect(roundTo(stowe.getCell(header.indexOf('rate') + 1).value as number, 1)).toBe(182.6);
      // The batch for every district (the whole library nine times over) is run once, in disclosureRegressions.test.ts,
      // which checks these figures' batch as well as its suppression.
    } finally {
      engine = await createEngine(ws);
    }
  }, 180_000);

  // The generator's files for the default seed, against the hashes committed in tests/fixtures/sample-manifest.json
  // (one generation instead of three). When the generator changes on purpose, regenerate the manifest with
  // `npm run sample:manifest` and commit it with the change.
  it('is generated byte for byte as the committed manifest from the default seed, and differently from another', async () => {
    const out = path.join(dir, 'generated');
    writeSample(out);
    const hashes = Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, sha256(path.join(out, f))]));
    const manifest = `${JSON.stringify({ seed: DEFAULT_SEED, files: hashes }, null, 2)}\n`;
    await expect(manifest, 'the sample generator changed: if on purpose, run npm run sample:manifest').toMatchFileSnapshot('../fixtures/sample-manifest.json');
    // Another seed draws another sample. Cheaply: the population (drawn first, from the seed alone) is drawn again
    // here the way writeSample draws it; the same steps give the manifest's file for the default seed, another file
    // for seed 7.
    const population = (seed: number) => {
      const lsoas = buildPopulation(new Random(seed));
      fitChildPopulations(lsoas);
      const file = path.join(dir, `population-seed-${seed}.csv`);
      writeCsv(file, ['area_code', 'area_name', 'area_type', 'year', 'sex', 'age_band', 'count'], populationRows(lsoas, 2018));
      return sha256(file);
    };
    expect(population(DEFAULT_SEED)).toBe(hashes['population-2018.csv']);
    expect(population(7)).not.toBe(hashes['population-2018.csv']);
  }, 120_000); // one whole generation: about 5 s alone, more on a loaded machine
});
