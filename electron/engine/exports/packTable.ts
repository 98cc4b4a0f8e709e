import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { JsonValue } from '../../../shared/api';
import { filteredRows } from '../../../shared/charts/options';
import { cellLabel } from '../../../shared/exports/packLabels';
import { hiddenMark, type SuppressionConfig } from '../../../shared/exports/suppression';
import type { ColumnFormat } from '../../../shared/format/present';
import type { Prepared } from './prepare';

/**
 * Rows a section's table shows; the full result goes in the XLSX export. 45 rows and their notes fit one A4 page:
 * at 60, a long table (spi-ward-values, with its counts behind each value) left its notes alone on a page.
 */
export const TABLE_ROWS = 45;
/** The text block of an A4 page inside 2.54 cm margins, in twentieths of a point. */
export const TEXT_WIDTH_TWIPS = 11906 - 2 * 1440;
export const FONT = 'Arial';
/** Table text, in half-points: 9 pt, the smallest size anywhere in the pack. */
export const TABLE_SIZE = 18;

/** Tables of up to this many rows are never split across pages. */
const KEEP_WHOLE = 30;

/** Columns that carry a parameter or a code, not a figure: the appendix and the name columns say them instead. */
const parameterColumns = new Set(['sd_method']);

/**
 * One precision per kind of measure: counts whole, rates and percentages to one decimal place, correlations to two,
 * an index whole, other numbers (a rolling mean, a survey score) to one — unless the column declares its decimals
 * (ranks and tallies whole, rate ratios to two). A yes/no flag reads "Yes" or "No", not true/false.
 */
export function packValue(value: JsonValue | undefined, format: ColumnFormat, column: string, decimals?: number): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  const fixed = (digits: number) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (['count', 'rate', 'percent', 'number'].includes(format) && !Number.isFinite(n)) return '–';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  switch (format) {
    case 'count':
      return fixed(0);
    case 'rate':
      return fixed(1);
    case 'percent':
      return `${fixed(1)}%`;
    case 'number':
      // A value that rounds to nothing at the declared precision (a p-value of 0.0002) says how small it is, never "0.000".
      if (decimals !== undefined) return n > 0 && n < 0.5 * 10 ** -decimals ? `<${(10 ** -decimals).toFixed(decimals)}` : fixed(decimals);
      return /(^|_)r$|pearson|spearman/.test(column) ? fixed(2) : column === 'index' ? fixed(0) : fixed(1);
    default:
      return cellLabel(column, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

export interface SectionTable {
  table: Table | null;
  notes: string[];
  /** The column widths given, in twips, for the tests and the layout check. */
  widths: number[];
}

const isFigure = (c: { format: string }) => ['count', 'rate', 'percent', 'number'].includes(c.format);

const cellText = (value: string, bold: boolean) => new TextRun({ text: value, bold, size: TABLE_SIZE, font: FONT });

/**
 * The table a section shows: the rows its chart draws (both halves of a breakdown), labels for codes, columns that
 * do not vary as a note, and each column as wide as its content needs, so no word breaks inside itself.
 */
export function sectionTable(prepared: Prepared, chart: { filterValue?: string | null } | undefined, config: SuppressionConfig): SectionTable {
  const analysis = prepared.analysis;
  const all = analysis?.columns.length ? analysis.columns : undefined;
  const columns = all ? (analysis?.table_columns ? all.filter((c) => analysis.table_columns!.includes(c.name)) : all) : Object.keys(prepared.rows[0] ?? {}).map((name) => ({ name, label: name, format: 'text' as const }));
  const indexed = prepared.rows.map((row, index) => ({ ...row, __row: index }));
  // A breakdown's chart (victims or offenders) draws one half at a time; its table shows both.
  const chosen = analysis && analysis.chart.type !== 'pyramid' ? filteredRows(analysis, indexed, { filterValue: chart?.filterValue ?? analysis.chart.filter?.value }) : indexed;
  const rows = chosen.slice(0, TABLE_ROWS);
  const marks = new Map(prepared.hidden.map((h) => [`${h.row}\u0000${h.column}`, hiddenMark(h.reason, config)]));
  // A figure column with no value in any row (a Mosaic index where the area has no Mosaic population) is marked as
  // no figure, rather than dropped from the table as if it had never been asked for.
  const absent = new Set(columns.filter((c) => isFigure(c) && rows.length > 0 && rows.every((r) => (r[c.name] ?? null) === null && !marks.has(`${r.__row}\u0000${c.name}`))).map((c) => c.name));
  const shown = (row: Record<string, JsonValue>, column: (typeof columns)[number]) =>
    marks.get(`${row.__row}\u0000${column.name}`) ?? (absent.has(column.name) ? '–' : packValue(row[column.name], column.format as ColumnFormat, column.name, 'decimals' in column ? column.decimals : undefined));
  const names = new Set(columns.map((c) => c.name));
  const isCode = (c: (typeof columns)[number]) => /_code$/.test(c.name) && names.has(c.name.replace(/_code$/, '_name'));
  // Columns that do not vary become a note; an empty one (a warning a single row does not carry) says nothing at all.
  const constant = columns.filter((c) => (rows.length > 1 || (rows.length === 1 && shown(rows[0], c) === '')) && rows.every((r) => shown(r, c) === shown(rows[0], c)) && c.format !== 'count');
  const shownColumns = columns.filter((c) => !constant.includes(c) && !isCode(c) && !parameterColumns.has(c.name));
  // A table too wide for the page even with every column at its longest word (a flagged share beside the
  // comparator's crimes and flagged crimes) leaves the comparator's counts to the XLSX export; its rates and shares stay.
  const fits = (cols: typeof shownColumns) => minimumWidth(cols.map((c) => c.label), rows.map((r) => cols.map((c) => shown(r, c)))) <= TEXT_WIDTH_TWIPS;
  // Still too wide (a district comparison with funnel limits, an area profile of every measure): columns give way in this
  // order, each group only if the table still does not fit — the comparator's counts, funnel limits, interval limits,
  // populations — and last, columns from the right; the table keeps at least its first two. All stay in the XLSX.
  const givesWay: ((c: (typeof shownColumns)[number]) => boolean)[] = [
    (c) => c.format === 'count' && c.name.startsWith('comparator_'),
    (c) => c.name.startsWith('funnel_'),
    (c) => /(^|_)(lower|upper)$/.test(c.name),
    (c) => /population/.test(c.name),
  ];
  let visible = shownColumns;
  for (const rule of givesWay) if (!fits(visible)) visible = visible.filter((c) => !rule(c));
  while (!fits(visible) && visible.length > 2) visible = visible.slice(0, -1);
  const left = shownColumns.filter((c) => !visible.includes(c));
  // A warning every row shares already leads the section's key points.
  const notes = constant.filter((c) => shown(rows[0], c) !== '' && !parameterColumns.has(c.name) && c.name !== 'warning').map((c) => `${c.label}: ${shown(rows[0], c)} for every row.`);
  if (rows.some((r) => columns.some((c) => shown(r, c) === '–'))) notes.push('– : no figure, because there is no data to compute it from (for example no population data); this is not suppression.');
  if (left.length) notes.push(`${left.map((c) => c.label).join(' and ')}: in the XLSX export (the table would not fit the page).`);
  if (chosen.length > rows.length) notes.push(`The first ${rows.length} of ${chosen.length} rows; the XLSX export has them all.`);
  if (rows.length === 0) return { table: null, notes: ['No rows.'], widths: [] };

  const numeric = isFigure;
  const widths = columnWidths(
    visible.map((c) => c.label),
    rows.map((r) => visible.map((c) => shown(r, c))),
  );
  const cell = (value: string, header: boolean, alignRight: boolean, width: number) =>
    new TableCell({
      children: [new Paragraph({ alignment: alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [cellText(value, header)] })],
      shading: header ? { fill: 'EDEDED' } : undefined,
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      width: { size: width, type: WidthType.DXA },
    });
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const table = new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { insideVertical: none, left: none, right: none },
    rows: [
      new TableRow({ tableHeader: true, children: visible.map((c, k) => cell(c.label, true, numeric(c), widths[k])) }),
      // A table of up to a page is kept whole (with its caption and notes), moving to the next page rather than
      // leaving a few rows there alone; a longer one keeps its last rows with the notes.
      ...rows.map((row, r) => new TableRow({ cantSplit: true, keepNext: rows.length <= KEEP_WHOLE || r >= rows.length - 3, children: visible.map((c, k) => cell(shown(row, c), false, numeric(c), widths[k])) })),
    ],
  });
  return { table, notes, widths };
}

/** Width of text at 9 pt Arial in twips, from the average letter: generous for capitals and digits. */
const textTwips = (s: string, bold = false) => Math.ceil(s.length * (bold ? 112 : 104));
const CELL_MARGINS = 140 + 40;

/** Each column's width at its longest word (header or cell): no narrower can it be without breaking a word. */
function wordWidths(headers: string[], cells: string[][]): number[] {
  const longestWord = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));
  return headers.map((h, c) => Math.max(textTwips('x'.repeat(longestWord(h)), true), ...cells.map((r) => textTwips('x'.repeat(longestWord(r[c] ?? ''))))) + CELL_MARGINS);
}

const minimumWidth = (headers: string[], cells: string[][]) => wordWidths(headers, cells).reduce((a, b) => a + b, 0);

/**
 * Widths that fit each column's content: at least its longest word (header or cell), and its longest cell on one line
 * when the page allows. Text columns give way first when the table would be wider than the text block.
 */
export function columnWidths(headers: string[], cells: string[][]): number[] {
  const need = wordWidths(headers, cells);
  const want = headers.map((h, c) => Math.max(need[c], Math.min(textTwips(h, true) / 2 + CELL_MARGINS, 2400), ...cells.map((r) => textTwips(r[c] ?? '') + CELL_MARGINS)));
  const total = want.reduce((a, b) => a + b, 0);
  if (total <= TEXT_WIDTH_TWIPS) {
    // Spread what is left over the columns in proportion, so the table spans the text block.
    const spare = TEXT_WIDTH_TWIPS - total;
    return want.map((w) => Math.floor(w + (spare * w) / total));
  }
  // Too wide: each column keeps its longest word, and the rest of the space is shared by what each wants beyond it.
  const floor = need.reduce((a, b) => a + b, 0);
  const room = Math.max(0, TEXT_WIDTH_TWIPS - floor);
  const extra = want.map((w, c) => w - need[c]);
  const extraTotal = extra.reduce((a, b) => a + b, 0) || 1;
  return need.map((n, c) => Math.floor(n + (room * extra[c]) / extraTotal));
}
