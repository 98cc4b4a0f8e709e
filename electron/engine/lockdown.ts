import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './sqlText';

/*
 * ── SECURITY FENCE ────────────────────────────────────────────────────────────────────────────────────────────────
 * Every DuckDB setting that keeps the workspace sealed lives here, applied once when a workspace opens.
 *
 * - Extensions are never installed or auto-loaded, and community extensions are refused: nothing is downloaded.
 * - External access is off for the whole instance, so no SQL (the engine's or the analyst's) can read, write, attach
 *   or glob a path outside the workspace's own folder (`<name>.files/`), which is where the engine stages imports and
 *   exports. DuckDB's own temp directory for spilling stays allowed.
 * - Finally the configuration is locked, so no later statement can undo any of the above.
 * The order matters: the allow-list must be set before external access is turned off, and the lock comes last.
 * ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 */

/** Options passed when the instance is created, before any SQL can run. */
export const instanceOptions: Record<string, string> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_unsigned_extensions: 'false',
};

export function lockdownStatements(filesDir: string, memoryLimit?: string, tempLimit?: string): string[] {
  const dir = filesDir.endsWith('/') || filesDir.endsWith('\\') ? filesDir : `${filesDir}/`;
  const statements = [`SET allowed_directories = [${sqlString(dir)}]`];
  if (memoryLimit) statements.push(`SET memory_limit = ${sqlString(memoryLimit)}`);
  // The spill folder's cap, locked with the rest: a query cannot raise it to fill the disk.
  if (tempLimit) statements.push(`SET max_temp_directory_size = ${sqlString(tempLimit)}`);
  statements.push('SET enable_external_access = false', 'SET lock_configuration = true');
  return statements;
}

export async function applyLockdown(connection: DuckDBConnection, filesDir: string, memoryLimit?: string, tempLimit?: string): Promise<void> {
  for (const statement of lockdownStatements(filesDir, memoryLimit, tempLimit)) await connection.run(statement);
}

