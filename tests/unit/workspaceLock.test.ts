import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { listBackups } from '../../electron/engine/backups';
import { EngineError } from '../../electron/engine/errors';
import { backupToOffer } from '../../electron/host/backupOffer';
import { createWorkspaceHost } from '../../electron/host/workspaceHost';
import { createTable, tempDir } from '../support/tempWorkspace';

const root = path.resolve(__dirname, '..', '..');

/** Tries to open `file` with DuckDB in a separate process: what another window or a CLI run would do. */
function openElsewhere(file: string): string {
  const script = `require('@duckdb/node-api').DuckDBInstance.create(process.argv[1]).then(() => console.log('opened'), (e) => console.log(e.message))`;
  return spawnSync(process.execPath, ['-e', script, file], { cwd: root, encoding: 'utf8' }).stdout.trim();
}

describe('one writer per workspace (break 1)', () => {
  const { dir, cleanup } = tempDir('csw-lock-unit-');
  afterAll(cleanup);

  it('holds DuckDB\'s lock for the engine\'s lifetime, even after taking the opening backup', async () => {
    const ws = path.join(dir, 'held.duckdb');
    const first = await createEngine(ws);
    await createTable(first, 'crimes', 'SELECT range AS id FROM range(100)');
    first.close();
    const engine = await createEngine(ws);
    try {
      expect(listBackups(ws)).toHaveLength(1); // the backup was read while the engine held the file
      expect(openElsewhere(ws)).toMatch(/Could not set lock on file/);
    } finally {
      engine.close();
    }
    expect(openElsewhere(ws)).toBe('opened');
  });

  it('a second engine in the same process is refused as "open in another window or process", not as damaged', async () => {
    const ws = path.join(dir, 'twice.duckdb');
    const engine = await createEngine(ws);
    try {
      const again = createEngine(ws);
      await expect(again).rejects.toBeInstanceOf(EngineError);
      await expect(again).rejects.toMatchObject({ code: 'in_use', message: 'twice.duckdb is open in another window or process: close it there first (or open a different workspace).' });
    } finally {
      engine.close();
    }
    (await createEngine(ws)).close(); // released on close
  });

  it('a workspace open in another process is refused with the same message, and no backup is offered for it', async () => {
    const ws = path.join(dir, 'elsewhere.duckdb');
    const engine = await createEngine(ws);
    await createTable(engine, 'crimes', 'SELECT range AS id FROM range(10)');
    engine.close();
    (await createEngine(ws)).close(); // now it has a backup
    expect(listBackups(ws)).toHaveLength(1);
    const script = `require('@duckdb/node-api').DuckDBInstance.create(process.argv[1]).then(() => { console.log('holding'); setTimeout(() => {}, 20000); })`;
    const holder = spawn(process.execPath, ['-e', script, ws], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));
      const error = await createEngine(ws).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'in_use', message: expect.stringMatching(/^elsewhere\.duckdb is open in another window or process/) });
      expect(backupToOffer(error, ws)).toBeUndefined();
      // The host's workspace.open (the renderer's dialog offers backups only for "damaged") says the same.
      const host = await createWorkspaceHost(path.join(dir, 'other.duckdb'), { settingsDir: path.join(dir, 'settings') });
      try {
        const opened = await host.dispatch('workspace.open', { path: ws });
        expect(opened).toMatchObject({ ok: false, error: { code: 'in_use' } });
      } finally {
        host.close();
      }
    } finally {
      holder.kill('SIGKILL');
    }
    // Damaged is still damaged, and still offered its backup.
    expect(backupToOffer(new EngineError('damaged', 'x'), ws)?.path).toBe(listBackups(ws)[0].path);
  });
});
