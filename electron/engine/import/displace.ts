import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReplacedRows } from '../../../shared/contracts/import';
import { sqlString } from '../sqlText';
import { quoteIdent } from '../sqlText';
import { toCount } from '../rows';
import type { Leaving } from './transform';
import { hasTable } from './workspaceTables';

/**
 * Rows a new import takes out of the workspace: a police.uk force-month it replaces, or the rows of an earlier extract
 * it refreshes. `where` is engine-authored SQL over the dataset's table (values from files only as quoted literals).
 */
export interface Departure {
  kind: 'replace' | 'refresh';
  import_id: number;
  file: string;
  dataset: string;
  force: string | null;
  month: string | null;
  where: string;
}

/** Which earlier import's rows a later one took away, and how many: what `imports` and `remove-import` read. */
export const REPLACEMENTS = 'csw_meta.replacements';
/** Rows taken away are kept here, by dataset, so that removing the import that took them brings them back. */
export const displacedTable = (dataset: string) => `csw_meta.${quoteIdent(`displaced_${dataset}`)}`;

/** The departing rows of each dataset as one predicate, for the duplicate checks. */
export function departingSql(departures: readonly Departure[]): Leaving {
  const byDataset: Leaving = {};
  for (const d of departures) byDataset[d.dataset] = byDataset[d.dataset] ? `${byDataset[d.dataset]} OR (${d.where})` : `(${d.where})`;
  return byDataset;
}

export async function hasMetaTable(connection: DuckDBConnection, name: string): Promise<boolean> {
  return hasTable(connection, name, 'csw_meta');
}

/**
 * Inside the import's transaction: moves each departure's rows from the dataset into its displaced table, marked with
 * the new import's id, and records the replacement. Returns what was replaced, for the report.
 */
export async function displaceRows(connection: DuckDBConnection, departures: readonly Departure[], by: number): Promise<ReplacedRows[]> {
  if (departures.length === 0) return [];
  await connection.run(
    `CREATE TABLE IF NOT EXISTS ${REPLACEMENTS} (import_id INTEGER NOT NULL, replaced_by INTEGER NOT NULL, kind VARCHAR NOT NULL,
       dataset VARCHAR NOT NULL, force VARCHAR, month VARCHAR, rows BIGINT NOT NULL)`,
  );
  const replaced: ReplacedRows[] = [];
  for (const d of departures) {
    const table = `main.${quoteIdent(d.dataset)}`;
    await connection.run(`CREATE TABLE IF NOT EXISTS ${displacedTable(d.dataset)} AS SELECT *, NULL::INTEGER AS displaced_by FROM ${table} LIMIT 0`);
    await connection.run(`INSERT INTO ${displacedTable(d.dataset)} SELECT *, ${by} FROM ${table} WHERE ${d.where}`);
    const rows = (await connection.run(`DELETE FROM ${table} WHERE ${d.where}`)).rowsChanged;
    await connection.run(`INSERT INTO ${REPLACEMENTS} VALUES (${d.import_id}, ${by}, ${sqlString(d.kind)}, ${sqlString(d.dataset)}, ?, ?, ${rows})`, [
      d.force,
      d.month,
    ] as (string | null)[]);
    replaced.push({ import_id: d.import_id, file: d.file, dataset: d.dataset, force: d.force, month: d.month, rows });
  }
  return replaced;
}

/**
 * Puts back the rows import `by` had displaced from `dataset`, and forgets them. `onlyMissing`: only rows the dataset no
 * longer has (repairing a torn commit, whose replay may hold the kept copy without the DELETE that followed it).
 * Returns the rows put back.
 */
export async function restoreDisplaced(connection: DuckDBConnection, dataset: string, by: number, onlyMissing = false): Promise<number> {
  const kept = displacedTable(dataset);
  const target = `main.${quoteIdent(dataset)}`;
  const rows = onlyMissing
    ? `SELECT * EXCLUDE (displaced_by) FROM ${kept} WHERE displaced_by = ${by}
       EXCEPT ALL SELECT * FROM ${target} WHERE import_id IN (SELECT import_id FROM ${kept} WHERE displaced_by = ${by})`
    : `SELECT * EXCLUDE (displaced_by) FROM ${kept} WHERE displaced_by = ${by}`;
  const back = (await connection.run(`INSERT INTO ${target} ${rows}`)).rowsChanged;
  await connection.run(`DELETE FROM ${kept} WHERE displaced_by = ${by}`);
  if (toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${kept}`)).getRows()[0][0]) === 0) await connection.run(`DROP TABLE ${kept}`);
  return back;
}

/** Forgets the replacements import `by` made; the table goes when none is left. */
export async function forgetReplacements(connection: DuckDBConnection, by: number): Promise<void> {
  await connection.run(`DELETE FROM ${REPLACEMENTS} WHERE replaced_by = ${by}`);
  if (toCount((await connection.runAndReadAll(`SELECT count(*) FROM ${REPLACEMENTS}`)).getRows()[0][0]) === 0) await connection.run(`DROP TABLE ${REPLACEMENTS}`);
}
