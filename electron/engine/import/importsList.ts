import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportRecord } from '../../../shared/contracts/import';
import { toCount } from '../rows';
import { quoteIdent } from '../sqlText';
import { hasMetaTable, REPLACEMENTS } from './displace';

/** Every import recorded in the workspace, newest first, with the rows it wrote per dataset (from its report). */
export async function listImports(connection: DuckDBConnection): Promise<ImportRecord[]> {
  const records = await listImportRecords(connection);
  const now = await rowsNow(connection);
  const links = await replacementLinks(connection);
  return records.map((r) => ({
    ...r,
    rows_now: now.get(r.import_id) ?? {},
    replaced_by: links.filter((l) => l.import_id === r.import_id).map((l) => ({ import_id: l.replaced_by, kind: l.kind, rows: l.rows })),
    replaced: links.filter((l) => l.replaced_by === r.import_id).map((l) => ({ import_id: l.import_id, kind: l.kind, rows: l.rows })),
  }));
}

/** Rows of each import still in the workspace, per dataset. */
async function rowsNow(connection: DuckDBConnection): Promise<Map<number, Record<string, number>>> {
  const tables = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND column_name = 'import_id'
       AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main') ORDER BY 1`,
  );
  const now = new Map<number, Record<string, number>>();
  for (const [table] of tables.getRows()) {
    const counts = await connection.runAndReadAll(`SELECT import_id, count(*) FROM main.${quoteIdent(String(table))} WHERE import_id IS NOT NULL GROUP BY 1`);
    for (const [id, n] of counts.getRows()) now.set(toCount(id), { ...(now.get(toCount(id)) ?? {}), [String(table)]: toCount(n) });
  }
  return now;
}

/** Which import replaced or refreshed which, with the rows it took (summed over force-months and datasets). */
async function replacementLinks(connection: DuckDBConnection): Promise<{ import_id: number; replaced_by: number; kind: 'replace' | 'refresh'; rows: number }[]> {
  if (!(await hasMetaTable(connection, 'replacements'))) return [];
  const reader = await connection.runAndReadAll(`SELECT import_id, replaced_by, kind, sum(rows) FROM ${REPLACEMENTS} GROUP BY ALL ORDER BY 1, 2`);
  return reader.getRows().map(([id, by, kind, rows]) => ({ import_id: toCount(id), replaced_by: toCount(by), kind: String(kind) as 'replace' | 'refresh', rows: toCount(rows) }));
}

async function listImportRecords(connection: DuckDBConnection): Promise<ImportRecord[]> {
  const reader = await connection.runAndReadAll(
    `SELECT import_id, file_name, file_size, sha256, strftime(imported_at, '%Y-%m-%d %H:%M:%S'), profile,
            rows_read, rows_imported, rows_quarantined, report_json
     FROM csw_meta.imports ORDER BY import_id DESC`,
  );
  return reader.getRows().map(([id, file, size, sha256, at, profile, read, imported, quarantined, report]) => ({
    import_id: toCount(id),
    file: String(file),
    file_size: toCount(size),
    sha256: String(sha256),
    imported_at: String(at),
    profile: String(profile),
    rows_read: toCount(read),
    rows_imported: toCount(imported),
    rows_quarantined: toCount(quarantined),
    by_dataset: byDataset(report),
    dataset: datasetOf(report),
  }));
}

function datasetOf(reportJson: unknown): string | undefined {
  try {
    return (JSON.parse(String(reportJson)) as { dataset?: string }).dataset;
  } catch {
    return undefined;
  }
}

function byDataset(reportJson: unknown): Record<string, number> {
  try {
    const parsed = JSON.parse(String(reportJson)) as { by_dataset?: Record<string, number> };
    return parsed.by_dataset ?? {};
  } catch {
    return {};
  }
}
