import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * One view of crime–person links, whichever way they came: victim_id / offender_id on crime rows (one person per
 * crime) and the victims / offenders link tables (several per crime). Rebuilt after imports from whichever exist.
 */
export async function rebuildPeopleView(connection: DuckDBConnection): Promise<void> {
  const existing = new Set(
    (
      await connection.runAndReadAll(
        `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
           AND table_name IN ('crimes', 'victims', 'offenders')`,
      )
    )
      .getRows()
      .map(([name]) => String(name)),
  );
  const parts: string[] = [];
  if (existing.has('crimes')) {
    parts.push(
      `SELECT crime_ref, 'victim' AS role, victim_id AS person_id, NULL::BIGINT AS age, NULL::VARCHAR AS sex, NULL::VARCHAR AS mosaic_group FROM main.crimes WHERE victim_id IS NOT NULL`,
      `SELECT crime_ref, 'offender', offender_id, NULL, NULL, NULL FROM main.crimes WHERE offender_id IS NOT NULL`,
    );
  }
  if (existing.has('victims')) parts.push(`SELECT crime_ref, 'victim', person_id, age, sex, mosaic_group FROM main.victims`);
  if (existing.has('offenders')) parts.push(`SELECT crime_ref, 'offender', person_id, age, sex, mosaic_group FROM main.offenders`);
  if (parts.length === 0) return;
  await connection.run(`CREATE OR REPLACE VIEW main.crime_people AS ${parts.join(' UNION ALL ')}`);
}
