import type { DuckDBConnection } from '@duckdb/node-api';
import { chartOptions } from '../../../shared/contracts/exports';
import type { z } from 'zod';

export type SavedChart = z.infer<typeof chartOptions>;

/** The chart saved for an analysis, or null; a saved value that no longer parses is ignored, not fatal. */
export async function loadChart(connection: DuckDBConnection, analysisId: string): Promise<SavedChart | null> {
  const reader = await connection.runAndReadAll('SELECT options_json FROM csw_meta.charts WHERE analysis_id = ?', [analysisId]);
  const [row] = reader.getRows();
  if (!row) return null;
  try {
    const parsed = chartOptions.safeParse(JSON.parse(String(row[0])));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveChart(connection: DuckDBConnection, analysisId: string, options: SavedChart | null): Promise<boolean> {
  if (options === null) {
    await connection.run('DELETE FROM csw_meta.charts WHERE analysis_id = ?', [analysisId]);
    return false;
  }
  await connection.run('INSERT OR REPLACE INTO csw_meta.charts VALUES (?, ?, now()::TIMESTAMP)', [analysisId, JSON.stringify(options)]);
  return true;
}
