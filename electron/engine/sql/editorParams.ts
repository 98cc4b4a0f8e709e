import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisParameter } from '../../../shared/analyses/schema';
import { createContext } from '../analyses/runAnalysis';
import { resolveParameters } from '../analyses/resolveParameters';
import { createParams, paramsValues } from '../analyses/userAnalyses';

/** The header's settings, as the SQL editor reads them: the same shared parameters a saved analysis of its own takes. */
const editorParameters: AnalysisParameter[] = [
  { name: 'area', type: 'area', label: 'Area' },
  { name: 'comparator', type: 'area', label: 'Comparator' },
  { name: 'from', type: 'date', label: 'From' },
  { name: 'to', type: 'date', label: 'To' },
];

export interface EditorParams {
  area?: string;
  comparator?: string;
  from?: string;
  to?: string;
}

/**
 * Gives a query in the SQL editor what a saved analysis gets: the one-row `params` table (area and comparator by name
 * and by code, from and to) and the context tables (area_districts, comparator_districts, populations…), resolved
 * from the header exactly as the library resolves them, so a query runs the same before and after it is saved. With
 * no area (no geography lookup yet), `params` still exists, with the period and empty places.
 */
export async function prepareEditorParams(connection: DuckDBConnection, given: EditorParams): Promise<void> {
  const values = Object.fromEntries(Object.entries(given).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
  const parameters = values.area ? editorParameters : editorParameters.filter((p) => p.type !== 'area');
  const resolved = await resolveParameters(connection, { id: 'the SQL editor', parameters }, values).catch((error: Error) => {
    // A workspace with no crimes has no default period: the query may not need one, so params says nothing of it.
    if (!values.from && !values.to && /no recorded crimes/.test(error.message)) return null;
    throw error;
  });
  // A query that reads no population must not fail for want of one: the context is built as far as the data allows.
  if (resolved && values.area) await createContext(connection, resolved).catch(() => undefined);
  await createParams(connection, editorParameters, resolved ? paramsValues(resolved) : {});
}
