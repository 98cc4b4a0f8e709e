import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../electron/engine';

/** A fresh temp folder; removed by the returned cleanup. */
export function tempDir(prefix = 'csw-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Builds a table through a trusted engine connection (the way importers will), since user SQL is read-only.
 * `select` is test-authored SQL, never user input.
 */
export async function createTable(engine: Engine, name: string, select: string): Promise<void> {
  await engine.workspace.withConnection((c) => c.run(`CREATE TABLE "${name}" AS ${select}`));
}

/** The standard fixture: `rows` synthetic crimes with ties in every sortable column except id. */
export function crimesSelect(rows: number): string {
  return `SELECT range AS id,
    'E050106' || lpad(CAST(range % 22 AS VARCHAR), 2, '0') AS ward_code,
    ['Violence against the person', 'Theft offences', 'Burglary'][(range % 3) + 1] AS offence_group,
    DATE '2018-04-01' + CAST(range % 365 AS INTEGER) AS recorded_date,
    CAST((range * 7919) % 1000 AS DOUBLE) / 10 AS score
  FROM range(${rows})`;
}

export async function engineWith(rows: number): Promise<{ engine: Engine; dir: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const engine = await createEngine(path.join(dir, 'ws.duckdb'));
  await createTable(engine, 'crimes', crimesSelect(rows));
  return {
    engine,
    dir,
    cleanup: () => {
      engine.close();
      cleanup();
    },
  };
}
