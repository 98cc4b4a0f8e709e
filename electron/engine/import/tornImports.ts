import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../sqlText';
import { toCount } from '../rows';
import { inTransaction } from '../transaction';
import { displacedTable, forgetReplacements, hasMetaTable, REPLACEMENTS, restoreDisplaced } from './displace';
import { dropTablesNoImportFeeds, importedTables } from './removeImport';
import { rebuildPeopleView } from './peopleView';

/** What opening the workspace took out of it: the remains of one import that never committed. */
export interface TornImport {
  import_id: number;
  /** Rows taken out, per table. */
  removed: Record<string, number>;
  quarantine: number;
  /** Rows the torn import had taken away that were put back, per dataset. */
  restored: Record<string, number>;
}

/*
 * An import writes its rows, quarantine and replacements and then its record (csw_meta.imports), all in one
 * transaction. Killed inside that COMMIT, DuckDB 1.5.5 can replay part of the transaction when the file next opens:
 * the crash-safety trials found every crimes row of the import but not its record (a kill in a window of about 40 ms
 * at the end of the import; an open DuckDB pull request, duckdb/duckdb#25931, describes uncommitted data recovered).
 * Rows whose import has no record belong to an import the analyst was never told had finished, and the next import
 * would take the same id and count them as its own. So they are taken out when the workspace opens, and rows that
 * import had displaced (a replaced police.uk month, a refreshed extract's rows) are put back if the replay took them.
 */
export async function repairTornImports(connection: DuckDBConnection): Promise<TornImport[]> {
  const tables = await importedTables(connection);
  const displaced = await displacedDatasets(connection);
  const hasReplacements = await hasMetaTable(connection, 'replacements');
  const sources = [
    ...tables.map((t) => `SELECT import_id FROM main.${quoteIdent(t)}`),
    'SELECT import_id FROM csw_meta.quarantine',
    ...displaced.map((d) => `SELECT displaced_by FROM ${displacedTable(d)}`),
    ...(hasReplacements ? [`SELECT replaced_by FROM ${REPLACEMENTS}`] : []),
  ];
  const orphans = await connection.runAndReadAll(
    `SELECT DISTINCT id FROM (${sources.map((s) => `SELECT * FROM (${s}) x(id)`).join(' UNION ALL ')})
     WHERE id IS NOT NULL AND id NOT IN (SELECT import_id FROM csw_meta.imports) ORDER BY id DESC`,
  );
  const ids = orphans.getRows().map(([id]) => toCount(id));
  if (ids.length === 0) return [];
  // The newest first, as imports are removed: a later one's kept rows may be an earlier torn one's, put back only to go.
  return inTransaction(connection, async () => {
    const repairs: TornImport[] = [];
    for (const id of ids) repairs.push(await takeOut(connection, id, tables));
    await dropTablesNoImportFeeds(connection);
    await rebuildPeopleView(connection);
    return repairs;
  });
}

async function takeOut(connection: DuckDBConnection, id: number, tables: string[]): Promise<TornImport> {
  const removed: Record<string, number> = {};
  for (const table of tables) {
    const rows = (await connection.run(`DELETE FROM main.${quoteIdent(table)} WHERE import_id = ?`, [id])).rowsChanged;
    if (rows > 0) removed[table] = rows;
  }
  const quarantine = (await connection.run('DELETE FROM csw_meta.quarantine WHERE import_id = ?', [id])).rowsChanged;
  const restored: Record<string, number> = {};
  // Looked up for each import: putting one's rows back drops a table of kept rows (or of replacements) left empty.
  for (const dataset of await displacedDatasets(connection)) {
    const back = await restoreDisplaced(connection, dataset, id, true);
    if (back > 0) restored[dataset] = back;
  }
  if (await hasMetaTable(connection, 'replacements')) await forgetReplacements(connection, id);
  return { import_id: id, removed, quarantine, restored };
}

/** The datasets with rows kept aside by a replacement or refresh (csw_meta.displaced_<dataset>). */
async function displacedDatasets(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'csw_meta' AND table_name LIKE 'displaced\\_%' ESCAPE '\\' ORDER BY 1`,
  );
  return reader.getRows().map(([t]) => String(t).slice('displaced_'.length));
}
