import type { DuckDBConnection } from '@duckdb/node-api';
import type { CanonicalColumn } from '../../../shared/datasets/columns';
import { matchKeySql, rawSql, reasonSql, typedSql } from './expressions';
import { lsoaFill, type LsoaFill } from './geographyFill';
import { stagedColumn, type ColumnSource, type ImportPlan, type Target } from './plan';

/*
 * Checking a file computes, for every row, values that depend on a handful of distinct texts: a month, a crime type, a
 * flag, an LSOA code. Each map here is built over the distinct values of the staged columns such a value comes from,
 * computes the value (and why it is unusable) once per distinct text, and is joined to the rows on those staged
 * columns by the statement that builds the checked table (transform.ts).
 */

/**
 * The maps one file's checking has built, by table, with the statement that built each. A map is keyed by staged
 * values and built over every row of the relation, not only the target's (extra keys are never joined), so the
 * targets of one file (police.uk: ASB and crimes) that map the same staged column with the same expression share one
 * map rather than each scanning the file for it.
 */
export type BuiltMaps = Map<string, string>;

async function buildMap(connection: DuckDBConnection, built: BuiltMaps | undefined, table: string, sql: string): Promise<void> {
  if (built?.get(table) === sql) return;
  await connection.run(sql);
  built?.set(table, sql);
}

/** The canonical offence groups and subgroups by match key (transform.ts loadOffenceGroups). */
export const OFFENCE_TABLE = 'csw_offence_groups';
const OFFENCE_MAP = 'csw_offence_map';

/** The staged columns a source reads, or undefined when that is not known (SQL that did not declare them). */
export function sourceColumns(source: ColumnSource): readonly number[] | undefined {
  if (source.from === 'column') return [source.index];
  if (source.from === 'constant') return [];
  return source.columns;
}

/** What the offence map gives the checking statement: its join, and each offence column's raw text as computed there. */
export interface OffenceMap {
  join: string;
  raw: Partial<Record<string, string>>;
}

/**
 * Offence groups and subgroups are matched by a normalised key (case, "&"/"and", punctuation), a regular expression
 * per value. A file repeats a dozen names a million times, so one map is built over the distinct values of the staged
 * columns the names come from (police.uk: the crime type alone): the names' text (police.uk's CASE from crime type to
 * group), and their match, are computed once per distinct value, and each row finds its own by a join on those staged
 * columns. Where a source's columns are not declared, the map is keyed by the names' text, computed per row.
 */
export async function mapOffenceGroups(connection: DuckDBConnection, target: Target, relation: string, built?: BuiltMaps): Promise<OffenceMap | undefined> {
  const group = target.columns.offence_group;
  if (!group) return undefined;
  const sub = target.columns.offence_subgroup;
  const declared = [group, ...(sub ? [sub] : [])].map(sourceColumns);
  const columns = declared.every((c) => c !== undefined) ? [...new Set(declared.flat() as number[])].sort((a, b) => a - b) : [];
  // Keys: the staged columns themselves, or (undeclared) the names' text; named apart from every staged column.
  const keys = columns.length > 0 ? columns.map((i) => ({ name: `csw_k_${stagedColumn(i)}`, sql: stagedColumn(i) })) : [
    { name: 'csw_k_group', sql: rawSql(group) },
    ...(sub ? [{ name: 'csw_k_sub', sql: rawSql(sub) }] : []),
  ];
  const subName = sub
    ? `coalesce((SELECT any_value(sub_name) FROM ${OFFENCE_TABLE} o WHERE o.sub_key = ${matchKeySql('m.csw_s_raw')} AND o.group_key = ${matchKeySql('m.csw_g_raw')}),
                CASE WHEN EXISTS (SELECT 1 FROM ${OFFENCE_TABLE} o WHERE o.open AND o.group_key = ${matchKeySql('m.csw_g_raw')}) THEN NULLIF(trim(m.csw_s_raw), '') END)`
    : 'NULL::VARCHAR';
  await buildMap(
    connection,
    built,
    OFFENCE_MAP,
    `CREATE OR REPLACE TEMP TABLE ${OFFENCE_MAP} AS
     SELECT m.*, (SELECT any_value(group_name) FROM ${OFFENCE_TABLE} o WHERE o.group_key = ${matchKeySql('m.csw_g_raw')}) AS csw_group_name, ${subName} AS csw_sub_name
     FROM (SELECT ${keys.map((k) => `${k.sql} AS ${k.name}`).join(', ')}, ${rawSql(group)} AS csw_g_raw, ${sub ? rawSql(sub) : 'NULL::VARCHAR'} AS csw_s_raw
           FROM (SELECT DISTINCT ${keys.map((k) => k.sql).join(', ')} FROM ${relation}) d) m`,
  );
  // With declared columns the key columns hold the staged values (the subquery's columns are named as staged).
  const on = keys.map((k) => `csw_om.${k.name} IS NOT DISTINCT FROM ${columns.length > 0 ? `${relation}.${k.sql}` : k.sql}`).join(' AND ');
  return {
    join: `LEFT JOIN ${OFFENCE_MAP} csw_om ON ${on}`,
    raw: { offence_group: 'csw_om.csw_g_raw', ...(sub ? { offence_subgroup: 'csw_om.csw_s_raw' } : {}) },
  };
}

const LSOA_MAP = 'csw_lsoa_map';

/**
 * The LSOA step of the geography fill (lsoaFill), over the distinct LSOA values of the file: each is typed and looked
 * up once, and rows join the map on the staged column. A source whose columns are not declared joins the lookup on
 * the typed value, row by row.
 */
export async function mapLsoas(connection: DuckDBConnection, plan: ImportPlan, target: Target, relation: string, column: CanonicalColumn, built?: BuiltMaps): Promise<LsoaFill> {
  const source = target.columns.lsoa_code!;
  const columns = sourceColumns(source);
  if (!columns || columns.length !== 1) return lsoaFill(typedSql(column, source, plan));
  const staged = stagedColumn(columns[0]);
  await buildMap(
    connection,
    built,
    LSOA_MAP,
    `CREATE OR REPLACE TEMP TABLE ${LSOA_MAP} AS
     SELECT m.csw_k, m.csw_lsoa, g.ward_code, g.ward_name, g.district_code, g.district_name
     FROM (SELECT ${staged} AS csw_k, ${typedSql(column, source, plan)} AS csw_lsoa FROM (SELECT DISTINCT ${staged} FROM ${relation}) d) m
     LEFT JOIN main.geography g ON g.lsoa_code = m.csw_lsoa`,
  );
  return lsoaFill('csw_geo.csw_lsoa', { join: `LEFT JOIN ${LSOA_MAP} csw_geo ON csw_geo.csw_k IS NOT DISTINCT FROM ${relation}.${staged}`, code: 'csw_geo.csw_lsoa' });
}

/** A column's typed value and its reason, as one map's columns. */
export interface ValueMaps {
  joins: string[];
  columns: Record<string, { value: string; reason?: string }>;
}

/** Kinds whose typing costs more per row (date parsing, list matching) than a join, and whose values repeat. */
const REPEATING: readonly CanonicalColumn['kind'][] = ['date', 'timestamp', 'flag'];

/**
 * Dates, timestamps and flags read from one staged column: typed and checked once per distinct text (a police.uk file
 * has a few months, a three-year extract about a thousand days), each in a map of its own.
 */
export async function mapValues(
  connection: DuckDBConnection,
  plan: ImportPlan,
  target: Target,
  relation: string,
  stored: readonly CanonicalColumn[],
  built?: BuiltMaps,
): Promise<ValueMaps> {
  const maps: ValueMaps = { joins: [], columns: {} };
  for (const [i, column] of stored.entries()) {
    const source = target.columns[column.name];
    if (!source || source.from !== 'column' || !REPEATING.includes(column.kind)) continue;
    const staged = stagedColumn(source.index);
    const typed = typedSql(column, source, plan);
    const reason = reasonSql(column, source, plan, typed);
    const [table, alias] = [`csw_value_map_${i}`, `csw_v${i}`];
    await buildMap(
      connection,
      built,
      table,
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT ${staged} AS csw_k, ${typed} AS csw_value, ${reason ?? 'NULL::VARCHAR'} AS csw_reason FROM (SELECT DISTINCT ${staged} FROM ${relation})`,
    );
    maps.joins.push(`LEFT JOIN ${table} ${alias} ON ${alias}.csw_k IS NOT DISTINCT FROM ${relation}.${staged}`);
    maps.columns[column.name] = { value: `${alias}.csw_value`, ...(reason ? { reason: `${alias}.csw_reason` } : {}) };
  }
  return maps;
}
