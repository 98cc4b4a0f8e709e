import path from 'node:path';
import { createEngine, type Engine } from '../../electron/engine';
import { importOk } from './importHelpers';
import { districtLookup, lsoaLookup } from './sharedData';
import { tempDir } from './tempWorkspace';

/**
 * Fresh workspaces in one temp folder, each holding the real LSOA → ward → district and district → CSP → force
 * lookups: what a police.uk or extract import needs to place its rows. `open` gives a new one each call.
 */
export function lookupWorkspaces(prefix: string): { dir: string; cleanup: () => void; open: () => Promise<Engine> } {
  const { dir, cleanup } = tempDir(prefix);
  let n = 0;
  return {
    dir,
    cleanup,
    async open() {
      const engine = await createEngine(path.join(dir, `ws${++n}.duckdb`), { backups: false });
      await importOk(engine, lsoaLookup, 'geography');
      await importOk(engine, districtLookup, 'geography');
      return engine;
    },
  };
}
