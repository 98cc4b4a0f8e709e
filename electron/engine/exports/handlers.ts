import path from 'node:path';
import { csvRecord, spreadsheetSafe } from '../../../shared/format/csv';
import { exportFileName } from '../../../shared/format/fileNames';
import { isNumericType } from '../../../shared/format/numbers';
import { EngineError } from '../errors';
import { auditWith, type EngineContext, type Handlers } from '../handlerKit';
import { jsonRows } from '../rows';
import { buildBoardPack, isPng } from './boardPack';
import { saveChart } from './chartSettings';
import { prepareExport } from './prepare';
import { writeResultFile } from './resultFile';
import { csvFile, exportColumns, jsonFile, xlsxFile } from './tableFiles';


/** A chart image from the renderer: base64 that must decode to a PNG. */
function pngOrThrow(base64: string): Buffer {
  const png = Buffer.from(base64, 'base64');
  if (!isPng(png)) throw new EngineError('invalid_input', 'A chart image in the board pack is not a PNG.');
  return png;
}

/** Most rows a CSV download holds in memory; bigger results go through the CLI, which streams. */
const CSV_ROW_LIMIT = 1_000_000;

type ExportChannel = 'results.csv' | 'exports.prepare' | 'exports.table' | 'exports.write' | 'exports.boardPack' | 'charts.save';

/** Everything that leaves the app: tables (suppressed, with provenance), board packs, and the charts' saved settings. */
export function exportHandlers({ workspace, results }: EngineContext): Handlers<ExportChannel> {
  const audit = auditWith(workspace);

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

  return {
    'results.csv': audit<'results.csv'>({
      action: 'export',
      subject: ({ resultId }) => results.origin(resultId),
      detail: ({ resultId }) => ({ format: 'csv', resultId }),
      describe: (value) => ({ rows: value.rowCount }),
    })(({ resultId }) => resultCsv(resultId)),

    'exports.prepare': ({ resultId, suppression }) => workspace.withConnection((connection) => prepareExport(connection, workspace, results, resultId, suppression)),

    'exports.table': audit<'exports.table'>({
        action: 'export',
        subject: ({ resultId }) => results.origin(resultId),
        // A raw export is labelled in its entry as in its file; the command line says where the file went.
        detail: ({ format, resultId, suppression, raw, target }) => ({ format, resultId, threshold: raw ? 0 : suppression.threshold, ...(raw ? { raw: true } : {}), ...(target ? { file: target } : {}) }),
        describe: (value, { target, raw }) => ({ file: target ?? value.fileName, rows: value.rows, ...(raw ? { raw: true } : {}) }),
      })(({ resultId, format, suppression, raw }) =>
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
      ),

    // The streamed counterpart of results.csv for the command line, logged as exports.table logs a file: what it was
    // (the result's origin), the format, and where it went with how many rows. Nothing is suppressed, so no threshold.
    'exports.write': audit<'exports.write'>({
      action: 'export',
      subject: ({ resultId }) => results.origin(resultId),
      detail: ({ format, resultId, target }) => ({ format, resultId, file: path.resolve(target) }),
      describe: (value) => ({ file: value.file, rows: value.rows }),
    })(({ resultId, format, target }) => writeResultFile(workspace, results, resultId, format, target)),

    'exports.boardPack': audit<'exports.boardPack'>({
      action: 'export',
      subject: ({ title }) => `board pack: ${title}`,
      detail: ({ sections, suppression }) => ({ format: 'docx', analyses: sections.map((s) => results.origin(s.resultId)), threshold: suppression.threshold }),
      describe: (value) => ({ file: value.fileName, sections: value.sections }),
    })(({ title, sections, suppression, marking }) =>
      workspace.withConnection(async (connection) => {
        const packed = [];
        for (const section of sections) {
          const prepared = await prepareExport(connection, workspace, results, section.resultId, suppression);
          packed.push({
            prepared,
            chart: section.chart,
            chartPng: section.chartPng ? pngOrThrow(section.chartPng) : undefined,
            chartNotes: section.chartPng ? section.chartNotes : undefined,
            moreCharts: section.moreCharts?.map((more) => ({ chartPng: pngOrThrow(more.chartPng), chart: more.chart, chartNotes: more.chartNotes })),
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
    ),

    'charts.save': audit<'charts.save'>({
      action: 'save-chart',
      subject: ({ analysisId }) => analysisId,
      detail: ({ options }) => ({ options }),
    })(({ analysisId, options }) => workspace.withConnection(async (connection) => ({ saved: await saveChart(connection, analysisId, options) }))),
  };
}
