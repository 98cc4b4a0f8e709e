import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { durationSetting } from '../../electron/engine/queryLimits';
import { runAndCancel } from '../support/cancelRunning';
import { tempDir } from '../support/tempWorkspace';

/** Runaway queries (issue 15, break 3): a time limit for user SQL and analyses, and a cap on DuckDB's spill folder. */
describe('query limits', () => {
  const { dir, cleanup } = tempDir('csw-limits-');
  let engine: Engine;
  const run = (sql: string, operationId = randomUUID()) => engine.invoke('sql.run', { sql, operationId });
  const forever = 'SELECT count(*) AS n FROM range(1000000000000)';

  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'), { queryTimeLimitMs: 1500, memoryLimit: '128MB', tempLimit: '128MB' });
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('stops a query that runs past the time limit, with a clear message, and the engine carries on', async () => {
    const started = Date.now();
    const result = await run(forever);
    expect(result).toEqual({
      ok: false,
      error: { code: 'limit_reached', message: expect.stringMatching(/^Stopped after 1\.5 seconds, the time limit for a query\. Narrow it down .* CSW_QUERY_TIME_LIMIT/) },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await run('SELECT 1 AS one')).ok).toBe(true);
    const [last] = (await engine.workspace.withConnection(async (c) => (await c.runAndReadAll("SELECT outcome, message FROM csw_meta.audit WHERE action = 'query' ORDER BY rowid DESC LIMIT 2 OFFSET 1")).getRows()));
    expect(last[0]).toBe('failed');
  }, 30_000);

  it('stops a saved analysis the same way', async () => {
    const saved = await engine.invoke('analyses.save', { analysis: { metadata: { id: 'runaway', title: 'Runaway', parameters: [] }, sql: forever } });
    expect(saved.ok).toBe(true);
    const result = await engine.invoke('analyses.run', { id: 'runaway', params: {}, operationId: randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'limit_reached', message: expect.stringMatching(/^Stopped after 1\.5 seconds/) } });
  }, 30_000);

  it('Cancel from the status bar still stops it first, as cancelled', async () => {
    const slow = await createEngine(path.join(dir, 'slow.duckdb'), { queryTimeLimitMs: 60_000 });
    try {
      const operationId = randomUUID();
      // Cancel is pressed (and answers cancelled: true) as soon as the query is running, not after a guessed wait.
      expect(await runAndCancel(slow, operationId, () => slow.invoke('sql.run', { sql: forever, operationId }))).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    } finally {
      slow.close();
    }
  }, 30_000);

  it('caps the spill folder: a sort bigger than memory and the cap is refused clearly, and the cap cannot be raised', async () => {
    const spill = await createEngine(path.join(dir, 'spill.duckdb'), { queryTimeLimitMs: 100_000, memoryLimit: '128MB', tempLimit: '128MB' });
    try {
      const sql = "SELECT s FROM (SELECT range::VARCHAR || 'abcdefghijklmnopqrstuvwxyz0123456789' AS s FROM range(30000000)) ORDER BY hash(s)";
      const result = await spill.invoke('sql.run', { sql, operationId: randomUUID() });
      expect(result).toEqual({
        ok: false,
        error: { code: 'limit_reached', message: expect.stringMatching(/^The query needed more temporary disk space than the workspace may use \(.*\): .*CSW_TEMP_LIMIT/) },
      });
      const raise = await spill.invoke('sql.run', { sql: "SET max_temp_directory_size = '1TB'", operationId: randomUUID() });
      expect(raise).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      await expect(spill.workspace.withConnection((c) => c.run("SET max_temp_directory_size = '1TB'"))).rejects.toThrow(/locked/);
    } finally {
      spill.close();
    }
  }, 120_000);

  it('defaults to half the free disk, not DuckDB\'s 90%, and reads durations as people write them', async () => {
    const plain = await createEngine(path.join(dir, 'plain.duckdb'));
    try {
      expect(plain.workspace.queryTimeLimitMs).toBe(5 * 60 * 1000);
      const [[cap]] = await plain.workspace.withConnection(async (c) => (await c.runAndReadAll("SELECT current_setting('max_temp_directory_size')")).getRows());
      const [, amount, unit] = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(String(cap)) ?? [];
      const bytes = Number(amount) * 2 ** (10 * (['KiB', 'MiB', 'GiB', 'TiB'].indexOf(unit) + 1));
      const disk = fs.statfsSync(dir);
      // Half of what was free at opening (the disk is shared, so it may have moved a little since).
      expect(bytes / ((disk.bavail * disk.bsize) / 2)).toBeGreaterThan(0.8);
      expect(bytes / ((disk.bavail * disk.bsize) / 2)).toBeLessThan(1.2);
    } finally {
      plain.close();
    }
    expect([durationSetting('300', 'x'), durationSetting('90s', 'x'), durationSetting('5m', 'x'), durationSetting('1h', 'x')]).toEqual([300_000, 90_000, 300_000, 3_600_000]);
    expect(() => durationSetting('soon', 'CSW_QUERY_TIME_LIMIT')).toThrow(/CSW_QUERY_TIME_LIMIT must be a duration such as 300s/);
  });
});
