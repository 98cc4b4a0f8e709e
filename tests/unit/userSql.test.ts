import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationEvent } from '../../shared/api';
import { createEngine, type Engine } from '../../electron/engine';
import { runAndCancel } from '../support/cancelRunning';
import { engineWith } from '../support/tempWorkspace';

describe('user SQL (the locked-down path)', () => {
  let engine: Engine;
  let cleanup: () => void;
  let n = 0;
  const op = () => `op-test-${String(++n).padStart(4, '0')}`;
  const run = (sql: string, operationId = op()) => engine.invoke('sql.run', { sql, operationId });

  beforeAll(async () => {
    ({ engine, cleanup } = await engineWith(10_000));
  });
  afterAll(() => cleanup());

  it('runs a query and materialises the result for paging', async () => {
    const result = await run('SELECT offence_group, count(*) AS n FROM crimes GROUP BY ALL ORDER BY offence_group');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rowCount).toBe(3);
    expect(result.value.columns).toEqual([
      { name: 'offence_group', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
    ]);
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: 10 });
    expect(page).toMatchObject({ ok: true, value: { rowCount: 3, rows: [{ offence_group: 'Burglary', n: '3333' }, {}, {}] } });
  });

  it.each(['DESCRIBE crimes', 'SUMMARIZE crimes', 'FROM crimes LIMIT 1', 'WITH x AS (SELECT 1 AS a) SELECT * FROM x', 'SELECT 1; '])(
    'accepts the read-only form %s',
    async (sql) => {
      expect((await run(sql)).ok).toBe(true);
    },
  );

  it.each([
    ['DROP TABLE crimes', /DROP statements cannot run here/],
    ['DELETE FROM crimes', /DELETE statements cannot run here/],
    ['CREATE TABLE x AS SELECT 1', /CREATE statements cannot run here/],
    ["ATTACH ':memory:' AS m", /ATTACH statements cannot run here/],
    ['SET threads = 1', /SET statements cannot run here/],
    ['DROP TABLE missing_table', /DROP statements cannot run here/],
    ['/* note */ INSERT INTO crimes SELECT * FROM crimes', /INSERT statements cannot run here/],
    ['SELECT 1; DROP TABLE crimes', /one statement at a time/],
    ['   ', /no SQL statement/],
    ['-- only a comment;', /no SQL statement/],
  ])('refuses %s with a clear message and changes nothing', async (sql, message) => {
    const result = await run(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
    const count = await run('SELECT count(*) AS n FROM crimes');
    expect(count.ok && count.value.rowCount).toBe(1);
  });

  it('reports DuckDB errors with their message', async () => {
    const result = await run('SELEC 1');
    expect(result).toMatchObject({ ok: false, error: { code: 'sql_error' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
    const missing = await run('SELECT nope FROM crimes');
    expect(missing).toMatchObject({ ok: false, error: { code: 'sql_error' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/Binder Error/);
  });

  it('cancels a long query on request, reporting progress and the outcome as events', async () => {
    const events: OperationEvent[] = [];
    const unsubscribe = engine.onEvent((e) => events.push(e));
    const operationId = op();
    // Cancel is pressed (and answers cancelled: true) as soon as the query is running, not after a guessed wait.
    const result = await runAndCancel(engine, operationId, () => run('SELECT count(DISTINCT a.id * random()) FROM crimes a, crimes b', operationId));
    unsubscribe();
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(events.some((e) => e.type === 'progress' && e.operationId === operationId)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'end', operationId, outcome: 'cancelled' });
    // The connection is usable again at once.
    expect((await run('SELECT 1')).ok).toBe(true);
  });

  it('cancelling an unknown operation says so', async () => {
    expect(await engine.invoke('operations.cancel', { operationId: 'op-not-running' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('never writes query results into the workspace file', async () => {
    const { workspace } = engine;
    expect((await run('SELECT * FROM crimes')).ok).toBe(true);
    const path = workspace.path;
    engine.close();
    const reopened = await createEngine(path);
    const list = await reopened.invoke('datasets.list', {});
    expect(list.ok && list.value.datasets.map((d) => d.name)).toEqual(['crimes']);
    expect(fs.existsSync(path)).toBe(true);
    engine = reopened;
  });
});
