import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { relationsFor } from '../../../shared/analyses/relations';
import type { Analysis } from '../../../shared/analyses/schema';
import { EngineError } from '../errors';
import type { ResolvedParameters } from './resolveParameters';

/**
 * The relations every analysis may read besides the datasets, built per run with bound values (analysis SQL never
 * has values spliced into it): the area's and comparator's districts, their resident populations, and the area's
 * wards with theirs. Populations are from the latest year not after the period (or the earliest, if all are later).
 * (The shared relations only some analyses read are made in runAnalysis, for those that read them.)
 */
export async function createContext(connection: DuckDBConnection, p: ResolvedParameters): Promise<void> {
  for (const [table, codes] of [['area_districts', p.areaDistricts], ['comparator_districts', p.comparatorDistricts]] as const) {
    // An analysis without a comparator gets an empty table (an empty list cannot be bound: it has no item type).
    if (codes.length === 0) await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT NULL::VARCHAR AS code WHERE false`);
    else await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT unnest($d::VARCHAR[]) AS code`, { d: listValue(codes) });
  }
  const to = String(p.values.to ?? '9999-12-31');
  const lsoaPopulation = `
    WITH years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa')
    SELECT g.district_code, g.ward_code, g.ward_name, p.count
    FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
    WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest)`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE populations AS
     SELECT sum(count) FILTER (WHERE district_code IN (SELECT code FROM area_districts)) AS area_population,
            sum(count) FILTER (WHERE district_code IN (SELECT code FROM comparator_districts)) AS comparator_population
     FROM (${lsoaPopulation})`,
    { to },
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ward_populations AS
     SELECT ward_code, any_value(ward_name) AS ward_name, sum(count) AS population FROM (${lsoaPopulation})
     WHERE district_code IN (SELECT code FROM area_districts) AND ward_code IS NOT NULL GROUP BY ward_code`,
    { to },
  );
  // Residents under 18, by LSOA of the area and comparator, for rates per child (youth offending, children's social
  // care): the 0-15 and 16-17 bands, or single years of age under 18, of the same population year.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE child_populations AS
     WITH years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa')
     SELECT g.district_code, g.ward_code, any_value(g.ward_name) AS ward_name, sum(p.count) AS count,
            g.district_code IN (SELECT code FROM area_districts) AS in_area, g.district_code IN (SELECT code FROM comparator_districts) AS in_comparator
     FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
     WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.year = coalesce(years.before, years.earliest)
       AND (p.age_band IN ('0-15', '16-17', '0-17') OR (regexp_matches(p.age_band, '^[0-9]+$') AND CAST(p.age_band AS INTEGER) < 18))
     GROUP BY g.district_code, g.ward_code`,
    { to },
  );
  // The names analyses print beside their figures (a comparator row labelled by the comparator actually used).
  await connection.run('CREATE OR REPLACE TEMP TABLE context_names AS SELECT $a::VARCHAR AS area_name, $c::VARCHAR AS comparator_name', { a: p.areaName, c: p.comparatorName });
  const [[population, comparatorPopulation]] = (await connection.runAndReadAll('SELECT area_population, comparator_population FROM populations')).getRows();
  // Analyses without an area (the survey) need no population.
  if (population === null && p.areaDistricts.length > 0) throw new EngineError('invalid_input', `There is no population for ${p.areaName}: import population figures (such as the IoD2019 denominators) first.`);
  // A comparator without residents would give every comparator rate as empty: say what is missing instead.
  if (comparatorPopulation === null && p.comparatorDistricts.length > 0) {
    throw new EngineError('invalid_input', `There is no population for the comparator (${p.comparatorName}): import population figures (such as the IoD2019 denominators) covering its districts, or choose another comparator.`);
  }
  if (p.comparatorDistricts.length > 1) {
    // Nor when some of its districts have none: their crimes would count against the others' residents.
    const missing = (
      await connection.runAndReadAll(
        `SELECT DISTINCT coalesce(g.district_name, d.code) FROM comparator_districts d LEFT JOIN geography g ON g.district_code = d.code
         WHERE d.code NOT IN (SELECT district_code FROM (${lsoaPopulation}) WHERE count IS NOT NULL) ORDER BY 1`,
        { to },
      )
    ).getRows().map(([n]) => String(n));
    if (missing.length) {
      throw new EngineError('invalid_input', `There is no population for ${missing.join(', ')}, ${missing.length === 1 ? "one of the comparator's districts" : "some of the comparator's districts"} (${p.comparatorName}): import population figures covering them, or choose another comparator.`);
    }
  }
}

/** Only the parameters a statement names are bound (DuckDB refuses unknown names). */
export function boundValues(sql: string, values: Record<string, string | number>): Record<string, string | number> {
  const used = new Set([...sql.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]));
  return Object.fromEntries(Object.entries(values).filter(([name]) => used.has(name)));
}

/**
 * Makes the shared relations `sql` reads (shared/analyses/relations.ts) on `connection`, in order, with the run's
 * values bound: only those it names, since each reads datasets a workspace may not have (spi, survey, asb…).
 */
export async function createSharedRelations(connection: DuckDBConnection, sql: string, values: Record<string, string | number>): Promise<void> {
  for (const relation of relationsFor(sql)) await connection.run(`CREATE OR REPLACE TEMP TABLE ${relation.name} AS ${relation.sql}`, boundValues(relation.sql, values));
}

/** Runs a library analysis into `target` (a results-catalogue table) on `connection`. */
export async function runAnalysis(connection: DuckDBConnection, analysis: Analysis, resolved: ResolvedParameters, target: string): Promise<void> {
  await createContext(connection, resolved);
  const relations = relationsFor(analysis.sql);
  try {
    // A relation's missing dataset is said as for the analysis (below).
    await createSharedRelations(connection, analysis.sql, resolved.values);
    // Library SQL is the app's own (not user text); it still receives every value as a bound parameter.
    await connection.run(`CREATE TABLE ${target} AS ${analysis.sql}`, boundValues(analysis.sql, resolved.values));
  } catch (error) {
    const missing = /Table with name (\w+) does not exist/.exec((error as Error).message)?.[1];
    if (missing) throw new EngineError('invalid_input', `${analysis.title} needs the ${missing === 'crime_people' ? 'victims and offenders' : missing} data; import it into this workspace first.`);
    throw error;
  } finally {
    // The relations are this run's (its area and period): not left on the pooled connection for a later query to read.
    for (const relation of relations) await connection.run(`DROP TABLE IF EXISTS ${relation.name}`).catch(() => undefined);
  }
}
