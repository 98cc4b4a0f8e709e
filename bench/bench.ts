/*
 * `npm run bench`: the app's pipeline against raw DuckDB on the same files and SQL, in the same run, on this machine.
 * Prints one JSON document (stdout) of medians and ratios, and a short table for people (stderr).
 * Options: --sizes 1000000,10000000  --runs 3  --memory-limit 4GB  --keep (leave the temp folder)
 *          --import-only (skip the library and grid)  --trace (print each import statement taking 50 ms or more)
 *          --cases extract,police-uk,refresh (which cases to run; all by default; police-uk-file: without the folder)
 *          --big-runs 1 (runs of the police.uk, refresh and removal cases at 5 million rows or more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { analyses } from '../shared/analyses/registry';
import { createEngine, type Engine, resolveParameters, boundValues, createContext, createSharedRelations, Pseudonymiser } from '../electron/engine';
import { createWebServer } from '../electron/server/webServer';
import { newServerToken } from '../electron/server/requestChecks';
import { TOKEN_HEADER } from '../shared/serverToken';
import { extractProfile, writeExtract } from './extract';
import { duckdbMemory, median, medianOf, peakMemory, round, timed } from './measure';
import { medianPhases, traced, type Phases } from './trace';
import { benchPoliceUk, benchRefresh, type Env, type PoliceUkResult, type RefreshResult } from './realFormat';

const publicData = path.resolve(__dirname, '..', '..', 'sample-data', 'public');
const lookups = {
  lsoa: path.join(publicData, 'geography', 'LSOA11_WD19_LAD19_staffordshire-force.csv'),
  district: path.join(publicData, 'geography', 'LAD19_CSP19_PFA19_EW_LU.csv'),
  population: path.join(publicData, 'population', 'IoD2019_File6_Population_Denominators_staffordshire-force.csv'),
};

async function invoke<T>(engine: Engine, channel: Parameters<Engine['invoke']>[0], input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input as never);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** A workspace with the geography lookups and population: what the extract is imported into. */
async function baseWorkspace(file: string, memoryLimit: string): Promise<void> {
  const engine = await createEngine(file, { memoryLimit, backups: false });
  for (const [source, as] of [[lookups.lsoa, 'geography'], [lookups.district, 'geography'], [lookups.population, 'population']]) {
    await invoke(engine, 'import.run', { file: source, as, operationId: randomUUID() });
  }
  await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
  engine.close();
}

async function rawDuckDB<T>(file: string, memoryLimit: string, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file, { memory_limit: memoryLimit, autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface SizeResult {
  rows: number;
  csvBytes: number;
  /** duckdbPeakBytes: the most DuckDB's buffer manager held; spilledPeakBytes: the most it had spilled to disk. */
  /** phasesMs: the app's engine time reading the file into staging, checking and typing it, and writing it (trace.ts). */
  /** rawHashedCopyMs: raw DuckDB making only the HMAC'd Parquet copy the sealed reader makes (hashedCopyToRaw: over rawMs). */
  import: { appMs: number; rawMs: number; ratio: number; appCpuMs: number; rawCpuMs: number; cpuRatio: number; peakRssBytes: number; duckdbPeakBytes: number; spilledPeakBytes: number; phasesMs: Phases; rawHashedCopyMs: number; hashedCopyToRaw: number };
  workspaceBytes: number;
  workspaceToCsv: number;
  /** Absent with --import-only. */
  library?: { analyses: string[]; skipped: Record<string, string>; oneDistrict: { appMs: number; rawMs: number; ratio: number }; allDistricts: { appMs: number; rawMs: number; ratio: number } };
  grid?: { firstMs: number; middleMs: number; lastMs: number; rawFirstMs: number; rawMiddleMs: number; rawLastMs: number };
  peakRssBytes: number;
  /** The library and grid phase: the process's memory as it began, and the most DuckDB's buffer manager held. */
  analysisMemory?: { rssBeforeBytes: number; duckdbPeakBytes: number };
}

/**
 * What pseudonymisation costs before any checking: raw DuckDB (median of `runs`) reading the extract and writing the
 * same HMAC'd Parquet copy the sealed reader writes (every column as text, victim and offender hashed by the app's own
 * SQL, Pseudonymiser.sqlHash), and nothing else. The app's staging phase cannot be cheaper than this.
 */
async function rawHashedCopy(dir: string, csv: string, memoryLimit: string, runs: number): Promise<number> {
  const start = Buffer.alloc(4096);
  const fd = fs.openSync(csv, 'r');
  fs.readSync(fd, start, 0, start.length, 0);
  fs.closeSync(fd);
  const header = start.toString('utf8').split('\n')[0].split(',');
  const pseudonymiser = Pseudonymiser.forWorkspace(path.join(dir, 'hashed-copy.duckdb'));
  let params: Record<string, string> = {};
  const columns = header.map((name) => {
    const text = `coalesce("${name}", '')`;
    if (!/URN$/.test(name)) return `${text} AS "${name}"`;
    const hash = pseudonymiser.sqlHash(text);
    params = { ...params, ...hash.params };
    return `${hash.sql} AS "${name}"`;
  });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `hashed-copy-${i}.parquet`);
    const run = await rawDuckDB(':memory:', memoryLimit, (c) =>
      timed(() => c.run(`COPY (SELECT ${columns.join(', ')} FROM read_csv('${csv}', all_varchar = true)) TO '${out}' (FORMAT parquet)`, params)),
    );
    times.push(run.ms);
    fs.rmSync(out, { force: true });
  }
  return median(times);
}

interface BenchOptions {
  runs: number;
  memoryLimit: string;
  importOnly: boolean;
  trace: boolean;
}

async function benchSize(dir: string, rows: number, { runs, memoryLimit, importOnly, trace }: BenchOptions): Promise<SizeResult> {
  const csv = path.join(dir, `extract-${rows}.csv`);
  const log = (message: string) => process.stderr.write(`[${rows.toLocaleString('en-GB')}] ${message}\n`);
  log('writing the extract…');
  await writeExtract(csv, rows, lookups.lsoa);
  const base = path.join(dir, `base-${rows}.duckdb`);
  await baseWorkspace(base, memoryLimit);

  // Import: the whole pipeline (checking, mapping, pseudonymisation, provenance) against read_csv into a table.
  const workspace = path.join(dir, `app-${rows}.duckdb`);
  const importRuns = rows >= 5_000_000 ? 1 : runs;
  const appTimes: number[] = [];
  const appCpu: number[] = [];
  const appPhases: Phases[] = [];
  let importPeak = 0;
  let duckdbPeak = 0;
  let spilledPeak = 0;
  for (let i = 0; i < importRuns; i++) {
    for (const f of [workspace, `${workspace}.wal`]) fs.rmSync(f, { force: true });
    fs.copyFileSync(base, workspace);
    const engine = await createEngine(workspace, { memoryLimit, backups: false });
    const memory = peakMemory();
    const buffers = duckdbMemory(() => engine.workspace.connect());
    const phases: Phases = { staging: 0, checking: 0, writing: 0 };
    const { ms, cpuMs } = await traced(trace, () => timed(() => invoke(engine, 'import.run', { file: csv, as: 'crimes', mapping: extractProfile, operationId: randomUUID() })), phases);
    appCpu.push(cpuMs);
    appPhases.push(phases);
    importPeak = Math.max(importPeak, memory.stop());
    const held = await buffers.stop();
    duckdbPeak = Math.max(duckdbPeak, held.peakBytes);
    spilledPeak = Math.max(spilledPeak, held.spilledBytes);
    appTimes.push(ms);
    await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
    engine.close();
    log(`app import ${i + 1}/${importRuns}: ${round(ms / 1000, 2)} s`);
  }
  const rawTimes: number[] = [];
  const rawCpu: number[] = [];
  for (let i = 0; i < importRuns; i++) {
    const raw = path.join(dir, `raw-${rows}-${i}.duckdb`);
    const run = await rawDuckDB(raw, memoryLimit, (c) => timed(() => c.run(`CREATE TABLE crimes AS SELECT * FROM read_csv('${csv}')`)));
    rawTimes.push(run.ms);
    rawCpu.push(run.cpuMs);
    fs.rmSync(raw, { force: true });
  }
  log(`raw import: ${round(median(rawTimes) / 1000, 2)} s`);
  const hashedCopy = await rawHashedCopy(dir, csv, memoryLimit, importRuns);
  log(`raw DuckDB's HMAC'd copy alone: ${round(hashedCopy / 1000, 2)} s`);
  const csvBytes = fs.statSync(csv).size;
  const importResult = {
    appMs: round(median(appTimes)),
    rawMs: round(median(rawTimes)),
    ratio: round(median(appTimes) / median(rawTimes), 2),
    appCpuMs: round(median(appCpu)),
    rawCpuMs: round(median(rawCpu)),
    cpuRatio: round(median(appCpu) / median(rawCpu), 2),
    peakRssBytes: importPeak, duckdbPeakBytes: duckdbPeak, spilledPeakBytes: spilledPeak, phasesMs: medianPhases(appPhases),
    rawHashedCopyMs: round(hashedCopy), hashedCopyToRaw: round(hashedCopy / median(rawTimes), 2) };
  if (importOnly) {
    const workspaceBytes = fs.statSync(workspace).size;
    return { rows, csvBytes, import: importResult, workspaceBytes, workspaceToCsv: round(workspaceBytes / csvBytes, 2), peakRssBytes: importPeak };
  }

  const engine = await createEngine(workspace, { memoryLimit, backups: false });
  // Taken as the phase begins, so that what this process ran before (the extract writer, raw DuckDB) is told apart.
  const rssBefore = process.memoryUsage().rss;
  log(`process memory before the library and grid: ${round(rssBefore / 1e6)} MB`);
  const memory = peakMemory();
  const buffers = duckdbMemory(() => engine.workspace.connect());
  try {
    // The library: every analysis that this workspace has the data for, through the app and as the same SQL directly.
    const districts = await engine.workspace.withConnection(async (c) =>
      (await c.runAndReadAll('SELECT DISTINCT district_code FROM geography WHERE district_code IS NOT NULL ORDER BY 1')).getRows().map(([code]) => String(code)),
    );
    const lichfield = 'E07000194';
    const paramsFor = (analysis: (typeof analyses)[number], area: string) => {
      const declared = new Set(analysis.parameters.map((p) => p.name));
      return Object.fromEntries(Object.entries({ area, from: '2019-04-01', to: '2020-03-31' }).filter(([k]) => declared.has(k)));
    };
    const skipped: Record<string, string> = {};
    const runnable: (typeof analyses)[number][] = [];
    for (const analysis of analyses) {
      const tried = await engine.invoke('analyses.run', { id: analysis.id, params: paramsFor(analysis, lichfield), operationId: randomUUID() });
      if (tried.ok) runnable.push(analysis);
      else skipped[analysis.id] = tried.error.message;
    }
    const appLibrary = async (areas: string[]) => {
      for (const area of areas) for (const a of runnable) await invoke(engine, 'analyses.run', { id: a.id, params: paramsFor(a, area), operationId: randomUUID() });
    };
    const rawLibrary = (areas: string[]) =>
      engine.workspace.withConnection(async (c) => {
        for (const area of areas) {
          for (const a of runnable) {
            const resolved = await resolveParameters(c, a, paramsFor(a, area));
            await createContext(c, resolved);
            await createSharedRelations(c, a.sql, resolved.values);
            await c.runAndReadAll(a.sql, boundValues(a.sql, resolved.values));
          }
        }
      });
    const libRuns = rows >= 5_000_000 ? 1 : runs;
    const oneApp = await medianOf(libRuns, () => appLibrary([lichfield]));
    const oneRaw = await medianOf(libRuns, () => rawLibrary([lichfield]));
    const allApp = await medianOf(libRuns, () => appLibrary(districts));
    const allRaw = await medianOf(libRuns, () => rawLibrary(districts));
    log(`library: one district ${round(oneApp)} ms (raw ${round(oneRaw)} ms); all ${districts.length} ${round(allApp)} ms (raw ${round(allRaw)} ms)`);

    // Grid paging through the real transport (HTTP on loopback), sorted, against the same page query in DuckDB.
    const token = newServerToken();
    const server = createWebServer(engine, path.resolve(__dirname, '..', 'renderer'), token);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const total = rows;
    const sortModel = [{ colId: 'recorded_date', sort: 'desc' }];
    const page = (startRow: number) => async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/grid.page`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ source: { kind: 'dataset', name: 'crimes' }, startRow, endRow: startRow + 200, sortModel }),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error(JSON.stringify(body));
    };
    const starts = { first: 0, middle: Math.floor(total / 2), last: total - 200 };
    const gridRuns = 5;
    await page(0)(); // warm: the first request also counts the table
    const grid = {
      firstMs: await medianOf(gridRuns, page(starts.first)),
      middleMs: await medianOf(gridRuns, page(starts.middle)),
      lastMs: await medianOf(gridRuns, page(starts.last)),
      rawFirstMs: 0,
      rawMiddleMs: 0,
      rawLastMs: 0,
    };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await engine.workspace.withConnection(async (c) => {
      const rawPage = (startRow: number) => () => c.runAndReadAll(`SELECT * FROM crimes ORDER BY recorded_date DESC NULLS LAST, rowid LIMIT 200 OFFSET ${startRow}`);
      grid.rawFirstMs = await medianOf(gridRuns, rawPage(starts.first));
      grid.rawMiddleMs = await medianOf(gridRuns, rawPage(starts.middle));
      grid.rawLastMs = await medianOf(gridRuns, rawPage(starts.last));
    });
    log(`grid: first ${round(grid.firstMs)} ms, middle ${round(grid.middleMs)} ms, last ${round(grid.lastMs)} ms`);

    const workspaceBytes = fs.statSync(workspace).size;
    return {
      rows,
      csvBytes,
      import: importResult,
      workspaceBytes,
      workspaceToCsv: round(workspaceBytes / csvBytes, 2),
      library: {
        analyses: runnable.map((a) => a.id),
        skipped,
        oneDistrict: { appMs: round(oneApp), rawMs: round(oneRaw), ratio: round(oneApp / oneRaw, 2) },
        allDistricts: { appMs: round(allApp), rawMs: round(allRaw), ratio: round(allApp / allRaw, 2) },
      },
      grid: Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, round(v)])) as SizeResult['grid'],
      peakRssBytes: Math.max(importPeak, memory.stop()),
      analysisMemory: { rssBeforeBytes: rssBefore, duckdbPeakBytes: (await buffers.stop()).peakBytes },
    };
  } finally {
    await buffers.stop();
    engine.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '1000000,10000000' }, runs: { type: 'string', default: '3' }, 'memory-limit': { type: 'string', default: '4GB' }, keep: { type: 'boolean' },
      'import-only': { type: 'boolean' }, trace: { type: 'boolean' }, cases: { type: 'string', default: 'extract,police-uk,refresh' }, 'big-runs': { type: 'string', default: '1' } },
  });
  // The 1-, 5- and 15-minute load averages: on a shared machine, how busy it was while this ran.
  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  const cases = new Set(values.cases.split(','));
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const memoryLimit = values['memory-limit'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csw-bench-'));
  const started = performance.now();
  try {
    const results: SizeResult[] = [];
    const trace = values.trace === true;
    if (cases.has('extract') || cases.has('refresh')) {
      for (const rows of sizes) results.push(await benchSize(dir, rows, { runs, memoryLimit, importOnly: values['import-only'] === true || !cases.has('extract'), trace }));
    }
    const env = (rows: number): Env => ({
      dir,
      memoryLimit,
      trace,
      lsoaLookup: lookups.lsoa,
      baseWorkspace: (file) => baseWorkspace(file, memoryLimit),
      rawDuckDB: (file, work) => rawDuckDB(file, memoryLimit, work),
      invoke,
      log: (message) => process.stderr.write(`[${rows.toLocaleString('en-GB')}] ${message}\n`),
    });
    // The 10-million-row cases `--big-runs` times (once by default): each takes minutes on a shared machine.
    const realRuns = (rows: number) => (rows >= 5_000_000 ? Number(values['big-runs']) : runs);
    const policeUk: PoliceUkResult[] = [];
    // `police-uk-file`: the one file only (quicker, when working on the import).
    if (cases.has('police-uk') || cases.has('police-uk-file')) {
      for (const rows of sizes) policeUk.push(await benchPoliceUk(env(rows), rows, realRuns(rows), cases.has('police-uk')));
    }
    const largest = Math.max(...sizes);
    const refresh: RefreshResult | undefined = cases.has('refresh')
      ? await benchRefresh(env(largest), largest, path.join(dir, `extract-${largest}.csv`), realRuns(largest))
      : undefined;
    const memoryBound = (limit: string) => parseBytes(limit) + 0.5e9;
    const targets = results.map((r) => ({
      rows: r.rows,
      importWithin1_5x: r.import.ratio <= 1.5,
      forceExtractWithin2x: r.import.ratio <= 2,
      memoryWithinLimitPlusHalfGB: r.import.peakRssBytes <= memoryBound(memoryLimit),
      ...(r.library && {
        libraryWithin2x: r.library.oneDistrict.ratio <= 2 && r.library.allDistricts.ratio <= 2,
        libraryOneDistrictUnder2s: r.rows !== 1_000_000 || r.library.oneDistrict.appMs < 2000,
      }),
      ...(r.grid && { gridPagesUnder100ms: Math.max(r.grid.firstMs, r.grid.middleMs, r.grid.lastMs) < 100 }),
    }));
    const realTargets = [
      ...policeUk.flatMap((p) =>
        (['oneFile', 'folder'] as const).map((layout) => ({
          case: `police.uk ${layout === 'oneFile' ? 'one file' : `folder of ${p.files} files`}`,
          rows: p.rows,
          ratio: p[layout].ratio,
          within1_5x: p[layout].ratio <= 1.5,
          memoryWithinLimitPlusHalfGB: p[layout].peakRssBytes <= memoryBound(memoryLimit),
        })),
      ),
      ...(refresh
        ? [
            { case: 'refresh', rows: refresh.workspaceRows, ratio: refresh.refresh.ratio, memoryWithinLimitPlusHalfGB: refresh.refresh.peakRssBytes <= memoryBound(memoryLimit) },
            { case: 'remove-import', rows: refresh.workspaceRows, ratio: refresh.remove.ratio, memoryWithinLimitPlusHalfGB: refresh.remove.peakRssBytes <= memoryBound(memoryLimit) },
          ]
        : []),
    ];
    const report = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), platform: `${os.platform()} ${os.arch()}`, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
      memoryLimit,
      runs,
      results,
      policeUk,
      ...(refresh ? { refresh } : {}),
      targets,
      realTargets,
      totalSeconds: round((performance.now() - started) / 1000),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const r of results) {
      process.stderr.write(
        [
          `\n${r.rows.toLocaleString('en-GB')} crimes (${round(r.csvBytes / 1e6)} MB CSV → ${round(r.workspaceBytes / 1e6)} MB workspace, ${r.workspaceToCsv}×)`,
          `  import        app ${round(r.import.appMs / 1000, 2)} s   raw ${round(r.import.rawMs / 1000, 2)} s   ${r.import.ratio}×   (CPU ${r.import.cpuRatio}×)`,
          `                staging ${round(r.import.phasesMs.staging / 1000, 2)} s, checking ${round(r.import.phasesMs.checking / 1000, 2)} s, writing ${round(r.import.phasesMs.writing / 1000, 2)} s; raw DuckDB's HMAC'd copy alone ${round(r.import.rawHashedCopyMs / 1000, 2)} s (${r.import.hashedCopyToRaw}× raw)`,
          ...(r.library
            ? [
                `  library (1)   app ${r.library.oneDistrict.appMs} ms   raw ${r.library.oneDistrict.rawMs} ms   ${r.library.oneDistrict.ratio}×   (${r.library.analyses.length} analyses)`,
                `  library (all) app ${r.library.allDistricts.appMs} ms   raw ${r.library.allDistricts.rawMs} ms   ${r.library.allDistricts.ratio}×`,
              ]
            : []),
          ...(r.analysisMemory
            ? [`  library/grid  DuckDB's buffers at most ${round(r.analysisMemory.duckdbPeakBytes / 1e6)} MB; the process held ${round(r.analysisMemory.rssBeforeBytes / 1e6)} MB as they began`]
            : []),
          ...(r.grid
            ? [`  grid pages    first ${r.grid.firstMs} ms   middle ${r.grid.middleMs} ms   last ${r.grid.lastMs} ms   (raw ${r.grid.rawFirstMs} / ${r.grid.rawMiddleMs} / ${r.grid.rawLastMs} ms)`]
            : []),
          `  peak memory   ${round(r.peakRssBytes / 1e6)} MB process; DuckDB's buffers ${round(r.import.duckdbPeakBytes / 1e6)} MB (limit ${memoryLimit}), ${round(r.import.spilledPeakBytes / 1e6)} MB spilled during import`,
        ].join('\n') + '\n',
      );
    }
    for (const p of policeUk) {
      for (const layout of ['oneFile', 'folder'] as const) {
        const m = p[layout];
        process.stderr.write(
          `\n${p.rows.toLocaleString('en-GB')} police.uk rows, ${layout === 'oneFile' ? 'one file' : `${p.files} files`} (${round(p.csvBytes / 1e6)} MB)\n` +
            `  import        app ${round(m.appMs / 1000, 2)} s   raw ${round(m.rawMs / 1000, 2)} s   ${m.ratio}× (CPU ${round(m.appCpuMs / 1000, 2)} / ${round(m.rawCpuMs / 1000, 2)} s, ${m.cpuRatio}×)   peak ${round(m.peakRssBytes / 1e6)} MB process, ${round(m.duckdbPeakBytes / 1e6)} MB DuckDB\n` +
              `                staging ${round(m.phasesMs.staging / 1000, 2)} s, checking ${round(m.phasesMs.checking / 1000, 2)} s, writing ${round(m.phasesMs.writing / 1000, 2)} s\n`,
        );
      }
    }
    if (refresh) {
      for (const [name, m] of [['refresh', refresh.refresh], ['remove-import', refresh.remove]] as const) {
        process.stderr.write(`\n${name} (${refresh.workspaceRows.toLocaleString('en-GB')}-row workspace, ${refresh.refreshRows.toLocaleString('en-GB')}-row extract)\n  app ${round(m.appMs / 1000, 2)} s   raw ${round(m.rawMs / 1000, 2)} s   ${m.ratio}×   peak ${round(m.peakRssBytes / 1e6)} MB process\n`);
      }
    }
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** "4GB", "512MB", "4 GiB" as bytes (DuckDB's sizes are decimal, its *iB binary). */
function parseBytes(text: string): number {
  const m = /^\s*([0-9.]+)\s*([kmgt]?)(i?)b\s*$/i.exec(text);
  if (!m) return Number.POSITIVE_INFINITY;
  const power = ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
  return Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
