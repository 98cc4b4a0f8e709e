import type { DuckDBConnection } from '@duckdb/node-api';
import type { Analysis } from '../../../shared/analyses/schema';

const percent = (level: number) => `${Number((level * 100).toFixed(3))}%`;

/** What a parameter changes in how the figures are made, said in words beside them (the interval's level). */
export function analysisNotes(analysis: Analysis, values: Record<string, string | number>): string[] {
  const notes: string[] = [];
  if (analysis.parameters.some((p) => p.name === 'confidence') && typeof values.confidence === 'number') {
    notes.push(`Confidence intervals and comparisons use ${percent(values.confidence)} confidence limits.`);
  }
  return notes;
}

/**
 * Warnings an analysis writes into its own rows: a `warning` column (a group with no population share, a change not
 * reported because its windows are covered unequally). Each distinct one is raised once, beside the result.
 */
export async function resultWarnings(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const columns = (await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 0`)).columnNames();
  if (!columns.includes('warning')) return [];
  const rows = (await connection.runAndReadAll(`SELECT DISTINCT warning FROM ${relation} WHERE warning IS NOT NULL ORDER BY 1`)).getRows();
  return rows.map(([w]) => String(w));
}
