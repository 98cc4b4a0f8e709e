import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { backupsDirFor, listBackups } from '../../electron/engine/backups';
import { EngineError } from '../../electron/engine/errors';
import { createWorkspaceHost } from '../../electron/host/workspaceHost';
import type { Output } from '../../shared/api';
import type { Result } from '../../shared/result';
import { createTable, tempDir } from '../support/tempWorkspace';

describe('rolling backups, and a damaged workspace', () => {
  const { dir, cleanup } = tempDir('csw-backup-');
  const ws = path.join(dir, 'Lichfield.duckdb');
  const rows = async (file: string) => {
    const engine = await createEngine(file, { backups: false });
    try {
      return await engine.workspace.withConnection(async (c) => (await c.runAndReadAll('SELECT count(*) FROM crimes')).getRows()[0][0]);
    } finally {
      engine.close();
    }
  };

  beforeAll(async () => {
    const engine = await createEngine(ws);
    await createTable(engine, 'crimes', 'SELECT range AS id FROM range(1234)');
    engine.close();
  });
  afterAll(cleanup);

  it('takes no backup of a brand-new workspace, then one on the next opening, holding the data as it opened', async () => {
    expect(listBackups(ws)).toHaveLength(0);
    (await createEngine(ws)).close();
    const [backup] = listBackups(ws);
    expect(path.dirname(backup.path)).toBe(backupsDirFor(ws));
    expect(await rows(backup.path)).toBe(1234n);
  });

  it('takes at most one backup per interval, and keeps only the newest few', async () => {
    (await createEngine(ws)).close();
    expect(listBackups(ws)).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 5)); // distinct millisecond stamps
      (await createEngine(ws, { backups: { keep: 3, intervalMs: 0 } })).close();
    }
    expect(listBackups(ws)).toHaveLength(3);
    expect(fs.readdirSync(backupsDirFor(ws)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('says clearly that a damaged file cannot be opened, and points to the newest backup', async () => {
    // Cut inside DuckDB's headers (three 4 KiB blocks): a cut further on may fall in free blocks and lose nothing.
    fs.truncateSync(ws, 8192);
    const opened = createEngine(ws);
    await expect(opened).rejects.toBeInstanceOf(EngineError);
    await expect(opened).rejects.toMatchObject({
      code: 'damaged',
      message: expect.stringMatching(/^Lichfield\.duckdb cannot be opened: the file is damaged or is not a workspace \(DuckDB: .*\)\. The newest backup was taken .* UTC: open a copy of it from the workspace dialog\.$/),
    });
  });

  it('opens a copy of a backup beside the damaged file, which is left as it was', async () => {
    const other = path.join(dir, 'Other.duckdb');
    const host = await createWorkspaceHost(other, { settingsDir: path.join(dir, 'settings') });
    try {
      const damagedBytes = fs.readFileSync(ws);
      const failed = await host.dispatch('workspace.open', { path: ws });
      expect(!failed.ok && failed.error.code).toBe('damaged');
      const listed = (await host.dispatch('workspace.backups', { path: ws })) as Result<Output<'workspace.backups'>>;
      if (!listed.ok) throw new Error(listed.error.message);
      const restored = (await host.dispatch('workspace.restore', { path: ws, backup: listed.value.backups[0].path })) as Result<Output<'workspace.restore'>>;
      if (!restored.ok) throw new Error(restored.error.message);
      expect(restored.value.name).toMatch(/^Lichfield \(restored from \d{4}-\d\d-\d\d \d\d\.\d\d\)$/);
      const datasets = (await host.dispatch('datasets.list', {})) as Result<Output<'datasets.list'>>;
      expect(datasets.ok && datasets.value.datasets.map((d) => [d.name, d.rowCount])).toEqual([['crimes', 1234]]);
      expect(fs.readFileSync(ws).equals(damagedBytes)).toBe(true);
      const stranger = await host.dispatch('workspace.restore', { path: ws, backup: path.join(dir, 'Other.duckdb') });
      expect(!stranger.ok && stranger.error.message).toMatch(/is not a backup of/);
    } finally {
      host.close();
    }
  });
});
