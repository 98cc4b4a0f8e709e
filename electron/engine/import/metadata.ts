import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalDatasets, type DatasetName } from '../../../shared/datasets/canonical';
import { sqlTypeOf } from '../../../shared/datasets/columns';
import { PRIORITY_GRADES_DDL } from '../priorityGradesTable';
import { quoteIdent } from '../sqlText';

/**
 * The app's own records live in the `csw_meta` schema of the workspace file, apart from the datasets in `main`:
 * one row per import (provenance), every quarantined row with its line and reason, saved mapping profiles, and the
 * raw ONS lookups from which the geography table is rebuilt, each analysis's chart as the analyst saved it, and the
 * audit log of what was imported, run and exported.
 */
export const META_DDL = [
  'CREATE SCHEMA IF NOT EXISTS csw_meta',
  `CREATE TABLE IF NOT EXISTS csw_meta.imports (
     import_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, file_size BIGINT NOT NULL, sha256 VARCHAR NOT NULL,
     imported_at TIMESTAMP NOT NULL, profile VARCHAR NOT NULL, profile_json VARCHAR, encoding VARCHAR, delimiter VARCHAR,
     rows_read BIGINT NOT NULL, rows_imported BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL, report_json VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.quarantine (
     import_id INTEGER NOT NULL, line BIGINT NOT NULL, "column" VARCHAR, reason VARCHAR NOT NULL, raw VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.profiles (
     name VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, profile_json VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.user_analyses (
     id VARCHAR PRIMARY KEY, analysis_json VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.charts (
     analysis_id VARCHAR PRIMARY KEY, options_json VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.audit (
     logged_at TIMESTAMP NOT NULL, action VARCHAR NOT NULL, subject VARCHAR NOT NULL, detail VARCHAR NOT NULL, outcome VARCHAR NOT NULL, message VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.lsoa_lookup (
     lsoa_code VARCHAR PRIMARY KEY, lsoa_name VARCHAR, ward_code VARCHAR, ward_name VARCHAR, district_code VARCHAR, district_name VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS csw_meta.district_lookup (
     district_code VARCHAR PRIMARY KEY, district_name VARCHAR, csp_code VARCHAR, csp_name VARCHAR, force_code VARCHAR, force_name VARCHAR)`,
  // The analyst's priority grades per area, one row per saved version (electron/engine/priorities.ts).
  PRIORITY_GRADES_DDL,
];

export async function ensureMeta(connection: DuckDBConnection): Promise<void> {
  for (const statement of META_DDL) await connection.run(statement);
}

/** The canonical table for a dataset, created on first import; `import_id` ties each row to its provenance. */
export function createDatasetSql(dataset: DatasetName): string {
  const columns = canonicalDatasets[dataset].columns.map((c) => `${quoteIdent(c.name)} ${sqlTypeOf[c.kind]}`);
  return `CREATE TABLE IF NOT EXISTS main.${quoteIdent(dataset)} (${[...columns, 'import_id INTEGER'].join(', ')})`;
}
