import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { toCount } from '../rows';
import { matchKeySql } from './expressions';
import { fileOfLine, groupByFile } from './fileLines';

export interface Unplaced {
  no_location: number;
  outside_lookup: number;
}

export interface UnknownArea {
  value: string;
  kind: 'lsoa_code' | 'ward_code' | 'ward_name';
  rows: number;
  /** Close ward names from the lookup, offered for the user to accept, never applied automatically. */
  suggestions: string[];
}

export interface GeographyOutcome {
  checked: boolean;
  unplaced: Unplaced;
  unknown: UnknownArea[];
}

export interface LsoaFill {
  join: string;
  /** The row's LSOA code as the join found it (a map of distinct values), in place of typing it per row. */
  code?: string;
  /** Column name → the filled value, given the value from the file. */
  columns: Record<string, (fromFile: string) => string>;
}

/**
 * The LSOA step of the fill as a join and column expressions, for the statement that builds the checked table: a
 * force extract places nearly every row by LSOA, and updating every row afterwards costs more than the table itself at
 * ten million rows. The lookup's ward name wins (its spelling is canonical); codes and districts in the file are kept.
 */
export function lsoaFill(lsoaSql: string, mapped?: { join: string; code: string }): LsoaFill {
  const g = 'csw_geo';
  return {
    join: mapped?.join ?? `LEFT JOIN main.geography ${g} ON ${g}.lsoa_code = ${lsoaSql}`,
    ...(mapped ? { code: mapped.code } : {}),
    columns: {
      ward_code: (file) => `coalesce(${file}, ${g}.ward_code)`,
      ward_name: (file) => `coalesce(${g}.ward_name, ${file})`,
      district_code: (file) => `coalesce(${file}, ${g}.district_code)`,
      district_name: (file) => `coalesce(${file}, ${g}.district_name)`,
    },
  };
}

/** The outcomes of a fill by staged file (fileLines.ts; a single file is file 0). */
export class GeographyOutcomes {
  constructor(
    readonly checked: boolean,
    private readonly unplaced: Map<number, Unplaced>,
    private readonly unknown: Map<number, UnknownArea[]>,
  ) {}

  of(file: number): GeographyOutcome {
    return { checked: this.checked, unplaced: this.unplaced.get(file) ?? { no_location: 0, outside_lookup: 0 }, unknown: this.unknown.get(file) ?? [] };
  }
}

/** Areas listed per file at most. */
const UNKNOWN_LISTED = 200;

/**
 * Fills ward and district from the lookup for rows that carry an LSOA code, a ward code or a ward name (matched
 * ignoring case, punctuation, spacing and &/and), and counts the rows it cannot place, by staged file. Unplaced rows
 * are still imported; they are counted and listed, never dropped. `lsoaFilled`: the table was built with lsoaFill().
 */
export async function fillGeography(
  connection: DuckDBConnection,
  table: string,
  hasGeography: boolean,
  wardAliases: Readonly<Record<string, string>> = {},
  lsoaFilled = false,
): Promise<GeographyOutcomes> {
  const ok = `${table}.issue IS NULL`;
  // Corrections the analyst accepted replace the file's spelling before matching, so they place rows like any name.
  const aliases = Object.entries(wardAliases);
  if (aliases.length > 0) {
    await connection.run(
      `UPDATE ${table} SET ward_name = a.ward FROM (SELECT unnest(?::VARCHAR[]) AS given, unnest(?::VARCHAR[]) AS ward) a
       WHERE ${ok} AND ${table}.ward_code IS NULL AND ${table}.ward_name = a.given`,
      [listValue(aliases.map(([given]) => given)), listValue(aliases.map(([, ward]) => ward))],
    );
  }
  const located = `(${table}.lsoa_code IS NOT NULL OR ${table}.ward_code IS NOT NULL OR ${table}.ward_name IS NOT NULL)`;
  // Rows with no location and rows outside the lookup, counted by file in one pass.
  const unplaced = async (outside: string) => {
    const reader = await connection.runAndReadAll(
      `SELECT ${fileOfLine(`${table}.line`)}, count(*) FILTER (WHERE NOT ${located}), count(*) FILTER (WHERE ${outside}) FROM ${table} WHERE ${ok} GROUP BY 1`,
    );
    return new Map(reader.getRows().map(([file, none, out]) => [toCount(file), { no_location: toCount(none), outside_lookup: toCount(out) }]));
  };
  if (!hasGeography) return new GeographyOutcomes(false, await unplaced(located), new Map());
  // The lookup's ward name wins (its spelling is canonical); codes and districts already on the row are kept.
  const fill = (alias: string) =>
    [
      `ward_code = coalesce(${table}.ward_code, ${alias}.ward_code)`,
      `ward_name = coalesce(${alias}.ward_name, ${table}.ward_name)`,
      `district_code = coalesce(${table}.district_code, ${alias}.district_code)`,
      `district_name = coalesce(${table}.district_name, ${alias}.district_name)`,
    ].join(', ');
  if (!lsoaFilled) await connection.run(`UPDATE ${table} SET ${fill('g')} FROM main.geography g WHERE ${ok} AND ${table}.lsoa_code = g.lsoa_code`);
  const wards = `SELECT ward_code, any_value(ward_name) AS ward_name, any_value(district_code) AS district_code, any_value(district_name) AS district_name,
                 ${matchKeySql('any_value(ward_name)')} AS ward_key FROM main.geography WHERE ward_code IS NOT NULL GROUP BY ward_code`;
  await connection.run(
    `UPDATE ${table} SET ${fill('w')} FROM (${wards}) w WHERE ${ok} AND ${table}.lsoa_code IS NULL AND ${table}.ward_code = w.ward_code`,
  );
  // By name only where the name is unambiguous (within the row's district, when it has one).
  await connection.run(
    `UPDATE ${table} SET ${fill('w')}
     FROM (SELECT *, count(*) OVER (PARTITION BY ward_key) AS n FROM (${wards})) w
     WHERE ${ok} AND ${table}.lsoa_code IS NULL AND ${table}.ward_code IS NULL AND ${table}.ward_name IS NOT NULL
       AND ${matchKeySql(`${table}.ward_name`)} = w.ward_key
       AND (w.n = 1 OR ${table}.district_code = w.district_code)`,
  );
  const outside = `${located} AND (
      (${table}.lsoa_code IS NOT NULL AND ${table}.lsoa_code NOT IN (SELECT lsoa_code FROM main.geography))
      OR (${table}.lsoa_code IS NULL AND (${table}.ward_code IS NULL OR ${table}.ward_code NOT IN (SELECT ward_code FROM main.geography WHERE ward_code IS NOT NULL))))`;
  const unknownRows = await connection.runAndReadAll(
    `SELECT ${fileOfLine()} AS csw_file, CASE WHEN lsoa_code IS NOT NULL THEN 'lsoa_code' WHEN ward_code IS NOT NULL THEN 'ward_code' ELSE 'ward_name' END AS kind,
            coalesce(lsoa_code, ward_code, ward_name) AS value, count(*) AS n
     FROM ${table} WHERE ${ok} AND ${outside} GROUP BY 1, 2, 3
     QUALIFY row_number() OVER (PARTITION BY csw_file ORDER BY n DESC, value) <= ${UNKNOWN_LISTED} ORDER BY csw_file, n DESC, value`,
  );
  const unknown = groupByFile(unknownRows.getRows(), ([, kind, value, n]): UnknownArea => ({ kind: kind as UnknownArea['kind'], value: String(value), rows: toCount(n), suggestions: [] }));
  await suggestWards(connection, [...unknown.values()].flat().filter((u) => u.kind === 'ward_name'));
  return new GeographyOutcomes(true, await unplaced(outside), unknown);
}

/** Up to three lookup wards whose names are close (Jaro-Winkler ≥ 0.85 on match keys), best first. */
async function suggestWards(connection: DuckDBConnection, wards: UnknownArea[]): Promise<void> {
  if (wards.length === 0) return;
  const reader = await connection.runAndReadAll(
    `SELECT u.name, list(g.ward_name ORDER BY jaro_winkler_similarity(${matchKeySql('u.name')}, ${matchKeySql('g.ward_name')}) DESC, g.ward_name)
     FROM unnest(?::VARCHAR[]) AS u(name)
     JOIN (SELECT DISTINCT ward_name FROM main.geography WHERE ward_name IS NOT NULL) g
       ON jaro_winkler_similarity(${matchKeySql('u.name')}, ${matchKeySql('g.ward_name')}) >= 0.85
     GROUP BY u.name`,
    [listValue(wards.map((w) => w.value))],
  );
  const byName = new Map(reader.getRows().map(([name, list]) => [String(name), (list as { items: unknown[] }).items.slice(0, 3).map(String)]));
  for (const ward of wards) ward.suggestions = byName.get(ward.value) ?? [];
}
