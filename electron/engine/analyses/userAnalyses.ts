import type { DuckDBConnection } from '@duckdb/node-api';
import { findAnalysis } from '../../../shared/analyses/registry';
import type { Analysis, AnalysisParameter } from '../../../shared/analyses/schema';
import { userAnalysis, userMetadata, type UserAnalysis } from '../../../shared/analyses/userAnalysis';
import { EngineError } from '../errors';
import { quoteIdent } from '../sqlText';
import { checkUserSql } from '../userSql';
import type { ResolvedParameters } from './resolveParameters';
import { createContext } from './runAnalysis';

const sqlType: Record<AnalysisParameter['type'], string> = { area: 'VARCHAR', date: 'DATE', integer: 'BIGINT', number: 'DOUBLE', choice: 'VARCHAR', text: 'VARCHAR' };

/**
 * The one-row `params` table a user analysis (or the SQL editor) reads its parameter values from (values bound, names
 * checked). `area` and `comparator` hold names, as titles use them; `area_code` and `comparator_code` beside them hold
 * the lookup's codes, for joins on district_code.
 */
export async function createParams(connection: DuckDBConnection, parameters: readonly AnalysisParameter[], values: Record<string, string | number | null>): Promise<void> {
  const codes: AnalysisParameter[] = parameters
    .filter((p) => p.type === 'area' && (p.name === 'area' || p.name === 'comparator'))
    .map((p) => ({ ...p, name: `${p.name}_code`, type: 'text' as const }));
  const all = [...parameters, ...codes];
  if (all.length === 0) return void (await connection.run('CREATE OR REPLACE TEMP TABLE params AS SELECT 1 AS one'));
  const bound = Object.fromEntries(all.map((p, i) => [`p${i}`, values[p.name] ?? null]));
  const columns = all.map((p, i) => `CAST($p${i} AS ${sqlType[p.type]}) AS ${quoteIdent(p.name)}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE params AS SELECT ${columns.join(', ')}`, bound as Record<string, string | number>);
}

/** The values a resolved run gives `params`: names for area and comparator, and their codes beside them. */
export const paramsValues = (resolved: ResolvedParameters): Record<string, string | number | null> => ({
  ...resolved.values,
  area: resolved.areaName || null,
  comparator: resolved.comparatorName || null,
  area_code: resolved.areaCode ?? null,
  comparator_code: resolved.comparatorCode ?? null,
});

/**
 * Saves an analyst's own analysis into the workspace library, after checking it: a new id (not a built-in's), and a
 * query that runs as user SQL — one SELECT, read-only — against the context and params tables it will be given.
 */
export async function saveUserAnalysis(connection: DuckDBConnection, input: UserAnalysis): Promise<string> {
  const saved = userAnalysis.parse(input);
  if (findAnalysis(saved.metadata.id)) throw new EngineError('invalid_input', `"${saved.metadata.id}" is a built-in analysis; choose another id.`);
  await createContext(connection, { values: {}, areaDistricts: [], comparatorDistricts: [], areaName: '', comparatorName: '' }).catch(() => undefined);
  await createParams(connection, saved.metadata.parameters, {});
  await checkUserSql(connection, saved.sql);
  await connection.run('INSERT OR REPLACE INTO csw_meta.user_analyses VALUES (?, ?, now()::TIMESTAMP)', [saved.metadata.id, JSON.stringify(saved)]);
  return saved.metadata.id;
}

export async function listUserAnalyses(connection: DuckDBConnection): Promise<(Analysis & { user: true })[]> {
  const reader = await connection.runAndReadAll('SELECT analysis_json FROM csw_meta.user_analyses ORDER BY id');
  return reader.getRows().map(([json]) => {
    const saved = userAnalysis.parse(JSON.parse(String(json)));
    return { ...userMetadata(saved, []), sql: saved.sql, user: true as const };
  });
}

/** Runs a saved user analysis through the locked-down path: its text is bound to query(), never spliced. */
export async function runUserAnalysis(connection: DuckDBConnection, analysis: Analysis, resolved: ResolvedParameters, target: string): Promise<void> {
  // The context tables (districts, populations) exist for analyses with an area; a plain query needs no population.
  if (analysis.parameters.some((p) => p.name === 'area')) await createContext(connection, resolved);
  await createParams(connection, analysis.parameters, paramsValues(resolved));
  await checkUserSql(connection, analysis.sql);
  await connection.run(`CREATE TABLE ${target} AS FROM query(?)`, [analysis.sql]);
}
