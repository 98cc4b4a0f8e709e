import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { tempDir } from './tempWorkspace';

/**
 * A workspace in a temp folder for one describe block, opened before its tests and removed after, with a helper that
 * writes input files beside it. `setup` runs once the engine is open (imports the tests build on).
 */
export function importFixture(prefix: string, setup: (engine: Engine, file: (name: string, content: string | Buffer) => string) => Promise<void> = async () => {}) {
  const { dir, cleanup } = tempDir(prefix);
  const fixture = {
    dir,
    engine: undefined as unknown as Engine,
    file(name: string, content: string | Buffer): string {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
  };
  beforeAll(async () => {
    fixture.engine = await createEngine(path.join(dir, 'ws.duckdb'));
    await setup(fixture.engine, fixture.file);
  });
  afterAll(() => {
    fixture.engine?.close();
    cleanup();
  });
  return fixture;
}
