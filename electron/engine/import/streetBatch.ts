import fs from 'node:fs';
import path from 'node:path';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ImportReport, ReplacedRows } from '../../../shared/contracts/import';
import { EngineError } from '../errors';
import { toCount } from '../rows';
import { BAD, collectBadLines, writeImport } from './commit';
import { departingSql, displaceRows, type Departure } from './displace';
import { fileOfLine } from './fileLines';
import type { GeographyOutcome } from './geographyFill';
import type { MadeRefs } from './transform';
import { detectFormats } from './formats';
import { OverlapError, identicalRows, replacedForceMonths, stagedForceMonths, twiceInBatch, type ForceMonth } from './forceMonths';
import { cancelledError, checkTargets, fileReport, listIssues, nextImportId, planFor, readColumns, recordImport, type ImportControl, type ImportRequest } from './importFile';
import type { BatchFile } from './importPaths';
import { lookupVintageHints } from './lookupVintage';
import type { ImportPlan } from './plan';
import { policeUkPlan } from './profiles/policeUk';
import { openSource } from './sources/openSource';
import { stageStreetFiles, viewStreetFiles, type StagedStreetFile } from './sources/streetFilesStage';
import { dropImportTables } from './tempTables';

/*
 * A police.uk download is a folder of monthly per-force street files, two dozen to a thousand. Checked one by one, each
 * file costs some forty statements however small it is, and each checks its references against every row the files
 * before it wrote (6.4 times raw DuckDB's read of the folder, measured). Street files of one layout are instead staged
 * as one table (sources/streetFilesStage.ts) and checked by the same statements as one file, every row's line naming
 * its file (fileLines.ts); what the import records stays per file — an import id, report, quarantine and provenance
 * each — exactly as if the files had been imported one after another in one transaction (importBatch.ts).
 */

/** Street files staged as one table, ready to be checked and written in the batch's transaction. */
export interface StagedStreetBatch {
  files: (BatchFile & StagedStreetFile & { size: number })[];
  header: string[];
  encoding: string;
  delimiter: string;
}

/**
 * Stages the files as one table when they can be: a police.uk import of several delimited UTF-8 files with one header,
 * no mapping, overrides or refresh, each simple enough for DuckDB's strict reader. Null otherwise, with nothing
 * staged: the caller imports the files one by one. Runs before the batch's transaction (see stageStreetFiles).
 */
export async function stageStreetBatch(connection: DuckDBConnection, filesDir: string, files: readonly BatchFile[], request: ImportRequest, control: ImportControl): Promise<StagedStreetBatch | null> {
  if (request.as !== 'police-uk' || request.mapping || request.overrides || request.refresh || files.length < 2) return null;
  let first: { header: string[]; encoding: string; delimiter: string } | undefined;
  for (const file of files) {
    const source = await openSource(file.path, filesDir, connection, {}, false).catch(() => null);
    if (!source) return null;
    source.close();
    const same = first ? source.header.join('\u0000') === first.header.join('\u0000') && source.delimiter === first.delimiter : true;
    if (source.format !== 'csv' || source.encoding !== 'utf-8' || !same) return null;
    first ??= { header: source.header, encoding: source.encoding, delimiter: source.delimiter };
  }
  if (!first) return null;
  let provisional: ImportPlan;
  try {
    provisional = planFor(request, first.header, '0'.repeat(64));
  } catch {
    return null; // not a police.uk header: the one-by-one import says so, naming the file
  }
  const width = first.header.length;
  const staged = await stageStreetFiles(
    connection,
    files.map((f) => f.path),
    {
      filesDir,
      width,
      delimiter: first.delimiter,
      usedColumns: Array.from({ length: width }, (_, i) => i),
      rowHashColumns: readColumns(provisional, width),
      progress: (fraction) => control.progress(Math.min(99, 100 * fraction)),
      cancelled: control.cancelled,
    },
  );
  if (control.cancelled()) throw cancelledError();
  if (!staged) return null;
  return { ...first, files: staged.map((s) => ({ ...files[s.index], ...s, size: fs.statSync(files[s.index].path).size })) };
}

/** Staged street files checked, ready to be written in the batch's transaction by writeStreetBatch(). */
export interface CheckedStreetBatch {
  batch: StagedStreetBatch;
  kept: StagedStreetBatch['files'];
  plan: ImportPlan;
  leaving: Map<number, Departure[]>;
  made?: Map<number, MadeRefs>;
  outcomes(file: number): (GeographyOutcome & { dataset: string })[];
  identical: Map<number, number>;
  forceMonths: Map<number, ForceMonth[]>;
  quarantined: Map<number, number>;
  hints: Map<number, string[]>;
}

/**
 * Checks staged street files before the batch's transaction, as one file is checked before its own (importFile.ts):
 * temporary tables built and updated inside a transaction keep undo versions of every changed row, which at ten
 * million rows made each update over the checked tables 1.6–2 times slower and spilled more. Files imported before,
 * or twice in this import, are skipped and listed in `skipped`; force-months the workspace holds are refused together
 * (every one named) unless `replace`, as file by file. Undefined when every file is skipped.
 */
export async function checkStreetBatch(
  connection: DuckDBConnection,
  batch: StagedStreetBatch,
  request: ImportRequest,
  control: ImportControl,
  skipped: { file: string; reason: string }[],
): Promise<CheckedStreetBatch | undefined> {
  const empty = batch.files.find((f) => f.rowsRead === 0);
  if (empty) throw new EngineError('invalid_input', `${empty.name}: The file has a header but no data rows.`);
  const kept = await notImportedBefore(connection, batch, skipped);
  if (kept.length === 0) return undefined;
  const width = batch.header.length;
  await viewStreetFiles(connection, width, batch.files, kept.map((f) => f.index));
  const plan = await detectFormats(connection, policeUkPlan(batch.header, batch.files.map((f) => f.sha256)));

  const forceMonths = await stagedForceMonths(connection, plan.forceMonth!);
  const leaving = await departures(connection, forceMonths, kept, request.replace === true);
  const { made, outcomes } = await checkTargets(connection, plan, width, request, departingSql([...leaving.values()].flat()), control.cancelled);
  const identical = await identicalRows(connection);
  await collectBadLines(connection, plan, batch.header);
  const quarantined = new Map(
    (await connection.runAndReadAll(`SELECT ${fileOfLine()}, count(*) FROM ${BAD} GROUP BY 1`)).getRows().map(([file, n]) => [toCount(file), toCount(n)]),
  );
  const vintage = await lookupVintageHints(connection, kept.map((file) => outcomes(file.index)));
  const hints = new Map(kept.map((file, k) => [file.index, vintage[k]]));
  await dropImportTables(connection, 'before-write');
  if (control.cancelled()) throw cancelledError();
  return { batch, kept, plan, leaving, made, outcomes, identical, forceMonths, quarantined, hints };
}

/**
 * Writes checked street files inside the caller's transaction: each kept file becomes an import of its own, numbered
 * in file order, with its report, quarantine and provenance. Returns the reports, in file order.
 */
export async function writeStreetBatch(connection: DuckDBConnection, checked: CheckedStreetBatch, request: ImportRequest, control: ImportControl): Promise<ImportReport[]> {
  const { batch, kept, plan } = checked;
  const base = await nextImportId(connection);
  const importIds = batch.files.map(() => 0);
  kept.forEach((file, k) => (importIds[file.index] = base + k));
  const replaced = new Map<number, ReplacedRows[]>();
  for (const file of kept) replaced.set(file.index, await displaceRows(connection, checked.leaving.get(file.index) ?? [], importIds[file.index]));
  const written = await writeImport(connection, plan, importIds);
  const issues = await listIssues(connection);
  const reports: ImportReport[] = [];
  for (const file of kept) {
    const counted = checked.made?.get(file.index);
    const report = fileReport({
      file: path.basename(file.path),
      as: request.as,
      importId: importIds[file.index],
      plan,
      sha256: file.sha256,
      encoding: batch.encoding,
      delimiter: batch.delimiter,
      rowsRead: file.rowsRead,
      quarantined: checked.quarantined.get(file.index) ?? 0,
      byDataset: written.get(file.index) ?? {},
      outcomes: checked.outcomes(file.index),
      issues: issues.get(file.index) ?? [],
      dryRun: control.dryRun === true,
      hints: checked.hints.get(file.index) ?? [],
      policeUk: {
        missing_id: counted?.missing ?? 0,
        shared_id: counted?.shared ?? 0,
        identical_rows: checked.identical.get(file.index) ?? 0,
        force_months: checked.forceMonths.get(file.index) ?? [],
      },
      replaced: replaced.get(file.index) ?? [],
    });
    // Recorded under the file's own name, and reported under its name in the import, as file by file (importBatch.ts).
    await recordImport(connection, report, file.size, plan);
    reports.push({ ...report, file: file.name });
  }
  if (control.cancelled()) throw cancelledError();
  return reports;
}

/**
 * The staged files to import: those not imported before (by SHA-256, as police.uk) and not the same file as an earlier
 * one of this import; the others are added to `skipped` with why, as file-by-file.
 */
async function notImportedBefore(connection: DuckDBConnection, batch: StagedStreetBatch, skipped: { file: string; reason: string }[]): Promise<StagedStreetBatch['files']> {
  const previous = await connection.runAndReadAll(
    `SELECT sha256, arg_min(import_id, import_id), arg_min(strftime(imported_at, '%d/%m/%Y %H:%M'), import_id) FROM csw_meta.imports
     WHERE profile = 'police-uk' AND list_contains(?::VARCHAR[], sha256) GROUP BY sha256`,
    [listValue(batch.files.map((f) => f.sha256))],
  );
  const before = new Map(previous.getRows().map(([sha, id, when]) => [String(sha), { id: toCount(id), when: String(when) }]));
  const kept: StagedStreetBatch['files'] = [];
  for (const file of batch.files) {
    const earlier = before.get(file.sha256);
    const twin = kept.find((k) => k.sha256 === file.sha256);
    if (earlier) skipped.push({ file: file.name, reason: `already imported on ${earlier.when} (import #${earlier.id})` });
    else if (twin) skipped.push({ file: file.name, reason: `the same file as ${twin.name}, already in this import` });
    else kept.push(file);
  }
  return kept;
}

/**
 * The workspace rows each kept file replaces (police.uk force-months, with `replace`), by staged file. A force-month
 * in two files of this import is refused; force-months the workspace holds are refused together unless replacing.
 */
async function departures(connection: DuckDBConnection, months: Map<number, ForceMonth[]>, kept: StagedStreetBatch['files'], replace: boolean): Promise<Map<number, Departure[]>> {
  const seen = new Map<string, string>();
  const leaving = new Map<number, Departure[]>();
  const overlaps: OverlapError['overlaps'] = [];
  for (const file of kept) {
    const own = months.get(file.index) ?? [];
    const twice = own.flatMap((m) => {
      const other = seen.get(`${m.force}\u0000${m.month}`);
      return other ? [{ ...m, file: other }] : [];
    });
    if (twice.length > 0) throw new EngineError('invalid_input', `${file.name}: ${twiceInBatch(twice).message}`);
    for (const m of own) seen.set(`${m.force}\u0000${m.month}`, file.name);
    try {
      leaving.set(file.index, await replacedForceMonths(connection, own, replace, []));
    } catch (error) {
      if (!(error instanceof OverlapError)) throw new EngineError(error instanceof EngineError ? error.code : 'invalid_input', `${file.name}: ${(error as Error).message}`);
      overlaps.push(...error.overlaps);
    }
  }
  if (overlaps.length > 0) throw new OverlapError(overlaps);
  return leaving;
}
