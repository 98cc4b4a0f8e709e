import { randomUUID } from 'node:crypto';
import type { ImportReport, Input } from '../../shared/api';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import type { Engine } from '../../electron/engine';

type As = Input<'import.run'>['as'];

export async function importOk(engine: Engine, file: string, as: As, mapping?: MappingProfile): Promise<ImportReport> {
  const result = await engine.invoke('import.run', { file, as, mapping, operationId: randomUUID() });
  if (!result.ok) throw new Error(`import of ${file} failed: ${result.error.message}`);
  return result.value;
}

export async function importResult(engine: Engine, file: string, as: As, mapping?: MappingProfile) {
  return engine.invoke('import.run', { file, as, mapping, operationId: randomUUID() });
}

export async function sql(engine: Engine, text: string): Promise<unknown[][]> {
  return engine.workspace.withConnection(async (c) => (await c.runAndReadAll(text)).getRows());
}

/**
 * Everything a user could see of a workspace: tables with their row counts and the metadata. Equal = unchanged. The
 * audit log is left out on purpose: it records every attempt, including the failed ones these comparisons are about.
 */
export async function fingerprint(engine: Engine): Promise<string> {
  const tables = await sql(
    engine,
    `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
     AND NOT (schema_name = 'csw_meta' AND table_name = 'audit') ORDER BY 1, 2`,
  );
  const parts: string[] = [];
  for (const [schema, table] of tables) {
    const [[count, hash]] = await sql(engine, `SELECT count(*), coalesce(sum(hash(t)), 0) FROM "${schema}"."${table}" t`);
    parts.push(`${schema}.${table}:${count}:${hash}`);
  }
  return parts.join('\n');
}
