import { dateTime } from '../../../shared/format/dates';
import type {
  Table} from 'docx';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { checkKeyPoints } from '../../../shared/exports/keyPointCheck';
import { keyPointsFor, type KeyPoint } from '../../../shared/exports/keyPoints';
import { parameterLabels } from '../../../shared/exports/packLabels';
import type { SuppressionConfig } from '../../../shared/exports/suppression';
import { EngineError } from '../errors';
import { sectionTable, FONT, TEXT_WIDTH_TWIPS } from './packTable';
import type { Prepared } from './prepare';
import { provenanceLines } from './provenance';

export interface PackSection {
  prepared: Prepared;
  /** The chart as drawn by the renderer, at print resolution. */
  chartPng?: Buffer;
  chart?: { filterValue?: string | null; xMeasure?: string; yMeasure?: string };
  /** The chart's notes (a total not drawn, the ward mean), printed under its caption. */
  chartNotes?: string[];
  /** Further charts of the same result, each numbered as a figure: the offenders' half of a breakdown (victim-offender-profile). */
  moreCharts?: { chartPng: Buffer; chart?: { filterValue?: string | null }; chartNotes?: string[] }[];
}

export interface PackOptions {
  /** The protective marking in every page's header (Government Security Classifications): OFFICIAL by default. */
  marking?: string;
}

export const DEFAULT_MARKING = 'OFFICIAL';
/** The text block's width in CSS pixels (96 to the inch): a chart is never wider. */
export const CHART_WIDTH = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
/** Tallest a chart may be on the page, so a section's heading, key points and chart share the first page. */
const CHART_MAX_HEIGHT = Math.floor(6.1 * 96);

/** A PNG's signature, with room for the header that gives its size. */
export const isPng = (bytes: Buffer): boolean => bytes.length >= 24 && bytes.toString('ascii', 1, 4) === 'PNG';

/** Width and height of a PNG, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!isPng(png)) throw new Error('The chart image is not a PNG.');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The size a chart is placed at: the text block's width, or less when that would make it taller than allowed. */
export function chartPlacement(png: Buffer): { width: number; height: number } {
  const size = pngSize(png);
  const width = Math.min(CHART_WIDTH, Math.floor((CHART_MAX_HEIGHT * size.width) / size.height));
  return { width, height: Math.round((width * size.height) / size.width) };
}

const text = (value: string, options: { bold?: boolean; size?: number; colour?: string; italics?: boolean } = {}) =>
  new TextRun({ text: value, bold: options.bold, size: options.size, color: options.colour, italics: options.italics, font: FONT });

const para = (value: string, options: { size?: number; colour?: string; italics?: boolean; after?: number; bold?: boolean; keepNext?: boolean } = {}) =>
  new Paragraph({ children: [text(value, options)], spacing: { after: options.after ?? 120 }, keepNext: options.keepNext });

/** "victim" → "victims": the slice a second chart of a section draws, for its caption. */
const sliceName = (value: string) => (value === 'victim' ? 'victims' : value === 'offender' ? 'offenders' : value);

const headingOf = (prepared: Prepared) => `${prepared.title}${prepared.area ? `: ${prepared.area}` : ''}`;

/** A section's key points, checked against its table: a point the checker refuses stops the pack being written. */
export function checkedKeyPoints(section: PackSection): KeyPoint[] {
  const { prepared } = section;
  if (!prepared.analysis) return [];
  const context = { area: prepared.area, comparator: prepared.comparator, parameters: prepared.provenance.parameters, per: Number(prepared.provenance.parameters.per) || undefined };
  const points = keyPointsFor(prepared.analysis, prepared.rows, context, section.chart);
  const problems = checkKeyPoints(prepared.analysis, prepared.rows, points, { ...context, hidden: prepared.hidden }, section.chart);
  if (problems.length) {
    throw new EngineError('internal', `The key points of "${headingOf(prepared)}" do not agree with its table, so no pack was written: ${problems.map((p) => `${p.problem} ("${p.point}")`).join('; ')}`);
  }
  return points;
}

interface Numbered {
  figure: number;
  table: number;
}

function sectionBody(section: PackSection, points: KeyPoint[], config: SuppressionConfig, numbers: Numbered): (Paragraph | Table)[] {
  const { prepared } = section;
  const heading = headingOf(prepared);
  const out: (Paragraph | Table)[] = [new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  out.push(para([prepared.comparator ? `Compared with ${prepared.comparator}` : '', prepared.period].filter(Boolean).join(', '), { colour: '555555' }));
  const warnings = prepared.provenance.warnings ?? [];
  if (points.length || warnings.length) {
    out.push(new Paragraph({ text: 'Key points', heading: HeadingLevel.HEADING_2, keepNext: true }));
    // Warnings first: a reader must know the data does not cover the period before reading any figure from it.
    for (const warning of warnings) out.push(new Paragraph({ children: [text(`Warning: ${warning}`)], bullet: { level: 0 }, spacing: { after: 60 } }));
    for (const point of points) out.push(new Paragraph({ children: [text(point.text)], bullet: { level: 0 }, spacing: { after: 60 } }));
  }
  const charts = [...(section.chartPng ? [{ chartPng: section.chartPng, chart: section.chart, chartNotes: section.chartNotes }] : []), ...(section.moreCharts ?? [])];
  for (const { chartPng, chart, chartNotes } of charts) {
    const size = chartPlacement(chartPng);
    numbers.figure += 1;
    const slice = charts.length > 1 && chart?.filterValue ? ` (${sliceName(chart.filterValue)})` : '';
    const caption = `Figure ${numbers.figure}: ${heading}${slice}`;
    out.push(
      new Paragraph({
        spacing: { before: 160, after: 60 },
        keepNext: true,
        children: [
          new ImageRun({
            type: 'png',
            data: chartPng,
            transformation: size,
            altText: { name: caption, title: caption, description: `Chart: ${heading}. The figures are in the table that follows.` },
          }),
        ],
      }),
      new Paragraph({ style: 'Caption', children: [text(caption, { size: 18, italics: true, colour: '333333' })], spacing: { after: chartNotes?.length ? 60 : 200 } }),
      // The chart's own notes as text across the page: a total it does not draw, the mean line, the fitted r.
      ...(chartNotes ?? []).map((note, i, all) => new Paragraph({ children: [text(note, { size: 18, colour: '555555' })], spacing: { after: i === all.length - 1 ? 200 : 40 } })),
    );
  }
  const { table, notes } = sectionTable(prepared, section.chart, config);
  if (table) {
    numbers.table += 1;
    out.push(new Paragraph({ style: 'Caption', keepNext: true, children: [text(`Table ${numbers.table}: ${heading}`, { size: 18, italics: true, colour: '333333' })], spacing: { before: 120, after: 60 } }));
    out.push(table);
  }
  // The table's notes, suppression and sources are kept with its last rows, so none is left alone on a page. The
  // method, the files and their hashes are in the appendix, which keeps the section to its page.
  for (const note of notes) out.push(para(note, { size: 18, colour: '555555', italics: true, keepNext: true }));
  out.push(para(prepared.statement, { size: 18, colour: '555555', keepNext: true }));
  const datasets = [...new Set(prepared.provenance.sources.map((s) => s.dataset))];
  out.push(
    new Paragraph({
      keepLines: true,
      spacing: { after: 120 },
      children: [text(`Source: ${datasets.length ? datasets.join(', ') : `workspace ${prepared.provenance.workspace}`}, in this workspace. The method, files and hashes are in the appendix.`, { size: 18, colour: '555555' })],
    }),
  );
  return out;
}

/** The parameters an analysis takes, by their labels, with the values it ran with: no others. */
function parameterLine(prepared: Prepared): string {
  const declared = prepared.analysis?.parameters ?? Object.keys(prepared.provenance.parameters).map((name) => ({ name, label: name }));
  const values = prepared.provenance.parameters;
  return (
    declared
      .filter((p) => values[p.name] !== undefined && values[p.name] !== '')
      .map((p) => `${parameterLabels[p.name] ?? p.label}: ${String(values[p.name])}`)
      .join('; ') || 'none'
  );
}

/** The appendix: every section's method, parameters and sources, in full, with the hashes that identify the files. */
function appendix(sections: PackSection[]): Paragraph[] {
  const out = [new Paragraph({ text: 'Appendix: methods and sources', heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  out.push(para('Every figure in this pack was computed on this computer from the files listed, by the analyses named, with the parameters shown. The same workspace, analysis and parameters give the same numbers.'));
  for (const { prepared } of sections) {
    out.push(new Paragraph({ text: headingOf(prepared), heading: HeadingLevel.HEADING_2, keepNext: true }));
    for (const [label, value] of provenanceLines(prepared.provenance, prepared.statement)) {
      const shown = label === 'Parameters' ? parameterLine(prepared) : value;
      out.push(new Paragraph({ children: [text(`${label}: `, { bold: true, size: 18 }), text(shown, { size: 18 })], spacing: { after: 60 } }));
    }
  }
  return out;
}

/** The one-page summary: each section's lead key point, under its title. */
function summary(sections: PackSection[], points: KeyPoint[][]): Paragraph[] {
  const out = [new Paragraph({ text: 'Summary of key points', heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  sections.forEach(({ prepared }, k) => {
    const lead = points[k][0];
    if (!lead) return;
    out.push(new Paragraph({ children: [text(`${prepared.title}. `, { bold: true, size: 19 }), text(lead.text, { size: 19 })], bullet: { level: 0 }, spacing: { after: 50 } }));
  });
  return out;
}

/**
 * A Word board pack: a title page with the protective marking, contents with page numbers, a one-page summary of the
 * key points, one section per analysis (key points, numbered chart and table, suppression, method, source), then the
 * appendix. Every page's header carries the marking; its footer the title, export time, version and page number.
 * Key points are checked against their tables first: a pack that would say something its numbers do not is not
 * written.
 */
export async function buildBoardPack(title: string, sections: PackSection[], config: SuppressionConfig, options: PackOptions = {}): Promise<Buffer> {
  const marking = options.marking?.trim() || DEFAULT_MARKING;
  const points = sections.map(checkedKeyPoints);
  const first = sections[0].prepared;
  const exportedAt = first.provenance.exported_at;
  const version = first.provenance.app_version;
  const areas = [...new Set(sections.map((s) => s.prepared.area).filter(Boolean))];
  // The period most sections cover leads the title page (the trend's 24 months and the change's 12 are in their own
  // sections), rather than a list of every variant.
  const periods = sections.map((s) => s.prepared.period).filter(Boolean);
  const period = [...new Set(periods)].sort((a, b) => periods.filter((p) => p === b).length - periods.filter((p) => p === a).length)[0] ?? '';
  const titlePage = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(marking, { bold: true, size: 28 })], spacing: { after: 1600 } }),
    new Paragraph({ text: title, heading: HeadingLevel.TITLE, spacing: { after: 400 } }),
    para(areas.join(', '), { size: 32 }),
    para(period, { size: 26, colour: '555555' }),
    para(`Prepared ${dateTime(exportedAt).replace(/,.*$/, '')} with Community Safety Workbench ${version}.`, { size: 22 }),
    para(
      first.statement.startsWith('Small-number suppression:')
        ? `Small numbers are suppressed throughout: counts from 1 to ${config.threshold - 1} are shown as "<${config.threshold}", and cells marked "[c]" are hidden so that they cannot be worked out from totals.`
        : first.statement,
      { size: 20, italics: true },
    ),
    para(`Protective marking: ${marking}. Handle, store and share this pack as its marking requires.`, { size: 20 }),
  ];
  const contents = [
    new Paragraph({ children: [text('Contents', { bold: true, size: 32 })], pageBreakBefore: true, spacing: { after: 240 } }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
  const numbers: Numbered = { figure: 0, table: 0 };
  const body = sections.flatMap((s, k) => sectionBody(s, points[k], config, numbers));
  const header = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(marking, { bold: true, size: 20 })] })] });
  const footer = new Footer({
    children: [
      new Paragraph({
        children: [
          text(`${title} · ${marking} · exported ${dateTime(exportedAt)} · Community Safety Workbench ${version} · page `, { size: 18, colour: '555555' }),
          new TextRun({ children: [PageNumber.CURRENT], size: 18, color: '555555', font: FONT }),
          text(' of ', { size: 18, colour: '555555' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, color: '555555', font: FONT }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: `Community Safety Workbench ${version}`,
    title,
    description: `Board pack (${marking}): ${sections.map((s) => s.prepared.title).join('; ')}`,
    styles: {
      default: { document: { run: { font: FONT, size: 21 } } },
      paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 18, font: FONT } }],
    },
    // The contents' page numbers are laid out and written with the document, so they show before Word updates them.
    pageNumbers: estimatePageNumbers,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440, header: 708, footer: 708 } } },
        headers: { default: header },
        footers: { default: footer },
        children: [...titlePage, ...contents, ...summary(sections, points), ...body, ...appendix(sections)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
