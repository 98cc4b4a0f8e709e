import type { DuckDBConnection } from '@duckdb/node-api';
import type { Channel, EngineChannel, Output, ParsedInput } from '../../shared/api';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { appVersion } from './appInfo';
import { CountCache } from './countCache';
import { OrderCache } from './gridOrder';
import { listDatasets } from './datasets';
import { gridPage } from './gridPage';
import { importFile, type ImportRequest } from './import/importFile';
import { previewImport } from './import/preview';
import { listProfiles, loadProfile, saveProfile } from './import/profileStore';
import { Pseudonymiser } from './import/pseudonymise';
import type { Operations } from './operations';
import { ResultStore } from './results';
import { checkUserSql, materialiseStatement } from './userSql';
import { analyses, findAnalysis } from '../../shared/analyses/registry';
import type { Analysis } from '../../shared/analyses/schema';
import { resolveParameters } from './analyses/resolveParameters';
import { runAnalysis } from './analyses/runAnalysis';
import { listUserAnalyses, runUserAnalysis, saveUserAnalysis } from './analyses/userAnalyses';
import { EngineError } from './errors';
import { audited, materialiseAudit } from './audit';
import { csvRecord, spreadsheetSafe } from '../../shared/format/csv';
import { isNumericType } from '../../shared/format/numbers';
import { listImports } from './import/importsList';
import { importBatch } from './import/importBatch';
import type { BatchReport } from '../../shared/contracts/import';
import { planRemoval, removeImport } from './import/removeImport';
import { jsonRows, toCount } from './rows';
import { RESULTS_DB, type Workspace } from './workspace';
import { prepareExport } from './exports/prepare';
import { csvFile, exportColumns, jsonFile, xlsxFile } from './exports/tableFiles';
import { buildBoardPack, isPng } from './exports/boardPack';
import { saveChart } from './exports/chartSettings';
import { refuseWorkspaceFile } from './ownFiles';
import { listAreas, suggestedArea } from './areas/listAreas';
import { prepareEditorParams } from './sql/editorParams';
import { exportFileName } from '../../shared/format/fileNames';

export type Handlers<C extends Channel = Channel> = { [K in C]: (input: ParsedInput<K>) => Promise<Output<K>> };
export type EngineHandlers = Handlers<EngineChannel>;

/** A saved user analysis carries a `user` marker the export metadata does not. */
const stripUser = ({ user: _user, ...metadata }: Omit<Analysis, 'sql'> & { user?: true }) => metadata;

/** "crime-rates-Lichfield.xlsx": safe on every file system. */

/** A chart image from the renderer: base64 that must decode to a PNG. */
function pngOrThrow(base64: string): Buffer {
  const png = Buffer.from(base64, 'base64');
  if (!isPng(png)) throw new EngineError('invalid_input', 'A chart image in the board pack is not a PNG.');
  return png;
}

/** Most rows a CSV download holds in memory; bigger results go through the CLI, which streams. */
const CSV_ROW_LIMIT = 1_000_000;

/** The engine's implementation of every channel. Inputs arrive already validated by the dispatcher. */
export function createHandlers(workspace: Workspace, operations: Operations): EngineHandlers {
  const results = new ResultStore(workspace);
  const counts = new CountCache();
  const orders = new OrderCache();
  let pseudonymiser: Pseudonymiser | undefined;
  // Created on first use: the key file appears only once something is imported.
  const keyed = () => (pseudonymiser ??= Pseudonymiser.forWorkspace(workspace.path));
  // An import names either an inline mapping or a profile saved in the workspace.
  const mappingFor = async (connection: DuckDBConnection, request: { mapping?: MappingProfile }, profile: string | undefined) => {
    if (profile && !request.mapping) request.mapping = await loadProfile(connection, profile);
  };

  const runLibraryAnalysis = (id: string, params: Record<string, string | number>, operationId: string) =>
    workspace.withConnection(async (connection) => {
      const started = performance.now();
      // The workspace's own analyses are read only when the id is not a built-in one.
      let analysis: Analysis | undefined = findAnalysis(id);
      if (!analysis) {
        const mine = await listUserAnalyses(connection);
        analysis = mine.find((a) => a.id === id);
        if (!analysis) throw new EngineError('not_found', `There is no analysis "${id}"; the library has ${[...analyses, ...mine].map((a) => a.id).join(', ')}.`);
      }
      const resolved = await resolveParameters(connection, analysis, params);
      const run = 'user' in analysis ? runUserAnalysis : runAnalysis;
      const parameters = { ...resolved.values, area: resolved.areaName, ...(resolved.comparatorName ? { comparator: resolved.comparatorName } : {}) };
      const { sql, ...metadata } = analysis;
      const created = await results.create(
        connection,
        `analysis ${analysis.id} ${JSON.stringify(resolved.values)}`,
        (relation) => operations.run(operationId, analysis.title, connection, () => run(connection, analysis, resolved, relation), 'duckdb', workspace.queryTimeLimitMs),
        { analysis: { ...stripUser(metadata), source: 'user' in analysis ? 'user' : 'library' }, parameters, area: resolved.areaName, comparator: resolved.comparatorName, sql },
      );
      return {
        ...created,
        parameters,
        area: resolved.areaName,
        comparator: resolved.comparatorName,
        elapsedMs: performance.now() - started,
      };
    });

  /** A result as CSV text with a byte-order mark, refused beyond CSV_ROW_LIMIT rows. */
  const resultCsv = (resultId: string) =>
    workspace.withConnection(async (connection) => {
      const columns = results.columns(resultId);
      if (!columns) throw new EngineError('not_found', `The result ${resultId} is no longer held: run the analysis or query again.`);
      // An analysis's counts leave the app only through the suppressed export (exports.table), never as raw CSV.
      if (results.context(resultId)?.analysis?.columns.some((c) => c.format === 'count')) {
        throw new EngineError('invalid_input', 'An analysis result is exported with small-number suppression and its provenance: use Export table (CSV or XLSX).');
      }
      const reader = await connection.runAndReadAll(`SELECT * FROM ${results.relation(resultId)} LIMIT ${CSV_ROW_LIMIT + 1}`);
      const rows = jsonRows(reader);
      if (rows.length > CSV_ROW_LIMIT) {
        throw new EngineError('invalid_input', `This result has more than ${CSV_ROW_LIMIT.toLocaleString('en-GB')} rows, too many to download here: export it with the command line (csp-workbench run … --out file.csv), which streams.`);
      }
      const names = columns.map((c) => c.name);
      // The byte-order mark makes Excel read the file as UTF-8 (ward names, £, en dashes).
      // Text Excel would run as a formula (a quarantined line starting with "=", say) is neutralised.
      const text = new Set(columns.filter((c) => !isNumericType(c.type)).map((c) => c.name));
      const csv = `\uFEFF${[csvRecord(names), ...rows.map((row) => csvRecord(names.map((n) => (text.has(n) ? spreadsheetSafe(row[n]) : row[n]))))].join('\r\n')}\r\n`;
      return { csv, rowCount: rows.length };
    });

  /** An import, or with `dryRun` the same work rolled back: the wizard's check. */
  const importNow = (operationId: string, profile: string | undefined, request: ImportRequest, dryRun = false) =>
    workspace.withConnection(async (connection) => {
      refuseWorkspaceFile(workspace.path, request.file);
      await mappingFor(connection, request, profile);
      if (request.replace && request.refresh) throw new EngineError('invalid_input', 'Give --replace (police.uk months) or --refresh (a mapped extract), not both.');
      const name = request.files ? `${request.files.length === 1 ? request.files[0].split(/[\\/]/).pop() : `${request.files.length} paths`}` : request.file.split(/[\\/]/).pop();
      const report = await operations.run(
        operationId,
        dryRun ? `Checking ${name}` : `Importing ${name}`,
        connection,
        (control): Promise<BatchReport> => {
          const importControl = { progress: control.report, cancelled: () => control.cancelled, dryRun };
          return request.files ? importBatch(connection, workspace.filesDir, keyed(), request, importControl) : importFile(connection, workspace.filesDir, keyed(), request, importControl);
        },
        'work',
      );
      if (!dryRun) {
        counts.clear();
        await orders.clear(connection);
      }
      return report;
    });

  return {
    'workspace.info': async () => ({
      name: workspace.name,
      path: workspace.path,
      appVersion,
      duckdbVersion: workspace.duckdbVersion,
    }),

    'datasets.list': async () => ({ datasets: await workspace.withConnection(listDatasets) }),

    'grid.page': (input) => gridPage(workspace, results, counts, orders, input),

    'sql.run': ({ sql, operationId, params }) =>
      audited(
        workspace,
        { action: 'query', subject: sql.replace(/\s+/g, ' ').trim(), detail: params ? { sql, params } : { sql } },
        () =>
          workspace.withConnection(async (connection) => {
            const started = performance.now();
            if (params) await prepareEditorParams(connection, params);
            await checkUserSql(connection, sql);
            const created = await results.create(
              connection,
              'query',
              (_relation, id) =>
                operations.run(operationId, 'Running query', connection, () => connection.run(materialiseStatement(RESULTS_DB, id), [sql]), 'duckdb', workspace.queryTimeLimitMs),
              { parameters: {}, area: '', comparator: '', sql },
            );
            return { ...created, elapsedMs: performance.now() - started };
          }),
        (value) => ({ rows: value.rowCount }),
      ),

    'areas.list': () =>
      workspace.withConnection(async (connection) => ({ areas: await listAreas(connection), suggested: await suggestedArea(connection) })),

    'analyses.list': async () => {
      const mine = await workspace.withConnection(listUserAnalyses);
      return {
        analyses: [
          ...analyses.map(({ sql: _sql, ...metadata }) => ({ ...metadata, source: 'library' as const })),
          ...mine.map(({ sql: _sql, user: _user, ...metadata }) => ({ ...metadata, source: 'user' as const })),
        ],
      };
    },

    'analyses.save': ({ analysis }) =>
      audited(workspace, { action: 'save-analysis', subject: analysis.metadata.id, detail: { title: analysis.metadata.title, sql: analysis.sql } }, () =>
        workspace.withConnection(async (connection) => ({ id: await saveUserAnalysis(connection, analysis) })),
      ),

    'analyses.run': ({ id, params, operationId }) =>
      audited(workspace, { action: 'analysis', subject: id, detail: { requested: params } }, () => runLibraryAnalysis(id, params, operationId), (value) => ({
        parameters: value.parameters,
        rows: value.rowCount,
      })),
    'import.run': ({ operationId, profile, ...request }) =>
      audited(workspace, { action: 'import', subject: request.files ? request.files.join(', ') : request.file, detail: { as: request.as, profile: profile ?? request.mapping?.name ?? null, ...(request.replace ? { replace: true } : {}), ...(request.refresh ? { refresh: true } : {}) } }, () => importNow(operationId, profile, request), (report) => ({
        ...(report.import_ids ? { import_ids: report.import_ids } : {}),
        ...(report.replaced ? { replaced: report.replaced.map((r) => ({ import_id: r.import_id, dataset: r.dataset, force: r.force, month: r.month, rows: r.rows })) } : {}),
        import_id: report.import_id,
        sha256: report.sha256,
        rows_read: report.rows_read,
        rows_imported: report.rows_imported,
        rows_quarantined: report.rows_quarantined,
      })),

    'import.check': ({ operationId, profile, ...request }) =>
      audited(workspace, { action: 'import-check', subject: request.file, detail: { as: request.as } }, () => importNow(operationId, profile, request, true), (report) => ({
        rows_read: report.rows_read,
        rows_quarantined: report.rows_quarantined,
      })),

    'imports.list': async () => ({ imports: await workspace.withConnection(listImports) }),

    'imports.removal': ({ importId }) => workspace.withConnection((connection) => planRemoval(connection, importId)),

    'imports.remove': ({ importId }) =>
      audited(
        workspace,
        { action: 'remove-import', subject: `import #${importId}`, detail: { import_id: importId } },
        () =>
          workspace.withConnection(async (connection) => {
            const removed = await removeImport(connection, importId);
            counts.clear();
            await orders.clear(connection);
            return { import_id: removed.import_id, file: removed.file, removed: removed.removed, quarantine: removed.quarantine, restored: removed.restored };
          }),
        (value) => ({ file: value.file, removed: value.removed, restored: value.restored, quarantine: value.quarantine }),
      ),

    'imports.quarantine': ({ importId }) =>
      workspace.withConnection(async (connection) => {
        const known = await connection.runAndReadAll('SELECT count(*) FROM csw_meta.imports WHERE import_id = ?', [importId]);
        if (toCount(known.getRows()[0][0]) === 0) throw new EngineError('not_found', `There is no import #${importId} in this workspace.`);
        return results.create(connection, `quarantine of import #${importId}`, (relation) =>
          connection.run(`CREATE TABLE ${relation} AS SELECT line, "column", reason, raw FROM csw_meta.quarantine WHERE import_id = ? ORDER BY line`, [importId]),
        );
      }),

    'results.csv': ({ resultId }) =>
      audited(workspace, { action: 'export', subject: results.origin(resultId), detail: { format: 'csv', resultId } }, () => resultCsv(resultId), (value) => ({ rows: value.rowCount })),

    'exports.prepare': ({ resultId, suppression }) => workspace.withConnection((connection) => prepareExport(connection, workspace, results, resultId, suppression)),

    'exports.table': ({ resultId, format, suppression, raw, target }) =>
      audited(
        workspace,
        {
          action: 'export',
          subject: results.origin(resultId),
          // A raw export is labelled in its entry as in its file; the command line says where the file went.
          detail: { format, resultId, threshold: raw ? 0 : suppression.threshold, ...(raw ? { raw: true } : {}), ...(target ? { file: target } : {}) },
        },
        () =>
          workspace.withConnection(async (connection) => {
            const prepared = await prepareExport(connection, workspace, results, resultId, suppression, { raw });
            const columns = exportColumns(prepared, results.columns(resultId) ?? []);
            const fileName = exportFileName(`${prepared.analysis?.id ?? 'query'}${raw ? '-RAW' : ''}`, prepared.area, format);
            const rows = prepared.rows.length;
            const config = raw ? { threshold: 0 } : suppression;
            if (format === 'csv') return { fileName, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(csvFile(prepared, columns, config), 'utf8').toString('base64'), rows };
            if (format === 'json') return { fileName, mimeType: 'application/json', base64: Buffer.from(jsonFile(prepared, columns, config), 'utf8').toString('base64'), rows };
            const xlsx = await xlsxFile(prepared, columns, config);
            return { fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: xlsx.toString('base64'), rows };
          }),
        (value) => ({ file: target ?? value.fileName, rows: value.rows, ...(raw ? { raw: true } : {}) }),
      ),

    'exports.boardPack': ({ title, sections, suppression, marking }) =>
      audited(
        workspace,
        { action: 'export', subject: `board pack: ${title}`, detail: { format: 'docx', analyses: sections.map((s) => results.origin(s.resultId)), threshold: suppression.threshold } },
        () =>
          workspace.withConnection(async (connection) => {
            const packed = [];
            for (const section of sections) {
              const prepared = await prepareExport(connection, workspace, results, section.resultId, suppression);
              packed.push({
                prepared,
                chart: section.chart,
                chartPng: section.chartPng ? pngOrThrow(section.chartPng) : undefined,
                moreCharts: section.moreCharts?.map((more) => ({ chartPng: pngOrThrow(more.chartPng), chart: more.chart })),
              });
            }
            const docx = await buildBoardPack(title, packed, suppression, { marking });
            return {
              fileName: exportFileName('board-pack', packed[0].prepared.area, 'docx'),
              mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              base64: docx.toString('base64'),
              sections: packed.length,
            };
          }),
        (value) => ({ file: value.fileName, sections: value.sections }),
      ),

    'charts.save': ({ analysisId, options }) =>
      audited(workspace, { action: 'save-chart', subject: analysisId, detail: { options } }, () =>
        workspace.withConnection(async (connection) => ({ saved: await saveChart(connection, analysisId, options) })),
      ),

    'audit.list': () =>
      workspace.withConnection((connection) => results.create(connection, 'audit log', (relation) => materialiseAudit(connection, relation))),

    'import.preview': ({ profile, ...request }) =>
      workspace.withConnection(async (connection) => {
        refuseWorkspaceFile(workspace.path, request.file);
        await mappingFor(connection, request, profile);
        return previewImport(connection, workspace.filesDir, keyed(), request);
      }),

    'profiles.list': async () => ({ profiles: await workspace.withConnection(listProfiles) }),

    'profiles.save': ({ profile }) =>
      audited(workspace, { action: 'save-profile', subject: profile.name ?? '', detail: { dataset: profile.dataset } }, async () => {
        await workspace.withConnection((connection) => saveProfile(connection, profile));
        return { saved: true as const };
      }),

    'operations.cancel': async ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
  };
}
