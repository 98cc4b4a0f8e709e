import os from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three layers of the pyramid: engine/shared units in Node against real DuckDB, renderer components in jsdom with the
// fake Api, and end-to-end journeys in Debian Chromium against the built app and the real engine.
// Not the kill-timed files (crash safety, raw IDs killed, the workspace lock): a loaded core moves their kills.
const cliFiles = ['changeCli', 'boardPackCli', 'boardPackLayout', 'cli', 'cliWarnings', 'diskFullCli', 'runOutAtomic', 'userSqlAbort'].map(
  (name) => `tests/e2e/${name}.test.ts`,
);

export default defineConfig({
  test: {
    // The sample workspace is built once per run (by the first file that needs it) and copied per file.
    globalSetup: ['tests/support/sampleGlobalSetup.ts'],
    // Unit, component and CLI files on every core: vitest's default (one worker fewer than the cores) leaves one of a
    // two-core machine's cores idle, since the main process only waits. `vitest run` runs the e2e files after them, one
    // at a time; `npm test` (tests/run.mjs) runs the e2e project in a second process beside them.
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        plugins: [react()],
        test: { name: 'component', environment: 'jsdom', include: ['tests/component/**/*.test.tsx'] },
      },
      {
        // End-to-end files that drive the built CLI in processes of their own and wait on nothing timed: they share
        // the cores with the unit files instead of queueing behind the browser journeys (the e2e chain was the
        // suite's critical path, with LibreOffice's render and the nine districts' packs each using one core).
        test: {
          name: 'cli',
          environment: 'node',
          include: cliFiles,
          testTimeout: 120_000,
          hookTimeout: 480_000,
          maxConcurrency: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: cliFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: these machines have two cores. Tests marked concurrent (separate CLI processes
          // with nothing shared) run two at a time.
          fileParallelism: false,
          maxConcurrency: 2,
        },
      },
    ],
  },
});
