import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Forces and months the bench's police.uk files cover: several of each, one with no Crime IDs (as BTP publishes). */
export const benchForces = ['Staffordshire Police', 'West Midlands Police', 'Derbyshire Constabulary', 'British Transport Police'];
export const benchMonths = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

/**
 * Crime types as often as in the real police.uk files of sample-data (62,421 rows: ASB 23%, violence 30%, …), as
 * per-mille bands.
 */
const crimeTypes: [string, number][] = [
  ['Anti-social behaviour', 232],
  ['Violence and sexual offences', 304],
  ['Criminal damage and arson', 87],
  ['Other theft', 80],
  ['Shoplifting', 65],
  ['Public order', 54],
  ['Vehicle crime', 44],
  ['Burglary', 42],
  ['Theft from the person', 24],
  ['Drugs', 21],
  ['Other crime', 17],
  ['Bicycle theft', 11],
  ['Robbery', 11],
  ['Possession of weapons', 8],
];
const outcomes = ['Unable to prosecute suspect', 'Investigation complete; no suspect identified', 'Court result unavailable', 'Under investigation', 'Local resolution', 'Awaiting court outcome'];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The rows of a police.uk street file in its published layout (12 columns, in order), `rows` of them over the bench's
 * forces and months, each force-month a contiguous block as in the monthly archive: 64-hex Crime IDs, blank for ASB
 * and for every British Transport Police row; one crime in 500 shares the previous row's Crime ID (as some forces
 * publish a crime with two locations or outcomes); 1.5% "No Location" rows with blank coordinates and LSOA; 3% of rows
 * in LSOAs outside the lookup (a neighbouring force's); the rest in the lookup's LSOAs. Seeded by the row number.
 */
function streetRowsSql(rows: number): string {
  const fm = benchForces.length * benchMonths.length;
  let bound = 0;
  const typeCase = `CASE ${crimeTypes.map(([t, n]) => `WHEN hash(i, 1) % 1000 < ${(bound += n)} THEN ${literal(t)}`).join(' ')} ELSE 'Other crime' END`;
  return `
    SELECT CASE WHEN crime_type = 'Anti-social behaviour' OR force = 'British Transport Police' THEN NULL
                ELSE md5(CAST(ref AS VARCHAR)) || md5(CAST(ref AS VARCHAR) || 'x') END AS "Crime ID",
           month AS "Month", force AS "Reported by", force AS "Falls within",
           CASE WHEN no_location THEN NULL ELSE printf('%.6f', -2.2 + (hash(i, 4) % 100000) / 100000.0) END AS "Longitude",
           CASE WHEN no_location THEN NULL ELSE printf('%.6f', 52.6 + (hash(i, 5) % 100000) / 100000.0) END AS "Latitude",
           CASE WHEN no_location THEN 'No Location' ELSE 'On or near Street ' || (hash(i, 6) % 5000) END AS "Location",
           CASE WHEN no_location THEN NULL WHEN outside THEN 'E0109' || lpad(CAST(hash(i, 7) % 9000 AS VARCHAR), 4, '0') ELSE lsoa.code END AS "LSOA code",
           CASE WHEN no_location THEN NULL WHEN outside THEN 'Elsewhere ' || (hash(i, 7) % 9000) ELSE lsoa.name END AS "LSOA name",
           crime_type AS "Crime type",
           CASE WHEN crime_type = 'Anti-social behaviour' THEN NULL ELSE ${`[${outcomes.map(literal).join(', ')}]`}[1 + CAST(hash(i, 8) % ${outcomes.length} AS INTEGER)] END AS "Last outcome category",
           NULL AS "Context"
    FROM (
      SELECT i,
             ${`[${benchForces.map(literal).join(', ')}]`}[1 + CAST((i * ${fm} // ${rows}) % ${benchForces.length} AS INTEGER)] AS force,
             ${`[${benchMonths.map(literal).join(', ')}]`}[1 + CAST((i * ${fm} // ${rows}) // ${benchForces.length} AS INTEGER)] AS month,
             ${typeCase} AS crime_type,
             CASE WHEN hash(i, 2) % 500 = 0 AND i > 0 THEN i - 1 ELSE i END AS ref,
             hash(i, 3) % 1000 < 15 AS no_location,
             hash(i, 3) % 1000 >= 15 AND hash(i, 3) % 1000 < 45 AS outside,
             1 + CAST(hash(i, 9) % (SELECT count(*) FROM lsoas) AS INTEGER) AS pick
      FROM range(${rows}) r(i)
    ) x JOIN lsoas lsoa ON lsoa.n = x.pick
    ORDER BY i`;
}

/**
 * Writes `rows` police.uk street rows as one CSV (`file`, as an analyst concatenates months and forces) and, if
 * `folder` is given, the same rows as a folder of monthly per-force files named as the archive names them
 * (`2024-01-staffordshire-street.csv`). Written by DuckDB, so ten million rows take seconds, and the same size gives
 * the same files.
 */
export async function writePoliceUk(file: string, rows: number, lsoaLookup: string, folder?: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE lsoas AS SELECT row_number() OVER (ORDER BY LSOA11CD) AS n, LSOA11CD AS code, LSOA11NM AS name FROM read_csv(${literal(lsoaLookup)})`);
    await connection.run(`COPY (${streetRowsSql(rows)}) TO ${literal(file)} (HEADER, DELIMITER ',')`);
    if (!folder) return;
    fs.mkdirSync(folder, { recursive: true });
    await connection.run(`CREATE TABLE street AS SELECT * FROM read_csv(${literal(file)}, all_varchar = true)`);
    for (const month of benchMonths) {
      for (const force of benchForces) {
        const name = `${month}-${force.toLowerCase().split(' ')[0].replace('british', 'btp')}-street.csv`;
        await connection.run(
          `COPY (SELECT * FROM street WHERE "Month" = ${literal(month)} AND "Reported by" = ${literal(force)}) TO ${literal(path.join(folder, name))} (HEADER, DELIMITER ',')`,
        );
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
