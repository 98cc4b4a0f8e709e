import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Vitest's global setup (root config, so one per run for every project): a folder where the first test file that needs
 * the sample workspace builds it, once, and every other file copies it from (tests/support/sampleWorkspace.ts). The
 * build itself is lazy, so a run of files that never touch the sample pays nothing. Removed when the run ends.
 */
export default function setup(project: TestProject): () => void {
  // `npm test` (tests/run.mjs) runs two vitest processes side by side and hands both one folder, so they share a build.
  const shared = process.env.CSW_SAMPLE_CACHE;
  const dir = shared ?? fs.mkdtempSync(path.join(os.tmpdir(), 'csw-sample-once-'));
  project.provide('sampleCache', dir);
  return () => {
    if (!shared) fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sampleCache: string;
  }
}
