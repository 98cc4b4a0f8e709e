import type { DuckDBConnection } from '@duckdb/node-api';
import type { BatchReport, ImportReport } from '../../../shared/contracts/import';
import { EngineError } from '../errors';
import { REPORT_ISSUES } from './report';
import { AlreadyImported, cancelledError, checkSource, SameFileInBatch, sourceOptions, writeChecked, type ImportControl, type ImportRequest } from './importFile';
import { OverlapError, policeUkNotes } from './forceMonths';
import { expandPaths } from './importPaths';
import type { Pseudonymiser } from './pseudonymise';
import { openSource } from './sources/openSource';
import { dropImportTables } from './tempTables';
import { mergeUnknownAreas } from './unknownAreas';
import { mergeVintageHints } from './lookupVintage';
import { checkStreetBatch, stageStreetBatch, writeStreetBatch } from './streetBatch';

/**
 * Several files, folders and zips as one import: every file is written inside one transaction (and read and checked
 * there too, but for street files checked together before it), so a refusal, a failure, a cancel or a kill anywhere
 * leaves the workspace exactly as it was. Each file keeps its own
 * import record (and can be removed alone); the report gives the totals under the usual keys and each file's report
 * under `files`. Files imported before are skipped and listed; police.uk force-months already in the workspace are
 * refused together (every one named) unless `replace`.
 *
 * police.uk street files of one layout are staged as one table and checked together before the transaction
 * (streetBatch.ts). Other files are read one by one inside it, where delimited text is read by DuckDB's fast reader only
 * in the sealed reader's own instance (never in the workspace): that reader is tried and abandoned on files it cannot
 * read exactly, and inside this transaction any failed statement of the workspace's would abort the whole transaction;
 * one in another instance does not.
 */
export async function importBatch(
  connection: DuckDBConnection,
  filesDir: string,
  pseudonymiser: Pseudonymiser,
  request: ImportRequest,
  control: ImportControl,
): Promise<BatchReport> {
  const expanded = await expandPaths(request.files ?? [request.file], request.as, filesDir);
  try {
    const { files } = expanded;
    const skipped = [...expanded.skipped];
    if (files.length === 0) {
      throw new EngineError('invalid_input', `There is no file to import${skipped.length ? `: ${skipped.map((s) => `${s.file} is ${s.reason}`).join('; ')}` : ''}.`);
    }
    // police.uk street files of one layout are staged as one table and checked before the transaction, as one file
    // is (streetBatch.ts); only their write is inside it.
    const street = await stageStreetBatch(connection, filesDir, files, request, control);
    const checkedStreet = street ? await checkStreetBatch(connection, street, request, control, skipped) : undefined;
    let reports: ImportReport[] = [];
    const overlaps: OverlapError['overlaps'] = [];
    await connection.run('BEGIN TRANSACTION');
    try {
      if (checkedStreet) reports = await writeStreetBatch(connection, checkedStreet, request, control);
      for (const [i, file] of (street ? [] : files).entries()) {
        if (control.cancelled()) throw cancelledError();
        const fileRequest: ImportRequest = { ...request, file: file.path, files: undefined };
        const fileControl: ImportControl = { ...control, progress: (p) => control.progress(Math.min(99, (100 * i + p) / files.length)) };
        const source = await openSource(file.path, filesDir, connection, sourceOptions(fileRequest), 'in-transaction').catch((error: Error) => {
          throw new EngineError(error instanceof EngineError ? error.code : 'invalid_input', `${file.name}: ${error.message}`);
        });
        try {
          const checked = await checkSource(connection, source, pseudonymiser, fileRequest, fileControl, reports.map((r) => r.import_id));
          // Once a force-month is refused nothing will be written; the rest are still checked, to name every overlap.
          if (overlaps.length > 0) continue;
          reports.push({ ...(await writeChecked(connection, checked, fileRequest, source, fileControl)), file: file.name });
        } catch (error) {
          if (error instanceof OverlapError) overlaps.push(...error.overlaps);
          else if (error instanceof SameFileInBatch) skipped.push({ file: file.name, reason: `the same file as ${reports.find((r) => r.import_id === error.importId)?.file ?? `import #${error.importId}`}, already in this import` });
          else if (error instanceof AlreadyImported) skipped.push({ file: file.name, reason: `already imported on ${error.when} (import #${error.importId})` });
          else if (error instanceof EngineError && error.code === 'cancelled') throw error;
          else throw new EngineError(error instanceof EngineError ? error.code : 'invalid_input', `${file.name}: ${(error as Error).message}`);
        } finally {
          source.close();
          await dropImportTables(connection, 'after');
        }
      }
      if (overlaps.length > 0) throw new OverlapError(overlaps);
      if (reports.length === 0) throw new EngineError('invalid_input', `Nothing to import: ${skipped.map((s) => `${s.file} is ${s.reason}`).join('; ')}. The workspace is unchanged.`);
      if (control.cancelled()) throw cancelledError();
      await connection.run(control.dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return totals(reports, skipped, control.dryRun === true);
  } finally {
    // The street files' staged table was made before the transaction, so a rollback does not take it away.
    await dropImportTables(connection, 'after').catch(() => undefined);
    expanded.cleanup();
  }
}

const sum = (reports: ImportReport[], pick: (r: ImportReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
const distinct = (values: string[]) => [...new Set(values)];

/** The batch's totals under the single-file report's keys, and each file's report. */
function totals(reports: ImportReport[], skipped: { file: string; reason: string }[], dryRun: boolean): BatchReport {
  const byDataset: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.by_dataset)) byDataset[k] = (byDataset[k] ?? 0) + v;
  const police = reports.filter((r) => r.police_uk);
  const policeUk = police.length
    ? {
        missing_id: sum(police, (r) => r.police_uk!.missing_id),
        shared_id: sum(police, (r) => r.police_uk!.shared_id),
        identical_rows: sum(police, (r) => r.police_uk!.identical_rows),
        force_months: police.flatMap((r) => r.police_uk!.force_months),
      }
    : undefined;
  const replaced = reports.flatMap((r) => r.replaced ?? []);
  return {
    file: `${reports.length} files`,
    dataset: reports[0].dataset,
    import_id: reports[0].import_id,
    import_ids: reports.map((r) => r.import_id),
    profile: distinct(reports.map((r) => r.profile)).join(', '),
    sha256: '',
    encoding: distinct(reports.map((r) => r.encoding)).join(', '),
    delimiter: distinct(reports.map((r) => r.delimiter)).join(', '),
    date_format: reports[0].date_format,
    rows_read: sum(reports, (r) => r.rows_read),
    rows_imported: sum(reports, (r) => r.rows_imported),
    rows_quarantined: sum(reports, (r) => r.rows_quarantined),
    by_dataset: byDataset,
    unplaced: { no_location: sum(reports, (r) => r.unplaced.no_location), outside_lookup: sum(reports, (r) => r.unplaced.outside_lookup) },
    // One entry per area across all files (the same unplaced LSOA in twelve monthly files is one area, its rows summed).
    unknown_areas: mergeUnknownAreas(reports.flatMap((r) => r.unknown_areas)),
    issues: reports.flatMap((r) => r.issues.map((issue) => ({ ...issue, file: r.file }))).slice(0, REPORT_ISSUES),
    warnings: mergeVintageHints(distinct(reports.flatMap((r) => r.warnings))),
    notes: policeUk ? policeUkNotes(policeUk) : distinct(reports.flatMap((r) => r.notes ?? [])),
    ...(policeUk ? { police_uk: policeUk } : {}),
    ...(replaced.length ? { replaced } : {}),
    skipped,
    dry_run: dryRun,
    files: reports,
  };
}
