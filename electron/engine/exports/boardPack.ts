import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { JsonValue } from '../../../shared/api';
import { filteredRows } from '../../../shared/charts/options';
import { keyPoints } from '../../../shared/exports/keyPoints';
import { hiddenMark, type SuppressionConfig } from '../../../shared/exports/suppression';
import { presentValue, type ColumnFormat } from '../../../shared/format/present';
import type { Prepared } from './prepare';
import { provenanceLines } from './provenance';

export interface PackSection {
  prepared: Prepared;
  /** The chart as drawn by the renderer, at print resolution. */
  chartPng?: Buffer;
  chart?: { filterValue?: string | null; xMeasure?: string; yMeasure?: string };
}

/** Rows a section's table shows; the full result goes in the XLSX export. */
const TABLE_ROWS = 60;
/** Chart width on the page, in pixels at 96 to the inch (6.5 inches: an A4 page inside its margins). */
const CHART_WIDTH = 624;
const FONT = 'Arial';

/** Width and height of a PNG, from its header. */
/** A PNG's signature, with room for the header that gives its size. */
export const isPng = (bytes: Buffer): boolean => bytes.length >= 24 && bytes.toString('ascii', 1, 4) === 'PNG';

export function pngSize(png: Buffer): { width: number; height: number } {
  if (!isPng(png)) throw new Error('The chart image is not a PNG.');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const text = (value: string, options: { bold?: boolean; size?: number; colour?: string; italics?: boolean } = {}) =>
  new TextRun({ text: value, bold: options.bold, size: options.size, color: options.colour, italics: options.italics, font: FONT });

const para = (value: string, options: { size?: number; colour?: string; italics?: boolean; after?: number } = {}) =>
  new Paragraph({ children: [text(value, options)], spacing: { after: options.after ?? 120 } });

/** The table a section shows: the rows its chart draws, with columns every row shares moved into a note. */
function sectionTable(section: PackSection, config: SuppressionConfig): { table: Table | null; notes: string[] } {
  const { prepared } = section;
  const analysis = prepared.analysis;
  const columns = analysis?.columns.length ? analysis.columns : Object.keys(prepared.rows[0] ?? {}).map((name) => ({ name, label: name, format: 'text' as const }));
  const indexed = prepared.rows.map((row, index) => ({ ...row, __row: index }));
  const chosen = analysis ? filteredRows(analysis, indexed, { filterValue: section.chart?.filterValue ?? analysis.chart.filter?.value }) : indexed;
  const rows = chosen.slice(0, TABLE_ROWS);
  const marks = new Map(prepared.hidden.map((h) => [`${h.row}\u0000${h.column}`, hiddenMark(h.reason, config)]));
  const shown = (row: Record<string, JsonValue>, column: (typeof columns)[number]) =>
    marks.get(`${row.__row}\u0000${column.name}`) ?? presentValue(row[column.name], column.format as ColumnFormat);
  const constant = columns.filter((c) => rows.length > 1 && rows.every((r) => shown(r, c) === shown(rows[0], c)) && c.format !== 'count');
  const visible = columns.filter((c) => !constant.includes(c));
  const notes = constant.filter((c) => shown(rows[0], c) !== '').map((c) => `${c.label}: ${shown(rows[0], c)} for every row.`);
  if (chosen.length > rows.length) notes.push(`The first ${rows.length} of ${chosen.length} rows; the XLSX export has them all.`);
  if (rows.length === 0) return { table: null, notes: ['No rows.'] };
  const cell = (value: string, header: boolean, numeric: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(value, { bold: header, size: 17 })] })],
      shading: header ? { fill: 'EDEDED' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const numeric = (c: (typeof columns)[number]) => ['count', 'rate', 'percent', 'number'].includes(c.format);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
    rows: [
      new TableRow({ tableHeader: true, children: visible.map((c) => cell(c.label, true, numeric(c))) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: visible.map((c) => cell(shown(row, c), false, numeric(c))) })),
    ],
  });
  return { table, notes };
}

function sectionBody(section: PackSection, config: SuppressionConfig): (Paragraph | Table)[] {
  const { prepared } = section;
  const heading = `${prepared.title}${prepared.area ? `: ${prepared.area}` : ''}`;
  const out: (Paragraph | Table)[] = [new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  out.push(para([prepared.comparator ? `Compared with ${prepared.comparator}` : '', prepared.period].filter(Boolean).join(', '), { colour: '555555' }));
  if (prepared.analysis) {
    out.push(new Paragraph({ text: 'Key points', heading: HeadingLevel.HEADING_2 }));
    const per = Number(prepared.provenance.parameters.per) || undefined;
    // Warnings first: a reader must know the data does not cover the period before reading any figure from it.
    for (const warning of prepared.provenance.warnings ?? []) out.push(new Paragraph({ children: [text(`Warning: ${warning}`)], bullet: { level: 0 }, spacing: { after: 60 } }));
    for (const point of keyPoints(prepared.analysis, prepared.rows, { area: prepared.area, comparator: prepared.comparator, per }, section.chart)) {
      out.push(new Paragraph({ children: [text(point)], bullet: { level: 0 }, spacing: { after: 60 } }));
    }
  }
  if (section.chartPng) {
    const size = pngSize(section.chartPng);
    out.push(
      new Paragraph({
        spacing: { before: 200, after: 200 },
        children: [
          new ImageRun({
            type: 'png',
            data: section.chartPng,
            transformation: { width: CHART_WIDTH, height: Math.round((CHART_WIDTH * size.height) / size.width) },
            altText: { name: heading, title: heading, description: `Chart: ${heading}. The figures are in the table below.` },
          }),
        ],
      }),
    );
  }
  const { table, notes } = sectionTable(section, config);
  out.push(new Paragraph({ text: 'Table', heading: HeadingLevel.HEADING_2 }));
  if (table) out.push(table);
  for (const note of notes) out.push(para(note, { size: 17, colour: '555555', italics: true }));
  out.push(para(prepared.statement, { size: 17, colour: '555555' }));
  out.push(para(`Method. ${prepared.provenance.method}`, { size: 18 }));
  out.push(para(prepared.source, { size: 16, colour: '555555' }));
  return out;
}

/** The appendix: every section's method, parameters and sources, in full, with the hashes that identify the files. */
function appendix(sections: PackSection[]): Paragraph[] {
  const out = [new Paragraph({ text: 'Appendix: methods and sources', heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  out.push(para('Every figure in this pack was computed on this computer from the files listed, by the analyses named, with the parameters shown. The same workspace, analysis and parameters give the same numbers.'));
  for (const { prepared } of sections) {
    out.push(new Paragraph({ text: `${prepared.title}${prepared.area ? `: ${prepared.area}` : ''}`, heading: HeadingLevel.HEADING_2 }));
    for (const [label, value] of provenanceLines(prepared.provenance, prepared.statement)) {
      out.push(new Paragraph({ children: [text(`${label}: `, { bold: true, size: 18 }), text(value, { size: 18 })], spacing: { after: 60 } }));
    }
  }
  return out;
}

/**
 * A Word board pack: title page, one section per analysis (key points, chart, table, suppression, method, source),
 * then the appendix. Every page's footer carries the pack's title, the export time and the software version.
 */
export async function buildBoardPack(title: string, sections: PackSection[], config: SuppressionConfig): Promise<Buffer> {
  const first = sections[0].prepared;
  const exportedAt = first.provenance.exported_at;
  const version = first.provenance.app_version;
  const areas = [...new Set(sections.map((s) => s.prepared.area).filter(Boolean))];
  const periods = [...new Set(sections.map((s) => s.prepared.period).filter(Boolean))];
  const titlePage = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE, spacing: { before: 2400, after: 400 } }),
    para(areas.join(', '), { size: 32 }),
    para(periods.join('; '), { size: 26, colour: '555555' }),
    para(`Prepared ${new Date(exportedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })} with Community Safety Workbench ${version}.`, { size: 22 }),
    para(`Contents: ${sections.map((s) => s.prepared.title).join('; ')}; Appendix: methods and sources.`, { size: 20 }),
    para(sections[0].prepared.statement.startsWith('Small-number suppression:') ? `Small numbers are suppressed throughout: counts from 1 to ${config.threshold - 1} are shown as "<${config.threshold}", and cells marked "[c]" are hidden so that they cannot be worked out from totals.` : sections[0].prepared.statement, { size: 20, italics: true }),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        children: [
          text(`${title} · exported ${exportedAt} · Community Safety Workbench ${version} · sources and methods in the appendix · page `, { size: 14, colour: '555555' }),
          new TextRun({ children: [PageNumber.CURRENT], size: 14, color: '555555', font: FONT }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: `Community Safety Workbench ${version}`,
    title,
    description: `Board pack: ${sections.map((s) => s.prepared.title).join('; ')}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ footers: { default: footer }, children: [...titlePage, ...sections.flatMap((s) => sectionBody(s, config)), ...appendix(sections)] }],
  });
  return Packer.toBuffer(document);
}
