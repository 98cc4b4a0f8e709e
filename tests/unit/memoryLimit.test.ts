import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands';
import { createEngine } from '../../electron/engine';
import { memoryLimitSetting } from '../../electron/engine/memoryLimit';
import { extractProfile, writeExtract } from '../../bench/extract';
import { duckdbMemory } from '../../bench/measure';
import { lsoaLookup } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

const limitOf = async (workspace: string, memoryLimit?: string) => {
  const engine = await createEngine(workspace, { memoryLimit, backups: false });
  try {
    return await engine.workspace.withConnection(async (c) => String((await c.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0][0]));
  } finally {
    engine.close();
  }
};

describe("DuckDB's memory limit", () => {
  const { dir, cleanup } = tempDir('csw-memory-');
  const ws = path.join(dir, 'memory.duckdb');
  const saved = process.env.CSW_MEMORY_LIMIT;
  afterEach(() => {
    if (saved === undefined) delete process.env.CSW_MEMORY_LIMIT;
    else process.env.CSW_MEMORY_LIMIT = saved;
  });
  afterAll(cleanup);

  it('reads sizes as DuckDB spells them, and refuses anything else with the setting named', () => {
    expect(memoryLimitSetting(' 4GB ', 'x')).toBe('4GB');
    expect(memoryLimitSetting('1.5 GiB', 'x')).toBe('1.5GiB');
    expect(memoryLimitSetting('512mb', 'x')).toBe('512mb');
    expect(memoryLimitSetting(undefined, 'x')).toBeUndefined();
    expect(memoryLimitSetting('', 'x')).toBeUndefined();
    expect(() => memoryLimitSetting('4 gigs', 'CSW_MEMORY_LIMIT')).toThrow('CSW_MEMORY_LIMIT must be a size such as 4GB or 512MB, not "4 gigs".');
    expect(() => memoryLimitSetting('64MB', '--memory-limit')).toThrow('--memory-limit of 64MB is too small for DuckDB to work in: give at least 128MB.');
  });

  it('comes from the host, else CSW_MEMORY_LIMIT, and is what DuckDB runs with', async () => {
    expect(await limitOf(ws, '256MB')).toBe('244.1 MiB');
    process.env.CSW_MEMORY_LIMIT = '1GiB';
    expect(await limitOf(ws)).toBe('1.0 GiB');
    expect(await limitOf(ws, '512MiB')).toBe('512.0 MiB');
    process.env.CSW_MEMORY_LIMIT = 'plenty';
    await expect(limitOf(ws)).rejects.toThrow('CSW_MEMORY_LIMIT must be a size such as 4GB or 512MB, not "plenty".');
  });

  it('is taken by every CLI command', async () => {
    let text = '';
    const out = new Writable({ write(chunk, _enc, done) { text += chunk; done(); } });
    await runCommand({ name: 'sql', workspace: ws, sql: `SELECT current_setting('memory_limit') AS limit`, format: 'csv', memoryLimit: '300MB' }, out);
    expect(text).toBe('limit\n286.1 MiB\n');
  });

  it('spills to disk rather than failing when an import needs more than the limit, and holds no more than it', async () => {
    const csv = path.join(dir, 'extract.csv');
    await writeExtract(csv, 400_000, lsoaLookup);
    const engine = await createEngine(path.join(dir, 'spill.duckdb'), { memoryLimit: '128MB', backups: false });
    try {
      // Sampled from a second connection while the import runs on its own.
      const buffers = duckdbMemory(() => engine.workspace.connect(), 20);
      const result = await engine.invoke('import.run', { file: csv, as: 'crimes', mapping: extractProfile, operationId: 'op-spill-00001' });
      const { peakBytes: peak, spilledBytes: spilled } = await buffers.stop();
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.rows_read).toBe(400_000);
      expect(result.value.rows_imported + result.value.rows_quarantined).toBe(400_000);
      expect(spilled).toBeGreaterThan(0);
      // DuckDB accounts in blocks (256 KB), so it may stand a block or so over the line, never more.
      expect(peak).toBeGreaterThan(64e6);
      expect(peak).toBeLessThanOrEqual(128e6 + 2 ** 20);
    } finally {
      engine.close();
    }
  }, 120_000);
});
