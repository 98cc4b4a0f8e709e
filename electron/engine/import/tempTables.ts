import type { DuckDBConnection } from '@duckdb/node-api';

/** The temporary tables and views an import builds (staging, checked tables, lookups of names, bad lines). */
const IMPORT_TEMP = /^csw_(stage|stage_fast|target_\d+|unpivot_\d+|bad_lines|offence_groups|offence_map|lsoa_map|value_map_\d+|person_hashes)$/;
/** What writing the import still needs once the bad lines are known. */
const NEEDED_TO_WRITE = /^csw_(target_\d+|bad_lines)$/;

/**
 * Drops an import's temporary tables: everything but what writing needs once the bad lines are collected (so the
 * staged text, a gigabyte or more at ten million rows, is not held through the write), and everything when the import
 * ends, however it ends, so nothing is held until the next one.
 */
export async function dropImportTables(connection: DuckDBConnection, when: 'before-write' | 'after'): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary ORDER BY 1 DESC`,
  );
  for (const [kind, name] of reader.getRows().map((row) => row.map(String))) {
    if (IMPORT_TEMP.test(name) && !(when === 'before-write' && NEEDED_TO_WRITE.test(name))) await connection.run(`DROP ${kind} IF EXISTS ${name}`);
  }
}
