import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../errors';
import { quoteIdent } from '../sqlText';
import { toCount } from '../rows';
import { inTransaction } from '../transaction';
import { forgetReplacements, hasMetaTable, REPLACEMENTS, restoreDisplaced } from './displace';
import { rebuildPeopleView } from './peopleView';

export interface Removal {
  import_id: number;
  file: string;
  /** Rows that go, per dataset. */
  removed: Record<string, number>;
  quarantine: number;
  /** Rows this import had replaced or refreshed that come back, per dataset. */
  restored: Record<string, number>;
  /** Why the import cannot be removed, or null. */
  refusal: string | null;
}

/** Tables in `main` whose rows carry the import that brought them. */
export async function importedTables(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
     WHERE c.database_name = current_database() AND c.schema_name = 'main' AND c.column_name = 'import_id' ORDER BY 1`,
  );
  return reader.getRows().map(([t]) => String(t));
}

/** What removing the import would take away and bring back, changing nothing; `refusal` says why it cannot. */
export async function planRemoval(connection: DuckDBConnection, importId: number): Promise<Removal> {
  const record = await connection.runAndReadAll(`SELECT file_name, report_json FROM csw_meta.imports WHERE import_id = ?`, [importId]);
  if (record.getRows().length === 0) throw new EngineError('not_found', `There is no import #${importId} in this workspace.`);
  const [file, json] = record.getRows()[0].map(String);
  const removed: Record<string, number> = {};
  for (const table of await importedTables(connection)) {
    const n = toCount((await connection.runAndReadAll(`SELECT count(*) FROM main.${quoteIdent(table)} WHERE import_id = ?`, [importId])).getRows()[0][0]);
    if (n > 0) removed[table] = n;
  }
  const quarantine = toCount((await connection.runAndReadAll(`SELECT count(*) FROM csw_meta.quarantine WHERE import_id = ?`, [importId])).getRows()[0][0]);
  const restored: Record<string, number> = {};
  let refusal: string | null = null;
  let byDataset: Record<string, number>;
  try {
    byDataset = (JSON.parse(json) as { by_dataset?: Record<string, number> }).by_dataset ?? {};
  } catch {
    byDataset = {};
  }
  if ('geography' in byDataset) {
    refusal = `Import #${importId} (${file}) is a geography lookup: its rows replaced the lookup's earlier rows, so it cannot be taken out alone. Import the right lookup instead.`;
  }
  if (await hasMetaTable(connection, 'replacements')) {
    const later = await connection.runAndReadAll(`SELECT DISTINCT replaced_by FROM ${REPLACEMENTS} WHERE import_id = ? ORDER BY 1`, [importId]);
    const by = later.getRows().map(([id]) => toCount(id));
    if (by.length > 0 && !refusal) {
      refusal = `Later imports (${by.map((id) => `#${id}`).join(', ')}) replaced or refreshed rows of import #${importId}: remove ${by.length === 1 ? 'it' : 'them'} first, then this one.`;
    }
    const back = await connection.runAndReadAll(`SELECT dataset, sum(rows) FROM ${REPLACEMENTS} WHERE replaced_by = ? GROUP BY 1 ORDER BY 1`, [importId]);
    for (const [dataset, rows] of back.getRows()) if (toCount(rows) > 0) restored[String(dataset)] = toCount(rows);
  }
  return { import_id: importId, file, removed, quarantine, restored, refusal };
}

/**
 * Removes one import in one transaction: exactly the rows it brought (by import id), its quarantine and its record;
 * rows it had replaced come back from where they were kept; dataset tables it alone created go. The workspace is then
 * as it was before the import.
 */
export async function removeImport(connection: DuckDBConnection, importId: number): Promise<Removal> {
  const removal = await planRemoval(connection, importId);
  if (removal.refusal) throw new EngineError('invalid_input', `${removal.refusal} The workspace is unchanged.`);
  await inTransaction(connection, async () => {
    for (const table of Object.keys(removal.removed)) await connection.run(`DELETE FROM main.${quoteIdent(table)} WHERE import_id = ?`, [importId]);
    if (await hasMetaTable(connection, 'replacements')) {
      for (const dataset of Object.keys(removal.restored)) await restoreDisplaced(connection, dataset, importId);
      await forgetReplacements(connection, importId);
    }
    await connection.run(`DELETE FROM csw_meta.quarantine WHERE import_id = ?`, [importId]);
    await connection.run(`DELETE FROM csw_meta.imports WHERE import_id = ?`, [importId]);
    await dropTablesNoImportFeeds(connection);
    await rebuildPeopleView(connection);
  });
  return removal;
}

/**
 * A dataset table that no remaining import wrote to was created by the import just removed: it goes, as before that
 * import. (An earlier import that wrote no rows to a table still lists it, so that table stays.) Survey recodes for
 * answers no longer in the survey go with them.
 */
export async function dropTablesNoImportFeeds(connection: DuckDBConnection): Promise<void> {
  const reports = await connection.runAndReadAll(`SELECT report_json FROM csw_meta.imports`);
  const fed = new Set<string>();
  for (const [json] of reports.getRows()) {
    try {
      for (const dataset of Object.keys((JSON.parse(String(json)) as { by_dataset?: Record<string, number> }).by_dataset ?? {})) fed.add(dataset);
    } catch {
      // A record without a readable report feeds nothing we can name.
    }
  }
  for (const table of await importedTables(connection)) {
    const empty = toCount((await connection.runAndReadAll(`SELECT count(*) FROM main.${quoteIdent(table)}`)).getRows()[0][0]) === 0;
    if (empty && !fed.has(table)) {
      if (['crimes', 'victims', 'offenders'].includes(table)) await dropPeopleViewIfOnly(connection, table);
      await connection.run(`DROP TABLE main.${quoteIdent(table)}`);
    }
  }
  const tables = await connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN ('survey', 'survey_recodes')`);
  const names = new Set(tables.getRows().map(([t]) => String(t)));
  if (names.has('survey_recodes')) {
    if (!names.has('survey')) await connection.run(`DROP TABLE main.survey_recodes`);
    else await connection.run(`DELETE FROM main.survey_recodes r WHERE NOT EXISTS (SELECT 1 FROM main.survey s WHERE s.question = r.question AND s.answer = r.answer)`);
  }
}

/** The people view reads crimes, victims and offenders: it is dropped before one of them, then rebuilt from the rest. */
async function dropPeopleViewIfOnly(connection: DuckDBConnection, _table: string): Promise<void> {
  await connection.run(`DROP VIEW IF EXISTS main.crime_people`);
}
