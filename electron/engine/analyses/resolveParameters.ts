import type { DuckDBConnection } from '@duckdb/node-api';
import type { Analysis } from '../../../shared/analyses/schema';
import { EngineError } from '../errors';
import { checkDataValues } from './parameterValues';

export type ParameterValues = Record<string, string | number>;

export interface ResolvedParameters {
  values: Record<string, string | number>;
  /** District codes the area covers, and the comparator's. */
  areaDistricts: string[];
  comparatorDistricts: string[];
  /** Human-readable names, for titles and provenance. */
  areaName: string;
  comparatorName: string;
  /** The codes of the area and comparator as the lookup gives them (E07000194), for SQL that joins on codes. */
  areaCode?: string;
  comparatorCode?: string;
  /** How the comparator was chosen when it was not given (the force area, or every district in the lookup). */
  comparatorNote?: string;
}

/**
 * Checks an analysis's parameters against its metadata and fills the shared ones from the data: `area` (a district,
 * CSP or force, by code or name), `comparator` (default: the force area containing the area), `from`/`to` (default: the
 * latest 12 whole months of recorded crime), `per`, `confidence`. Errors name the parameter and what is allowed.
 */
export async function resolveParameters(connection: DuckDBConnection, analysis: Pick<Analysis, 'id' | 'parameters'>, given: ParameterValues): Promise<ResolvedParameters> {
  const known = new Set(analysis.parameters.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) throw new EngineError('invalid_input', `${analysis.id} has no parameter "${name}"; its parameters are ${[...known].join(', ')}.`);
  }
  const values: Record<string, string | number> = {};
  let area: Place | undefined;
  let comparator: Place | undefined;
  for (const p of analysis.parameters) {
    const raw = given[p.name] ?? p.default;
    if (p.type === 'area') {
      if (p.name === 'area') {
        if (raw === undefined) throw new EngineError('invalid_input', `${analysis.id} needs an area: a district, CSP or force code or name (such as E07000194 or Lichfield).`);
        area = await findPlace(connection, String(raw), 'area');
      } else if (p.name === 'comparator') {
        comparator = raw === undefined ? undefined : await findPlace(connection, String(raw), 'comparator');
      }
      continue;
    }
    if (raw === undefined) {
      if (p.type === 'date') continue; // from/to: resolved from the data below
      throw new EngineError('invalid_input', `${analysis.id} needs a value for ${p.name}.`);
    }
    values[p.name] = checkValue(p, raw);
  }
  let comparatorNote: string | undefined;
  if ((known.has('comparator') || comparator) && !comparator && area) {
    // Without a district → CSP → force lookup there is no force to compare with: every district the lookup knows is
    // the comparator, named as such, rather than an empty one whose counts would all be 0.
    comparator = (await forceOf(connection, area)) ?? (await allDistricts(connection));
    comparatorNote = `The comparator is ${comparator.name}${comparator.name.startsWith('all ') ? ' (no force area is known: import the ONS district → CSP → force lookup to compare with the force)' : ', the force area containing the area'}.`;
  }
  if (known.has('from') || known.has('to')) Object.assign(values, await defaultPeriod(connection, values));
  if (typeof values.from === 'string' && typeof values.to === 'string' && values.from > values.to) {
    throw new EngineError('invalid_input', `from (${values.from}) is after to (${values.to}).`);
  }
  await checkDataValues(connection, analysis, values);
  return {
    values,
    areaDistricts: area?.districts ?? [],
    comparatorDistricts: comparator?.districts ?? [],
    areaName: area?.name ?? '',
    comparatorName: comparator?.name ?? '',
    areaCode: area?.code,
    comparatorCode: comparator?.code,
    comparatorNote,
  };
}

function checkValue(p: Analysis['parameters'][number], raw: string | number): string | number {
  const text = String(raw).trim();
  switch (p.type) {
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
        throw new EngineError('invalid_input', `${p.name} must be a date like 2019-03-31, not "${text}".`);
      }
      return text;
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n) || (p.type === 'integer' && !Number.isInteger(n))) throw new EngineError('invalid_input', `${p.name} must be a ${p.type === 'integer' ? 'whole number' : 'number'}, not "${text}".`);
      if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) throw new EngineError('invalid_input', `${p.name} must be between ${p.min} and ${p.max}, not ${n}.`);
      return n;
    }
    case 'choice': {
      const match = p.choices?.find((c) => String(c) === text);
      if (match === undefined) throw new EngineError('invalid_input', `${p.name} must be one of ${p.choices?.join(', ')}, not "${text}".`);
      return match;
    }
    default:
      return text;
  }
}

interface Place {
  /** Absent for a comparator that is no one area of the lookup (every district in it). */
  code?: string;
  name: string;
  districts: string[];
}

/** A district, CSP or force by code or name, as the districts it covers. */
async function findPlace(connection: DuckDBConnection, value: string, what: string): Promise<Place> {
  const reader = await connection.runAndReadAll(
    // A district and its CSP often share a name ("Lichfield"): both cover the same districts, and the code given is
    // the district's (then the CSP's, then the force's), not whichever row any_value met first.
    `SELECT name, list(DISTINCT district_code ORDER BY district_code), arg_min(code, level) FROM (
       SELECT district_name AS name, district_code, district_code AS code, 1 AS level FROM geography WHERE upper(district_code) = upper($v) OR lower(district_name) = lower($v)
       UNION ALL SELECT csp_name, district_code, csp_code, 2 FROM geography WHERE upper(csp_code) = upper($v) OR lower(csp_name) = lower($v)
       UNION ALL SELECT force_name, district_code, force_code, 3 FROM geography WHERE upper(force_code) = upper($v) OR lower(force_name) = lower($v))
     WHERE district_code IS NOT NULL GROUP BY name ORDER BY count(*) LIMIT 1`,
    { v: value },
  );
  const row = reader.getRows()[0];
  if (!row) {
    const districts = (await connection.runAndReadAll('SELECT DISTINCT district_name FROM geography WHERE district_name IS NOT NULL ORDER BY 1')).getRows().map(([n]) => String(n));
    throw new EngineError('invalid_input', `No district, CSP or force called "${value}" for the ${what}; this workspace has ${districts.join(', ') || 'no geography lookup yet'}.`);
  }
  return { name: String(row[0]), districts: (row[1] as { items: unknown[] }).items.map(String), code: String(row[2]) };
}

async function forceOf(connection: DuckDBConnection, area: Place): Promise<Place | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT any_value(force_name), list(DISTINCT district_code ORDER BY district_code), any_value(force_code) FROM geography
     WHERE force_code = (SELECT any_value(force_code) FROM geography WHERE district_code = $d) AND district_code IS NOT NULL`,
    { d: area.districts[0] },
  );
  const [name, list, code] = reader.getRows()[0];
  return name === null || (list as { items: unknown[] }).items.length === 0 ? undefined : { name: String(name), districts: (list as { items: unknown[] }).items.map(String), code: String(code) };
}

/** Every district in the lookup, as a place with no code of its own (it is no area of the lookup). */
async function allDistricts(connection: DuckDBConnection): Promise<Place> {
  const [[list]] = (await connection.runAndReadAll('SELECT list(DISTINCT district_code ORDER BY district_code) FROM geography WHERE district_code IS NOT NULL')).getRows();
  const districts = ((list as { items: unknown[] } | null)?.items ?? []).map(String);
  return { name: `all ${districts.length} districts in the lookup`, districts };
}

/**
 * The latest 12 whole months of recorded crime: to the end of the last complete month in the data, from 12 months
 * before. A month is complete when the data reaches its last day, or when the data is monthly (police.uk dates every
 * crime on the 1st).
 */
async function defaultPeriod(connection: DuckDBConnection, values: Record<string, string | number>): Promise<Record<string, string>> {
  const reader = await connection.runAndReadAll(
    `SELECT CASE WHEN last_day(m) = m OR monthly THEN last_day(m) ELSE date_trunc('month', m)::DATE - 1 END
     FROM (SELECT max(recorded_date) AS m, bool_and(day(recorded_date) = 1) AS monthly FROM crimes)`,
  ).catch(() => undefined);
  const last = reader?.getRows()[0]?.[0];
  const to = typeof values.to === 'string' ? values.to : last ? String(last) : undefined;
  if (!to) throw new EngineError('invalid_input', 'There are no recorded crimes to choose a period from: give from and to.');
  const from = typeof values.from === 'string' ? values.from : String((await connection.runAndReadAll('SELECT (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE', { to })).getRows()[0][0]);
  return { from, to };
}
