/*
 * The real-format cases of `npm run bench`: police.uk street files (one file and a folder of monthly per-force files)
 * and the refresh and removal of a force extract, each against raw DuckDB doing the same to the same file in the same
 * run. bench.ts runs them; the force extract's own import is measured there (benchSize).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createEngine, type Engine } from '../electron/engine';
import { duckdbMemory, median, peakMemory, round, timed } from './measure';
import { medianPhases, traced, type Phases } from './trace';
import { extractProfile, writeExtract } from './extract';
import { writePoliceUk } from './policeUkFiles';

export interface Measured {
  appMs: number;
  rawMs: number;
  ratio: number;
  peakRssBytes: number;
  duckdbPeakBytes: number;
  spilledPeakBytes: number;
  /** Each run's times, for the record: these machines are shared, and the spread says how far to trust a median. */
  appRunsMs: number[];
  rawRunsMs: number[];
  /** Median CPU time of the process (all threads) during each, and their ratio: steadier than wall time under load. */
  appCpuMs: number;
  rawCpuMs: number;
  cpuRatio: number;
  /** The app's engine time by phase (median): reading the file into staging, checking and typing it, writing it. */
  phasesMs: Phases;
}

export interface Env {
  dir: string;
  memoryLimit: string;
  trace: boolean;
  lsoaLookup: string;
  baseWorkspace(file: string): Promise<void>;
  rawDuckDB<T>(file: string, work: (c: DuckDBConnection) => Promise<T>): Promise<T>;
  invoke<T>(engine: Engine, channel: Parameters<Engine['invoke']>[0], input: unknown): Promise<T>;
  log(message: string): void;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const keyOf = (workspace: string) => `${workspace.replace(/\.duckdb$/i, '')}.key`;

/** Runs `app` (timed, memory sampled) on a fresh copy of `base`, `runs` times; returns the times and peaks. */
async function appRuns(env: Env, base: string, runs: number, label: string, app: (engine: Engine) => Promise<unknown>) {
  const workspace = path.join(env.dir, `${label}.duckdb`);
  const times: number[] = [];
  const cpu: number[] = [];
  const phases: Phases[] = [];
  let rss = 0;
  let held = 0;
  let spilled = 0;
  for (let i = 0; i < runs; i++) {
    for (const f of [workspace, `${workspace}.wal`]) fs.rmSync(f, { force: true });
    fs.rmSync(`${workspace}.files`, { recursive: true, force: true });
    fs.copyFileSync(base, workspace);
    // The workspace's pseudonymisation key goes with it: a new key would hash every victim and offender afresh.
    if (fs.existsSync(keyOf(base))) fs.copyFileSync(keyOf(base), keyOf(workspace));
    const engine = await createEngine(workspace, { memoryLimit: env.memoryLimit, backups: false });
    const memory = peakMemory();
    const buffers = duckdbMemory(() => engine.workspace.connect());
    try {
      const run: Phases = { staging: 0, checking: 0, writing: 0 };
      const { ms, cpuMs } = await traced(env.trace, () => timed(() => app(engine)), run);
      phases.push(run);
      times.push(ms);
      cpu.push(cpuMs);
      env.log(`${label} app ${i + 1}/${runs}: ${round(ms / 1000, 2)} s`);
    } finally {
      rss = Math.max(rss, memory.stop());
      const b = await buffers.stop();
      held = Math.max(held, b.peakBytes);
      spilled = Math.max(spilled, b.spilledBytes);
      engine.close();
    }
  }
  return { times, cpu, rss, held, spilled, workspace, phases };
}

/** Raw DuckDB doing `work` in a fresh database (after `setup`, untimed), `runs` times. */
async function rawRuns(env: Env, runs: number, label: string, work: (c: DuckDBConnection) => Promise<unknown>, setup: (c: DuckDBConnection) => Promise<unknown> = async () => undefined) {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const file = path.join(env.dir, `raw-${label}-${i}.duckdb`);
    const run = await env.rawDuckDB(file, async (c) => {
      await setup(c);
      return timed(() => work(c));
    });
    times.push(run.ms);
    cpu.push(run.cpuMs);
    for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
  }
  env.log(`${label} raw: ${round(median(times) / 1000, 2)} s`);
  return { times, cpu };
}

function measured(app: { times: number[]; cpu: number[]; rss: number; held: number; spilled: number; phases: Phases[] }, raw: { times: number[]; cpu: number[] }): Measured {
  return {
    appMs: round(median(app.times)),
    rawMs: round(median(raw.times)),
    ratio: round(median(app.times) / median(raw.times), 2),
    peakRssBytes: app.rss,
    duckdbPeakBytes: app.held,
    spilledPeakBytes: app.spilled,
    appRunsMs: app.times.map((t) => round(t)),
    rawRunsMs: raw.times.map((t) => round(t)),
    appCpuMs: round(median(app.cpu)),
    rawCpuMs: round(median(raw.cpu)),
    cpuRatio: round(median(app.cpu) / median(raw.cpu), 2),
    phasesMs: medianPhases(app.phases),
  };
}

export interface PoliceUkResult {
  rows: number;
  csvBytes: number;
  files: number;
  oneFile: Measured;
  folder: Measured;
  /** What the app reported of the one-file import: its counting of police.uk rows. */
  report: { rows_read: number; rows_imported: number; rows_quarantined: number; by_dataset: Record<string, number>; police_uk?: unknown; unplaced: unknown };
}

/** police.uk street rows as one file and as a folder of monthly per-force files, each against raw read_csv of the same. */
export async function benchPoliceUk(env: Env, rows: number, runs: number, withFolder = true): Promise<PoliceUkResult> {
  const file = path.join(env.dir, `police-uk-${rows}.csv`);
  const folder = path.join(env.dir, `police-uk-${rows}`);
  env.log('writing the police.uk files…');
  await writePoliceUk(file, rows, env.lsoaLookup, folder);
  const base = path.join(env.dir, `base-police-uk-${rows}.duckdb`);
  await env.baseWorkspace(base);
  let report: PoliceUkResult['report'] | undefined;
  const one = await appRuns(env, base, runs, `police-uk-${rows}-file`, async (engine) => {
    report = await env.invoke(engine, 'import.run', { file, as: 'police-uk', operationId: randomUUID() });
  });
  const oneRaw = await rawRuns(env, runs, `police-uk-${rows}-file`, (c) => c.run(`CREATE TABLE street AS SELECT * FROM read_csv(${literal(file)})`));
  const skipped = { times: [0], cpu: [0], rss: 0, held: 0, spilled: 0, workspace: '', phases: [{ staging: 0, checking: 0, writing: 0 }] };
  const many = !withFolder ? skipped : await appRuns(env, base, runs, `police-uk-${rows}-folder`, (engine) => env.invoke(engine, 'import.run', { file: folder, files: [folder], as: 'police-uk', operationId: randomUUID() }));
  const manyRaw = !withFolder ? { times: [1], cpu: [1] } : await rawRuns(env, runs, `police-uk-${rows}-folder`, (c) => c.run(`CREATE TABLE street AS SELECT * FROM read_csv(${literal(path.join(folder, '*.csv'))})`));
  const r = report!;
  return {
    rows,
    csvBytes: fs.statSync(file).size,
    files: fs.readdirSync(folder).length,
    oneFile: measured(one, oneRaw),
    folder: measured(many, manyRaw),
    report: { rows_read: r.rows_read, rows_imported: r.rows_imported, rows_quarantined: r.rows_quarantined, by_dataset: r.by_dataset, police_uk: r.police_uk, unplaced: r.unplaced },
  };
}

export interface RefreshResult {
  workspaceRows: number;
  refreshRows: number;
  refresh: Measured & { report: { rows_read: number; refresh?: unknown } };
  remove: Measured & { removed: unknown; restored: unknown };
}

/**
 * A workspace holding `rows` crimes of the force extract (imported with its saved mapping) refreshed by an extract of
 * its last 110 days as the records system exports them again a month on (about a tenth of the rows: the same
 * references, one in a hundred with a changed flag, one in two hundred gone, and new crimes), then that import removed
 * (which brings back the rows it updated or took away). Raw DuckDB does the same to a table of the same file: take away
 * the rows with the new file's references (kept aside), insert the new file; then delete those and put the kept rows back.
 */
export async function benchRefresh(env: Env, rows: number, extract: string, runs: number): Promise<RefreshResult> {
  const refreshFile = path.join(env.dir, `refresh-${rows}.csv`);
  env.log('writing the refreshed extract…');
  await writeExtract(refreshFile, rows, env.lsoaLookup, { refreshFromDay: 1095 - 110 });
  const base = path.join(env.dir, `base-refresh-${rows}.duckdb`);
  await env.baseWorkspace(base);
  {
    const engine = await createEngine(base, { memoryLimit: env.memoryLimit, backups: false });
    await env.invoke(engine, 'import.run', { file: extract, as: 'crimes', mapping: extractProfile, operationId: randomUUID() });
    await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
    engine.close();
  }
  let refreshReport: { rows_read: number; refresh?: unknown; import_id: number } | undefined;
  const refreshed = await appRuns(env, base, runs, `refresh-${rows}`, async (engine) => {
    refreshReport = await env.invoke(engine, 'import.run', { file: refreshFile, as: 'crimes', mapping: extractProfile, refresh: true, operationId: randomUUID() });
  });
  const ref = '"Crime Reference"';
  const rawSetup = (c: DuckDBConnection) => c.run(`CREATE TABLE crimes AS SELECT * FROM read_csv(${literal(extract)})`);
  const rawRefresh = async (c: DuckDBConnection) => {
    await c.run('BEGIN');
    await c.run(`CREATE TABLE incoming AS SELECT * FROM read_csv(${literal(refreshFile)})`);
    await c.run(`CREATE TABLE kept AS SELECT * FROM crimes WHERE ${ref} IN (SELECT ${ref} FROM incoming)`);
    await c.run(`DELETE FROM crimes WHERE ${ref} IN (SELECT ${ref} FROM incoming)`);
    await c.run(`INSERT INTO crimes SELECT * FROM incoming`);
    await c.run('COMMIT');
  };
  const refreshRaw = await rawRuns(env, runs, `refresh-${rows}`, rawRefresh, rawSetup);

  // Removal: the refreshed workspace of the last app run, copied afresh for each run.
  const afterRefresh = path.join(env.dir, `refreshed-${rows}.duckdb`);
  {
    const engine = await createEngine(refreshed.workspace, { memoryLimit: env.memoryLimit, backups: false });
    await engine.workspace.withConnection((c) => c.run('CHECKPOINT'));
    engine.close();
    fs.copyFileSync(refreshed.workspace, afterRefresh);
    fs.copyFileSync(keyOf(refreshed.workspace), keyOf(afterRefresh));
  }
  let removal: { removed: unknown; restored: unknown } | undefined;
  const removed = await appRuns(env, afterRefresh, runs, `remove-${rows}`, async (engine) => {
    removal = await env.invoke(engine, 'imports.remove', { importId: refreshReport!.import_id });
  });
  const removeRaw = await rawRuns(
    env,
    runs,
    `remove-${rows}`,
    async (c) => {
      await c.run('BEGIN');
      await c.run(`DELETE FROM crimes WHERE ${ref} IN (SELECT ${ref} FROM incoming)`);
      await c.run(`INSERT INTO crimes SELECT * FROM kept`);
      await c.run('COMMIT');
    },
    async (c) => {
      await rawSetup(c);
      await rawRefresh(c);
    },
  );
  return {
    workspaceRows: rows,
    refreshRows: refreshReport!.rows_read,
    refresh: { ...measured(refreshed, refreshRaw), report: { rows_read: refreshReport!.rows_read, refresh: refreshReport!.refresh } },
    remove: { ...measured(removed, removeRaw), removed: removal!.removed, restored: removal!.restored },
  };
}
