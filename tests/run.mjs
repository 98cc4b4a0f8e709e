#!/usr/bin/env node
// `npm test`: the whole suite, with the browser and kill-timed end-to-end files (project e2e) running beside the unit,
// component and CLI files rather than after them. The e2e files run one at a time (one browser on a two-core
// machine), so they are the suite's longest chain; run after the rest, they left a core mostly idle. (This was
// withdrawn once because the load moved crash safety's kills into an import's commit, where DuckDB could tear it;
// opening a workspace now repairs that — import/tornImports.ts — so those trials hold under load.) Two vitest processes share one sample workspace
// build (tests/support/sampleWorkspace.ts claims it across processes). The e2e output is held while the unit and
// component output prints, then shown whole, so the log reads as one run after another.
// With arguments (`npm test -- tests/unit/x.test.ts`, `-t name`), it is plain `vitest run` with them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);
const children = new Set();

function run(vitestArgs, env, output) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', ...vitestArgs], { cwd: root, env, stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'] });
    children.add(child);
    if (output) {
      child.stdout.on('data', output);
      child.stderr.on('data', output);
    }
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let cache;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    if (cache) fs.rmSync(cache, { recursive: true, force: true });
    process.exit(130);
  });
}

if (args.length) process.exit(await run(args, process.env));

cache = fs.mkdtempSync(path.join(os.tmpdir(), 'csw-sample-once-'));
const env = { ...process.env, CSW_SAMPLE_CACHE: cache };
const started = performance.now();
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

// The e2e output waits until the unit and component output has printed, then flows.
let held = [];
const e2eOutput = (chunk) => (held ? held.push(chunk) : process.stdout.write(chunk));
let e2eMs = 0;
const e2e = run(['--project', 'e2e'], env, e2eOutput).then((code) => ((e2eMs = performance.now() - started), code));
const unitCode = await run(['--project', 'unit', '--project', 'component', '--project', 'cli'], env);
const unitMs = performance.now() - started;
process.stdout.write('\n--- end-to-end in the browser and with kills at set times (ran beside the unit, component and CLI files)\n');
for (const chunk of held) process.stdout.write(chunk);
held = undefined;
const e2eCode = await e2e;
fs.rmSync(cache, { recursive: true, force: true });
const verdict = (code) => (code === 0 ? 'passed' : 'FAILED');
process.stdout.write(`\nunit + component + cli ${verdict(unitCode)} in ${seconds(unitMs)}; e2e ${verdict(e2eCode)} in ${seconds(e2eMs)}; whole suite ${seconds(performance.now() - started)}\n`);
process.exit(unitCode || e2eCode);
