import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Channel, ColumnInfo, Input, Output } from '../../shared/api';
import { parseSqlFile } from '../../shared/analyses/userAnalysis';
import { importAs } from '../../shared/contracts/import';
import { mappingProfile, type MappingProfile } from '../../shared/datasets/mappingProfile';
import { createEngine, type Engine, refuseWorkspaceFile, buildSampleWorkspace, EXPORT_ROW_LIMIT, writeWhole } from '../engine';
import type { Command } from './args';
import { write, writeText, type Format, type PageReader } from './output';
import { findBrowser, openChartRenderer, type ChartRenderer } from './chartBrowser';
import { assessmentSet } from '../../shared/exports/assessmentSet';
import { packSection } from '../../shared/exports/packSection';
import { parametersTaken } from '../../shared/analyses/parametersTaken';
import { exportPriorities, importPriorities } from './priorities';

/** A user error (missing file, rejected SQL): exit code 1 with a one-line message. */
export class UserError extends Error {}


export async function runCommand(command: Exclude<Command, { name: 'help' }>, out: Writable): Promise<void> {
  const exists = fs.existsSync(command.workspace);
  if (command.name === 'init' && exists) throw new UserError(`${command.workspace} already exists; choose a new file name.`);
  if (command.name === 'init' && command.sample) {
    const reports = await buildSampleWorkspace(command.workspace).catch((error: Error) => {
      throw new UserError(error.message);
    });
    const summary = reports.map((r) => ({ file: r.file, rows_imported: r.rows_imported, rows_quarantined: r.rows_quarantined }));
    await write(out, `${JSON.stringify({ workspace: path.resolve(command.workspace), created: true, sample: true, imports: summary }, null, 2)}\n`);
    return;
  }
  if (command.name !== 'init' && !exists) throw new UserError(`No workspace at ${command.workspace}; create one with "csp-workbench init".`);

  const engine = await createEngine(command.workspace, { memoryLimit: command.memoryLimit }).catch((error: Error) => {
    throw new UserError(`cannot open ${command.workspace}: ${error.message}`);
  });
  try {
    // An export never lands on the workspace's own files (`run … --out ws.duckdb` would overwrite the workspace).
    if ('out' in command && command.out) {
      try {
        refuseWorkspaceFile(engine.workspace.path, command.out, 'output');
      } catch (error) {
        throw new UserError((error as Error).message);
      }
    }
    switch (command.name) {
      case 'init':
        await write(out, `${JSON.stringify({ workspace: engine.workspace.path, created: true })}\n`);
        return;
      case 'datasets':
        await write(out, `${JSON.stringify((await call(engine, 'datasets.list', {})).datasets, null, 2)}\n`);
        return;
      case 'profiles':
        // Each profile as its JSON, so one can be saved to a file and shared with another workspace.
        await write(out, `${JSON.stringify((await call(engine, 'profiles.list', {})).profiles, null, 2)}\n`);
        return;
      case 'sql': {
        const { resultId, columns, rowCount } = await call(engine, 'sql.run', { sql: command.sql, operationId: randomUUID() });
        await writeResult(engine, resultId, columns, rowCount, command.format, out);
        return;
      }
      case 'priorities':
        if (command.action === 'export') await exportPriorities(engine, command.area, out, command.out);
        else await importPriorities(engine, command.file, out);
        return;
      case 'queries': {
        const { analyses } = await call(engine, 'analyses.list', {});
        const listed = analyses.map(({ id, title, theme, description, parameters }) => ({ id, title, theme, description, parameters }));
        await write(out, `${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      case 'run': {
        const result = await call(engine, 'analyses.run', { id: command.id, params: command.params, operationId: randomUUID() });
        // Partial coverage and the like go to stderr, so they are seen without changing the data on stdout.
        for (const warning of result.warnings) process.stderr.write(`csp-workbench: warning: ${warning}\n`);
        // An analyst's own analysis declares no counts, so an export suppresses nothing in it; one bigger than an
        // export holds is streamed whole, as `sql` writes a query (an export would keep only its first rows).
        if (result.rowCount > EXPORT_ROW_LIMIT && !(await declaresCounts(engine, command.id))) {
          await writeResult(engine, result.resultId, result.columns, result.rowCount, command.format, out, command.out);
          return;
        }
        await writeExport(engine, result.resultId, command, out, command.out);
        return;
      }
      case 'batch':
        await runBatch(engine, command, out);
        return;
      case 'board-pack':
        await runBoardPack(engine, command, out);
        return;
      case 'save-query': {
        let analysis;
        try {
          analysis = parseSqlFile(fs.readFileSync(command.file, 'utf8'));
        } catch (error) {
          throw new UserError(`${command.file} cannot be saved: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        const saved = await call(engine, 'analyses.save', { analysis });
        await write(out, `${JSON.stringify({ saved: saved.id })}\n`);
        return;
      }
      case 'import': {
        const as = importAs.safeParse(command.as);
        if (!as.success) throw new UserError(`--as must be police-uk or a dataset (${importAs.options.slice(1).join(', ')}), not "${command.as}".`);
        // --mapping names a JSON file, or else a profile saved in the workspace by an earlier import.
        const fromFile = command.mapping !== undefined && fs.existsSync(command.mapping);
        const mapping = fromFile ? readMapping(command.mapping!) : undefined;
        const profile = fromFile ? undefined : command.mapping;
        // Several paths, a folder or a zip are one import of several files (one transaction, one report).
        const paths = command.files ?? [command.file];
        const several = paths.length > 1 || paths.some((f) => isFolderOrZip(f));
        const request = {
          ...(several ? { file: path.resolve(paths[0]), files: paths.map((f) => path.resolve(f)) } : { file: path.resolve(command.file) }),
          as: as.data,
          mapping,
          profile,
          ...(command.replace ? { replace: true } : {}),
          ...(command.refresh ? { refresh: true } : {}),
          operationId: randomUUID(),
        };
        const report = await call(engine, command.dryRun ? 'import.check' : 'import.run', request);
        await write(out, `${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      case 'imports': {
        // What an analyst needs to choose an import to remove: which file, when, into what, and what replaced it.
        const { imports } = await call(engine, 'imports.list', {});
        const listed = imports.map((i) => ({
          id: i.import_id,
          file: i.file,
          time: i.imported_at,
          dataset: i.dataset ?? null,
          profile: i.profile,
          rows: i.rows_imported,
          quarantined: i.rows_quarantined,
          by_dataset: i.by_dataset,
          rows_now: i.rows_now ?? {},
          replaced_by: (i.replaced_by ?? []).filter((r) => r.kind === 'replace').map((r) => r.import_id),
          refreshed_by: (i.replaced_by ?? []).filter((r) => r.kind === 'refresh').map((r) => r.import_id),
          replaced: (i.replaced ?? []).map((r) => ({ import_id: r.import_id, kind: r.kind, rows: r.rows })),
          sha256: i.sha256,
        }));
        await write(out, `${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      case 'remove-import': {
        const removed = await call(engine, 'imports.remove', { importId: command.importId });
        await write(out, `${JSON.stringify(removed, null, 2)}\n`);
        return;
      }
    }
  } finally {
    engine.close();
  }
}

/**
 * The whole library (or the analyses named with --analyses) for every district of the workspace into a folder: <out>/<district>/<analysis>.<format>, plus
 * batch-report.json listing what ran and what could not (a missing dataset, say) — one failure does not stop the rest.
 */
async function runBatch(engine: Engine, command: Extract<Command, { name: 'batch' }>, out: Writable): Promise<void> {
  // The districts as the app lists them (areas.list), through the contract like every other step of the CLI.
  const districts = (await call(engine, 'areas.list', {})).areas.filter((a) => a.type === 'district').map((a) => [a.code, a.name] as const);
  if (districts.length === 0) throw new UserError('This workspace has no geography lookup, so it has no districts to run the library for.');
  const library = (await call(engine, 'analyses.list', {})).analyses;
  refuseUnknown(library, command.analyses ?? []);
  const analyses = command.analyses ? library.filter((a) => command.analyses!.includes(a.id)) : library;
  const report: { district: string; analysis: string; file?: string; rows?: number; error?: string }[] = [];
  const runOne = async (analysis: (typeof analyses)[number], district: string, area: string | undefined, folder: string) => {
    // Each analysis gets only the batch parameters it declares (direction-of-travel has no "from", say).
    const params = parametersTaken(analysis, { ...command.params, ...(area ? { area } : {}) });
    const file = path.join(folder, `${analysis.id}.${command.format}`);
    const result = await engine.invoke('analyses.run', { id: analysis.id, params, operationId: randomUUID() });
    if (!result.ok) return void report.push({ district, analysis: analysis.id, error: result.error.message });
    fs.mkdirSync(folder, { recursive: true });
    await writeExport(engine, result.value.resultId, command, out, file);
    report.push({ district, analysis: analysis.id, file: path.relative(command.out, file), rows: result.value.rowCount });
  };
  // Analyses without an area (the survey) run once, at the top of the folder.
  for (const analysis of analyses.filter((a) => !a.parameters.some((p) => p.name === 'area'))) await runOne(analysis, '(all)', undefined, command.out);
  for (const [code, name] of districts) {
    const folder = path.join(command.out, String(name).replace(/[^A-Za-z0-9&' -]+/g, '_'));
    for (const analysis of analyses.filter((a) => a.parameters.some((p) => p.name === 'area'))) await runOne(analysis, String(name), String(code), folder);
  }
  fs.writeFileSync(path.join(command.out, 'batch-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const failed = report.filter((r) => r.error).length;
  await write(out, `${JSON.stringify({ out: path.resolve(command.out), districts: districts.length, analyses: analyses.length, written: report.length - failed, failed }, null, 2)}\n`);
}

/** Analyses asked for by id that the library does not have: a user error naming them and listing what it has. */
function refuseUnknown(library: readonly { id: string }[], ids: readonly string[]): void {
  const unknown = ids.filter((id) => !library.some((a) => a.id === id));
  if (unknown.length) throw new UserError(`There is no analysis ${unknown.map((id) => `"${id}"`).join(', ')}; the library has ${library.map((a) => a.id).join(', ')}.`);
}

/**
 * A Word board pack from the command line: the chosen analyses (by default the assessment set, every library analysis
 * run for an area) with the given parameters, charted by the app's own chart code in a headless browser already on
 * the machine, or without charts when asked. The file is written whole or not at all.
 */
async function runBoardPack(engine: Engine, command: Extract<Command, { name: 'board-pack' }>, out: Writable): Promise<void> {
  const { analyses } = await call(engine, 'analyses.list', {});
  const chosen = command.analyses ?? assessmentSet(analyses);
  refuseUnknown(analyses, chosen);
  let renderer: ChartRenderer | undefined;
  if (command.charts) {
    const browser = findBrowser(command.browser);
    if (!browser) {
      throw new UserError(
        command.browser
          ? `There is no browser at ${command.browser}.`
          : 'No Chromium, Chrome or Edge was found to draw the charts: pass --browser <path>, set CHROMIUM_PATH, or add --no-charts for a pack without charts.',
      );
    }
    renderer = await openChartRenderer(browser, path.join(__dirname, '..', 'renderer')).catch((error: Error) => {
      throw new UserError(`The charts could not be drawn with ${browser}: ${error.message.split('\n')[0]}`);
    });
  }
  try {
    const suppression = { threshold: command.threshold };
    // The same step as the app's board pack dialog: run, prepare, build the figures, draw them (in the chart page).
    const steps = { invoke: engine.invoke, operationId: randomUUID, suppression, ...(renderer ? { drawPng: renderer.drawPng } : {}) };
    const sections = [];
    let area = '';
    for (const id of chosen) {
      const made = await packSection(steps, analyses.find((a) => a.id === id)!, command.params);
      if (!made.ok) throw new UserError(made.error.message);
      area ||= made.value.ran.area;
      sections.push(made.value.section);
    }
    const title = command.title ?? `${area || 'Area'} Community Safety Partnership: strategic assessment`;
    const pack = await call(engine, 'exports.boardPack', { title, sections, suppression, marking: command.marking });
    const target = path.resolve(command.out);
    await writeWhole(target, async (partial) => fs.writeFileSync(partial, Buffer.from(pack.base64, 'base64')));
    await write(out, `${JSON.stringify({ out: target, title, marking: command.marking ?? 'OFFICIAL', sections: pack.sections, analyses: chosen, charts: Boolean(renderer), threshold: command.threshold }, null, 2)}\n`);
  } finally {
    await renderer?.close();
  }
}

/** A folder or a .zip archive: always imported as several files. */
function isFolderOrZip(file: string): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat !== undefined && (stat.isDirectory() || /\.zip$/i.test(file));
}

/** A saved mapping profile (JSON), checked against the profile schema with a message saying what is wrong. */
function readMapping(file: string): MappingProfile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read the mapping profile ${file}: ${(error as Error).message}`);
  }
  const parsed = mappingProfile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`the mapping profile ${file} is not valid: ${issue.path.join('.') || 'profile'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Calls a channel through the same validating dispatcher as the app, turning an error result into a UserError. */
export async function call<C extends Channel>(engine: Engine, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value;
}

/**
 * An analysis's table as the app exports it, through the same engine channel (exports.table): suppressed at the
 * command's threshold (or raw, labelled so), with its provenance, and recorded in the audit log with where it went.
 * To a file (written whole or not at all) or, for CSV and JSON, to the stream.
 */
async function writeExport(engine: Engine, resultId: string, command: { format: Format; threshold?: number; raw?: boolean }, out: Writable, file?: string): Promise<void> {
  if (!file && command.format === 'xlsx') throw new UserError('XLSX is written to a file: add --out <file.xlsx>.');
  const target = file ? path.resolve(file) : undefined;
  const exported = await call(engine, 'exports.table', { resultId, format: command.format, suppression: { threshold: command.threshold ?? 5 }, raw: Boolean(command.raw), target });
  const bytes = Buffer.from(exported.base64, 'base64');
  if (!target) return write(out, bytes.toString('utf8'));
  await writeWhole(target, async (partial) => fs.writeFileSync(partial, bytes));
}

/** Whether an analysis in the library declares count columns (every built-in one does; an own query does not). */
async function declaresCounts(engine: Engine, id: string): Promise<boolean> {
  const { analyses } = await call(engine, 'analyses.list', {});
  return Boolean(analyses.find((a) => a.id === id)?.columns.some((c) => c.format === 'count'));
}

/**
 * A materialised result (an analyst's own query, unsuppressed) in the chosen format: to the stream a page at a time,
 * or to a file by the engine (exports.write), streamed from DuckDB, written whole or not at all, and logged.
 */
async function writeResult(engine: Engine, resultId: string, columns: ColumnInfo[], rowCount: number, format: Format, out: Writable, file?: string): Promise<void> {
  if (file) return void (await call(engine, 'exports.write', { resultId, format, target: path.resolve(file) }));
  if (format === 'xlsx') throw new UserError('XLSX is written to a file: add --out <file.xlsx>.');
  const read: PageReader = async (startRow, endRow) => (await call(engine, 'grid.page', { source: { kind: 'result', id: resultId }, startRow, endRow })).rows;
  return writeText(columns, rowCount, read, format, out);
}
