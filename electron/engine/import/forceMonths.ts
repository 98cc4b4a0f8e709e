import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../errors';
import { sqlString } from '../sqlText';
import { toCount } from '../rows';
import { hasMetaTable, REPLACEMENTS, type Departure } from './displace';
import type { ImportPlan } from './plan';
import { ROW_HASH, STAGE } from './stage';
import { fileOfLine, groupByFile } from './fileLines';

export interface ForceMonth {
  force: string;
  month: string;
  rows: number;
}

/** Where each police.uk dataset keeps its month. */
const monthColumns = { crimes: 'recorded_date', asb: 'reported_date' } as const;

/**
 * The force-months of the staged police.uk file (force as "Reported by", month as "2024-01"), with their rows, by staged
 * file (fileLines.ts: several files checked as one; a single file is file 0).
 */
export async function stagedForceMonths(connection: DuckDBConnection, columns: NonNullable<ImportPlan['forceMonth']>): Promise<Map<number, ForceMonth[]>> {
  // Counted by the staged text first, so that trimming and checking run once per distinct force and month.
  const reader = await connection.runAndReadAll(
    `SELECT csw_file, trim(f), trim(m), sum(n) FROM (SELECT ${fileOfLine()} AS csw_file, ${columns.force} AS f, ${columns.month} AS m, count(*) AS n FROM ${STAGE} GROUP BY ALL)
     WHERE NULLIF(trim(f), '') IS NOT NULL AND regexp_full_match(trim(m), '[0-9]{4}-[0-9]{2}') GROUP BY ALL ORDER BY 1, 3, 2`,
  );
  return groupByFile(reader.getRows(), ([, force, month, rows]) => ({ force: String(force), month: String(month), rows: toCount(rows) }));
}

/** Every police.uk force-month the workspace holds, by import (those a later import replaced are no longer held). */
export async function workspaceForceMonths(connection: DuckDBConnection): Promise<{ import_id: number; file: string; force: string; month: string }[]> {
  const reader = await connection.runAndReadAll(`SELECT import_id, file_name, report_json FROM csw_meta.imports WHERE profile = 'police-uk' ORDER BY import_id`);
  const gone = new Set<string>();
  if (await hasMetaTable(connection, 'replacements')) {
    const replaced = await connection.runAndReadAll(`SELECT DISTINCT import_id, force, month FROM ${REPLACEMENTS} WHERE kind = 'replace'`);
    for (const [id, force, month] of replaced.getRows()) gone.add(`${String(id)}|${String(force)}|${String(month)}`);
  }
  return reader.getRows().flatMap(([id, file, json]) => {
    let months: ForceMonth[];
    try {
      months = (JSON.parse(String(json)) as { police_uk?: { force_months?: ForceMonth[] } }).police_uk?.force_months ?? [];
    } catch {
      months = [];
    }
    return months
      .filter((m) => !gone.has(`${String(id)}|${m.force}|${m.month}`))
      .map((m) => ({ import_id: toCount(id), file: String(file), force: m.force, month: m.month }));
  });
}

/** Refused: police.uk rows for force-months the workspace already has. Listed so a batch can name them all. */
export class OverlapError extends EngineError {
  constructor(readonly overlaps: { import_id: number; file: string; force: string; month: string }[]) {
    super('invalid_input', overlapMessage(overlaps));
  }
}

export function overlapMessage(overlaps: { import_id: number; file: string; force: string; month: string }[]): string {
  const listed = overlaps.map((o) => `${o.force} ${o.month} (import #${o.import_id}, ${o.file})`);
  return `The workspace already has police.uk rows for ${listed.length === 1 ? 'this force-month' : `these ${listed.length} force-months`}: ${listed.join('; ')}. Import with --replace (in the app: "Replace those months") to replace exactly them; the workspace is unchanged.`;
}

/** Refused: force-months of this file that an earlier file of the same import holds (named by that file). */
export function twiceInBatch(twice: readonly { force: string; month: string; file: string }[]): EngineError {
  return new EngineError(
    'invalid_input',
    `Two files of this import hold police.uk rows for the same force-month: ${twice.map((o) => `${o.force} ${o.month} (also in ${o.file})`).join('; ')}. Import one of them; the workspace is unchanged.`,
  );
}

/**
 * The force-months of the new file that the workspace already holds: refused (OverlapError) unless `replace`, in
 * which case each becomes a departure of exactly that import's rows for that month. Force-months that appear in two
 * files of the same import are always refused. An earlier import that mixes forces within a month cannot be replaced
 * by the month alone (its rows carry no force), so that is refused too, naming what to do.
 */
export async function replacedForceMonths(connection: DuckDBConnection, months: readonly ForceMonth[], replace: boolean, batch: readonly number[]): Promise<Departure[]> {
  const existing = await workspaceForceMonths(connection);
  const overlapping = existing.filter((e) => months.some((m) => m.force === e.force && m.month === e.month));
  if (overlapping.length === 0) return [];
  const twice = overlapping.filter((o) => batch.includes(o.import_id));
  if (twice.length > 0) throw twiceInBatch(twice);
  if (!replace) throw new OverlapError(overlapping);
  const departures: Departure[] = [];
  for (const o of overlapping) {
    const others = existing.filter((e) => e.import_id === o.import_id && e.month === o.month && e.force !== o.force);
    if (others.length > 0) {
      throw new EngineError(
        'invalid_input',
        `Import #${o.import_id} (${o.file}) holds ${o.month} for ${[o.force, ...others.map((e) => e.force)].join(' and ')} together, so ${o.force} ${o.month} cannot be replaced alone: remove that import (remove-import ${o.import_id}) and import its months again. The workspace is unchanged.`,
      );
    }
    const datasets = await existingTables(connection);
    for (const [dataset, column] of Object.entries(monthColumns)) {
      if (!datasets.has(dataset)) continue;
      departures.push({
        kind: 'replace',
        import_id: o.import_id,
        file: o.file,
        dataset,
        force: o.force,
        month: o.month,
        where: `import_id = ${o.import_id} AND strftime(${column}, '%Y-%m') = ${sqlString(o.month)}`,
      });
    }
  }
  return departures;
}

async function existingTables(connection: DuckDBConnection): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`);
  return new Set(reader.getRows().map(([name]) => String(name)));
}

/** Staged rows identical in every field to an earlier row of the same file, by staged file: kept, since police.uk counts them. */
export async function identicalRows(connection: DuckDBConnection): Promise<Map<number, number>> {
  // Rows are grouped by a 64-bit hash of every field first; only rows whose hash repeats are compared field by field
  // (a distinct of every row and field cost 0.65 s per million police.uk rows). Where the source hashed every field as
  // it read (ROW_HASH) and staged only the columns read one by one, those are compared, with the hash standing for the
  // rest: rows counted identical agree in every staged field and in a 64-bit hash of all of them (two rows differing
  // only in unstaged columns are miscounted only on a hash collision, about 3 in a million at 10 million rows).
  const hashed = (await connection.runAndReadAll(`SELECT * FROM ${STAGE} LIMIT 0`)).columnNames().includes(ROW_HASH);
  const fields = hashed ? ROW_HASH : 'hash(*COLUMNS(* EXCLUDE (line)))';
  const reader = await connection.runAndReadAll(
    `SELECT csw_file, sum(n - 1) FROM (
       SELECT ${fileOfLine()} AS csw_file, * EXCLUDE (line), count(*) AS n FROM ${STAGE}
       WHERE ${fields} IN (SELECT h FROM (SELECT ${fields} AS h FROM ${STAGE}) GROUP BY h HAVING count(*) > 1)
       GROUP BY ALL) GROUP BY 1`,
  );
  return new Map(reader.getRows().map(([file, n]) => [toCount(file), toCount(n)]));
}

/** The report's note on how police.uk rows were counted. */
export function policeUkNotes(counted: { missing_id: number; shared_id: number; identical_rows: number }): string[] {
  const n = (value: number) => value.toLocaleString('en-GB');
  const notes: string[] = [];
  if (counted.missing_id > 0) notes.push(`${n(counted.missing_id)} crime rows had no Crime ID; each is counted, with a reference made from the file and line.`);
  if (counted.shared_id > 0) notes.push(`${n(counted.shared_id)} crime rows shared a Crime ID with an earlier row (of this file or the workspace); police.uk counts each, so each of these has a reference made from the file and line.`);
  if (counted.identical_rows > 0) notes.push(`${n(counted.identical_rows)} rows are identical in every field to an earlier row; police.uk counts each, and so does the workspace.`);
  return notes;
}
