import type { DuckDBConnection } from '@duckdb/node-api';
import type { Analysis, AnalysisParameter } from '../../../shared/analyses/schema';
import { EngineError } from '../errors';

/** The crime flags an analysis can filter on (columns of `crimes`). */
export const CRIME_FLAGS = ['domestic', 'alcohol', 'drugs', 'hate', 'vawg', 'cse', 'knife', 'public_place', 'business', 'vehicle_taken'] as const;

type Source = NonNullable<AnalysisParameter['values_from']>;

/** Where each kind of value lives in the data. */
const QUERIES: Record<Exclude<Source, 'measure'>, string> = {
  offence_group: 'SELECT DISTINCT offence_group FROM crimes WHERE offence_group IS NOT NULL',
  offence_subgroup: 'SELECT DISTINCT offence_subgroup FROM crimes WHERE offence_subgroup IS NOT NULL',
  asb_category: 'SELECT DISTINCT category FROM asb WHERE category IS NOT NULL',
  incident_type: 'SELECT DISTINCT incident_type FROM incidents WHERE incident_type IS NOT NULL',
  survey: 'SELECT DISTINCT i.file_name FROM survey s JOIN csw_meta.imports i USING (import_id)',
};

/** hotspot-wards' `measure` names a value of the kind `measure_kind` chooses. */
const MEASURE_KINDS: Record<string, Exclude<Source, 'measure'> | 'flag' | undefined> = {
  offence_group: 'offence_group',
  offence_subgroup: 'offence_subgroup',
  asb_category: 'asb_category',
  incident_type: 'incident_type',
  incident_high_risk: 'incident_type',
  flag: 'flag',
};

/**
 * The values of the data a parameter may take, or undefined when it takes any (a measure of all crime takes none:
 * only empty). Read from the workspace, so the form can offer them and a misspelling is refused, not matched to
 * nothing.
 */
export async function allowedValues(connection: DuckDBConnection, parameter: AnalysisParameter, values: Record<string, string | number>): Promise<string[] | undefined> {
  const source = parameter.values_from;
  if (!source) return undefined;
  const kind = source === 'measure' ? MEASURE_KINDS[String(values.measure_kind ?? '')] : source;
  if (source === 'measure' && !kind) return [];
  if (kind === 'flag') return [...CRIME_FLAGS];
  const reader = await connection.runAndReadAll(`${QUERIES[kind!]} ORDER BY 1`).catch(() => undefined);
  return reader ? reader.getRows().map(([v]) => String(v)) : [];
}

const words = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();

/** Levenshtein distance, for close spellings. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The values nearest to what was typed: the same words in another order, or a close spelling. */
export function closeMatches(given: string, allowed: readonly string[]): string[] {
  const g = words(given);
  const sorted = (s: string) => s.split(' ').sort().join(' ');
  const scored = allowed.map((value) => {
    const v = words(value);
    const d = sorted(v) === sorted(g) ? 0 : v.includes(g) || g.includes(v) ? 0.1 : distance(v, g) / Math.max(v.length, g.length);
    return { value, d };
  });
  return scored.filter((s) => s.d <= 0.4).sort((a, b) => a.d - b.d || a.value.localeCompare(b.value)).slice(0, 3).map((s) => s.value);
}

/** Refuses a parameter value the data does not have, naming the close matches and where the full list is. */
export async function checkDataValues(connection: DuckDBConnection, analysis: Pick<Analysis, 'parameters'>, values: Record<string, string | number>): Promise<void> {
  for (const p of analysis.parameters.filter((x) => x.values_from)) {
    const value = values[p.name];
    if (value === undefined || String(value) === '') continue;
    const allowed = await allowedValues(connection, p, values);
    if (!allowed || allowed.includes(String(value))) continue;
    if (allowed.length === 0) {
      throw new EngineError('invalid_input', `${p.name} must be empty ${p.values_from === 'measure' ? `for measure_kind ${values.measure_kind}` : `here: this workspace has no ${String(p.values_from).replace('_', ' ')} values`}, not "${value}".`);
    }
    const close = closeMatches(String(value), allowed);
    const hint = close.length ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : ` It has ${allowed.slice(0, 12).map((c) => `"${c}"`).join(', ')}${allowed.length > 12 ? '…' : ''}.`;
    throw new EngineError('invalid_input', `${p.name} "${value}" matches nothing in this workspace's data, so every figure would be 0.${hint}`);
  }
}
