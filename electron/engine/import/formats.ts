import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalDatasets } from '../../../shared/datasets/canonical';
import { sqlString } from '../sqlText';
import type { ImportPlan } from './plan';
import { rawSql } from './expressions';
import { STAGE } from './stage';

// UK forms come before ISO-like ones only where unambiguous; month-first (US) forms are never guessed.
const dateFormats = ['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%Y/%m/%d', '%d/%m/%y', '%Y-%m', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S'];
const timestampFormats = ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%d/%m/%Y', '%Y-%m-%d'];

/**
 * Picks the date (and timestamp) format that parses the most of a sample of the file's values — every one of them,
 * ideally — when the profile does not say. Rows that still do not parse are quarantined with the format named.
 */
export async function detectFormats(connection: DuckDBConnection, plan: ImportPlan): Promise<ImportPlan> {
  const pick = async (kind: 'date' | 'timestamp', candidates: string[]) => {
    const sources = plan.targets.flatMap((t) =>
      canonicalDatasets[t.dataset].columns.filter((c) => c.kind === kind).flatMap((c) => (t.columns[c.name] ? [rawSql(t.columns[c.name])] : [])),
    );
    if (sources.length === 0) return undefined;
    const sample = `SELECT NULLIF(trim(v), '') AS v FROM (SELECT unnest([${sources.join(', ')}]) AS v FROM ${STAGE} LIMIT 5000) WHERE NULLIF(trim(v), '') IS NOT NULL`;
    const scores = candidates.map((f) => `count(try_strptime(v, ${sqlString(f)}))`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT count(*), ${scores} FROM (${sample})`);
    const [total, ...parsed] = reader.getRows()[0].map(Number);
    if (total === 0) return undefined;
    const best = parsed.indexOf(Math.max(...parsed));
    return parsed[best] > 0 ? candidates[best] : undefined;
  };
  return {
    ...plan,
    dateFormat: plan.dateFormat ?? (await pick('date', dateFormats)),
    timestampFormat: plan.timestampFormat ?? (await pick('timestamp', timestampFormats)),
  };
}
