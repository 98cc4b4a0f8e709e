import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportRecord } from '../../../shared/contracts/import';
import { toCount } from '../rows';

/** Every import recorded in the workspace, newest first, with the rows it wrote per dataset (from its report). */
export async function listImports(connection: DuckDBConnection): Promise<ImportRecord[]> {
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
  }));
}

function byDataset(reportJson: unknown): Record<string, number> {
  try {
    const parsed = JSON.parse(String(reportJson)) as { by_dataset?: Record<string, number> };
    return parsed.by_dataset ?? {};
  } catch {
    return {};
  }
}
