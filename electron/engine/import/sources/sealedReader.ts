import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { instanceOptions } from '../../lockdown';
import { sqlString } from '../../sqlText';

/**
 * ── TRUST BOUNDARY ── Where DuckDB reads a file that holds raw person identifiers (the CSV fast path, Parquet).
 *
 * Hashing inside the reading statement is not enough in the workspace's own instance: DuckDB reuses freed memory for
 * the blocks of temporary tables without clearing it, so a block spilled to `<name>.duckdb.tmp/` under memory pressure
 * carried stale raw IDs (and intermediate hashes) from the scan — 0 raw IDs in the staged table, thousands on disk.
 * So the file is read in a separate, in-memory instance that cannot spill at all (no temp directory), sealed like the
 * workspace (external access only to the staging folder, configuration locked), which writes the already hashed rows
 * to a Parquet file in staging; the workspace reads that file, in which no raw identifier ever existed. If the sealed
 * instance runs out of memory the statement fails, and the caller falls back (our parser hashes in Node) or refuses.
 */
export async function withSealedReader<T>(stagingDir: string, memoryLimit: string | undefined, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { ...instanceOptions, temp_directory: '', ...(memoryLimit ? { memory_limit: memoryLimit } : {}) });
  const connection = await instance.connect();
  try {
    const dir = stagingDir.endsWith(path.sep) ? stagingDir : `${stagingDir}${path.sep}`;
    for (const statement of [`SET allowed_directories = [${sqlString(dir)}]`, 'SET enable_external_access = false', 'SET lock_configuration = true']) {
      await connection.run(statement);
    }
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Runs `select` (engine-authored SQL reading `$csw_file`, with person columns hashed) in a sealed reader and writes its
 * rows, in order, to a new Parquet file in staging. Returns the file (the caller removes it) and an interrupt.
 */
export function hashedCopy(
  options: { stagingDir: string; memoryLimit?: string; select: string; params: Record<string, string> },
): { done: Promise<string>; interrupt: () => void } {
  const out = path.join(options.stagingDir, `${randomUUID()}.hashed.parquet`);
  let interrupt = () => undefined as void;
  let interrupted = false;
  const done = withSealedReader(options.stagingDir, options.memoryLimit, async (connection) => {
    interrupt = () => connection.interrupt();
    if (interrupted) throw new Error('interrupted');
    await connection.run(`COPY (${options.select}) TO ${sqlString(out)} (FORMAT parquet)`, options.params);
    return out;
  }).catch((error: unknown) => {
    fs.rmSync(out, { force: true });
    throw error;
  });
  return {
    done,
    interrupt: () => {
      interrupted = true;
      interrupt();
    },
  };
}

/** The workspace's memory limit, for the sealed reader to keep to the same. */
export async function memoryLimitOf(connection: DuckDBConnection): Promise<string> {
  return String((await connection.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0][0]);
}
