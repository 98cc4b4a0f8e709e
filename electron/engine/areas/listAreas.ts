import type { DuckDBConnection } from '@duckdb/node-api';

export interface AreaOption {
  code: string;
  name: string;
  type: 'district' | 'csp' | 'force';
}

/** The areas analyses can be run for, from the geography lookup: districts, then CSPs, then force areas. */
export async function listAreas(connection: DuckDBConnection): Promise<AreaOption[]> {
  const reader = await connection
    .runAndReadAll(
      `SELECT DISTINCT code, name, type FROM (
         SELECT district_code AS code, district_name AS name, 'district' AS type FROM geography
         UNION ALL SELECT csp_code, csp_name, 'csp' FROM geography
         UNION ALL SELECT force_code, force_name, 'force' FROM geography)
       WHERE code IS NOT NULL AND name IS NOT NULL ORDER BY type = 'district' DESC, type = 'csp' DESC, name`,
    )
    .catch(() => undefined); // no geography lookup yet: no areas
  return (reader?.getRows() ?? []).map(([code, name, type]) => ({ code: String(code), name: String(name), type: type as AreaOption['type'] }));
}

/*
 * Datasets that cover only some districts, and how each names its areas. A force-wide extract covers every district
 * alike; boundaries, SPI, Mosaic and survey files are usually bought or drawn for the one partnership the workspace
 * was made for, so the district they cover is the workspace's own.
 */
const localDatasets: { table: string; areaColumn: string }[] = [
  { table: 'boundaries', areaColumn: 'area_code' },
  { table: 'spi', areaColumn: 'area_code' },
  { table: 'mosaic', areaColumn: 'area_code' },
  { table: 'survey', areaColumn: 'ward' },
];

/**
 * The district to open on when the analyst has not chosen one: the one most of the workspace's local datasets cover
 * (in the sample, Lichfield: its ward boundaries, SPI and survey), then the one with most recorded crime, then by
 * name. Null when there is no geography lookup.
 */
export async function suggestedArea(connection: DuckDBConnection): Promise<string | null> {
  const present = new Set(
    (
      await connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`)
    ).getRows().map(([name]) => String(name)),
  );
  if (!present.has('geography')) return null;
  // Each dataset's areas, matched to a district through any code or name the lookup gives for its wards and LSOAs.
  const covered = localDatasets
    .filter((d) => present.has(d.table))
    .map(
      (d) => `SELECT DISTINCT g.district_code, '${d.table}' AS dataset FROM (SELECT DISTINCT ${d.areaColumn} AS area FROM main.${d.table}) t
              JOIN main.geography g ON t.area IN (g.district_code, g.ward_code, g.lsoa_code, g.ward_name)`,
    );
  const crimes = present.has('crimes') ? `SELECT district_code, count(*) AS n FROM main.crimes GROUP BY district_code` : `SELECT NULL AS district_code, 0 AS n`;
  const reader = await connection.runAndReadAll(
    `WITH districts AS (SELECT DISTINCT district_code, district_name FROM main.geography WHERE district_code IS NOT NULL),
          covered AS (${covered.length > 0 ? covered.join(' UNION ALL ') : 'SELECT NULL AS district_code, NULL AS dataset'}),
          crimes AS (${crimes})
     SELECT d.district_code
     FROM districts d
     LEFT JOIN (SELECT district_code, count(DISTINCT dataset) AS datasets FROM covered GROUP BY district_code) c USING (district_code)
     LEFT JOIN crimes r USING (district_code)
     ORDER BY coalesce(c.datasets, 0) DESC, coalesce(r.n, 0) DESC, d.district_name
     LIMIT 1`,
  );
  const row = reader.getRows()[0];
  return row ? String(row[0]) : null;
}
