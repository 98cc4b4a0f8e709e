import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { locatedDatasets } from '../../../shared/datasets/canonical';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';
import { toCount } from '../rows';
import type { FormatOverrides, ReplacedRows } from '../../../shared/contracts/import';
import { choosePlan, type ImportAs } from './choosePlan';
import type { ImportPlan } from './plan';
import { BAD, collectBadLines, writeImport } from './commit';
import { fileOfLine, groupByFile, lineInFile } from './fileLines';
import { detectFormats } from './formats';
import { fillGeography, type GeographyOutcome, type GeographyOutcomes } from './geographyFill';
import type { Pseudonymiser } from './pseudonymise';
import type { TabularSource } from './sources/types';
import { REPORT_ISSUES, type ImportReport } from './report';
import { isSavedAsIs, saveMappingProfile } from './mappingProfileStore';
import { mappedColumns } from './quarantineRaw';
import { dropImportTables } from './tempTables';
import { hasTable } from './workspaceTables';
import { openSource, type SourceOptions } from './sources/openSource';
import { groupTargets, loadOffenceGroups, targetTable, transformTargets, type Leaving, type MadeRefs } from './transform';
import { identicalRows, policeUkNotes, replacedForceMonths, stagedForceMonths, type ForceMonth } from './forceMonths';
import { departingSql, displaceRows, type Departure } from './displace';
import { refreshDiff, refreshSources, type RefreshDiff } from './refresh';
import { lookupVintageHints } from './lookupVintage';
import { mergeUnknownAreas } from './unknownAreas';
import type { BuiltMaps } from './distinctMaps';

export interface ImportRequest {
  file: string;
  as: ImportAs;
  mapping?: MappingProfile;
  /** The wizard's corrections to what detection guessed. */
  overrides?: FormatOverrides;
  /** Ward names in the file → the lookup's ward name, as accepted by the analyst. */
  ward_aliases?: Record<string, string>;
  /** Several files, folders and zips as one import (importBatch.ts); `file` is then ignored. */
  files?: string[];
  /** police.uk: replace force-months already in the workspace rather than refuse them. */
  replace?: boolean;
  /** A mapped extract: update by reference, add, and remove the same source's rows the file no longer has. */
  refresh?: boolean;
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
    const checked = await checkSource(connection, source, pseudonymiser, request, control);
    await connection.run('BEGIN TRANSACTION');
    try {
      const report = await writeChecked(connection, checked, request, source, control);
      await connection.run(control.dryRun ? 'ROLLBACK' : 'COMMIT');
      return report;
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    source.close();
    await dropImportTables(connection, 'after').catch(() => undefined);
  }
}

/** A file read and checked in temporary tables, ready to be written by writeChecked(). */
export interface CheckedFile {
  plan: ImportPlan;
  sha256: string;
  rowsRead: number;
  quarantined: number;
  outcomes: (GeographyOutcome & { dataset: string })[];
  policeUk?: { missing_id: number; shared_id: number; identical_rows: number; force_months: ForceMonth[] };
  /** Workspace rows this import takes away when written: replaced force-months, refreshed extract rows. */
  leaving: Departure[];
  refresh?: RefreshDiff;
  /** Why codes may not have placed (a lookup of another vintage). */
  hints: string[];
}

export const cancelledError = () => new EngineError('cancelled', 'The import was cancelled; the workspace is unchanged.');

/**
 * Reads and checks a file in temporary tables, touching nothing in the workspace: stages it, refuses a file imported
 * before or (police.uk) force-months already in the workspace unless replacing, builds the checked tables, and
 * collects the bad lines. `batch`: the import ids written earlier in the same import, when there are several files.
 */
export async function checkSource(
  connection: DuckDBConnection,
  source: TabularSource,
  pseudonymiser: Pseudonymiser,
  request: ImportRequest,
  control: ImportControl,
  batch: readonly number[] = [],
): Promise<CheckedFile> {
  const checkCancel = () => {
    if (control.cancelled()) throw cancelledError();
  };
  // A provisional plan checks the header before any reading, and names the person identifier columns, which depend
  // only on the header and mapping: they are hashed as they are staged. (The final plan differs only in using the
  // file's hash, which police.uk ASB references need.)
  const provisional = planFor(request, source.header, '0'.repeat(64));
  const width = source.header.length;
  const staged = await source.stage({
    connection,
    personColumns: provisional.personColumns,
    // A police.uk street file carries no person identifiers, and its force ("Reported by") and whole rows are read
    // to count force-months and identical rows: every column is staged, unless the source hashes every field as it
    // reads (below). Other files stage only what is mapped.
    usedColumns: provisional.forceMonth ? Array.from({ length: width }, (_, i) => i) : mappedColumns(provisional, width),
    // Where the source can hash every field as it reads, only what is read one by one is staged besides the hash
    // (police.uk: 5 of its 12 columns), which tells identical rows apart: less to stage and to hold at ten million rows.
    rowHashColumns: provisional.forceMonth ? readColumns(provisional, width) : undefined,
    pseudonymiser,
    // police.uk publishes no person identifiers: its street files may be read without the sealed reader.
    noIdentifiers: provisional.profile === 'police-uk',
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
    if (batch.includes(toCount(id))) throw new SameFileInBatch(toCount(id));
    throw new AlreadyImported(toCount(id), String(when));
  }

  if (request.replace && !plan.forceMonth) {
    throw new EngineError('invalid_input', '--replace replaces police.uk force-months; a refreshed extract is imported with --refresh and its saved mapping.');
  }
  // police.uk force-months already in the workspace are refused, or with `replace` leave as the new rows come.
  const forceMonths = plan.forceMonth ? ((await stagedForceMonths(connection, plan.forceMonth)).get(0) ?? []) : [];
  const leaving = plan.forceMonth ? await replacedForceMonths(connection, forceMonths, request.replace === true, batch) : [];
  const refreshing = request.refresh ? await refreshSources(connection, plan) : undefined;
  const leavingSql = departingSql([...leaving, ...(refreshing ? [refreshing.dupCheck] : [])]);

  const checkedTargets = await checkTargets(connection, plan, width, request, leavingSql, control.cancelled);
  const made = checkedTargets.made;
  const outcomes = checkedTargets.outcomes(0);
  const policeUk = plan.forceMonth
    ? { missing_id: made?.get(0)?.missing ?? 0, shared_id: made?.get(0)?.shared ?? 0, identical_rows: (await identicalRows(connection)).get(0) ?? 0, force_months: forceMonths }
    : undefined;
  const quarantined = await collectBadLines(connection, plan, source.header);
  const refresh = refreshing ? await refreshDiff(connection, refreshing) : undefined;
  if (refreshing) leaving.push(...refreshing.departures);
  const [hints] = await lookupVintageHints(connection, [outcomes]);
  await dropImportTables(connection, 'before-write');
  return { plan, sha256, rowsRead: staged.rowsRead, quarantined, outcomes, policeUk, leaving, refresh, hints };
}

/**
 * Builds the checked table of each of the plan's datasets from the staged rows, flags what cannot be used, and places
 * located rows by the geography lookup. Returns the references made (police.uk) and the geography outcomes, by staged
 * file (fileLines.ts).
 */
export async function checkTargets(
  connection: DuckDBConnection,
  plan: ImportPlan,
  width: number,
  request: Pick<ImportRequest, 'ward_aliases'>,
  leaving: Leaving,
  cancelled: () => boolean = () => false,
): Promise<{ made?: Map<number, MadeRefs>; outcomes(file: number): (GeographyOutcome & { dataset: string })[] }> {
  await loadOffenceGroups(connection);
  const geography = await hasTable(connection, 'geography');
  const filled: { dataset: string; outcomes: GeographyOutcomes }[] = [];
  let made: Map<number, MadeRefs> | undefined;
  const maps: BuiltMaps = new Map();
  for (const [i, targets] of groupTargets(plan).entries()) {
    const located = locatedDatasets.includes(targets[0].dataset);
    made = (await transformTargets(connection, plan, targets, i, width, { fillFromLsoa: located && geography, leaving, maps })) ?? made;
    if (located) filled.push({ dataset: targets[0].dataset, outcomes: await fillGeography(connection, targetTable(i), geography, request.ward_aliases, geography) });
    if (cancelled()) throw cancelledError();
  }
  return { made, outcomes: (file) => filled.map((f) => ({ ...f.outcomes.of(file), dataset: f.dataset })) };
}

/** A file imported before (same SHA-256 and profile): refused alone, skipped among several files. */
export class AlreadyImported extends EngineError {
  constructor(
    readonly importId: number,
    readonly when: string,
  ) {
    super('invalid_input', `This file was already imported on ${when} (import #${importId}); the workspace is unchanged.`);
  }
}

/** The same file twice in one import of several files: the second is skipped, not refused. */
export class SameFileInBatch extends Error {
  constructor(readonly importId: number) {
    super(`the same file as import #${importId} in this import`);
  }
}

/**
 * Writes a checked file inside the caller's transaction: first takes away the rows it replaces (kept aside so that
 * removing this import brings them back), then its rows, quarantine and provenance. Returns the file's report.
 */
export async function writeChecked(connection: DuckDBConnection, checked: CheckedFile, request: ImportRequest, source: TabularSource, control: ImportControl): Promise<ImportReport> {
  const importId = await nextImportId(connection);
  const replaced = await displaceRows(connection, checked.leaving, importId);
  const byDataset = (await writeImport(connection, checked.plan, [importId])).get(0)!;
  // A named mapping is kept in the workspace with the import, ready for next year's file.
  if (request.mapping?.name && !(await isSavedAsIs(connection, request.mapping))) await saveMappingProfile(connection, request.mapping);
  const report = fileReport({
    ...checked,
    file: path.basename(request.file),
    as: request.as,
    importId,
    encoding: source.encoding,
    delimiter: source.delimiter,
    byDataset,
    issues: (await listIssues(connection)).get(0) ?? [],
    dryRun: control.dryRun === true,
    replaced,
  });
  await recordImport(connection, report, source.size, checked.plan);
  if (control.cancelled()) throw cancelledError();
  return report;
}

/** The id the next import gets. */
export async function nextImportId(connection: DuckDBConnection): Promise<number> {
  return toCount((await connection.runAndReadAll('SELECT coalesce(max(import_id), 0) + 1 FROM csw_meta.imports')).getRows()[0][0]);
}

/** One file's report of what it imported, quarantined and could not place, from its checked and written parts. */
export function fileReport(parts: {
  file: string;
  as: ImportAs;
  importId: number;
  plan: ImportPlan;
  sha256: string;
  encoding: string;
  delimiter: string;
  rowsRead: number;
  quarantined: number;
  byDataset: Record<string, number>;
  outcomes: (GeographyOutcome & { dataset: string })[];
  issues: ImportReport['issues'];
  dryRun: boolean;
  hints: string[];
  policeUk?: CheckedFile['policeUk'];
  replaced: ReplacedRows[];
  refresh?: RefreshDiff;
}): ImportReport {
  const { plan, outcomes, policeUk, replaced, refresh } = parts;
  return {
    file: parts.file,
    dataset: parts.as,
    import_id: parts.importId,
    profile: plan.profile,
    sha256: parts.sha256,
    encoding: parts.encoding,
    delimiter: parts.delimiter,
    date_format: plan.dateFormat ?? null,
    rows_read: parts.rowsRead,
    rows_imported: parts.rowsRead - parts.quarantined,
    rows_quarantined: parts.quarantined,
    by_dataset: parts.byDataset,
    unplaced: {
      no_location: outcomes.reduce((n, o) => n + o.unplaced.no_location, 0),
      outside_lookup: outcomes.reduce((n, o) => n + o.unplaced.outside_lookup, 0),
    },
    unknown_areas: mergeUnknownAreas(outcomes.flatMap((o) => o.unknown.map((u) => ({ ...u, dataset: o.dataset })))),
    issues: parts.issues,
    dry_run: parts.dryRun,
    warnings: [
      ...(plan.warnings ?? []),
      ...(outcomes.some((o) => !o.checked)
        ? ['This workspace has no geography lookup yet, so rows were not placed in wards: import the ONS LSOA→ward→district lookup first.']
        : []),
      ...parts.hints,
    ],
    notes: policeUk ? policeUkNotes(policeUk) : [],
    ...(policeUk ? { police_uk: policeUk } : {}),
    ...(replaced.length > 0 ? { replaced } : {}),
    ...(refresh ? { refresh } : {}),
  };
}

/** The import's provenance record, with its report: written in the import's transaction, after its rows. */
export async function recordImport(connection: DuckDBConnection, report: ImportReport, size: number, plan: ImportPlan): Promise<void> {
  await connection.run(
    `INSERT INTO csw_meta.imports VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [report.import_id, report.file, size, report.sha256, plan.profile, JSON.stringify(plan.profileJson), report.encoding, report.delimiter, report.rows_read, report.rows_imported, report.rows_quarantined, JSON.stringify(report)],
  );
}

/** The staged columns a police.uk plan reads one by one: what its targets map, and the force and month it counts. */
export function readColumns(plan: ImportPlan, width: number): number[] {
  const forceMonth = Object.values(plan.forceMonth ?? {}).flatMap((sql) => [...sql.matchAll(/\bc(\d+)\b/g)].map((m) => Number(m[1])));
  return [...new Set([...mappedColumns(plan, width), ...forceMonth])].sort((a, b) => a - b);
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

/** The first bad lines of each staged file (fileLines.ts), with the line within the file. */
export async function listIssues(connection: DuckDBConnection): Promise<Map<number, ImportReport['issues']>> {
  const reader = await connection.runAndReadAll(
    `SELECT ${fileOfLine()} AS csw_file, ${lineInFile()}, issue.column, issue.reason FROM ${BAD}
     QUALIFY row_number() OVER (PARTITION BY csw_file ORDER BY line) <= ${REPORT_ISSUES} ORDER BY line`,
  );
  return groupByFile(reader.getRows(), ([, line, column, reason]) => ({ line: toCount(line), column: column === null ? null : String(column), reason: String(reason) }));
}
