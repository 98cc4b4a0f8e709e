import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalDatasets } from '../../../shared/datasets/canonical';
import { offenceGroups } from '../../../shared/datasets/offenceGroups';
import { matchKey } from '../../../shared/datasets/offenceGroups';
import { sqlString } from '../lockdown';
import { quoteIdent } from '../sqlText';
import { matchKeySql, rawSql, reasonSql, sourceLabel, typedSql } from './expressions';
import type { ImportPlan, Target } from './plan';
import { STAGE } from './stage';

export const OFFENCE_TABLE = 'csw_offence_groups';

/** The canonical offence groups and subgroups as a temp table keyed by match key, for validation joins. */
export async function loadOffenceGroups(connection: DuckDBConnection): Promise<void> {
  const rows = Object.entries(offenceGroups).flatMap(([group, subgroups]) => [
    `(${sqlString(matchKey(group))}, ${sqlString(group)}, NULL, NULL)`,
    ...subgroups.map((s) => `(${sqlString(matchKey(group))}, ${sqlString(group)}, ${sqlString(matchKey(s))}, ${sqlString(s)})`),
  ]);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${OFFENCE_TABLE} (group_key VARCHAR, group_name VARCHAR, sub_key VARCHAR, sub_name VARCHAR)`);
  await connection.run(`INSERT INTO ${OFFENCE_TABLE} VALUES ${rows.join(', ')}`);
}

export const targetTable = (i: number) => `csw_target_${i}`;

/**
 * Builds one temp table per target: the typed canonical columns, and `issue` — the first reason the row cannot be
 * used (wrong field count, a missing or unparseable value, an unknown offence group, a duplicate reference), with the
 * source column it concerns. Everything runs in DuckDB over the staged file.
 */
export async function transformTarget(connection: DuckDBConnection, plan: ImportPlan, target: Target, index: number, width: number): Promise<void> {
  const spec = canonicalDatasets[target.dataset];
  const typed: string[] = [];
  const issues: string[] = [`CASE WHEN n_fields <> ${width} THEN {'column': NULL, 'reason': 'has ' || n_fields || ' fields; the header has ${width}'} END`];
  for (const column of spec.columns) {
    const source = target.columns[column.name];
    let value = typedSql(column, source, plan);
    if (source && column.name === 'offence_group') value = canonicalGroupSql(rawSql(source));
    if (source && column.name === 'offence_subgroup') value = canonicalSubgroupSql(rawSql(source), target);
    typed.push(`${value} AS ${quoteIdent(column.name)}`);
    const reason = reasonSql(column, source, plan, value);
    if (reason && source) issues.push(issueSql(sourceLabel(source), reason));
    if (source && (column.name === 'offence_group' || column.name === 'offence_subgroup')) {
      const raw = rawSql(source);
      const label = column.name === 'offence_group' ? 'is not a known offence group' : 'is not a subgroup of its offence group';
      issues.push(issueSql(sourceLabel(source), `CASE WHEN NULLIF(trim(${raw}), '') IS NOT NULL AND ${value} IS NULL THEN ${sqlString(column.name)} || ' "' || trim(${raw}) || '" ${label}' END`));
    }
  }
  const where = target.where ? `WHERE ${target.where}` : '';
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${targetTable(index)} AS
     SELECT line, ${typed.join(', ')}, coalesce(${issues.join(', ')}) AS issue FROM ${STAGE} ${where}`,
  );
  if (spec.key) await flagDuplicates(connection, index, spec.key, target.dataset);
}

function issueSql(label: string, reason: string): string {
  return `CASE WHEN (${reason}) IS NOT NULL THEN {'column': ${sqlString(label)}, 'reason': ${reason}} END`;
}

function canonicalGroupSql(raw: string): string {
  return `(SELECT any_value(group_name) FROM ${OFFENCE_TABLE} WHERE group_key = ${matchKeySql(raw)})`;
}

function canonicalSubgroupSql(raw: string, target: Target): string {
  const group = target.columns.offence_group ? matchKeySql(rawSql(target.columns.offence_group)) : 'NULL';
  return `(SELECT any_value(sub_name) FROM ${OFFENCE_TABLE} WHERE sub_key = ${matchKeySql(raw)} AND group_key = ${group})`;
}

/** A reference seen earlier in the file, or already in the workspace, makes the row a duplicate. */
async function flagDuplicates(connection: DuckDBConnection, index: number, key: string, dataset: string): Promise<void> {
  const table = targetTable(index);
  const k = quoteIdent(key);
  const existing = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?`,
    [dataset],
  );
  const inWorkspace = Number(existing.getRows()[0][0]) > 0;
  await connection.run(
    `UPDATE ${table} SET issue = {'column': ${sqlString(key)}, 'reason': ${sqlString(key)} || ' "' || d.${k} || '" appears earlier in this file, on line ' || d.first_line}
     FROM (SELECT line AS dup_line, ${k}, min(line) OVER (PARTITION BY ${k}) AS first_line FROM ${table} WHERE issue IS NULL AND ${k} IS NOT NULL) d
     WHERE ${table}.line = d.dup_line AND d.dup_line > d.first_line`,
  );
  if (inWorkspace) {
    await connection.run(
      `UPDATE ${table} SET issue = {'column': ${sqlString(key)}, 'reason': ${sqlString(key)} || ' "' || ${table}.${k} || '" is already in the workspace (import #' || m.import_id || ')'}
       FROM (SELECT ${k}, any_value(import_id) AS import_id FROM main.${quoteIdent(dataset)} GROUP BY ${k}) m
       WHERE ${table}.issue IS NULL AND ${table}.${k} = m.${k}`,
    );
  }
}
