import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { Operations } from '../../electron/engine/operations';

// Long enough that finishing it is not mistaken for a Cancel that worked (tens of seconds on these machines).
const LONG = 'SELECT sum(i * i % 7) FROM range(20000000000) t(i)';

/**
 * Work with the gap an analysis has between registering and its main query (resolving parameters, context tables),
 * then the long query; `started` is when the query began.
 */
function queryAfterAGap(connection: DuckDBConnection) {
  const timing = { started: 0 };
  const work = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    timing.started = performance.now();
    return connection.run(LONG);
  };
  return { work, timing };
}

describe('Cancel', () => {
  const instance = DuckDBInstance.create(':memory:');
  afterAll(async () => (await instance).closeSync());

  it('stops the work even when pressed before DuckDB has started the query', async () => {
    const connection = await (await instance).connect();
    const operations = new Operations();
    const { work, timing } = queryAfterAGap(connection);
    const running = operations.run('op-early-cancel', 'Running query', connection, work);
    expect(operations.cancel('op-early-cancel')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    // Stopped within a few polls of the query starting, not when the query would have finished.
    expect(performance.now() - timing.started).toBeLessThan(5_000);
    connection.closeSync();
  }, 60_000);

  it('stops the work at its time limit even when the limit passes between statements', async () => {
    const connection = await (await instance).connect();
    const operations = new Operations();
    const { work, timing } = queryAfterAGap(connection);
    const running = operations.run('op-early-limit', 'Running query', connection, work, 'duckdb', 50);
    await expect(running).rejects.toMatchObject({ code: 'limit_reached' });
    expect(performance.now() - timing.started).toBeLessThan(5_000);
    connection.closeSync();
  }, 60_000);

  it('still lets work finish that nobody cancelled', async () => {
    const connection = await (await instance).connect();
    const operations = new Operations();
    const value = await operations.run('op-not-cancelled', 'Running query', connection, async () => (await connection.runAndReadAll('SELECT 42 AS n')).getRowObjects()[0].n);
    expect(value).toBe(42);
    connection.closeSync();
  });
});
