import type { DuckDBConnection } from '@duckdb/node-api';
import type { GeographyOutcome } from './geographyFill';

/**
 * LSOA codes issued in 2021 (police.uk uses them from 2022): England's 2011 codes end at E01033768 and Wales's at
 * W01001958, so a code beyond those is a 2021 code. A lookup holding none of them is a 2011 lookup.
 */
const is2021Code = (code: string) => (code.startsWith('E01') && code > 'E01033768') || (code.startsWith('W01') && code > 'W01001958');

/**
 * When LSOA codes do not place because the lookup is of another vintage, say so and say what to import: for each
 * file's outcomes (several files checked as one give one list each), the lookup's codes read once for all of them.
 */
export async function lookupVintageHints(connection: DuckDBConnection, outcomesByFile: readonly (readonly GeographyOutcome[])[]): Promise<string[][]> {
  const newerByFile = outcomesByFile.map((outcomes) => outcomes.flatMap((o) => o.unknown.filter((u) => u.kind === 'lsoa_code' && is2021Code(u.value))));
  if (newerByFile.every((newer) => newer.length === 0)) return outcomesByFile.map(() => []);
  const reader = await connection.runAndReadAll(`SELECT lsoa_code FROM main.geography WHERE lsoa_code IS NOT NULL`).catch(() => undefined);
  const codes = (reader?.getRows() ?? []).map(([c]) => String(c));
  if (codes.some(is2021Code)) return outcomesByFile.map(() => []);
  return newerByFile.map((newer) => {
    if (newer.length === 0) return [];
    const rows = newer.reduce((n, u) => n + u.rows, 0);
    return [
      `${rows.toLocaleString('en-GB')} rows have LSOA codes that look like 2021 codes (${newer.slice(0, 3).map((u) => u.value).join(', ')}…), but your geography lookup is 2011: import the 2021 LSOA → ward → district lookup (LSOA21CD, WDnnCD, LADnnCD) to place them.`,
    ];
  });
}

const HINT = /^([\d,]+) rows have LSOA codes that look like 2021 codes/;

/** Several files' vintage hints as one, their rows summed. */
export function mergeVintageHints(warnings: readonly string[]): string[] {
  const hints = warnings.filter((w) => HINT.test(w));
  if (hints.length < 2) return [...warnings];
  const rows = hints.reduce((n, w) => n + Number(HINT.exec(w)![1].replace(/,/g, '')), 0);
  const merged = hints[0].replace(HINT, `${rows.toLocaleString('en-GB')} rows have LSOA codes that look like 2021 codes`);
  return [...warnings.filter((w) => !HINT.test(w)), merged];
}
