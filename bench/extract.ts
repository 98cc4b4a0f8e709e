import { DuckDBInstance } from '@duckdb/node-api';
import type { MappingProfile } from '../shared/datasets/mappingProfile';

/** The force extract's columns, as a records system exports them, and the saved profile that maps them. */
export const extractProfile: MappingProfile = {
  name: 'Benchmark force extract',
  dataset: 'crimes',
  columns: {
    crime_ref: 'Crime Reference',
    recorded_date: 'Date Recorded',
    offence_group: 'HO Offence Group',
    offence_subgroup: 'HO Sub Group',
    lsoa_code: 'LSOA Code',
    domestic: 'Domestic Abuse',
    alcohol: 'Alcohol Related',
    drugs: 'Drug Related',
    hate: 'Hate Crime',
    victim_id: 'Victim URN',
    offender_id: 'Offender URN',
  },
  date_format: '%d/%m/%Y',
  true_values: ['Y'],
  false_values: ['N', ''],
};

const groups = [
  ['Violence against the person', 'Violence with injury'],
  ['Violence against the person', 'Violence without injury'],
  ['Theft offences', 'Shoplifting'],
  ['Theft offences', 'Other theft'],
  ['Criminal damage and arson', 'Criminal damage'],
  ['Burglary', 'Residential burglary'],
  ['Public order offences', 'Public fear, alarm or distress'],
  ['Drug offences', 'Possession of drugs'],
  ['Vehicle offences', 'Theft from a vehicle'],
  ['Sexual offences', 'Other sexual offences'],
  ['Robbery', 'Robbery of personal property'],
  ['Possession of weapons offences', 'Possession of article with blade or point'],
];

/**
 * Writes a realistic force-wide police extract of `rows` crimes over three years (2017–2020) as CSV: every LSOA of the
 * force's lookup, the Home Office groups in the Counting Rules' spellings, flags, and victim and offender references that
 * repeat (so repeat-victim analyses have work to do). Like a real extract it has a few rows to quarantine: one in a
 * thousand has an impossible date and one in two thousand repeats the previous crime's reference. Written by DuckDB
 * itself, so ten million rows take seconds, and seeded by the row number (hash), so the same size gives the same file.
 */
export async function writeExtract(file: string, rows: number, lsoaLookup: string, options: { refreshFromDay?: number } = {}): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
    await connection.run(`CREATE TABLE lsoas AS SELECT list(LSOA11CD ORDER BY LSOA11CD) AS codes FROM read_csv(${literal(lsoaLookup)})`);
    // A refreshed extract (bench refresh): the same crimes from `refreshFromDay` on, as exported again later: one in a
    // hundred with its domestic flag changed, one in two hundred gone (cancelled), and 0.3% new crimes in the window.
    const from = options.refreshFromDay;
    const days = `SELECT i, CASE WHEN i >= ${rows} THEN ${from ?? 0} + hash(i, 1) % ${1095 - (from ?? 0)} ELSE hash(i, 1) % 1095 END AS day,
                         ${from === undefined ? 'false' : 'hash(i, 14) % 100 = 0'} AS changed FROM range(${from === undefined ? rows : Math.round(rows * 1.003)}) r(i)`;
    const daysSql = from === undefined ? days : `SELECT * FROM (${days}) WHERE day >= ${from} AND hash(i, 15) % 200 <> 0`;
    const groupList = `[${groups.map(([g, s]) => `{'g': ${literal(g)}, 's': ${literal(s)}}`).join(', ')}]`;
    await connection.run(
      `COPY (
         SELECT 'CR/' || lpad(CAST(CASE WHEN hash(i, 12) % 2000 = 0 AND i > 0 THEN i - 1 ELSE i END AS VARCHAR), 9, '0') AS "Crime Reference",
                CASE WHEN hash(i, 13) % 1000 = 0 THEN '31/02/2019'
                     ELSE strftime(DATE '2017-04-01' + CAST(day AS INTEGER), '%d/%m/%Y') END AS "Date Recorded",
                grp.g AS "HO Offence Group", grp.s AS "HO Sub Group",
                codes[1 + CAST(hash(i, 2) % len(codes) AS INTEGER)] AS "LSOA Code",
                CASE WHEN (hash(i, 3) % 100 < 12) <> changed THEN 'Y' ELSE 'N' END AS "Domestic Abuse",
                CASE WHEN hash(i, 4) % 100 < 18 THEN 'Y' ELSE 'N' END AS "Alcohol Related",
                CASE WHEN hash(i, 5) % 100 < 7 THEN 'Y' ELSE 'N' END AS "Drug Related",
                CASE WHEN hash(i, 6) % 100 < 2 THEN 'Y' ELSE '' END AS "Hate Crime",
                CASE WHEN hash(i, 7) % 100 < 85 THEN 'V' || lpad(CAST(hash(i, 8) % ${Math.max(1, Math.floor(rows * 0.6))} AS VARCHAR), 9, '0') ELSE '' END AS "Victim URN",
                CASE WHEN hash(i, 9) % 100 < 45 THEN 'O' || lpad(CAST(hash(i, 10) % ${Math.max(1, Math.floor(rows * 0.2))} AS VARCHAR), 9, '0') ELSE '' END AS "Offender URN"
         FROM (SELECT i, ${groupList}[1 + CAST(hash(i, 11) % ${groups.length} AS INTEGER)] AS grp, day, changed FROM (${daysSql})), lsoas
         ORDER BY i
       ) TO ${literal(file)} (HEADER, DELIMITER ',')`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
