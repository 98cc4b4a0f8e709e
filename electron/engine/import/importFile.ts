import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { locatedDatasets } from '../../../shared/datasets/canonical';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';
import { toCount } from '../rows';
import type { FormatOverrides } from '../../../shared/contracts/import';
import { choosePlan, type ImportAs } from './choosePlan';
import type { ImportPlan } from './plan';
import { BAD, collectBadLines, writeImport } from './commit';
import { detectFormats } from './formats';
import { fillGeography, type GeographyOutcome } from './geographyFill';
import type { Pseudonymiser } from './pseudonymise';
import type { TabularSource } from './sources/types';
import { REPORT_ISSUES, type ImportReport } from './report';
import { saveProfile } from './profileStore';
import { mappedColumns } from './quarantineRaw';
import { dropImportTables } from './tempTables';
import { openSource, type SourceOptions } from './sources/openSource';
import { groupTargets, loadOffenceGroups, targetTable, transformTargets } from './transform';

export interface ImportRequest {
  file: string;
  as: ImportAs;
  mapping?: MappingProfile;
  /** The wizard's corrections to what detection guessed. */
  overrides?: FormatOverrides;
  /** Ward names in the file → the lookup's ward name, as accepted by the analyst. */
  ward_aliases?: Record<string, string>;
}

export interface ImportControl {
  /** 0–100 while reading the file, then 100 while checking and writing. */
  progress(percentage: number): void;
  cancelled(): boolean;
  /** Check only: run every step, then roll back, so the report is exact and the workspace untouched. */
  dryRun?: boolean;
}

/**
 * Imports one file, all or nothing: the file is read and checked in temporary tables, and only a final transaction
 * touches the workspace. If anything fails or the user cancels, that transaction never commits and the workspace is
 * exactly as it was. Every row read is either imported or quarantined with its line and reason.
 */
export async function importFile(
  connection: DuckDBConnection,
  filesDir: string,
  pseudonymiser: Pseudonymiser,
  request: ImportRequest,
  control: ImportControl,
): Promise<ImportReport> {
  const source = await openSource(request.file, filesDir, connection, sourceOptions(request));
  try {
    return await importSource(connection, source, pseudonymiser, request, control);
  } finally {
    source.close();
    await dropImportTables(connection, 'after').catch(() => undefined);
  }
}

async function importSource(
  connection: DuckDBConnection,
  source: TabularSource,
  pseudonymiser: Pseudonymiser,
  request: ImportRequest,
  control: ImportControl,
): Promise<ImportReport> {
  const checkCancel = () => {
    if (control.cancelled()) throw new EngineError('cancelled', 'The import was cancelled; the workspace is unchanged.');
  };
  // A provisional plan checks the header before any reading, and names the person identifier columns, which depend
  // only on the header and mapping: they are hashed as they are staged. (The final plan differs only in using the
  // file's hash, which police.uk ASB references need.)
  const provisional = planFor(request, source.header, '0'.repeat(64));
  const width = source.header.length;
  const staged = await source.stage({
    connection,
    personColumns: provisional.personColumns,
    usedColumns: mappedColumns(provisional, width),
    pseudonymiser,
    progress: (fraction) => control.progress(Math.min(99, 100 * fraction)),
    cancelled: control.cancelled,
  });
  checkCancel();
  if (staged.rowsRead === 0) throw new EngineError('invalid_input', 'The file has a header but no data rows.');
  const sha256 = staged.sha256;
  const plan = await detectFormats(connection, planFor(request, source.header, sha256));

  const previous = await connection.runAndReadAll(
    `SELECT import_id, strftime(imported_at, '%d/%m/%Y %H:%M') FROM csw_meta.imports WHERE sha256 = ? AND profile = ? ORDER BY import_id LIMIT 1`,
    [sha256, plan.profile],
  );
  if (previous.getRows().length > 0) {
    const [id, when] = previous.getRows()[0];
    throw new EngineError('invalid_input', `This file was already imported on ${String(when)} (import #${String(id)}); the workspace is unchanged.`);
  }

  await loadOffenceGroups(connection);
  const geography = await hasTable(connection, 'geography');
  const outcomes: GeographyOutcome[] = [];
  for (const [i, targets] of groupTargets(plan).entries()) {
    const located = locatedDatasets.includes(targets[0].dataset);
    await transformTargets(connection, plan, targets, i, width, { fillFromLsoa: located && geography });
    if (located) outcomes.push(await fillGeography(connection, targetTable(i), geography, request.ward_aliases, geography));
    checkCancel();
  }
  const quarantined = await collectBadLines(connection, plan, source.header);
  await dropImportTables(connection, 'before-write');

  await connection.run('BEGIN TRANSACTION');
  try {
    const importId = toCount((await connection.runAndReadAll('SELECT coalesce(max(import_id), 0) + 1 FROM csw_meta.imports')).getRows()[0][0]);
    const byDataset = await writeImport(connection, plan, importId);
    // A named mapping is kept in the workspace with the import, ready for next year's file.
    if (request.mapping?.name) await saveProfile(connection, request.mapping);
    const report: ImportReport = {
      file: path.basename(request.file),
      dataset: request.as,
      import_id: importId,
      profile: plan.profile,
      sha256,
      encoding: source.encoding,
      delimiter: source.delimiter,
      date_format: plan.dateFormat ?? null,
      rows_read: staged.rowsRead,
      rows_imported: staged.rowsRead - quarantined,
      rows_quarantined: quarantined,
      by_dataset: byDataset,
      unplaced: {
        no_location: outcomes.reduce((n, o) => n + o.unplaced.no_location, 0),
        outside_lookup: outcomes.reduce((n, o) => n + o.unplaced.outside_lookup, 0),
      },
      unknown_areas: outcomes.flatMap((o) => o.unknown),
      issues: await listIssues(connection),
      dry_run: control.dryRun === true,
      warnings: [
        ...(plan.warnings ?? []),
        ...(outcomes.some((o) => !o.checked)
          ? ['This workspace has no geography lookup yet, so rows were not placed in wards: import the ONS LSOA→ward→district lookup first.']
          : []),
      ],
    };
    await connection.run(
      `INSERT INTO csw_meta.imports VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [importId, report.file, source.size, sha256, plan.profile, JSON.stringify(plan.profileJson), report.encoding, report.delimiter, report.rows_read, report.rows_imported, report.rows_quarantined, JSON.stringify(report)],
    );
    checkCancel();
    await connection.run(control.dryRun ? 'ROLLBACK' : 'COMMIT');
    return report;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Where the source reads its sheet, encoding and delimiter: the wizard's overrides win over the mapping's. */
export const sourceOptions = (request: ImportRequest): SourceOptions => ({
  sheet: request.mapping?.sheet,
  encoding: request.overrides?.encoding ?? request.mapping?.encoding,
  delimiter: request.overrides?.delimiter ?? request.mapping?.delimiter,
});

/** The plan for the file, with an overridden date format taking the place of the detected one. */
export function planFor(request: ImportRequest, header: readonly string[], sha256: string): ImportPlan {
  const plan = choosePlan(request.as, header, sha256, request.mapping, path.basename(request.file));
  const dateFormat = request.overrides?.date_format;
  return dateFormat ? { ...plan, dateFormat } : plan;
}

async function listIssues(connection: DuckDBConnection): Promise<ImportReport['issues']> {
  const reader = await connection.runAndReadAll(`SELECT line, issue.column, issue.reason FROM ${BAD} ORDER BY line LIMIT ${REPORT_ISSUES}`);
  return reader.getRows().map(([line, column, reason]) => ({ line: toCount(line), column: column === null ? null : String(column), reason: String(reason) }));
}

async function hasTable(connection: DuckDBConnection, name: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?`,
    [name],
  );
  return toCount(reader.getRows()[0][0]) > 0;
}
