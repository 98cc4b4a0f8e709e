import type { DuckDBConnection } from '@duckdb/node-api';

/** Runs `work` in one transaction on `connection`: committed if it returns, rolled back (and rethrown) if it throws. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const value = await work();
    await connection.run('COMMIT');
    return value;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
