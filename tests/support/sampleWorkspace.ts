import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { buildSampleWorkspace } from '../../electron/engine/sampleWorkspace';
import type { ImportReport } from '../../shared/api';
import './sampleGlobalSetup';

/*
 * The sample workspace, built once per test run and copied per test file (issue 16: sixteen files each built it, most
 * of the suite's time). The first file to ask builds it with the real buildSampleWorkspace; files in other workers
 * (and the e2e project) wait for it. Cross-process, so the claim is a directory made atomically and the finished build
 * is renamed into place: `ready/` exists only once the build is whole.
 */

export interface SampleBuild {
  /** The folder holding the build: `sample.duckdb` and its sidecars (`sample.key`, `sample.files/`), nothing else. */
  dir: string;
  file: string;
  /** What buildSampleWorkspace returned, and how long it took, for the test of the build itself. */
  reports: ImportReport[];
  buildMs: number;
}

const WAIT_LIMIT_MS = 10 * 60_000;
const NAME = 'sample';

function cacheDir(): string {
  const dir = inject('sampleCache');
  if (!dir) throw new Error('No sample cache: run the tests through vitest.config.mts (its globalSetup provides one).');
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function build(cache: string): Promise<void> {
  const work = path.join(cache, `building-${process.pid}`);
  try {
    fs.mkdirSync(work);
    const started = performance.now();
    const reports = await buildSampleWorkspace(path.join(work, `${NAME}.duckdb`));
    const buildMs = performance.now() - started;
    fs.writeFileSync(path.join(cache, 'build.json'), JSON.stringify({ reports, buildMs }));
    fs.renameSync(work, path.join(cache, 'ready'));
  } catch (error) {
    // Every waiting file fails with the build's own message rather than timing out.
    fs.writeFileSync(path.join(cache, 'failed.txt'), String((error as Error).stack ?? error));
    throw error;
  }
}

let built: Promise<SampleBuild> | undefined;

/** The run's one sample build: built here if no other file has claimed it, else waited for. */
export function sampleBuild(): Promise<SampleBuild> {
  built ??= (async () => {
    const cache = cacheDir();
    const ready = path.join(cache, 'ready');
    let claimed = false;
    try {
      fs.mkdirSync(path.join(cache, 'claim'));
      claimed = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (claimed) await build(cache);
    const started = Date.now();
    while (!fs.existsSync(ready)) {
      if (fs.existsSync(path.join(cache, 'failed.txt'))) throw new Error(`Building the sample workspace failed in another test file:\n${fs.readFileSync(path.join(cache, 'failed.txt'), 'utf8')}`);
      if (Date.now() - started > WAIT_LIMIT_MS) throw new Error('Timed out waiting for another test file to build the sample workspace.');
      await sleep(100);
    }
    const { reports, buildMs } = JSON.parse(fs.readFileSync(path.join(cache, 'build.json'), 'utf8')) as { reports: ImportReport[]; buildMs: number };
    return { dir: ready, file: path.join(ready, `${NAME}.duckdb`), reports, buildMs };
  })();
  return built;
}

/**
 * A fresh sample workspace at `file`, as buildSampleWorkspace would leave it there: the workspace and each sidecar the
 * build made (its pseudonymisation key, its `.files/` folder), renamed for `file`. Nothing in the workspace names its
 * own path, so the copy is the build. Refuses an existing file, as the build does.
 */
export async function sampleWorkspace(file: string): Promise<string> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; the sample is copied into a new workspace.`);
  copyWorkspace((await sampleBuild()).file, file);
  return file;
}

/**
 * Copies a closed workspace and every sidecar beside it (`<name>.key`, `<name>.files/`, a WAL, backups) to `to`, each
 * renamed for it. Never while the workspace is open in this process: reading it by path would release DuckDB's lock.
 */
export function copyWorkspace(from: string, to: string): void {
  const name = path.basename(from).replace(/\.duckdb$/i, '');
  const base = to.replace(/\.duckdb$/i, '');
  fs.mkdirSync(path.dirname(to), { recursive: true });
  for (const entry of fs.readdirSync(path.dirname(from))) {
    if (entry !== `${name}.duckdb` && !entry.startsWith(`${name}.`)) continue;
    const target = entry === `${name}.duckdb` ? to : `${base}${entry.slice(name.length)}`;
    fs.cpSync(path.join(path.dirname(from), entry), target, { recursive: true, errorOnExist: true, force: false });
  }
}
