import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { appVersion } from './appInfo';
import { EngineError } from './errors';
import { ensureMeta } from './import/metadata';

/*
 * The workspace file's format has a version, recorded in `csw_meta.schema_version`, and ordered migrations bring an
 * older file up to date when it opens, all in one transaction (a failed step leaves the file as it was). A file from
 * a newer version of the app is refused rather than misread. Files made before versions existed count as version 0.
 * To change the layout (a new column, a renamed table): add a migration at the end, never edit one already shipped.
 */

export interface Migration {
  version: number;
  description: string;
  up(connection: DuckDBConnection): Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'csw_meta as first released: imports, quarantine, profiles, user analyses, charts, audit log, ONS lookups',
    up: ensureMeta,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS csw_meta.schema_version (
  version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, migrated_at TIMESTAMP NOT NULL, app_version VARCHAR NOT NULL)`;

/** The file's format version: the newest recorded, or 0 for a file from before versions (or a new, empty one). */
export async function workspaceVersion(connection: DuckDBConnection): Promise<number> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*) FROM system.main.duckdb_tables() WHERE database_name = system.main.current_database() AND schema_name = 'csw_meta' AND table_name = 'schema_version'`,
  );
  if (Number(exists.getRows()[0][0]) === 0) return 0;
  const newest = await connection.runAndReadAll('SELECT coalesce(max(version), 0) FROM csw_meta.schema_version');
  return Number(newest.getRows()[0][0]);
}

/** Refuses a file from a newer app, else runs the migrations it has not had, in order, in one transaction. */
export async function migrateWorkspace(connection: DuckDBConnection, workspacePath: string, migrations: Migration[] = MIGRATIONS): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new EngineError('internal', `Workspace migrations must be numbered 1, 2, 3… in order; found ${m.version} at position ${i + 1}.`);
  });
  const latest = migrations.length;
  const current = await workspaceVersion(connection);
  const name = path.basename(workspacePath);
  if (current > latest) {
    throw new EngineError(
      'unsupported',
      `${name} was saved by a newer version of Community Safety Workbench (workspace format ${current}; this version reads formats up to ${latest}): open it with that version, or update this one. The file has not been changed.`,
    );
  }
  const pending = migrations.slice(current);
  if (pending.length === 0) return current;
  await connection.run('BEGIN TRANSACTION');
  let step: Migration | undefined;
  try {
    await connection.run('CREATE SCHEMA IF NOT EXISTS csw_meta');
    await connection.run(VERSION_TABLE);
    for (step of pending) {
      await step.up(connection);
      await connection.run('INSERT INTO csw_meta.schema_version VALUES (?, ?, now()::TIMESTAMP, ?)', [step.version, step.description, appVersion]);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    const cause = (error as Error).message.split('\n')[0].slice(0, 300);
    throw new EngineError('unsupported', `${name} could not be brought up to date (step ${step?.version}: ${step?.description}): ${cause}. The file has not been changed.`);
  }
  return latest;
}
