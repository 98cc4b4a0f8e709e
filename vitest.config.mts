import os from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three layers of the pyramid: engine/shared units in Node against real DuckDB, renderer components in jsdom with the
// fake Api, and end-to-end journeys in Debian Chromium against the built app and the real engine.
export default defineConfig({
  test: {
    // The sample workspace is built once per run (by the first file that needs it) and copied per file.
    globalSetup: ['tests/support/sampleGlobalSetup.ts'],
    // Unit and component files run first, then the e2e files one at a time. Vitest's default (one worker fewer than
    // the cores) leaves one of a two-core machine's cores idle for the whole unit phase: the main process only waits.
    // (Running the e2e files beside the unit files was tried: it slows the import that crash safety kills at seeded
    // times into the commit itself, where a kill can leave a torn import — see the README's known limits.)
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
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
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
