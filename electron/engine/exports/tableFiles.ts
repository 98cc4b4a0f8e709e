import { dateTime } from '../../../shared/format/dates';
import ExcelJS from 'exceljs';
import type { ColumnInfo, JsonValue } from '../../../shared/api';
import type { AnalysisMetadata } from '../../../shared/analyses/schema';
import { hiddenMark, type SuppressionConfig } from '../../../shared/exports/suppression';
import { csvRecord, spreadsheetSafe } from '../../../shared/format/csv';
import { isNumericType, toJsonNumber } from '../../../shared/format/numbers';
import type { Prepared } from './prepare';
import { provenanceLines } from './provenance';

type Column = { name: string; label: string; format: AnalysisMetadata['columns'][number]['format']; numeric: boolean };

/** The columns as exported: the analysis's labels and formats, or the query's own names and types. */
export function exportColumns(prepared: Prepared, columns: ColumnInfo[]): Column[] {
  const declared = new Map((prepared.analysis?.columns ?? []).map((c) => [c.name, c]));
  return columns.map((c) => {
    const meta = declared.get(c.name);
    return { name: c.name, label: meta?.label ?? c.name, format: meta?.format ?? (isNumericType(c.type) ? 'number' : 'text'), numeric: isNumericType(c.type) };
  });
}

/** Each cell as exported: the number, the text, or the suppression mark where it was hidden. */
function cellsOf(prepared: Prepared, config: SuppressionConfig) {
  const marks = new Map(prepared.hidden.map((h) => [`${h.row}\u0000${h.column}`, hiddenMark(h.reason, config)]));
  return (row: number, column: Column): JsonValue => marks.get(`${row}\u0000${column.name}`) ?? (column.numeric ? toJsonNumber(prepared.rows[row][column.name]) : prepared.rows[row][column.name]);
}

/**
 * CSV, UTF-8 with a byte-order mark and CRLF so Excel opens it cleanly, text that Excel would run as a formula
 * neutralised. The header is the column names (so the file
 * reads back into DuckDB or a script as the result did); the provenance follows the table after a blank line, each
 * line starting with "#", which spreadsheets show and CSV readers can skip as comments.
 */
export function csvFile(prepared: Prepared, columns: Column[], config: SuppressionConfig): string {
  const cell = cellsOf(prepared, config);
  const lines = [csvRecord(columns.map((c) => c.name)), ...prepared.rows.map((_, row) => csvRecord(columns.map((c) => (c.numeric ? cell(row, c) : spreadsheetSafe(cell(row, c))))))];
  const footer = [`${prepared.title}${prepared.area ? `: ${prepared.area}` : ''}${prepared.period ? `, ${prepared.period}` : ''}`, ...provenanceLines(prepared.provenance, prepared.statement).map(([k, v]) => `${k}: ${v}`)];
  if (prepared.truncated) footer.push(`Only the first ${prepared.rows.length.toLocaleString('en-GB')} rows: export the whole result with the command line.`);
  // Unquoted, so "#" is the line's first character, which is what CSV readers' comment options look for.
  return `\uFEFF${[...lines, '', ...footer.map((line) => `# ${line.replace(/\s+/g, ' ')}`)].join('\r\n')}\r\n`;
}

/**
 * JSON, for scripts: an array of row objects keyed by column name, numbers as JSON numbers and a hidden value as the
 * same mark the table shows ("<5", "[c]"), so a pipeline reading it can no more see a small number than a reader of
 * the CSV. The provenance is in the export's audit entry and in the CSV and XLSX forms.
 */
export function jsonFile(prepared: Prepared, columns: Column[], config: SuppressionConfig): string {
  const cell = cellsOf(prepared, config);
  const rows = prepared.rows.map((_, row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, cell(row, c)]))));
  return rows.length === 0 ? '[]\n' : `[\n${rows.join(',\n')}\n]\n`;
}

const numberFormats: Record<Column['format'], string | undefined> = {
  count: '#,##0',
  rate: '0.0',
  percent: '0.0',
  number: '0.000',
  text: undefined,
  date: undefined,
  flag: undefined,
};

/**
 * XLSX: typed cells (numbers stay numbers at full precision; the format only rounds what is shown), the analysis's
 * labels as a second header row note, a frozen, filterable header, and a Notes sheet with the method, suppression
 * and provenance. Hidden cells hold their mark as text.
 */
export async function xlsxFile(prepared: Prepared, columns: Column[], config: SuppressionConfig): Promise<Buffer> {
  const cell = cellsOf(prepared, config);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `Community Safety Workbench ${prepared.provenance.app_version}`;
  workbook.created = new Date(prepared.provenance.exported_at);
  const sheet = workbook.addWorksheet('Data', {
    views: [{ state: 'frozen', ySplit: 1 }],
    headerFooter: { oddFooter: `&L${xlsxEscape(prepared.title)} · ${xlsxEscape(dateTime(prepared.provenance.exported_at))}&RPage &P of &N` },
  });
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.min(60, Math.max(12, c.label.length + 2, c.name.length + 2)), style: numberFormats[c.format] ? { numFmt: numberFormats[c.format] } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    // The label as a note on the header, so the names stay machine-readable.
    if (c.label !== c.name) header.getCell(i + 1).note = c.label;
  });
  prepared.rows.forEach((_, row) => sheet.addRow(columns.map((c) => cell(row, c))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };

  const notes = workbook.addWorksheet('Notes');
  notes.columns = [{ width: 22 }, { width: 120 }];
  notes.addRow([prepared.title]).font = { bold: true, size: 14 };
  notes.addRow(['Area', [prepared.area, prepared.comparator ? `compared with ${prepared.comparator}` : ''].filter(Boolean).join(' ')]);
  notes.addRow(['Period', prepared.period]);
  for (const [label, value] of provenanceLines(prepared.provenance, prepared.statement)) notes.addRow([label, value]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  notes.addRow(['Columns', columns.map((c) => `${c.name}: ${c.label}`).join('; ')]).getCell(2).alignment = { wrapText: true };
  if (prepared.truncated) notes.addRow(['Rows', `Only the first ${prepared.rows.length.toLocaleString('en-GB')} rows: export the whole result with the command line.`]);
  notes.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel header/footer codes start with "&": a literal one is doubled. */
const xlsxEscape = (text: string) => text.replace(/&/g, '&&');
